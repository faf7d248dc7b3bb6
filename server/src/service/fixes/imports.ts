/**
 * Merges import lines into a file's existing import block without duplicates, per language:
 * Python `import x` (into its stdlib or third-party group: pythonImports.ts), JS/TS `import a, { b } from 'm'` (merged into an existing import of the same
 * module), Go `import "p"` (folded into one grouped declaration), Java `import x;`, C# `using X;`.
 * Returns the edits and the offset just after the import block (where a helper may go).
 */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../types';
import { pythonGroupedImports } from './pythonImports';
import { rubyImports } from './rubyImports';
import { phpImports } from './phpImports';
import { rustImports } from './rustImports';
import { Doc, edit, eol, insertAt } from './text';

export interface ImportPlan {
  edits: TextEdit[];
  /** Offset after the (existing) import block, or after the file's preamble when it has none. */
  afterImports: number;
}

export function mergeImports(doc: Doc, wanted: readonly string[]): ImportPlan {
  const root = doc.tree?.rootNode;
  if (!root) return { edits: [], afterImports: 0 };
  switch (doc.languageId) {
    case 'python':
      return lineImports(doc, root, wanted, ['import_statement', 'import_from_statement', 'future_import_statement'], pythonPreamble(root));
    case 'java':
      return lineImports(doc, root, wanted, ['import_declaration'], after(root, ['package_declaration']));
    case 'csharp':
      return lineImports(doc, root, wanted, ['using_directive'], 0);
    case 'go':
      return goImports(doc, root, wanted);
    case 'ruby':
      return rubyImports(doc, root, wanted);
    case 'php':
      return phpImports(doc, root, wanted);
    case 'rust':
      return rustImports(doc, root, wanted);
    case 'kotlin':
      return lineImports(doc, root, wanted, ['import'], after(root, ['package_header']));
    default:
      return jsImports(doc, root, wanted);
  }
}

const norm = (line: string) => line.replace(/\s+/g, ' ').replace(/\s*;\s*$/, '').trim();

function topLevel(root: Node, types: string[]): Node[] {
  return root.namedChildren.filter((n): n is Node => !!n && types.includes(n.type));
}

function after(root: Node, types: string[]): number {
  const found = topLevel(root, types);
  return found.length ? found[found.length - 1].endIndex : 0;
}

function pythonPreamble(root: Node): number {
  const first = root.namedChildren[0];
  return first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' ? first.endIndex : 0;
}

/** Languages where an import is one line and identical lines mean the same import. */
function lineImports(doc: Doc, root: Node, wanted: readonly string[], types: string[], preamble: number): ImportPlan {
  const existing = topLevel(root, types);
  const have = new Set(existing.map((n) => norm(n.text)));
  // `import java.util.*;` covers java.util.Set.
  const wildcards = existing.map((n) => norm(n.text)).filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1));
  const missing = [...new Set(wanted)].sort().filter((line) => {
    const n = norm(line);
    return !have.has(n) && !wildcards.some((w) => n.startsWith(w) && !n.slice(w.length).includes('.'));
  });
  const nl = eol(doc);
  const anchor = existing.length ? existing[existing.length - 1].endIndex : preamble;
  if (missing.length === 0) return { edits: [], afterImports: anchor };
  if (doc.languageId === 'python' && existing.length) return { edits: pythonGroupedImports(doc, existing, missing), afterImports: anchor };
  const block = missing.join(nl);
  const text = anchor === 0 ? block + nl + (doc.text.length ? nl : '') : nl + block + (existing.length ? '' : nl);
  return { edits: [insertAt(doc, anchor, text)], afterImports: anchor };
}

