import { dirOf, type PathAlias, resolveImport, type ResolutionTables, samePackage } from './moduleResolution';
import type { FileSummary } from './summaryTypes';
import { buildView, type WorkspaceView } from './workspaceView';

/** At most this many file summaries are kept; past it the least recently stored go first (see docs/workspace.md). */
export const MAX_INDEXED_FILES = 50_000;

/** Library code is never summarised: known libraries come from the data tables. */
export const LIBRARY_PATH = /\/(node_modules|site-packages|dist-packages|vendor|\.venv|venv|bower_components|Pods)\//;

/**
 * The workspace index: one summary per file, resolution tables over them, and per-file views that the
 * rules read (see workspaceView.ts). Views are built on demand and dropped whenever a summary changes.
 */
export class WorkspaceIndex implements ResolutionTables {
  private readonly files = new Map<string, FileSummary>();
  private readonly texts = new Map<string, string>();
  private readonly baseNames = new Map<string, Set<string>>();
  private readonly packages = new Map<string, Set<string>>();
  private readonly callers = new Map<string, Set<string>>();
  private pathAliases: PathAlias[] = [];
  private views = new Map<string, WorkspaceView | undefined>();
  private dependencies = new Map<string, string[]>();
  /** Bumped whenever a stored summary changes. */
  version = 0;

  constructor(private readonly limit = MAX_INDEXED_FILES) {}

  get size(): number {
    return this.files.size;
  }

  /** Stores a file's summary; returns whether it changed (a changed summary re-checks its dependants). */
  set(summary: FileSummary): boolean {
    if (LIBRARY_PATH.test(summary.uri)) return false;
    const text = JSON.stringify(summary);
    if (this.texts.get(summary.uri) === text) return false;
    this.remove(summary.uri, false);
    while (this.files.size >= this.limit) this.remove(this.files.keys().next().value!, false);
    this.files.set(summary.uri, summary);
    this.texts.set(summary.uri, text);
    const base = summary.uri.slice(summary.uri.lastIndexOf('/') + 1);
    add(this.baseNames, base, summary.uri);
    const dir = dirOf(summary.uri);
    add(this.baseNames, `dir:${dir.slice(dir.lastIndexOf('/') + 1)}`, dir);
    if (summary.language === 'go') add(this.packages, `go:${dir}`, summary.uri);
    else if (summary.packageName) add(this.packages, `${summary.language}:${summary.packageName}`, summary.uri);
    for (const call of summary.calls) add(this.callers, call.name, summary.uri);
    this.changed();
    return true;
  }

  /** Forgets a file (deleted, or closed and gone from disk). */
  remove(uri: string, notify = true): boolean {
    const old = this.files.get(uri);
    if (!old) return false;
    this.files.delete(uri);
    this.texts.delete(uri);
    drop(this.baseNames, uri.slice(uri.lastIndexOf('/') + 1), uri);
    const dir = dirOf(uri);
    if (old.language === 'go') drop(this.packages, `go:${dir}`, uri);
    else if (old.packageName) drop(this.packages, `${old.language}:${old.packageName}`, uri);
    for (const call of old.calls) drop(this.callers, call.name, uri);
    if (notify) this.changed();
    return true;
  }

  get(uri: string): FileSummary | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  byBaseName(name: string): readonly string[] {
    return [...(this.baseNames.get(name) ?? [])];
  }

  byPackage(language: string, name: string): readonly string[] {
    return [...(this.packages.get(`${language}:${name}`) ?? [])];
  }

  aliases(): readonly PathAlias[] {
    return this.pathAliases;
  }

  /** TS/JS path aliases read from a tsconfig.json / jsconfig.json (`compilerOptions.paths`, relative to baseUrl). */
  setPathAliases(configUri: string, compilerOptions: { baseUrl?: string; paths?: Record<string, string[]> } | undefined): void {
    const root = dirOf(configUri);
    this.pathAliases = this.pathAliases.filter((a) => a.root !== root);
    const base = `${root}/${compilerOptions?.baseUrl ?? '.'}`.replace(/\/\.?$/, '');
    for (const [pattern, targets] of Object.entries(compilerOptions?.paths ?? {})) {
      this.pathAliases.push({ root, prefix: pattern.replace(/\*$/, ''), targets: targets.map((t) => `${base}/${t.replace(/\/?\*$/, '')}`.replace(/\/\.\//g, '/')) });
    }
    this.changed();
  }

  /** Files whose imports (or package) reach `uri`: when its summary changes, these are re-checked. */
  dependants(uri: string): string[] {
    const result: string[] = [];
    for (const other of this.files.keys()) if (other !== uri && this.dependenciesOf(other).includes(uri)) result.push(other);
    return result;
  }

  /** Files `uri` imports from or shares a package with (cached until a summary changes). */
  dependenciesOf(uri: string): string[] {
    let deps = this.dependencies.get(uri);
    if (!deps) {
      const summary = this.files.get(uri);
      deps = summary ? [...new Set([...summary.imports.flatMap((b) => this.resolve(summary, b)), ...samePackage(this, summary)])] : [];
      this.dependencies.set(uri, deps);
    }
    return deps;
  }

  resolve(from: FileSummary, binding: FileSummary['imports'][number]): string[] {
    return resolveImport(this, from, binding);
  }

  /** Files that call a function of this name (before resolution). */
  callersNamed(name: string): readonly string[] {
    return [...(this.callers.get(name) ?? [])];
  }

  /** What the rules of `uri` may read from the rest of the workspace; undefined when nothing there bears on it. */
  viewFor(uri: string): WorkspaceView | undefined {
    if (!this.views.has(uri)) {
      const summary = this.files.get(uri);
      this.views.set(uri, summary ? buildView(this, summary) : undefined);
    }
    return this.views.get(uri);
  }

  private changed(): void {
    this.version++;
    this.views = new Map();
    this.dependencies = new Map();
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function drop(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
