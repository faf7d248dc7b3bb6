import type { Node, Tree } from 'web-tree-sitter';
import { type ImportBinding, SUMMARY_LIMITS, type WorkspaceLanguage } from './summaryTypes';

/*
 * The names a file's import statements bring in, its package or namespace, and its class declarations
 * with their bases, read from the syntax tree's top levels (import statements are simple enough that
 * their text is split, not evaluated). One small reader per language.
 */

const CLASS_TYPES = new Set(['class_definition', 'class_declaration', 'abstract_class_declaration', 'record_declaration', 'object_declaration', 'class']);
const CONTAINERS = /^(namespace_declaration|file_scoped_namespace_declaration|declaration_list|export_statement|decorated_definition|block|program|module|source_file|compilation_unit|class_body|statement_block|namespace_definition|compound_statement|body_statement)$/;

export interface DeclaredClass {
  name: string;
  node: Node;
  bases: string[];
}

export interface ModuleShape {
  packageName?: string;
  imports: ImportBinding[];
  classes: DeclaredClass[];
}

/** Imports, package and classes of one file. */
export function moduleShape(tree: Tree, language: WorkspaceLanguage, isPackageInit: boolean): ModuleShape {
  const shape: ModuleShape = { imports: [], classes: [] };
  const visit = (node: Node, depth: number): void => {
    if (shape.imports.length >= SUMMARY_LIMITS.imports) return;
    const read = READERS[language];
    read(node, shape, isPackageInit);
    if (CLASS_TYPES.has(node.type)) {
      const name = node.childForFieldName('name')?.text;
      if (name && shape.classes.length < SUMMARY_LIMITS.classes) shape.classes.push({ name, node, bases: basesOf(node, language) });
    }
    if (depth < 6 && (depth === 0 || CONTAINERS.test(node.type) || CLASS_TYPES.has(node.type))) {
      for (const child of node.namedChildren) if (child) visit(child, depth + 1);
    }
  };
  visit(tree.rootNode, 0);
  return shape;
}

type Reader = (node: Node, shape: ModuleShape, isPackageInit: boolean) => void;

