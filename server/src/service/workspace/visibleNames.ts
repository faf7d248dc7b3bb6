import type { FileSummary, FunctionSummary } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';
import { samePackage } from './moduleResolution';
import type { Located } from './workspaceClasses';

/** What a file sees of other files through its imports and its package. */
export interface Scope {
  /** Functions of other files that matter to the rules (retry wrappers, retrying-client factories), by the name used here. */
  functions: Map<string, Located<FunctionSummary>>;
  /** Module bindings (`import api.client as client`, `import * as http from './http'`, Go packages) → files. */
  modules: Map<string, string[]>;
  /** Every file an import or the package reaches. */
  targets: Set<string>;
}

const interesting = (fn: FunctionSummary): boolean => !!(fn.retriesCallback || fn.returnsRetryingClient || fn.returnsUnboundedClient);

/** The wrappers and client factories a file sees from other files, following re-exports up to three files deep. */
export function visibleNames(index: WorkspaceIndex, summary: FileSummary, depth: number): Scope {
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
