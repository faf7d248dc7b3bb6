import type { Node } from 'web-tree-sitter';
import type { CallInfo, FileFlow, FnInfo } from './flow/flowModel';
import { retryHelperNames } from './handedRetryShape';
import { cachedRegExp } from '../regexCache';

/*
 * The call sites of a retry helper recognised by its shape (handedRetryShape.ts): what a caller hands it — a closure
 * sending a request, a function of the file — is retried there, on the helper's policy. Only calls the file makes to
 * its own helper count (no receiver, `self`/`this`, a Go method's short receiver, the class it is declared in): a
 * `run` or `execute` of another object is another function.
 */

/** Receivers through which a file calls its own functions. */
const OWN_RECEIVER = /^(self|this|cls|super|static|\$this|[a-z]{1,2})$/;

function ownCall(flow: FileFlow, receiver: string | undefined): boolean {
  if (!receiver) return true;
  if (OWN_RECEIVER.test(receiver)) return true;
  // `Gateway.execute(…)`, `RetryUtil::run(…)`: a class of the file.
  return /^[A-Z]\w*$/.test(receiver) && cachedRegExp(`\\b(class|object|struct|record|interface)\\s+${receiver}\\b`).test(flow.text);
}

/** The call is one of the file's own shape-recognised retry helpers (`attempt(() => fetch(u))`, `self.call_with_pause(op)`). */
export function callsShapedHelper(flow: FileFlow, call: { name: string; receiver?: string }): boolean {
  const names = retryHelperNames(flow);
  return names.size > 0 && names.has(call.name) && ownCall(flow, call.receiver);
}

/**
 * The code at `node` is handed to a shape-recognised retry helper of the file: it sits in the arguments (or the
 * trailing lambda, the block) of a call to one, or in a function decorated with one. Undefined when not.
 */
export function shapedHelperCovering(flow: FileFlow, node: Node, fn: FnInfo | undefined): string | undefined {
  const names = retryHelperNames(flow);
  if (names.size === 0) return undefined;
  for (let f = fn; f; f = f.parent) {
    const decorator = f.decorators.map((d) => d.replace(/\(.*$/s, '').split('.').pop() ?? d).find((d) => names.has(d));
    if (decorator) return `decorator @${decorator}`;
  }
  for (let child: Node = node, n: Node | null = node.parent; n; child = n, n = n.parent) {
    const call = flow.callByNode.get(n.id);
    if (!call || call.node.id === node.id || !names.has(call.name) || !ownCall(flow, call.receiver)) continue;
    // (In what it is handed, not in the chain it is called on.)
    const callee = flow.adapter.callee(n);
    if (callee && child.startIndex >= callee.startIndex && child.endIndex <= callee.endIndex) continue;
    return `wrapper ${call.name}`;
  }
  return undefined;
}

/**
 * The file's functions a call to a helper hands it: named as an argument (`attempt(fetchPage)`,
 * `self._with_pause(self._upload)`) or called by a closure handed to it (`attempt(() => this.fetchPage(id))`).
 */
export function functionsHanded(flow: FileFlow, call: CallInfo): string[] {
  const out: string[] = [];
  for (const arg of flow.adapter.callArguments(call.node)) {
    if (flow.grammar.functions.has(arg.type)) {
      for (const inner of flow.calls) if (inner.start >= arg.startIndex && inner.end <= arg.endIndex && ownCall(flow, inner.receiver)) out.push(inner.name);
      continue;
    }
    const name = /^(?:(?:self|this|\$this)\s*(?:\.|->|::)\s*)?([A-Za-z_$][\w$]*)$/.exec(arg.text.trim())?.[1];
    if (name) out.push(name);
  }
  return out;
}
