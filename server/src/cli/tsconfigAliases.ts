import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One tsconfig.json / jsconfig.json with path aliases, for the workspace index's module resolution. */
export interface AliasConfig {
  configUri: string;
  compilerOptions: { baseUrl?: string; paths?: Record<string, string[]> };
}

const NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * The tsconfig/jsconfig files (with `compilerOptions.paths`) in the folders of the TypeScript and
 * JavaScript files walked, and the folders above them up to a given root. Comments and trailing commas
 * are allowed, as TypeScript allows them; a file that still does not parse is passed over.
 */
export function readAliasConfigs(files: ReadonlyArray<{ path: string }>, roots: readonly string[]): AliasConfig[] {
  const stops = new Set(roots.map((r) => path.resolve(r)));
  const folders = new Set<string>();
  for (const f of files) {
    if (!/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(f.path)) continue;
    for (let dir = path.dirname(path.resolve(f.path)); !folders.has(dir); dir = path.dirname(dir)) {
      folders.add(dir);
      if (stops.has(dir) || path.dirname(dir) === dir) break;
    }
  }
  const configs: AliasConfig[] = [];
  for (const dir of folders) {
    for (const name of NAMES) {
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) continue;
      try {
        const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:"'])\/\/.*$/gm, '$1').replace(/,(\s*[}\]])/g, '$1');
        const options = (JSON.parse(text) as { compilerOptions?: AliasConfig['compilerOptions'] }).compilerOptions;
        if (options?.paths) configs.push({ configUri: pathToFileURL(file).toString(), compilerOptions: { baseUrl: options.baseUrl, paths: options.paths } });
      } catch {
        // Not JSON we can read: no aliases from it.
      }
    }
  }
  return configs;
}
