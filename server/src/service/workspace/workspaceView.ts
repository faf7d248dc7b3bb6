import type { Node } from 'web-tree-sitter';
import { enclosingClassName } from './importBindings';
import { samePackage, samePackageAs } from './moduleResolution';
import { type ClassSummary, type FileSummary, type FunctionSummary, type OutgoingCall, TYPES_BY_PACKAGE } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';
import { exporterRoot } from '../diagnostics/scrapeContext';
import { cachedRegExp } from '../regexCache';

/** Where a client with no timeout that a request goes through was built, and its library when known. */
export interface UnboundedSource {
  /** `make_session in utils.py:12`, `base class ExternalApi (server/api/external.ts:31)`. */
  from: string;
  /** Id in server/data/request-timeouts.json (`axios`, `requests`). */
  library: string;
}

/**
 * What the rules of one file read from the rest of the workspace, resolved once per index version:
 * retry wrappers it imports, client factories that mount a retry policy, base classes whose fields hold
 * retrying sessions, and whether its functions' callers elsewhere retry them. `key` changes exactly when
 * one of these facts does, so a cached analysis is reused while it holds.
 */
export interface WorkspaceView {
  readonly key: string;
  /** Imported or same-package functions that run the callable they are handed with retries. */
  readonly wrapperNames: readonly string[];
  /** Callers in other files (at least one, all of them) retry what this function raises. */
  callersRetry(fnName: string): CallerRetry | undefined;
  /** The retry mechanism covering a request on `receiver` through another file (base class, client factory). */
  covering(node: Node, receiver: string | undefined): string | undefined;
  /**
   * A request on `receiver` goes through a client another file's function builds with no timeout
   * (`self.session = make_session()`, `s = make_session()` in the calling function): where it comes from.
   */
  unboundedClient(node: Node, receiver: string | undefined): UnboundedSource | undefined;
  /**
   * The function of another file a call here reaches when it sends a request and fails on error
   * statuses with no retry in its file (`enclosing`: the text of the calling function, for Go's
   * `c := pkg.NewClient(); c.Post(…)`).
   */
  failingCallee(name: string, receiver: string | undefined, enclosing: string): (FunctionSummary & { uri: string }) | undefined;
  /** The function of another file a call here reaches when it retries some statuses and hands the response back for the rest. */
  handingBackCallee(name: string, receiver: string | undefined, enclosing: string): (FunctionSummary & { uri: string }) | undefined;
  /** The function of another file a call here reaches when it fails on the statuses of the response handed to it. */
  responseChecker(name: string, receiver: string | undefined): (FunctionSummary & { uri: string }) | undefined;
  /** Named status collections of the files this one imports (or shares its package with), by name. */
  readonly statusSets: Readonly<Record<string, readonly string[]>>;
  /** The file belongs to a Prometheus exporter: a directory named so, holding a file that defines a collector. */
  readonly inMetricsExporter: boolean;
  /** The summary of a function of another file that a call here reaches (for hover). */
  calleeSummary(name: string, receiver: string | undefined): (FunctionSummary & { uri: string }) | undefined;
}

export interface CallerRetry {
  retried: boolean;
  files: string[];
}

interface Located<T> {
  item: T;
  uri: string;
}

const FUNCTION_NODE = /^(function_definition|function_declaration|method_declaration|method_definition|arrow_function|function_expression|func_literal|constructor_declaration|local_function_statement|function)$/;

