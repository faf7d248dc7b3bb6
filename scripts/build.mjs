// Bundles the client, the language server and the CLI with esbuild and copies the tree-sitter wasm
// files they load at run time next to them. `tsc -p .` type-checks separately.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Memory: V8 keeps a script's source as a string for as long as its functions live, one byte per character
// only when every character is Latin-1. esbuild escapes non-ASCII in strings, regexes and identifiers, but
// keeps comments as written, and a single `…` or `→` in a comment made the server's 3.5 MB bundle a 7 MB
// two-byte string. The plugin escapes what is left (comments only) as `\uXXXX`, so the source stays one byte
// per character (the minified build has no comments: nothing to do there).
const asciiOutput = {
  name: 'ascii-output',
  setup(b) {
    b.onEnd((result) => {
      if (result.errors.length || !b.initialOptions.outfile) return;
      const file = b.initialOptions.outfile;
      const text = readFileSync(file, 'utf8');
      const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (ascii !== text) writeFileSync(file, ascii);
    });
  },
};

const common = {
  plugins: [asciiOutput],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { VERSION: JSON.stringify(version) },
  // web-tree-sitter's CJS entry avoids import.meta.url, which esbuild cannot carry into a CJS bundle.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
};

const entries = [
  { entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'out/client/extension.js'), external: ['vscode'] },
  // The server proper; out/server/main.js (below) loads it through a V8 code cache.
  { entryPoints: [join(root, 'server/src/main.ts')], outfile: join(root, 'out/server/core.js') },
  { entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'out/cli/eci.js') },
];

// Start-up: compiling the ~1 MB server bundle costs ~45 ms of the ~80 ms it takes to load. The entry
// point compiles it with V8's code cache kept beside it (core.js.cache, written once the server has run
// for a while or exits, so the functions the first analysis needed are in it too). V8 checks the cache
// against the source and flags and rejects a stale one; then it is rewritten. A read-only install
// folder just means no cache.
const serverLoader = `'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');
const file = path.join(__dirname, 'core.js');
const cacheFile = file + '.cache';
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // first run
}
let script;
try {
  script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
} catch {
  script = undefined;
}
if (!script) {
  require(file);
} else {
  const core = new Module(file, module);
  core.filename = file;
  core.paths = Module._nodeModulePaths(__dirname);
  core.loaded = true;
  Module._cache[file] = core;
  if (!cachedData || script.cachedDataRejected) {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        const tmp = cacheFile + '.' + process.pid;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // not writable: run without a cache
      }
    };
    setTimeout(save, 5000).unref();
    process.once('exit', save);
  }
  script.runInThisContext().call(core.exports, core.exports, Module.createRequire(file), core, file, __dirname);
}
`;
mkdirSync(join(root, 'out/server'), { recursive: true });
writeFileSync(join(root, 'out/server/main.js'), serverLoader);

const wasmOut = join(root, 'out/wasm');
mkdirSync(wasmOut, { recursive: true });
copyFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), join(wasmOut, 'web-tree-sitter.wasm'));
// The library's own source too: the server and CLI compile it with its node handle in a named field
// (server/src/service/parsing/webTreeSitter.ts); the copy bundled into them is the fallback.
copyFileSync(require.resolve('web-tree-sitter'), join(wasmOut, 'web-tree-sitter.cjs'));
const grammars = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
for (const g of ['python', 'javascript', 'typescript', 'tsx', 'go', 'java', 'c-sharp', 'ruby', 'php', 'rust']) {
  copyFileSync(join(grammars, `tree-sitter-${g}.wasm`), join(wasmOut, `tree-sitter-${g}.wasm`));
}
// Kotlin is not in @vscode/tree-sitter-wasm: its own package ships the wasm (ABI 14, ~3.4 MB, loaded lazily).
copyFileSync(join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-kotlin/package.json')), 'tree-sitter-kotlin.wasm'), join(wasmOut, 'tree-sitter-kotlin.wasm'));

if (watch) {
  const { context } = await import('esbuild');
  for (const entry of entries) await (await context({ ...common, ...entry })).watch();
  console.error('esbuild: watching');
} else {
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
}
