import { type FileSummary, type ImportBinding, TYPES_BY_PACKAGE } from './summaryTypes';

/*
 * Which indexed files an import names, per language. Paths are file:// URIs; nothing is read from disk
 * here (the index holds every file it can resolve to, and the tsconfig aliases it was told about).
 */

/** The lookups resolution needs from the index. */
export interface ResolutionTables {
  /** URIs by file name, or by folder and file name (`client.py`, `api/client.py`, `GeoApiContext.java`). */
  byBaseName(name: string): readonly string[];
  /** URIs of files declaring a package or namespace (Go: per directory). */
  byPackage(language: string, name: string): ReadonlySet<string>;
  /** TS path aliases: `@app/*` → folder URIs, for files under a root. */
  aliases(): readonly PathAlias[];
  has(uri: string): boolean;
}

export interface PathAlias {
  /** Folder (URI) of the tsconfig that declares it. */
  root: string;
  /** The alias without its `*` (`@app/`, `~/`). */
  prefix: string;
  /** Folders (URIs) the rest of the specifier is looked up in. */
  targets: string[];
}

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '/index.ts', '/index.tsx', '/index.js', '/index.jsx', '/index.mjs'];

export function dirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** A file URI with its `.` and `..` segments folded (`file:///r/lib/a/../b.rb` → `file:///r/lib/b.rb`). */
function normaliseUri(uri: string): string {
  const m = /^([a-z]+:\/\/[^/]*)(\/.*)$/.exec(uri);
  return m ? `${m[1]}/${normalise(m[2].slice(1))}` : uri;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
}

/** Files an import binding of `from` refers to (a module, or the module holding the member). */
export function resolveImport(tables: ResolutionTables, from: FileSummary, binding: ImportBinding): string[] {
  switch (from.language) {
    case 'python': return python(tables, from.uri, binding);
    case 'javascript': return javascript(tables, from.uri, binding.module);
    case 'go': return go(tables, binding.module);
    case 'rust': return [];
    case 'ruby': {
      // `require_relative "../support/patience"`: a file beside this one.
      const uri = `${dirOf(from.uri)}/${binding.module}`;
      const resolved = normaliseUri(/\.rb$/.test(uri) ? uri : `${uri}.rb`);
      return tables.has(resolved) ? [resolved] : [];
    }
    // (Kotlin: a file may hold several classes and top-level functions, so a member not named by a file is looked
    // for in the whole package)
    // (PHP: `use App\Http\ApiClient` names the class ApiClient of namespace App\Http, in ApiClient.php by PSR-4)
    case 'java': case 'csharp': case 'kotlin': case 'php': {
      if (binding.member === '*') return [...tables.byPackage(from.language, binding.module)];
      const inPackage = tables.byPackage(from.language, binding.module);
      const file = tables.byBaseName(`${binding.member}.${({ java: 'java', csharp: 'cs', kotlin: 'kt', php: 'php' } as const)[from.language]}`).filter((u) => u.includes(`/${binding.module.replace(/[.\\]/g, '/')}/`) || inPackage.has(u));
      return file.length ? file : [...inPackage];
    }
  }
}

/** `a` sees `b`'s declarations without an import: same Go directory, Java package, or C# namespace (or one around it). */
export function samePackageAs(a: FileSummary, b: FileSummary): boolean {
  if (a.language !== b.language || a.uri === b.uri) return false;
  if (a.language === 'go') return dirOf(a.uri) === dirOf(b.uri);
  return !!a.packageName && !!b.packageName && (a.packageName === b.packageName || (a.language === 'csharp' && a.packageName.startsWith(b.packageName + '.')));
}

/** Files of the same package: Go's directory, Java's package, C#'s namespace and the namespaces around it (not copied). */
export function* samePackage(tables: ResolutionTables, from: FileSummary): Generator<string> {
  const names: string[] = [];
  if (from.language === 'go') names.push(dirOf(from.uri));
  else if (from.packageName && TYPES_BY_PACKAGE.has(from.language)) {
    names.push(from.packageName);
    if (from.language === 'csharp') for (let n = from.packageName; n.includes('.'); ) names.push((n = n.slice(0, n.lastIndexOf('.'))));
  }
  for (const name of names) for (const uri of tables.byPackage(from.language, name)) if (uri !== from.uri) yield uri;
}

function python(tables: ResolutionTables, fromUri: string, binding: ImportBinding): string[] {
  const dots = /^\.*/.exec(binding.module)![0].length;
  const rest = binding.module.slice(dots).split('.').filter(Boolean).join('/');
  const paths: string[] = [];
  for (const base of rest ? [`${rest}.py`, `${rest}/__init__.py`] : ['__init__.py']) paths.push(base);
  if (binding.member !== '*') paths.push(`${rest ? rest + '/' : ''}${binding.member}.py`, `${rest ? rest + '/' : ''}${binding.member}/__init__.py`);
  const found: string[] = [];
  for (const path of paths) {
    if (dots > 0) {
      let dir = dirOf(fromUri);
      for (let i = 1; i < dots; i++) dir = dirOf(dir);
      const uri = `${dir}/${path}`;
      if (tables.has(uri)) found.push(uri);
    } else {
      const name = path.split('/').slice(-2).join('/');
      found.push(...closest(fromUri, tables.byBaseName(name).filter((u) => u.endsWith(`/${path}`))));
    }
  }
  return found;
}

function javascript(tables: ResolutionTables, fromUri: string, specifier: string): string[] {
  let bases: string[] = [];
  if (specifier.startsWith('.')) bases = [normalise(`${dirOf(fromUri)}/${specifier}`)];
  else {
    for (const alias of tables.aliases()) {
      if (fromUri.startsWith(alias.root + '/') && specifier.startsWith(alias.prefix)) bases.push(...alias.targets.map((t) => `${t}/${specifier.slice(alias.prefix.length)}`));
    }
  }
  for (const base of bases) {
    const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
    for (const ext of JS_EXTENSIONS) {
      for (const candidate of stem === base ? [base + ext] : [base + ext, stem + ext]) if (tables.has(candidate)) return [candidate];
    }
  }
  return [];
}

/** A Go import path names a directory of the module: the longest tail (two segments at least) of an indexed directory. */
function go(tables: ResolutionTables, path: string): string[] {
  const segments = path.split('/');
  if (!segments[0].includes('.') && segments.length < 3) return []; // the standard library
  for (let from = 0; from <= segments.length - 2; from++) {
    const tail = segments.slice(from).join('/');
    const files = tables.byBaseName(`dir:${segments[segments.length - 1]}`).filter((d) => d.endsWith(`/${tail}`));
    if (files.length) return files.flatMap((d) => [...tables.byPackage('go', d)]);
  }
  return [];
}

/** Of several files that match, those nearest to `from` (longest common prefix). */
function closest(from: string, uris: string[]): string[] {
  if (uris.length <= 1) return uris;
  const common = (u: string) => {
    let i = 0;
    while (i < u.length && u[i] === from[i]) i++;
    return i;
  };
  const best = Math.max(...uris.map(common));
  return uris.filter((u) => common(u) === best);
}
