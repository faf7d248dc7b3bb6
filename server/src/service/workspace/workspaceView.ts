import type { Node } from 'web-tree-sitter';
import { enclosingClassName } from './importBindings';
import { samePackage } from './moduleResolution';
import type { ClassSummary, FileSummary, FunctionSummary } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';

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
  for (const [local, fn] of scope.functions) {
    if (own.has(local)) continue;
    if (fn.item.retriesCallback) wrappers.add(local);
    if (fn.item.returnsRetryingClient) factories.set(local, `${fn.item.returnsRetryingClient} (client from ${fn.item.name} in ${shortPath(fn.uri)}:${fn.item.line + 1})`);
  }
  const fields: Record<string, Record<string, string>> = {};
  for (const cls of summary.classes) {
    const covered: Record<string, string> = {};
    for (const [field, source] of Object.entries(cls.fieldSources)) if (factories.has(source)) covered[field] = factories.get(source)!;
    collectBaseFields(index, summary, cls, covered, 0, new Set());
    if (Object.keys(covered).length) fields[cls.name] = covered;
  }
  const callers: Record<string, CallerRetry> = {};
  for (const fn of summary.functions) {
    const found = callersElsewhere(index, summary, fn.name);
    if (found) callers[fn.name] = found;
  }
  const facts = { w: [...wrappers].sort(), f: [...factories].sort(), b: fields, c: callers };
  if (facts.w.length === 0 && facts.f.length === 0 && Object.keys(fields).length === 0 && Object.keys(callers).length === 0) return undefined;
  return {
    key: JSON.stringify(facts),
    wrapperNames: facts.w,
    callersRetry: (name) => callers[name],
    covering(node, receiver) {
      if (!receiver) return undefined;
      const field = /^(?:self|this|cls)\.(\w+)$/.exec(receiver)?.[1] ?? (/^[A-Za-z_]\w*$/.test(receiver) ? receiver : undefined);
      if (!field) return undefined;
      const cls = enclosingClassName(node);
      if (cls && fields[cls]?.[field]) return fields[cls][field];
      if (factories.size === 0 || field !== receiver) return undefined;
      let fnNode: Node | null = node.parent;
      while (fnNode && !FUNCTION_NODE.test(fnNode.type)) fnNode = fnNode.parent;
      const assigned = new RegExp(`\\b${field}\\s*:?=\\s*(?:await\\s+)?(?:[\\w.]+\\.)?(\\w+)\\(`).exec((fnNode ?? node).text);
      return assigned ? factories.get(assigned[1]) : undefined;
    },
    calleeSummary(name, receiver) {
      const direct = !receiver ? scope.functions.get(name) : undefined;
      const viaModule = receiver ? scope.modules.get(receiver)?.flatMap((uri) => index.get(uri)?.functions.filter((f) => f.name === name && !f.className).map((f) => ({ item: f, uri })) ?? []) : undefined;
      const found = direct ?? (viaModule?.length === 1 ? viaModule[0] : undefined);
      return found ? { ...found.item, uri: found.uri } : undefined;
    },
  };
}

interface Scope {
  /** Functions callable by a bare name (imported members, same-package functions) and by `module.name`. */
  functions: Map<string, Located<FunctionSummary>>;
  classes: Map<string, Located<ClassSummary>>;
  /** Module bindings (`import api.client as client`, `import * as http from './http'`, Go packages) → files. */
  modules: Map<string, string[]>;
}

