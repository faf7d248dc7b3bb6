import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { type CallInfo, enclosingLoops, type FnInfo } from './flow/flowModel';
import { callWaits } from './functionSummaries';
import { rerunByJobQueue } from './jobRetries';

/**
 * The callers in the file retry what a function raises: every call to it in the file sits where a
 * failure is tried again — inside a try block within a loop that goes round again (`for attempt …: try:
 * fetch_page() except …: sleep`), under a retry mechanism (a decorator, a retrying wrapper), or in a
 * caller that is itself retried this way. A function nobody in the file calls is not covered: its
 * callers live elsewhere (the workspace index decides those).
 */
export function retriedByCallers(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  return callersRetry(ctx, fn, new Set());
}

function callersRetry(ctx: DiagContext, fn: FnInfo | undefined, seen: Set<FnInfo>): boolean {
  if (!fn?.name || seen.has(fn)) return false;
  seen.add(fn);
  // A job's entry point its queue runs again when it raises (a Sidekiq job's `perform`, a Laravel job with `$tries`).
  if (rerunByJobQueue(ctx, fn)) return true;
  const sites = callSites(ctx, fn);
  // Nobody in the file calls it: its callers in other files decide (the workspace index), when known.
  if (sites.length === 0) return ctx.workspace?.callersRetry(fn.name)?.retried === true;
  return sites.every((call) => retriedAt(ctx, call) || callersRetry(ctx, call.fn, seen));
}

/** Calls to `fn` by its name in the file, outside `fn` itself. */
export function callSites(ctx: DiagContext, fn: FnInfo): CallInfo[] {
  let byName = sitesCache.get(ctx);
  if (!byName) {
    byName = new Map();
    for (const call of ctx.flow.calls) {
      const list = byName.get(call.name);
      if (list) list.push(call);
      else byName.set(call.name, [call]);
    }
    sitesCache.set(ctx, byName);
  }
  // `web.get()` / `requests.get(u)` call another object's method, not this file's `get`.
  return (byName.get(fn.name!) ?? []).filter((c) => (c.start < fn.start || c.start >= fn.end) && (!c.receiver || OWN_RECEIVER.test(c.receiver)));
}

/** Receivers through which a file calls its own functions: none, `self`/`this`/`cls`, a Go method's short receiver. */
const OWN_RECEIVER = /^(self|this|cls|super|[a-z]{1,2})$/;

const sitesCache = new WeakMap<DiagContext, Map<string, CallInfo[]>>();

/** The calls the file's retry loops re-send, read once per analysis (every caller of every helper asks). */
function resentCalls(ctx: DiagContext): Set<number> {
  let ids = resentCache.get(ctx);
  if (!ids) resentCache.set(ctx, (ids = new Set(ctx.retryLoops().map((r) => r.request.call.node.id))));
  return ids;
}

const resentCache = new WeakMap<DiagContext, Set<number>>();

/** A channel receive that waits for a tick or a timer. */
const TICK = /<-\s*[\w.]*\.C\b|<-\s*time\.(After|Tick)\(/;

/**
 * This call is retried where it is: under a retry mechanism, in a try block inside a loop that goes
 * round again, or in a loop that waits between rounds.
 */
export function retriedAt(ctx: DiagContext, call: CallInfo): boolean {
  // (got and ky retry their own requests, each judged where it is sent — not a call of a function of the file.)
  const mechanism = ctx.mechanisms.covering(call.node, call.receiver);
  if (mechanism && !mechanism.startsWith('got-ky')) return true;
  // The call is what a retry loop of the model re-sends (`for i := retries; i >= 0; i-- { body, err = doReq(…); if err == nil { break } }`).
  if (resentCalls(ctx).has(call.node.id)) return true;
  for (const loop of enclosingLoops(ctx.flow, call.node)) {
    if (loop.kind === 'collection') continue;
    if (insideTry(call.node, loop.node)) return true;
    // Go and friends retry without try: the loop waits between rounds (`time.Sleep(backoff)`).
    if (loop.calls.some((c) => c !== call && callWaits(ctx.flow, c.name))) return true;
    // A Go loop paced by a ticker or a timer (`case <-ticker.C:`, `<-time.After(d)`): the next tick tries again.
    if (ctx.flow.grammarName === 'go' && TICK.test(loop.body?.text ?? '')) return true;
  }
  return false;
}

function insideTry(node: Node, stop: Node): boolean {
  for (let n: Node | null = node.parent; n && n.id !== stop.id; n = n.parent) {
    if (/^try_statement$|^try_with_resources_statement$|^try_expression$/.test(n.type)) return true;
  }
  return false;
}
