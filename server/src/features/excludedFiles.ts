import { fileURLToPath } from 'node:url';
import { GlobFilter, relativePath } from '../service/conveniences/pathFilters';
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

