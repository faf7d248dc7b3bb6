import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobFilter } from '../service/conveniences/pathFilters';
import type { Settings } from '../service/settings';

/**
 * `errorCodeInsight.exclude` for open documents: globs match the path relative to a workspace folder
 * (or the absolute path, for files outside every folder). Excluded documents still get hovers and
 * completion; they get no diagnostics.
 */
export class ExcludedFiles {
  private roots: string[] = [];
  private filter: { globs: readonly string[]; filter: GlobFilter } | undefined;

  setRoots(uris: readonly string[]): void {
    this.roots = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  }

  excludes(uri: string, settings: Settings): boolean {
    if (settings.exclude.length === 0 || !uri.startsWith('file:')) return false;
    if (this.filter?.globs !== settings.exclude) this.filter = { globs: settings.exclude, filter: new GlobFilter(settings.exclude) };
    return this.filter.filter.excludes(relativePath(fileURLToPath(uri), this.roots));
  }
}

/** The path relative to the first folder holding it, `/`-separated; else the absolute path without its root. */
export function relativePath(file: string, roots: readonly string[]): string {
  for (const root of roots) {
    const rel = path.relative(root, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return file.split(path.sep).filter(Boolean).join('/');
}
