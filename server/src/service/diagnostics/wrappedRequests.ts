import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { CallInfo } from './flow/flowModel';
import { type RequestInfo, throwsOnStatus } from './requests';
import { responseVarOf, statementOf } from './requestStatements';

/**
 * A request whose response a retry wrapper hands back unexamined: `await pRetry(() => fetch(u))`,
 * `retry_call(lambda: requests.get(u))`. The wrapper retries what its callback throws, and a client that
 * does not throw on a failure status returns the 503 as a value, so the wrapper never sees it fail. Seen
 * from outside, the request is the wrapper call: its result is the response, checked (or not) after it.
 */
export function requestThroughWrapper(ctx: DiagContext, request: RequestInfo): RequestInfo | undefined {
  // A client that throws on a failure status lets the wrapper see the 503.
  if (throwsOnStatus(request)) return undefined;
  const wrapper = wrapperHandingBack(ctx, request.call.node);
  if (!wrapper) return undefined;
  return { ...request, call: wrapper, responseVar: responseVarOf(wrapper.node), statement: statementOf(wrapper.node) };
}

/** The retry-wrapper call whose callback's whole body is `call` (`() => fetch(u)`, `lambda: s.get(u)`). */
function wrapperHandingBack(ctx: DiagContext, call: Node): CallInfo | undefined {
  let n: Node | null = call.parent;
  while (n && /^(await_expression|await|parenthesized_expression)$/.test(n.type)) n = n.parent;
  if (!n || !/^(arrow_function|lambda|lambda_expression)$/.test(n.type)) return undefined;
  const args = n.parent;
  const outer = args?.parent;
  if (!args || !outer || !/arguments|argument_list/.test(args.type)) return undefined;
  const wrapper = ctx.flow.callByNode.get(outer.id);
  return wrapper && ctx.mechanisms.isRetryingCall(wrapper) ? wrapper : undefined;
}