/** The functions and classes a file sees from other files, following re-exports up to three files deep. */
function visibleNames(index: WorkspaceIndex, summary: FileSummary, depth: number): Scope {
  const scope: Scope = { functions: new Map(), classes: new Map(), modules: new Map() };
  const addFile = (uri: string, only?: string, as?: string): void => {
    const target = index.get(uri);
    if (!target) return;
    for (const fn of target.functions) {
      if (only !== undefined && fn.name !== only && fn.className !== only) continue;
      const key = only !== undefined && fn.name === only ? (as ?? fn.name) : fn.name;
      if (!scope.functions.has(key)) scope.functions.set(key, { item: fn, uri });
    }
    for (const cls of target.classes) {
      if (only !== undefined && cls.name !== only) continue;
      const key = only !== undefined ? (as ?? cls.name) : cls.name;
      if (!scope.classes.has(key)) scope.classes.set(key, { item: cls, uri });
    }
    if (only !== undefined && depth < 3) {
      // Re-exported: `from .client import fetch` in an __init__.py, `export { fetch } from './client'`.
      for (const b of target.imports) {
        if (!(b.reexport || target.language === 'python') || (b.local !== only && b.local !== '*')) continue;
        const inner = visibleNames(index, { ...target, imports: [b] }, depth + 1);
        const fn = inner.functions.get(only);
        if (fn && !scope.functions.has(as ?? only)) scope.functions.set(as ?? only, fn);
        const cls = inner.classes.get(only);
        if (cls && !scope.classes.has(as ?? only)) scope.classes.set(as ?? only, cls);
      }
    }
  };
  for (const binding of summary.imports) {
    const targets = index.resolve(summary, binding).filter((u) => u !== summary.uri);
    if (binding.member === '*' || binding.member === 'default') {
      if (binding.local !== '*') scope.modules.set(binding.local, targets);
      // Java/C# wildcard imports and namespaces: their classes (and methods, by name) are visible.
      if (binding.local === '*' || summary.language === 'java' || summary.language === 'csharp') for (const t of targets) addFile(t);
      else for (const t of targets) for (const fn of index.get(t)?.functions ?? []) if (fn.retriesCallback || fn.returnsRetryingClient) scope.functions.set(fn.name, { item: fn, uri: t });
    } else {
      // A member may be a submodule (`from api import client`): then it is a module binding.
      const submodule = targets.filter((t) => t.endsWith(`/${binding.member}.py`) || t.endsWith(`/${binding.member}/__init__.py`));
      if (submodule.length) scope.modules.set(binding.local, submodule);
      for (const t of targets) if (!submodule.includes(t)) addFile(t, binding.member, binding.local);
    }
  }
  for (const uri of samePackage(index, summary)) addFile(uri);
  return scope;
}

/** Fields of `cls`'s base classes (in any file) that hold a client a retry mechanism is set up on. */
function collectBaseFields(index: WorkspaceIndex, from: FileSummary, cls: ClassSummary, out: Record<string, string>, depth: number, seen: Set<string>): void {
  if (depth > 4) return;
  const visible = visibleNames(index, from, 0);
  for (const baseName of cls.bases) {
    const last = baseName.split('.').pop()!;
    const moduleName = baseName.includes('.') ? baseName.slice(0, baseName.lastIndexOf('.')) : undefined;
    let base: Located<ClassSummary> | undefined =
      (moduleName ? undefined : visible.classes.get(last)) ?? (moduleName ? undefined : from.classes.filter((c) => c.name === last && c !== cls).map((item) => ({ item, uri: from.uri }))[0]);
    if (!base && moduleName) {
      for (const uri of visible.modules.get(moduleName) ?? []) {
        const found = index.get(uri)?.classes.find((c) => c.name === last);
        if (found) base = { item: found, uri };
      }
    }
    if (!base || seen.has(`${base.uri}#${base.item.name}`)) continue;
    seen.add(`${base.uri}#${base.item.name}`);
    if (base.item.retryMechanism && base.uri !== from.uri) {
      for (const field of base.item.fields) out[field] ??= `${base.item.retryMechanism} (set up in base class ${base.item.name}, ${shortPath(base.uri)}:${base.item.line + 1})`;
    }
    const baseFile = index.get(base.uri);
    if (baseFile) collectBaseFields(index, baseFile, base.item, out, depth + 1, seen);
  }
}

/** Calls to `name` from other files that import this one (or share its package), and whether all are retried. */
function callersElsewhere(index: WorkspaceIndex, summary: FileSummary, name: string): CallerRetry | undefined {
  const files: string[] = [];
  let retried = true;
  for (const uri of index.callersNamed(name)) {
    if (uri === summary.uri || !index.dependenciesOf(uri).includes(summary.uri)) continue;
    const calls = index.get(uri)!.calls.filter((c) => c.name === name);
    if (calls.length === 0) continue;
    files.push(uri);
    if (!calls.every((c) => c.retried)) retried = false;
  }
  return files.length ? { retried, files: files.sort() } : undefined;
}

function shortPath(uri: string): string {
  return uri.split('/').slice(-2).join('/');
}
