import { type FileSummary, type FunctionSummary, TYPES_BY_PACKAGE } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';
import { samePackage } from './moduleResolution';
import { findClass } from './workspaceClasses';
import { cachedRegExp } from '../regexCache';

/** A function of another file that a call reaches: an imported name, or `module.name`. */
export function calleeSummary(index: WorkspaceIndex, summary: FileSummary, modules: Map<string, string[]>, name: string, receiver: string | undefined): (FunctionSummary & { uri: string }) | undefined {
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
export function goVariableCallee(index: WorkspaceIndex, modules: Map<string, string[]>, name: string, receiver: string | undefined, enclosing: string): (FunctionSummary & { uri: string }) | undefined {
  const root = receiver && /^[A-Za-z_]\w*$/.test(receiver) ? receiver : undefined;
  if (!root) return undefined;
  const pkg = cachedRegExp(`\\b${root}\\s*:?=\\s*&?(\\w+)\\.\\w+\\(`).exec(enclosing)?.[1];
  const files = pkg ? modules.get(pkg) : undefined;
  if (!files || index.get(files[0] ?? '')?.language !== 'go') return undefined;
  const found = files.flatMap((uri) => (index.get(uri)?.functions ?? []).filter((f) => f.name === name && f.failsOnStatus).map((f) => ({ ...f, uri })));
  return found[0];
}
