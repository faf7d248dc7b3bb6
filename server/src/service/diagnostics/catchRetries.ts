import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { type CallInfo, within } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { resendRetries } from './resends';
import { CATCH_CLAUSE, tryBlock } from './chainSyntax';

/*
 * A retry that only raised errors reach: the catch clause of a try around the request sends it again — the
 * function called anew (`return post_event(url, data, attempt + 1)`), a bound Celery task's `self.retry(exc=exc)`,
 * the task queued again (`call_webhook.delay(args=(…, try_count + 1))`, `SyncJob.perform_later(…)`). What the
 * request's failure status does decides whether the retry covers it: raised inside the try, it reaches the catch;
 * only logged, returned or raised after the try, it never does.
 */

export interface CatchRetry {
  /** The try statement whose body holds the request. */
  tryNode: Node;
  /** Its body: a give-up raised in here reaches the catch. */
  body: Node;
  /** The call in the catch clause that sends again. */
  retry: Node;
}

/** Methods that put a task or job on its queue again. */
const ENQUEUE = new Set(['delay', 'apply_async', 'enqueue', 'perform_later', 'perform_async', 'perform_in', 'perform_at']);

/** The innermost try around the request, in its function, one of whose catch clauses sends it again. */
export function catchRetryOf(ctx: DiagContext, request: RequestInfo): CatchRetry | undefined {
  const fn = request.call.fn;
  if (!fn) return undefined;
  for (let n: Node | null = request.call.node.parent; n && n.id !== fn.node.id; n = n.parent) {
    const body = tryBlock(n);
    if (!body || !within(request.call.node, body)) continue;
    const clauses = n.namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
    for (const clause of clauses) {
      const retry = retryIn(ctx, request, clause);
      if (retry) return { tryNode: n, body, retry };
    }
  }
  return undefined;
}

/** The call in the clause that runs the request again, if any. */
function retryIn(ctx: DiagContext, request: RequestInfo, clause: Node): Node | undefined {
  const fn = request.call.fn!;
  const resend = resendRetries(ctx).find((r) => r.fn === fn && within(r.resend.node, clause));
  if (resend) return resend.resend.node;
  for (const call of ctx.flow.callsByFn.get(fn) ?? []) {
    if (!within(call.node, clause)) continue;
    if (reRuns(ctx, call, fn.name)) return call.node;
  }
  return undefined;
}

/** `self.retry(…)` in a Python method (a bound Celery task), or the enclosing function queued again by name. */
function reRuns(ctx: DiagContext, call: CallInfo, fnName: string | undefined): boolean {
  if (call.name === 'retry' && call.receiver === 'self' && ctx.flow.grammarName === 'python') return true;
  if (!ENQUEUE.has(call.name) || !call.receiver) return false;
  const receiver = call.receiver.replace(/^(self|this|cls)\./, '');
  return !!fnName && receiver === fnName;
}