export function buildView(index: WorkspaceIndex, summary: FileSummary): WorkspaceView | undefined {
  const scope = visibleNames(index, summary, 0);
  const own = new Set(summary.functions.filter((f) => !f.className).map((f) => f.name));
  const wrappers = new Set<string>();
  const factories = new Map<string, string>();
  const unboundedFactories = new Map<string, string>();
  for (const [local, fn] of scope.functions) {
    if (own.has(local)) continue;
    if (fn.item.retriesCallback) wrappers.add(local);
    if (fn.item.returnsRetryingClient) factories.set(local, `${fn.item.returnsRetryingClient} (client from ${fn.item.name} in ${shortPath(fn.uri)}:${fn.item.line + 1})`);
    if (fn.item.returnsUnboundedClient) unboundedFactories.set(local, `${fn.item.name} in ${shortPath(fn.uri)}:${fn.item.line + 1}`);
  }
  // Fields holding such a client (`self.session = make_session()`), or one a base class of another file built with no
  // timeout (`this.http = axios.create({ baseURL })` in its constructor) that this class does not assign itself.
  const unboundedFields: Record<string, Record<string, UnboundedSource>> = {};
  for (const cls of summary.classes) {
    for (const [field, source] of Object.entries(cls.fieldSources)) {
      if (unboundedFactories.has(source)) (unboundedFields[cls.name] ??= {})[field] = { from: unboundedFactories.get(source)!, library: 'requests' };
    }
    if (cls.bases.length === 0) continue;
    const inherited: Record<string, UnboundedSource> = {};
    collectBaseUnbounded(index, summary, cls, inherited, 0, new Set());
    for (const [field, from] of Object.entries(inherited)) if (!(field in cls.fieldSources)) (unboundedFields[cls.name] ??= {})[field] ??= from;
  }
  const unboundedCount = Object.keys(unboundedFields).length;
  const fields: Record<string, Record<string, string>> = {};
  for (const cls of summary.classes) {
    const covered: Record<string, string> = {};
    for (const [field, source] of Object.entries(cls.fieldSources)) if (factories.has(source)) covered[field] = factories.get(source)!;
    if (cls.bases.length) collectBaseFields(index, summary, cls, covered, 0, new Set());
    if (Object.keys(covered).length) fields[cls.name] = covered;
  }
  const callers: Record<string, CallerRetry> = {};
  // Only a file that sends requests or gives failures up has findings its callers could settle.
  if (summary.functions.some((f) => f.sends || f.givesUp)) {
    for (const fn of summary.functions) {
      const found = callersElsewhere(index, summary, fn.name) ?? interfaceCallers(index, summary, fn);
      if (found) callers[fn.name] = found;
    }
  }
  const failing: string[] = [];
  for (const uri of scope.targets) if (index.hasFailing(uri)) for (const f of index.get(uri)?.functions ?? []) if ((f.failsOnStatus && !f.givesUp) || f.raisesOnParam !== undefined || f.handsBack) failing.push(`${uri}#${f.className ?? ''}.${f.name}:${f.raisesOnParam ?? ''}:${f.handsBack?.untried.join('/') ?? ''}`);
  const statusSets = importedStatusSets(index, summary, scope.targets);
  // .NET: this file's classes registered as typed clients with a retry handler elsewhere (Program.cs, an extension).
  const registered: Record<string, string> = {};
  if (summary.language === 'csharp') {
    for (const cls of summary.classes) {
      const how = index.retryingClient(cls.name);
      if (how) registered[cls.name] = how;
    }
  }
  const root = exporterRoot(summary.uri);
  const metrics = root !== undefined && index.collectsMetricsUnder(root);
  const facts = { w: [...wrappers].sort(), f: [...factories].sort(), b: fields, c: callers, x: failing.sort(), s: statusSets, r: registered, ...(metrics ? { p: true } : {}), ...(unboundedFactories.size ? { u: [...unboundedFactories].sort() } : {}), ...(unboundedCount ? { uf: unboundedFields } : {}) };
  if (facts.w.length === 0 && facts.f.length === 0 && Object.keys(fields).length === 0 && Object.keys(callers).length === 0 && failing.length === 0 && Object.keys(statusSets).length === 0 && Object.keys(registered).length === 0 && !metrics && unboundedFactories.size === 0 && unboundedCount === 0) return undefined;
  const modules = scope.modules;
  return {
    key: JSON.stringify(facts),
    wrapperNames: facts.w,
    statusSets,
    inMetricsExporter: metrics,
    callersRetry: (name) => callers[name],
    covering(node, receiver) {
      if (!receiver) return undefined;
      // `self._session`, `this.http`, a bare field (`Http`), or a chain on one (`client.newCall(req)`).
      const field = /^(?:self|this|cls)\.(\w+)/.exec(receiver)?.[1] ?? /^([A-Za-z_]\w*)(?:$|\.|\()/.exec(receiver)?.[1];
      if (!field) return undefined;
      const cls = enclosingClassName(node);
      if (cls && fields[cls]?.[field]) return fields[cls][field];
      // The HttpClient injected into a typed client that is registered with a retry handler.
      if (cls && registered[cls] && /client|http/i.test(field)) return registered[cls];
      if (factories.size === 0 || !/^[A-Za-z_]\w*$/.test(receiver)) return undefined;
      let fnNode: Node | null = node.parent;
      while (fnNode && !FUNCTION_NODE.test(fnNode.type)) fnNode = fnNode.parent;
      const assigned = new RegExp(`\\b${field}\\s*:?=\\s*(?:await\\s+)?(?:[\\w.]+\\.)?(\\w+)\\(`).exec((fnNode ?? node).text);
      return assigned ? factories.get(assigned[1]) : undefined;
    },
    unboundedClient(node, receiver) {
      if (!receiver || (unboundedFactories.size === 0 && unboundedCount === 0)) return undefined;
      const field = /^(?:self|this)\.([\w$]+)$/.exec(receiver)?.[1];
      const cls = enclosingClassName(node);
      if (field) return cls ? unboundedFields[cls]?.[field] : undefined;
      if (unboundedFactories.size === 0 || !/^[A-Za-z_]\w*$/.test(receiver)) return undefined;
      let fnNode: Node | null = node.parent;
      while (fnNode && !FUNCTION_NODE.test(fnNode.type)) fnNode = fnNode.parent;
      const assigned = new RegExp(`\\b${receiver}\\s*:?=\\s*(?:await\\s+)?(?:[\\w.]+\\.)?(\\w+)\\(`).exec((fnNode ?? node).text);
      const factory = assigned ? unboundedFactories.get(assigned[1]) : undefined;
      return factory ? { from: factory, library: 'requests' } : undefined;
    },
    calleeSummary: (name, receiver) => calleeSummary(index, summary, modules, name, receiver),
    responseChecker(name, receiver) {
      if (failing.length === 0) return undefined;
      const found = calleeSummary(index, summary, modules, name, receiver?.split(/[.(\[]|\?\./)[0]);
      return found?.raisesOnParam !== undefined ? found : undefined;
    },
    handingBackCallee(name, receiver, enclosing) {
      if (failing.length === 0) return undefined;
      const found = calleeSummary(index, summary, modules, name, receiver?.split(/[.(\[]|\?\./)[0]) ?? goVariableCallee(index, modules, name, receiver, enclosing);
      return found?.handsBack ? found : undefined;
    },
    failingCallee(name, receiver, enclosing) {
      if (failing.length === 0) return undefined;
      const found = calleeSummary(index, summary, modules, name, receiver?.split(/[.(\[]|\?\./)[0]) ?? goVariableCallee(index, modules, name, receiver, enclosing);
      return found?.failsOnStatus && !found.givesUp ? found : undefined;
    },
  };
}

/**
 * Status collections declared in the files this one reaches (imports, the same package) and named in it:
 * an imported name (`from .constants import STATUS_FORCELIST`, `import { RETRY_ON } from './retry'`, a
 * static import), or a qualified use (`constants.STATUS_FORCELIST`, `RetryConfig.RETRYABLE`). A name two
 * files declare differently is left out.
 */
function importedStatusSets(index: WorkspaceIndex, summary: FileSummary, targets: ReadonlySet<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const clash = new Set<string>();
  const importedAs = new Map(summary.imports.filter((b) => b.member !== '*' && b.member !== 'default').map((b) => [b.member, b.local]));
  for (const uri of targets) {
    for (const [name, codes] of Object.entries(index.get(uri)?.statusSets ?? {})) {
      const local = importedAs.get(name) ?? name;
      if (out[local] && out[local].join() !== codes.join()) clash.add(local);
      out[local] = codes;
    }
  }
  for (const name of clash) delete out[name];
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

interface Scope {
  /** Functions of other files that matter to the rules (retry wrappers, retrying-client factories), by the name used here. */
  functions: Map<string, Located<FunctionSummary>>;
  /** Module bindings (`import api.client as client`, `import * as http from './http'`, Go packages) → files. */
  modules: Map<string, string[]>;
  /** Every file an import or the package reaches. */
  targets: Set<string>;
}

const interesting = (fn: FunctionSummary): boolean => !!(fn.retriesCallback || fn.returnsRetryingClient || fn.returnsUnboundedClient);

/** The wrappers and client factories a file sees from other files, following re-exports up to three files deep. */
function visibleNames(index: WorkspaceIndex, summary: FileSummary, depth: number): Scope {
  const scope: Scope = { functions: new Map(), modules: new Map(), targets: new Set() };
  const addFile = (uri: string, only?: string, as?: string): void => {
    const target = index.get(uri);
    if (!target) return;
    if (index.hasHelpers(uri)) for (const fn of target.functions) {
      if (!interesting(fn) || (only !== undefined && fn.name !== only && fn.className !== only)) continue;
      const key = only !== undefined && fn.name === only ? (as ?? fn.name) : fn.name;
      if (!scope.functions.has(key)) scope.functions.set(key, { item: fn, uri });
    }
    if (only !== undefined && depth < 3) {
      // Re-exported: `from .client import fetch` in an __init__.py, `export { fetch } from './client'`.
      for (const b of target.imports) {
        if (!(b.reexport || target.language === 'python') || (b.local !== only && b.local !== '*')) continue;
        const fn = visibleNames(index, { ...target, imports: [b] }, depth + 1).functions.get(only);
        if (fn && !scope.functions.has(as ?? only)) scope.functions.set(as ?? only, fn);
      }
    }
  };
  for (const binding of summary.imports) {
    const targets = index.resolve(summary, binding).filter((u) => u !== summary.uri);
    for (const t of targets) scope.targets.add(t);
    if (binding.member === '*' || binding.member === 'default') {
      if (binding.local !== '*') scope.modules.set(binding.local, targets);
      for (const t of targets) addFile(t);
    } else {
      // A member may be a submodule (`from api import client`): then it is a module binding.
      const submodule = targets.filter((t) => t.endsWith(`/${binding.member}.py`) || t.endsWith(`/${binding.member}/__init__.py`));
      if (submodule.length) scope.modules.set(binding.local, submodule);
      // (The submodule's own helpers are reached through it: `utils.make_session()`.)
      for (const t of targets) if (submodule.includes(t)) addFile(t);
      else addFile(t, binding.member, binding.local);
    }
  }
  for (const uri of samePackage(index, summary)) {
    scope.targets.add(uri);
    if (index.hasHelpers(uri)) addFile(uri);
  }
  return scope;
}

/** A class named in `from` (imported, module-qualified, same package or same file), wherever it is declared. */
function findClass(index: WorkspaceIndex, from: FileSummary, written: string, depth = 0): Located<ClassSummary> | undefined {
  const last = written.split('.').pop()!;
  const qualifier = written.includes('.') ? written.slice(0, written.lastIndexOf('.')) : undefined;
  const inFile = (uri: string, name: string) => {
    const item = index.get(uri)?.classes.find((c) => c.name === name);
    return item ? { item, uri } : undefined;
  };
  for (const b of from.imports) {
    const byName = qualifier === undefined && b.local === last && b.member !== '*';
    const byModule = qualifier !== undefined && b.local === qualifier;
    if (!byName && !byModule) continue;
    for (const uri of index.resolve(from, b)) {
      const member = byName ? b.member : last;
      const found = inFile(uri, member);
      if (found) return found;
      // `import ExternalApi from './external'`: the default export, a class of that name or the file's only class.
      if (member === 'default') {
        const classes = index.get(uri)?.classes ?? [];
        const only = classes.find((c) => c.name === b.local) ?? (classes.length === 1 ? classes[0] : undefined);
        if (only) return { item: only, uri };
      }
      // Re-exported by the module named (`from .base import PortalBase` in an __init__.py).
      const target = index.get(uri);
      if (target && depth < 3 && target.imports.some((i) => i.local === member)) {
        const again = findClass(index, target, member, depth + 1);
        if (again) return again;
      }
    }
  }
  if (qualifier === undefined) {
    const here = from.classes.find((c) => c.name === last);
    if (here) return { item: here, uri: from.uri };
    // Same package or namespace, or a wildcard import / using of the package that declares it.
    const wildcards = new Set(from.imports.filter((b) => b.local === '*').map((b) => b.module));
    for (const uri of index.classesNamed(last)) {
      const other = index.get(uri);
      if (!other || uri === from.uri) continue;
      if (samePackageAs(from, other) || (other.packageName && wildcards.has(other.packageName))) return inFile(uri, last);
    }
  }
  return undefined;
}

/** Fields of `cls`'s base classes (in other files) that hold a client a retry mechanism is set up on. */
function collectBaseFields(index: WorkspaceIndex, from: FileSummary, cls: ClassSummary, out: Record<string, string>, depth: number, seen: Set<string>): void {
  if (depth > 4) return;
  for (const baseName of cls.bases) {
    const base = findClass(index, from, baseName);
    if (!base || base.item === cls || seen.has(`${base.uri}#${base.item.name}`)) continue;
    seen.add(`${base.uri}#${base.item.name}`);
    if (base.item.retryMechanism && base.uri !== from.uri) {
      for (const field of base.item.fields) out[field] ??= `${base.item.retryMechanism} (set up in base class ${base.item.name}, ${shortPath(base.uri)}:${base.item.line + 1})`;
    }
    const baseFile = index.get(base.uri);
    if (baseFile) collectBaseFields(index, baseFile, base.item, out, depth + 1, seen);
  }
}

/** Fields base classes of other files fill with a client that bounds no request (ClassSummary.unboundedFields). */
function collectBaseUnbounded(index: WorkspaceIndex, from: FileSummary, cls: ClassSummary, out: Record<string, UnboundedSource>, depth: number, seen: Set<string>, origin = from.uri): void {
  if (depth > 4) return;
  for (const baseName of cls.bases) {
    const base = findClass(index, from, baseName);
    if (!base || base.item === cls || seen.has(`${base.uri}#${base.item.name}`)) continue;
    seen.add(`${base.uri}#${base.item.name}`);
    for (const [field, library] of Object.entries(base.item.unboundedFields ?? {})) {
      // (A base class of the same file: its construction is reported there, where the timeout goes.)
      if (base.uri !== origin) out[field] ??= { from: `base class ${base.item.name} (${shortPath(base.uri)}:${base.item.line + 1})`, library };
    }
    const baseFile = index.get(base.uri);
    if (baseFile) collectBaseUnbounded(index, baseFile, base.item, out, depth + 1, seen, origin);
  }
}

/** Calls to `name` from other files that import this one (or share its package), and whether all are retried. */
function callersElsewhere(index: WorkspaceIndex, summary: FileSummary, name: string): CallerRetry | undefined {
  const files: string[] = [];
  let retried = true;
  for (const uri of index.callersNamed(name)) {
    if (uri === summary.uri || !index.dependsOn(uri, summary.uri)) continue;
    const caller = index.get(uri)!;
    // The call must reach this file: through the imported name or module, the instance (a subclass),
    // the same Go package, or — Java and C#, where types are not imported by name — any receiver.
    const reaches = (c: OutgoingCall): boolean => {
      if (!c.receiverRoot) return index.bindsTo(uri, name, summary.uri) || samePackageAs(caller, summary);
      if (/^(self|this|cls|super|base)$/.test(c.receiverRoot) || TYPES_BY_PACKAGE.has(caller.language)) return true;
      return index.bindsTo(uri, c.receiverRoot, summary.uri);
    };
    const calls = caller.calls.filter((c) => c.name === name && reaches(c));
    if (calls.length === 0) continue;
    files.push(uri);
    if (!calls.every((c) => c.retried)) retried = false;
  }
  return files.length ? { retried, files: files.sort() } : undefined;
}

/**
 * Go: the callers of a method through an interface its type satisfies (`func (s *sender) Send(e Event) error` and
 * `type Sender interface { Send(Event) error; Type() string }` in a package the file imports, or its own): the files
 * that call a method of that name and reach the interface's file. A type satisfies an interface when it has a method
 * of each of its names.
 */
function interfaceCallers(index: WorkspaceIndex, summary: FileSummary, fn: FunctionSummary): CallerRetry | undefined {
  if (summary.language !== 'go' || !fn.className) return undefined;
  const methods = new Set(summary.functions.filter((f) => f.className === fn.className).map((f) => f.name));
  const declaring = new Set<string>();
  const reached = new Set([...summary.imports.flatMap((b) => index.resolve(summary, b)), ...samePackage(index, summary), summary.uri]);
  for (const uri of reached) {
    const interfaces = index.get(uri)?.interfaces ?? {};
    if (Object.values(interfaces).some((names) => names.includes(fn.name) && names.every((m) => methods.has(m)))) declaring.add(uri);
  }
  if (declaring.size === 0) return undefined;
  const files: string[] = [];
  let retried = true;
  for (const uri of index.callersNamed(fn.name)) {
    if (uri === summary.uri || ![...declaring].some((d) => uri === d || index.dependsOn(uri, d))) continue;
    const calls = index.get(uri)!.calls.filter((c) => c.name === fn.name && c.receiverRoot);
    if (calls.length === 0) continue;
    files.push(uri);
    if (!calls.every((c) => c.retried)) retried = false;
  }
  return files.length ? { retried, files: files.sort() } : undefined;
}

/** A function of another file that a call reaches: an imported name, or `module.name`. */
function calleeSummary(index: WorkspaceIndex, summary: FileSummary, modules: Map<string, string[]>, name: string, receiver: string | undefined): (FunctionSummary & { uri: string }) | undefined {
  const candidates: Array<FunctionSummary & { uri: string }> = [];
  if (receiver) {
    for (const uri of modules.get(receiver) ?? []) for (const f of index.get(uri)?.functions ?? []) if (f.name === name && (!f.className || summary.language === 'go')) candidates.push({ ...f, uri });
    // Java / C#: a static call on a class of another file (`PriceLookup.CurrentPrice(sku)`).
    if (candidates.length === 0 && TYPES_BY_PACKAGE.has(summary.language) && /^[A-Z]\w*$/.test(receiver)) {
      const cls = findClass(index, summary, receiver);
      if (cls && cls.uri !== summary.uri) for (const f of index.get(cls.uri)?.functions ?? []) if (f.name === name && f.className === cls.item.name) candidates.push({ ...f, uri: cls.uri });
    }
  } else {
    for (const b of summary.imports) {
      if (b.local !== name || b.member === '*') continue;
      for (const uri of index.resolve(summary, b)) for (const f of index.get(uri)?.functions ?? []) if (f.name === b.member && !f.className) candidates.push({ ...f, uri });
    }
    for (const uri of samePackage(index, summary)) for (const f of index.get(uri)?.functions ?? []) if (f.name === name && !f.className) candidates.push({ ...f, uri });
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Go: `c := jsonclient.NewClient()` then `c.Post(…)`: the methods of that name in the package the value came from. */
function goVariableCallee(index: WorkspaceIndex, modules: Map<string, string[]>, name: string, receiver: string | undefined, enclosing: string): (FunctionSummary & { uri: string }) | undefined {
  const root = receiver && /^[A-Za-z_]\w*$/.test(receiver) ? receiver : undefined;
  if (!root) return undefined;
  const pkg = cachedRegExp(`\\b${root}\\s*:?=\\s*&?(\\w+)\\.\\w+\\(`).exec(enclosing)?.[1];
  const files = pkg ? modules.get(pkg) : undefined;
  if (!files || index.get(files[0] ?? '')?.language !== 'go') return undefined;
  const found = files.flatMap((uri) => (index.get(uri)?.functions ?? []).filter((f) => f.name === name && f.failsOnStatus).map((f) => ({ ...f, uri })));
  return found[0];
}

function shortPath(uri: string): string {
  return uri.split('/').slice(-2).join('/');
}