const READERS: Record<WorkspaceLanguage, Reader> = {
  python(node, shape, isPackageInit) {
    const text = node.text.replace(/[()\\\n]/g, ' ').replace(/\s+/g, ' ').trim();
    if (node.type === 'import_statement') {
      for (const part of text.replace(/^import /, '').split(',')) {
        const [module, alias] = part.trim().split(/ as /);
        if (module) shape.imports.push({ local: (alias ?? module).trim(), module: module.trim(), member: '*' });
      }
    } else if (node.type === 'import_from_statement') {
      const m = /^from (\S+) import\s+(.+)$/.exec(text);
      if (!m) return;
      for (const part of m[2].split(',')) {
        const [member, alias] = part.trim().split(/ as /);
        if (!member || member === '*') continue;
        shape.imports.push({ local: (alias ?? member).trim(), module: m[1], member: member.trim(), ...(isPackageInit ? { reexport: true } : {}) });
      }
    }
  },
  javascript(node, shape) {
    if (node.type === 'import_statement' || (node.type === 'export_statement' && node.childForFieldName('source'))) {
      const source = node.childForFieldName('source')?.text.slice(1, -1);
      if (!source) return;
      const reexport = node.type === 'export_statement';
      const text = node.text.replace(/\s+/g, ' ');
      const star = /\* as (\w+)/.exec(text);
      if (star) shape.imports.push({ local: star[1], module: source, member: '*', ...(reexport ? { reexport } : {}) });
      else if (reexport && /^export \*/.test(text)) shape.imports.push({ local: '*', module: source, member: '*', reexport });
      const def = /^import (?:type )?([A-Za-z_$][\w$]*)\s*(,|from)/.exec(text);
      if (def) shape.imports.push({ local: def[1], module: source, member: 'default' });
      const braces = /\{([^}]*)\}/.exec(text);
      for (const part of braces?.[1].split(',') ?? []) {
        const [member, alias] = part.trim().replace(/^type /, '').split(/ as /);
        if (member) shape.imports.push({ local: (alias ?? member).trim(), module: source, member: member.trim(), ...(reexport ? { reexport } : {}) });
      }
    } else if (node.type === 'lexical_declaration' || node.type === 'variable_declaration') {
      const m = /^(?:const|let|var) (\{[^}]*\}|[A-Za-z_$][\w$]*) = require\(['"]([^'"]+)['"]\)/.exec(node.text.replace(/\s+/g, ' '));
      if (!m) return;
      if (m[1].startsWith('{')) {
        for (const part of m[1].slice(1, -1).split(',')) {
          const [member, alias] = part.trim().split(/\s*:\s*/);
          if (member) shape.imports.push({ local: (alias ?? member).trim(), module: m[2], member: member.trim() });
        }
      } else shape.imports.push({ local: m[1], module: m[2], member: '*' });
    }
  },
  go(node, shape) {
    if (node.type === 'package_clause') shape.packageName = node.namedChildren[0]?.text;
    if (node.type !== 'import_declaration') return;
    for (const m of node.text.replace(/^import\s*/, '').matchAll(/(?:^|\s|\()([A-Za-z_.]\w*)?\s*"([^"]+)"/g)) {
      const path = m[2];
      const local = m[1] ?? path.split('/').pop()!;
      if (local !== '_' && local !== '.') shape.imports.push({ local, module: path, member: '*' });
    }
  },
  java(node, shape) {
    if (node.type === 'package_declaration') shape.packageName = node.text.replace(/^package\s+|;$/g, '').trim();
    if (node.type !== 'import_declaration') return;
    const m = /^import\s+(static\s+)?([\w.]+?)(\.\*)?\s*;/.exec(node.text);
    if (!m) return;
    const dot = m[2].lastIndexOf('.');
    if (m[3]) shape.imports.push({ local: '*', module: m[2], member: '*' });
    else shape.imports.push({ local: m[2].slice(dot + 1), module: m[2].slice(0, dot), member: m[2].slice(dot + 1) });
  },
  kotlin(node, shape) {
    // `package com.acme.net`, `import com.acme.net.HttpHelper`, `import com.acme.net.*`, `import com.acme.net.fetch as get`
    if (node.type === 'package_header') shape.packageName = node.text.replace(/^package\s+/, '').replace(/[;\s]/g, '');
    if (node.type !== 'import') return;
    const m = /^import\s+([\w.]+?)(\.\*)?(?:\s+as\s+(\w+))?\s*;?\s*$/.exec(node.text);
    if (!m) return;
    const dot = m[1].lastIndexOf('.');
    if (m[2]) shape.imports.push({ local: '*', module: m[1], member: '*' });
    else if (dot > 0) shape.imports.push({ local: m[3] ?? m[1].slice(dot + 1), module: m[1].slice(0, dot), member: m[1].slice(dot + 1) });
  },
  php(node, shape) {
    // `namespace App\Services;`, `use App\Http\ApiClient;`, `use GuzzleHttp\Client as Guzzle;`, `use App\Http\{Retrying, Plain as P};`
    if (node.type === 'namespace_definition') shape.packageName ??= node.childForFieldName('name')?.text ?? node.namedChildren.find((c) => c?.type === 'namespace_name')?.text;
    if (node.type !== 'namespace_use_declaration' || /^use\s+(function|const)\b/.test(node.text)) return;
    const text = node.text.replace(/\s+/g, ' ').replace(/^use /, '').replace(/;$/, '').trim();
    const group = /^\\?([\w\\]+)\\\{([^}]*)\}$/.exec(text);
    const parts = group ? group[2].split(',').map((p) => `${group[1]}\\${p.trim()}`) : text.split(',');
    for (const part of parts) {
      const [name, alias] = part.trim().replace(/^\\/, '').split(/ as /i);
      const cut = name.lastIndexOf('\\');
      if (cut > 0) shape.imports.push({ local: (alias ?? name.slice(cut + 1)).trim(), module: name.slice(0, cut), member: name.slice(cut + 1).trim() });
    }
  },
  ruby(node, shape) {
    // Ruby's constants are global: the files of one library share its outermost module (`module Shop … end`),
    // which stands for the package; `require_relative "base_client"` names a file.
    if (node.type === 'module' && !shape.packageName && node.parent?.type === 'program') shape.packageName = node.childForFieldName('name')?.text;
    if (node.type !== 'call' || node.parent?.type !== 'program') return;
    const m = /^require_relative\s*\(?\s*["']([^"']+)["']/.exec(node.text);
    if (m) shape.imports.push({ local: '*', module: m[1].startsWith('.') ? m[1] : `./${m[1]}`, member: '*' });
  },
  rust() {
    // A crate's modules see each other's items by path (`quote::fetch_quote`, `use crate::quote::fetch_quote`): the
    // crate is the package (set from the file's place under `src/`, see summarise.ts); `use` adds nothing more.
  },
  csharp(node, shape) {
    if (/namespace_declaration$/.test(node.type)) shape.packageName ??= node.childForFieldName('name')?.text;
    if (node.type !== 'using_directive') return;
    const alias = /^using\s+(\w+)\s*=\s*([\w.]+)\.(\w+)\s*;/.exec(node.text);
    if (alias) shape.imports.push({ local: alias[1], module: alias[2], member: alias[3] });
    const plain = /^using\s+(?:static\s+)?([\w.]+)\s*;/.exec(node.text);
    if (plain) shape.imports.push({ local: '*', module: plain[1], member: '*' });
  },
};

function basesOf(node: Node, language: WorkspaceLanguage): string[] {
  let text = '';
  if (language === 'python') text = node.childForFieldName('superclasses')?.text.replace(/^\(|\)$/g, '') ?? '';
  else if (language === 'ruby') text = node.childForFieldName('superclass')?.text.replace(/^<\s*/, '').replace(/^.*::/, '') ?? '';
  else if (language === 'java') text = node.childForFieldName('superclass')?.text.replace(/^extends\s+/, '') ?? '';
  else {
    // (Kotlin: `class OrdersApi(http: HttpClient) : BaseApi(http), Closeable` — delegation_specifiers)
    // (PHP: `class Orders extends \App\Base\Service` — base_clause; the class's last name)
    const heritage = node.namedChildren.find((c) => c !== null && /^(class_heritage|base_list|delegation_specifiers|base_clause)$/.test(c.type));
    text = heritage?.text.replace(/^(extends|:)\s*/, '').replace(/\bimplements\b.*$/s, '') ?? '';
  }
  return text.split(',').map((b) => b.trim().replace(/<.*$/s, '').replace(/\(.*$/s, '').replace(/^.*\\/, '')).filter((b) => /^[A-Za-z_$][\w$.]*$/.test(b) && !/^(object|metaclass=.*)$/.test(b));
}

/** The class declaration around a node, by name (methods of a class, fields of its instances). */
export function enclosingClassName(node: Node): string | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (CLASS_TYPES.has(n.type)) return n.childForFieldName('name')?.text;
  }
  return undefined;
}
