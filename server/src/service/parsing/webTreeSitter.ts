import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type * as WebTreeSitter from 'web-tree-sitter';

/**
 * web-tree-sitter, loaded with its syntax nodes' wasm handle in a named field (docs/performance.md).
 *
 * The library keeps a fifth word of every `Node` (the alias the wasm side hands back) as element `[0]`,
 * declared as a class field. Giving a fresh object an indexed element makes V8 allocate a separate
 * elements store, ~100 ns a node against ~25 ns for a named field — and the analysis builds hundreds of
 * thousands of nodes per 10,000-line file (every `parent`, `childForFieldName`, `children`…). So the
 * library's source is compiled here with that one field named `_handle` (the class field, the
 * constructor's store, `marshalNode`'s read: nothing else reads a node's `[0]`). Everything the library
 * does stays as it was.
 *
 * The source is the installed library's (run from source) or the copy the build puts beside the
 * grammars (`out/wasm/web-tree-sitter.cjs`). When it is not of the expected shape, or web-tree-sitter is
 * already loaded in this process (one instance only: its wasm module is per instance), the library is
 * used as it is.
 */
type Library = typeof WebTreeSitter;

/** The named field that holds a node's fifth word once the source is patched. */
export const NODE_HANDLE = '_handle';

const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  // The class field: the first `[0] = 0;` after `var Node = class {` (Tree and the cursor have their own).
  [/(var Node = class \{\n(?:(?!\nvar )[\s\S])*?)\n  \[0\] = 0;\n/, `$1\n  ${NODE_HANDLE} = 0;\n`],
  [/(\n    assertInternal\(internal\);\n)    this\[0\] = other;\n/, `$1    this.${NODE_HANDLE} = other;\n`],
  [/\n  C\.setValue\(address, node\[0\], "i32"\);\n/, `\n  C.setValue(address, node.${NODE_HANDLE}, "i32");\n`],
];

/** The library's source with the node handle named; undefined unless each place is found exactly once. */
export function withNamedNodeHandle(source: string): string | undefined {
  let patched = source;
  for (const [pattern, replacement] of REPLACEMENTS) {
    const global = new RegExp(pattern.source, 'g');
    if ((patched.match(global) ?? []).length !== 1) return undefined;
    patched = patched.replace(pattern, replacement);
  }
  // No other read of a node's element 0 may be left (marshalNode is the only one).
  if (/\bnode\[0\]/.test(patched)) return undefined;
  return patched;
}

function librarySources(): string[] {
  const files = [path.join(__dirname, 'wasm', 'web-tree-sitter.cjs'), path.join(__dirname, '..', 'wasm', 'web-tree-sitter.cjs')];
  try {
    files.push(require.resolve('web-tree-sitter'));
  } catch {
    // bundled without node_modules: only the copy beside the grammars
  }
  return files;
}

type CompilingModule = Module & { _compile(source: string, filename: string): void; exports: unknown; loaded: boolean; paths: string[] };
const moduleStatics = Module as unknown as { _nodeModulePaths(dir: string): string[] };

function load(): { library: Library; named: boolean } {
  for (const file of librarySources()) {
    if (require.cache[file]) return { library: require.cache[file]!.exports as Library, named: false };
  }
  for (const file of librarySources()) {
    try {
      if (!fs.existsSync(file)) continue;
      const source = withNamedNodeHandle(fs.readFileSync(file, 'utf8'));
      if (!source) break;
      const compiled = new Module(file, module) as CompilingModule;
      compiled.filename = file;
      compiled.paths = moduleStatics._nodeModulePaths(path.dirname(file));
      compiled._compile(source, file);
      compiled.loaded = true;
      require.cache[file] = compiled;
      return { library: compiled.exports as Library, named: true };
    } catch {
      break;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { library: require('web-tree-sitter') as Library, named: false };
}

const loaded = load();

/** The loaded library: take `Parser`, `Language`, `Query`, `Node` from here, never import their values directly. */
export const treeSitter: Library = loaded.library;

/** Whether nodes carry their handle in `NODE_HANDLE` (patched source) rather than in element `[0]`. */
export const nodeHandleNamed: boolean = loaded.named;
