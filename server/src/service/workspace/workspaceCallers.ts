import { type FileSummary, type FunctionSummary, type OutgoingCall, TYPES_BY_PACKAGE } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';
import { samePackage, samePackageAs } from './moduleResolution';
import type { CallerRetry } from './workspaceView';

/** Calls to `name` from other files that import this one (or share its package), and whether all are retried. */
export function callersElsewhere(index: WorkspaceIndex, summary: FileSummary, name: string): CallerRetry | undefined {
  const files: string[] = [];
  let retried = true;
  let asks = true;
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
    if (!calls.every((c) => c.asks)) asks = false;
  }
  return files.length ? { retried, files: files.sort(), ...(asks ? { asks } : {}) } : undefined;
}

/**
 * Go: the callers of a method through an interface its type satisfies (`func (s *sender) Send(e Event) error` and
 * `type Sender interface { Send(Event) error; Type() string }` in a package the file imports, or its own): the files
 * that call a method of that name and reach the interface's file. A type satisfies an interface when it has a method
 * of each of its names.
 */
export function interfaceCallers(index: WorkspaceIndex, summary: FileSummary, fn: FunctionSummary): CallerRetry | undefined {
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
