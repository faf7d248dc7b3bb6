import type { TextLines } from '../parsing/textLines';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import { cachedRegExp } from '../regexCache';

/* What a file's imports say about a name it uses: which library (or which of its own modules) it comes from, under which alias. */

/** The file imports `name` from a relative module: Python `from .base import Status`, JavaScript `from './status'`. */
export function importedRelatively(text: string, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  return new RegExp(`^[ \\t]*from[ \\t]+\\.[\\w.]*[ \\t]+import[ \\t]*\\(?[^\\n)]*\\b${name}\\b|import\\s+(?:type\\s+)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]\\.{1,2}/`, 'm').test(text);
}

/**
 * JavaScript: the file imports `name` from a module (`import { X } from 'm'`, `const { X } = require('m')`) that no
 * alias of the catalog's class names: the file's `X` is that module's own class.
 */
export function importedFromOtherModule(text: string, name: string, aliases: readonly string[]): boolean {
  const braces = `\\{[^}]*\\b${name}\\b[^}]*\\}`;
  const m = new RegExp(`import\\s+(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?${braces}\\s*from\\s*['"]([^'"]+)['"]|(?:const|let|var)\\s*${braces}\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]`).exec(text);
  const module = m?.[1] ?? m?.[2];
  return !!module && !aliases.some((a) => a.toLowerCase().includes(module.toLowerCase()));
}

/** True when the text imports `name` (or its namespace) as one of the qualified `aliases` spells it. */
export function importedFromLibrary(lines: TextLines, name: string, aliases: readonly string[] | undefined): boolean {
  // Asked for every use of a name (`Error` in each `throw new Error(…)`): answered once per document and name.
  let answers = importAnswers.get(lines);
  if (!answers) importAnswers.set(lines, (answers = new Map()));
  const key = `${name}|${(aliases ?? []).join(',')}`;
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = importsFromLibrary(lines.text, name, aliases)));
  return answer;
}

const importAnswers = new WeakMap<TextLines, Map<string, boolean>>();

function importsFromLibrary(text: string, name: string, aliases: readonly string[] | undefined): boolean {
  for (const alias of aliases ?? []) {
    if (!alias.endsWith(`.${name}`)) continue;
    const space = alias.slice(0, -name.length - 1).replace(/\./g, '\\.');
    // Python `from openai import X` / `from openai.errors import (A, X)`, Java `import a.b.X;` / `import a.b.*;`, C# `using A.B;`
    // PHP `use GuzzleHttp\Exception\ConnectException;` (a backslash-separated namespace)
    const php = alias.slice(0, -name.length - 1).replace(/\./g, '\\\\');
    // (Kotlin's imports end without a semicolon: `import retrofit2.HttpException`, `import io.ktor.client.plugins.*`.)
    const pattern = cachedRegExp(`^[ \\t]*(?:from[ \\t]+${space}[ \\t]+import[ \\t]*(?:\\([^)]*|[^\\n]*)\\b${name}\\b|import[ \\t]+${space}\\.(?:${name}|\\*)[ \\t]*(?:;|$)|(?:global[ \\t]+)?using[ \\t]+${space}[ \\t]*;|use[ \\t]+\\\\?${php}\\\\${name}[ \\t]*(?:as[ \\t]+\\w+[ \\t]*)?;)`, 'm');
    if (pattern.test(text)) return true;
  }
  return false;
}

/** The names a PHP file gives catalogued exception classes it imports under another name (`use A\B\C as alias;`). */
export function phpExceptionAliases(text: string, registry: CatalogRegistry): string[] {
  if (!/\buse\b[^;\n]*\bas\b/.test(text)) return [];
  const aliases: string[] = [];
  for (const m of text.matchAll(/^[ \t]*use[ \t]+\\?[\w\\]*?(\w+)[ \t]+as[ \t]+(\w+)[ \t]*;/gm)) {
    if (m[1] !== m[2] && registry.exceptionClass(m[1]).length > 0) aliases.push(m[2]);
  }
  return aliases;
}

