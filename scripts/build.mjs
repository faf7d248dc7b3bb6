// Bundles the client, the language server and the CLI with esbuild and copies the tree-sitter wasm
// files they load at run time next to them. `tsc -p .` type-checks separately.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
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
  { entryPoints: [join(root, 'server/src/main.ts')], outfile: join(root, 'out/server/main.js') },
  { entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'out/cli/eci.js') },
];

const wasmOut = join(root, 'out/wasm');
mkdirSync(wasmOut, { recursive: true });
copyFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), join(wasmOut, 'web-tree-sitter.wasm'));
const grammars = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
for (const g of ['python', 'javascript', 'typescript', 'tsx', 'go', 'java', 'c-sharp']) {
  copyFileSync(join(grammars, `tree-sitter-${g}.wasm`), join(wasmOut, `tree-sitter-${g}.wasm`));
}

if (watch) {
  const { context } = await import('esbuild');
  for (const entry of entries) await (await context({ ...common, ...entry })).watch();
  console.error('esbuild: watching');
} else {
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
}