/** Go: every import spec (kept verbatim) folded into one grouped declaration. */
function goImports(doc: Doc, root: Node, wanted: readonly string[]): ImportPlan {
  const decls = topLevel(root, ['import_declaration']);
  const specs: string[] = [];
  const paths = new Set<string>();
  for (const decl of decls) {
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      specs.push(spec.text);
      paths.add(spec.childForFieldName('path')?.text ?? spec.text);
    }
  }
  const add = wanted.map((line) => line.replace(/^import\s+/, '').trim()).filter((spec) => {
    const path = /"[^"]*"/.exec(spec)?.[0] ?? spec;
    if (paths.has(path)) return false;
    paths.add(path);
    return true;
  });
  const anchor = decls.length ? decls[decls.length - 1].endIndex : after(root, ['package_clause']);
  if (add.length === 0) return { edits: [], afterImports: anchor };
  const nl = eol(doc);
  const sortKey = (s: string) => /"([^"]*)"/.exec(s)?.[1] ?? s;
  const all = [...specs, ...add].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const group = `import (${nl}${all.map((s) => `\t${s}`).join(nl)}${nl})`;
  if (decls.length === 0) return { edits: [insertAt(doc, anchor, nl + nl + group)], afterImports: anchor };
  const edits = [edit(doc, decls[0].startIndex, decls[decls.length - 1].endIndex, group)];
  return { edits, afterImports: anchor };
}

interface JsImport {
  defaultName?: string;
  named: string[];
  module: string;
}

function parseJsImport(line: string): JsImport | undefined {
  const m = /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/.exec(line.trim());
  if (!m) return undefined;
  const named = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { defaultName: m[1], named, module: m[3] };
}

function jsImports(doc: Doc, root: Node, wanted: readonly string[]): ImportPlan {
  const existing = topLevel(root, ['import_statement']);
  const requires = root.namedChildren.filter(
    (n): n is Node => !!n && /^(lexical|variable)_declaration$/.test(n.type) && /\brequire\(\s*['"]/.test(n.text),
  );
  const block = [...existing, ...requires].sort((a, b) => a.endIndex - b.endIndex);
  const first = root.namedChildren[0];
  const preamble = first?.type === 'expression_statement' && /^['"]use strict['"]/.test(first.text) ? first.endIndex : root.namedChildren[0]?.type === 'hash_bang_line' ? root.namedChildren[0].endIndex : 0;
  const anchor = block.length ? block[block.length - 1].endIndex : preamble;
  const edits: TextEdit[] = [];
  const fresh: string[] = [];
  for (const line of wanted) {
    const want = parseJsImport(line);
    if (!want) continue;
    const same = existing.find((n) => parseJsImport(n.text)?.module === want.module);
    const required = requires.find((n) => new RegExp(`require\\(\\s*['"]${want.module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`).test(n.text));
    if (required) continue; // CommonJS: the module is bound already; the helper uses its default binding
    if (!same) {
      fresh.push(line);
      continue;
    }
    const have = parseJsImport(same.text);
    if (!have) continue; // namespace import or side-effect import: leave it alone
    const names = (list: string[]) => list.map((s) => s.replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim());
    const missingNamed = want.named.filter((s) => !names(have.named).includes(names([s])[0]));
    const needDefault = want.defaultName && !have.defaultName;
    if (!missingNamed.length && !needDefault) continue;
    const merged = [...have.named, ...missingNamed];
    const head = [have.defaultName ?? (needDefault ? want.defaultName : undefined), merged.length ? `{ ${merged.join(', ')} }` : undefined].filter(Boolean).join(', ');
    const quote = /from\s*(['"])/.exec(same.text)?.[1] ?? "'";
    const semi = same.text.trimEnd().endsWith(';') ? ';' : '';
    edits.push(edit(doc, same.startIndex, same.endIndex, `import ${head} from ${quote}${have.module}${quote}${semi}`));
  }
  if (fresh.length) {
    const nl = eol(doc);
    edits.push(insertAt(doc, anchor, anchor === 0 ? fresh.join(nl) + nl + nl : nl + fresh.join(nl)));
  }
  return { edits, afterImports: anchor };
}
