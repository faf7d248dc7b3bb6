import type { Node } from 'web-tree-sitter';
import { enclosingClassName } from './importBindings';
import type { FileSummary, FunctionSummary } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';
import { exporterRoot } from '../diagnostics/scrapeContext';
import { visibleNames } from './visibleNames';
import { collectBaseFields, collectBaseUnbounded, shortPath } from './workspaceClasses';
import { callersElsewhere, interfaceCallers } from './workspaceCallers';
import { calleeSummary, goVariableCallee } from './workspaceCallees';

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
  /** Every one of those calls is written in a function that only asks (named for reading or computing). */
  asks?: boolean;
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
