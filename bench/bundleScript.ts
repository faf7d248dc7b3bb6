import * as path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

/**
 * Bundles a small baseline script (source given as text, resolved from the repo root) the way the server
 * is bundled, so a baseline pays the same module-loading costs; returns the output path.
 */
export async function bundleScript(name: string, contents: string): Promise<string> {
  const out = path.join(ROOT, '.cache', 'bench', name);
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
    logLevel: 'error',
  });
  return out;
}