/**
 * The names a Python file gives catalogued exception classes it imports under another name:
 * `from requests.exceptions import ConnectionError as RequestsConnectionError` (also inside a parenthesised list).
 */
export function pythonExceptionAliases(text: string, registry: CatalogRegistry): string[] {
  if (!/\bimport\b[^\n]*\bas\b|\bimport[ \t]*\([^)]*\bas\b/.test(text)) return [];
  const aliases: string[] = [];
  for (const [, , name, alias] of pythonAliasedImports(text)) if (name !== alias && registry.exceptionClass(name).length > 0) aliases.push(alias);
  return aliases;
}

/** The dotted class a Python file imports under `alias` (`from a.b import C as alias` → `a.b.C`), if it does. */
export function pythonImportAlias(text: string, alias: string): string | undefined {
  if (!/^\w+$/.test(alias)) return undefined;
  // Asked once per candidate name: the file's aliases are read once per text (the last file's are kept).
  if (pythonAliases.text !== text) {
    pythonAliases.text = text;
    pythonAliases.aliases = new Map();
    if (text.includes(' as ')) for (const [, module, name, given] of pythonAliasedImports(text)) if (!pythonAliases.aliases.has(given)) pythonAliases.aliases.set(given, `${module}.${name}`);
  }
  return pythonAliases.aliases.get(alias);
}
const pythonAliases: { text?: string; aliases: Map<string, string> } = { aliases: new Map() };

/** Each `from module import name as alias` of a Python file: [whole, module, name, alias]. */
function pythonAliasedImports(text: string): Array<[string, string, string, string]> {
  const found: Array<[string, string, string, string]> = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)/gm)) {
    for (const part of m[2].replace(/[()]/g, '').split(',')) {
      const a = /^\s*(\w+)\s+as\s+(\w+)\s*(#.*)?$/.exec(part);
      if (a) found.push([m[0], m[1], a[1], a[2]]);
    }
  }
  return found;
}

/** The dotted class a PHP file imports under `alias` (`use A\B\C as alias;` → `A.B.C`), if it does. */
export function phpImportAlias(text: string, alias: string): string | undefined {
  if (!/^\w+$/.test(alias) || !text.includes(` as ${alias}`)) return undefined;
  const m = new RegExp(`^[ \\t]*use[ \\t]+\\\\?([\\w\\\\]+)[ \\t]+as[ \\t]+${alias}[ \\t]*;`, 'm').exec(text);
  return m ? m[1].replace(/\\/g, '.') : undefined;
}

/**
 * `alias.Rest` written through a Python module import alias, spelled with the module's own path: `import httpx as hx`
 * makes `hx.ConnectError` `httpx.ConnectError`; `from requests import exceptions as rexc` makes `rexc.Timeout`
 * `requests.exceptions.Timeout` (and a module imported by its own name, `from requests import exceptions`, the same).
 */
export function unaliasedModule(dotted: string, text: string): string {
  const dot = dotted.indexOf('.');
  if (dot < 0) return dotted;
  const head = dotted.slice(0, dot);
  const module = moduleAliases(text).get(head);
  return module ? `${module}${dotted.slice(dot)}` : dotted;
}

const aliasCache = new Map<string, Map<string, string>>();

function moduleAliases(text: string): Map<string, string> {
  const key = text.length > 4096 ? text.slice(0, 4096) : text;
  let map = aliasCache.get(key);
  if (map) return map;
  map = new Map();
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)[ \t]+as[ \t]+(\w+)/gm)) map.set(m[2], m[1]);
  // `from requests import PreparedRequest, exceptions as rexc`, also parenthesised over lines: the lower-case names are modules.
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm)) {
    for (const part of m[2].replace(/[()]/g, '').split(',')) {
      const one = /^\s*([a-z_]\w*)(?:\s+as\s+(\w+))?\s*$/.exec(part.replace(/#.*$/, ''));
      if (one) map.set(one[2] ?? one[1], `${m[1]}.${one[1]}`);
    }
  }
  if (aliasCache.size > 64) aliasCache.clear();
  aliasCache.set(key, map);
  return map;
}
