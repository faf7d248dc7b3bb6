import { dirOf, type PathAlias, resolveImport, type ResolutionTables, samePackageAs } from './moduleResolution';
import type { FileSummary } from './summaryTypes';
import { buildView, type WorkspaceView } from './workspaceView';
import type { ForeignCodes } from '../spotting/foreignCodeUses';
import { resolveForeignCodes } from './foreignCodes';

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
  private readonly classNames = new Map<string, Set<string>>();
  /** Files with a retry wrapper or a retrying-client factory: the only functions views look for. */
  private readonly helpers = new Set<string>();
  /** Files with a function that fails on error statuses and retries nothing. */
  private readonly failing = new Set<string>();
  /** Files defining a Prometheus collector (scrapeContext.ts). */
  private readonly metrics = new Set<string>();
  /** Files declaring codes other files may use by name. */
  private readonly codeFiles = new Set<string>();
  /** .NET clients registered with a retry handler: typed client class (or `name:<client>`) → file → what retries it. */
  private readonly retrying = new Map<string, Map<string, string>>();
  private pathAliases: PathAlias[] = [];
  private views = new Map<string, WorkspaceView | undefined>();
  private foreign = new Map<string, ForeignCodes | undefined>();
  private dependencies = new Map<string, Set<string>>();
  private bindings = new Map<string, Map<string, Set<string>>>();
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
    for (const key of tailKeys(summary.uri)) add(this.baseNames, key, summary.uri);
    const dir = dirOf(summary.uri);
    add(this.baseNames, `dir:${dir.slice(dir.lastIndexOf('/') + 1)}`, dir);
    if (summary.language === 'go') add(this.packages, `go:${dir}`, summary.uri);
    else if (summary.packageName) add(this.packages, `${summary.language}:${summary.packageName}`, summary.uri);
    for (const call of summary.calls) add(this.callers, call.name, summary.uri);
    for (const cls of summary.classes) add(this.classNames, cls.name, summary.uri);
    if (summary.functions.some((f) => f.retriesCallback || f.returnsRetryingClient || f.returnsUnboundedClient)) this.helpers.add(summary.uri);
    if (summary.functions.some((f) => (f.failsOnStatus && !f.givesUp) || f.raisesOnParam !== undefined || f.handsBack)) this.failing.add(summary.uri);
    if (summary.metricsCollector) this.metrics.add(summary.uri);
    if (summary.codes?.length) this.codeFiles.add(summary.uri);
    for (const [key, how] of Object.entries(summary.retryingClients ?? {})) {
      if (!this.retrying.has(key)) this.retrying.set(key, new Map());
      this.retrying.get(key)!.set(summary.uri, how);
    }
    this.changed();
    return true;
  }

  /** Forgets a file (deleted, or closed and gone from disk). */
  remove(uri: string, notify = true): boolean {
    const old = this.files.get(uri);
    if (!old) return false;
    this.files.delete(uri);
    this.texts.delete(uri);
    for (const key of tailKeys(uri)) drop(this.baseNames, key, uri);
    const dir = dirOf(uri);
    if (old.language === 'go') drop(this.packages, `go:${dir}`, uri);
    else if (old.packageName) drop(this.packages, `${old.language}:${old.packageName}`, uri);
    for (const call of old.calls) drop(this.callers, call.name, uri);
    for (const cls of old.classes) drop(this.classNames, cls.name, uri);
    this.helpers.delete(uri);
    this.failing.delete(uri);
    this.metrics.delete(uri);
    this.codeFiles.delete(uri);
    for (const key of Object.keys(old.retryingClients ?? {})) {
      this.retrying.get(key)?.delete(uri);
      if (this.retrying.get(key)?.size === 0) this.retrying.delete(key);
    }
    if (notify) this.changed();
    return true;
  }

  /** Some file under `root` (a directory URI ending in `/`) defines a Prometheus collector. */
  collectsMetricsUnder(root: string): boolean {
    for (const uri of this.metrics) if (uri.startsWith(root)) return true;
    return false;
  }

  /** What retries a .NET typed client class (or `name:<client>`) registered anywhere in the workspace. */
  retryingClient(key: string): string | undefined {
    const found = this.retrying.get(key);
    return found ? [...found.values()][0] : undefined;
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

  byPackage(language: string, name: string): ReadonlySet<string> {
    return this.packages.get(`${language}:${name}`) ?? NONE;
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
    for (const other of this.files.keys()) if (other !== uri && this.dependsOn(other, uri)) result.push(other);
    return result;
  }

  /** `uri` imports from `target` or shares its package (resolved imports cached until a summary changes). */
  dependsOn(uri: string, target: string): boolean {
    let deps = this.dependencies.get(uri);
    if (!deps) {
      const summary = this.files.get(uri);
      deps = new Set(summary ? summary.imports.flatMap((b) => this.resolve(summary, b)) : []);
      this.dependencies.set(uri, deps);
    }
    if (deps.has(target)) return true;
    const a = this.files.get(uri);
    const b = this.files.get(target);
    return !!a && !!b && samePackageAs(a, b);
  }

  /** The name `local` in `uri` is bound by an import to a module or member of `target`. */
  bindsTo(uri: string, local: string, target: string): boolean {
    let byLocal = this.bindings.get(uri);
    if (!byLocal) {
      byLocal = new Map();
      const summary = this.files.get(uri);
      for (const b of summary?.imports ?? []) {
        const set = byLocal.get(b.local) ?? new Set<string>();
        for (const t of this.resolve(summary!, b)) set.add(t);
        byLocal.set(b.local, set);
      }
      this.bindings.set(uri, byLocal);
    }
    return byLocal.get(local)?.has(target) ?? false;
  }

  /** Files declaring a class of this name. */
  classesNamed(name: string): readonly string[] {
    return [...(this.classNames.get(name) ?? [])];
  }

  /** The file has a function that fails on error statuses with no retry (and no finding of its own). */
  hasFailing(uri: string): boolean {
    return this.failing.has(uri);
  }

  /** The file declares codes other files may use by name. */
  hasCodes(uri: string): boolean {
    return this.codeFiles.has(uri);
  }

  /** The codes other files declare that `uri` can read (foreignCodes.ts); undefined when none. */
  foreignCodesFor(uri: string): ForeignCodes | undefined {
    if (this.codeFiles.size === 0) return undefined;
    if (!this.foreign.has(uri)) {
      const summary = this.files.get(uri);
      this.foreign.set(uri, summary ? resolveForeignCodes(this, summary) : undefined);
    }
    return this.foreign.get(uri);
  }

  /** The file has a retry wrapper or a retrying-client factory. */
  hasHelpers(uri: string): boolean {
    return this.helpers.has(uri);
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
    this.foreign = new Map();
    this.dependencies = new Map();
    this.bindings = new Map();
  }
}

/** A file is found by its name and by its folder and name (`client.py`, `api/client.py`). */
function tailKeys(uri: string): string[] {
  const parts = uri.split('/');
  return [parts[parts.length - 1], parts.slice(-2).join('/')];
}

const NONE: ReadonlySet<string> = new Set();

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
