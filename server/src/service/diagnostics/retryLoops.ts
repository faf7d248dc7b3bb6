import { membershipOf, membershipTests } from './constantSets';
import type { Node } from 'web-tree-sitter';
import { failingWhile } from './failingConditions';
import type { Occurrence, Range } from '../types';
import type { DiagContext } from './context';
import type { RetryLoopData } from './findingData';
import { LoopInfo, within } from './flow/flowModel';
import { alwaysLeaves } from './chainSyntax';
import { callWaits } from './functionSummaries';
import { DELAY, isAbortTimer, isDelayCall, waitArgument } from './waitCalls';
import type { RequestInfo } from './requests';
import { statementOf } from './requestStatements';
import { senderCalls } from './senders';
import { catchStays, sdkErrorsStay, tryAround } from './wholesaleRetries';
import type { ResendRetry } from './resends';
import { sdkCallIn, sdkClients } from './amplification/sdkClients';
import { retryShapedCalls } from './retryShapedLoops';
import { pages, stalledFailure } from './pagingLoops';
import { counterPicksRequest } from './loopCounters';
import { reauthenticatesOnly } from './reauthLoops';
import { conditionSet, testsWithin } from './statusSets';

/** A hand-written loop that re-sends a request after a failure. */
export interface RetryLoop {
  loop: LoopInfo;
  request: RequestInfo;
  /** Delay calls directly in the loop (`time.sleep`, `setTimeout`, `Task.Delay`…). */
  delays: Array<{ call: Node; arg: Node | null }>;
  /**
   * The wait between attempts is handed to a retry policy object that gets the attempt's state
   * (`handler.prepare_for_next_attempt(state, request, response)`, `policy.nextBackoff(attempt, res)`):
   * its delay and its reading of Retry-After are the policy's, analysed where it is written.
   */
  delegatedWait?: Node;
  /**
   * Where the re-send happens when the loop itself is no retry: a pager whose failure branch goes round before the
   * page moves on (`if err != nil { log(err); continue }`) fetches the same page again from there.
   */
  resendAt?: Node;
}

/** Calls that compute or perform the wait before the next attempt on behalf of the loop. */
const DELEGATED_WAIT = /prepare_?for_?next|next_?(attempt|backoff|delay|interval|retry_?delay)|(compute|calc|calculate|get)_?(backoff|retry_?delay|delay|wait)|^(backoff|wait_?before_?retry|sleep_?before_?retry|before_?retry|on_?retry)$|^(sleep|wait|delay)_?(until|for|before)_?\w*$/i;

export { DELAY } from './waitCalls';

/**
 * Retry loops: not iterating a collection, holding a request whose arguments do not use the loop
 * counter (that would be paging), and showing retry intent: a `continue`, or an exit plus failure
 * handling (a status test, try/catch, or Go's `err` check) inside the loop.
 */
export function findRetryLoops(ctx: DiagContext): RetryLoop[] {
  const result: RetryLoop[] = [];
  const seen = new Set<number>();
  // The first request directly in each loop (its innermost loop), in source order.
  const firstRequest = new Map<LoopInfo, RequestInfo>();
  for (const r of ctx.requests) {
    const inner = r.call.loops[0];
    if (inner && !firstRequest.has(inner)) firstRequest.set(inner, r);
  }
  // A loop around a call to a function of the file that sends the request (`err = c.upload(b)`) re-sends it too.
  const viaSenders = senderCalls(ctx);
  for (const r of viaSenders) {
    const inner = r.call.loops[0];
    if (inner && !firstRequest.has(inner)) firstRequest.set(inner, r);
  }
  // A loop around a call of an SDK client (`client.messages.create(…)`, server/data/sdk-retries.json) re-sends
  // the SDK's request: its delay, cap and caught errors are the loop's, whatever the SDK does inside.
  for (const r of sdkRequestsInLoops(ctx, firstRequest)) firstRequest.set(r.call.loops[0], r);
  // A loop shaped like a retry (counts attempts, leaves on success, stays when the call throws) re-sends its remote call.
  for (const r of retryShapedCalls(ctx, firstRequest)) firstRequest.set(r.call.loops[0], r);
  const checks = ctx.occurrences.filter((o) => o.role === 'client-check').map((o) => ({ o, at: ctx.offsetOf(o) })).sort((a, b) => a.at - b.at);
  const checkStarts = checks.map((c) => c.at);
  const callStarts = ctx.flow.calls.map((c) => c.start);
  // A request or a recursive call is not a wait handed to a helper, even when its function waits.
  const requestCalls = new Set([...ctx.requests, ...viaSenders, ...firstRequest.values()].map((r) => r.call.node.id));
  for (const loop of ctx.flow.loops) {
    if (loop.kind === 'collection' || seen.has(loop.node.id)) continue;
    const request = firstRequest.get(loop);
    if (!request) continue;
    if (counterPicksRequest(ctx, loop, request.call.node)) continue;
    // (Going round only to send again with a renewed token, after a 401, is re-authentication, not a retry.)
    if (reauthenticatesOnly(ctx, loop)) continue;
    // (A page whose failure goes round before the page moves on is fetched again: that round is a retry.)
    const paging = pages(ctx, loop, request);
    const stalled = paging ? stalledFailure(ctx, loop, request) : undefined;
    if (paging && !stalled) continue;
    const handlesFailure =
      // A retry helper's operation (named for retrying, run in a loop it leaves on the operation's answer).
      (request.inferred === 'callback' && loop.exits.length > 0) ||
      checks.slice(lowerBound(checkStarts, loop.start), lowerBound(checkStarts, loop.end)).some((c) => isFailureTest(ctx, c.o, loop)) ||
      // `if r.status_code in RETRYABLE_STATUS_CODES:`: a named collection of failure statuses, declared elsewhere in the file
      namedFailureTestIn(ctx, loop) ||
      // `if is_retryable(response.status_code):`, `if (shouldRetry(response))`: a predicate of the file says which statuses.
      predicateTestIn(ctx, loop, request) ||
      // (Kotlin's try is an expression; Rust's `try_expression` is the `?` operator, no catch.)
      hasAncestor(request.call.node, loop.node, ctx.flow.grammarName === 'kotlin' ? /^try_expression$/ : /^try(_with_resources)?_statement$/) ||
      // (Go: `err != nil`, a type assertion on it `err.(net.Error)`, or `errors.Is/As(err, …)`)
      (ctx.flow.grammarName === 'go' && /\berr\s*[!=]=\s*nil|\berr\.\(|\berrors\.(Is|As)\(\s*err\b/.test(loop.body?.text ?? '')) ||
      // Rust: a Result matched or tested (`Err(e) =>`, `if let Ok(r) = resp`, `.is_err()`), a status class flag
      // (A success handed back, `return Ok(token)`, matches nothing: it is the way out, not a test.)
      (ctx.flow.grammarName === 'rust' && /\bErr\s*\(|\blet\s+Ok\s*\(|\bOk\s*\([^()]*\)\s*=>|\.is_err\(\)|\.is_ok\(\)|\.(is_success|is_server_error|is_client_error|error_for_status)\(\)/.test(loop.body?.text ?? '')) ||
      // the response's success flag (`res.ok`, OkHttp `isSuccessful()`, httpx `is_success`, Spring `is2xxSuccessful()`, Ruby `success?`)
      SUCCESS_FLAG.test(loop.body?.text ?? '') || failsWhileUnsuccessful(loop) ||
      // Ruby `begin … rescue … retry`: the loop is its rescue clause, which takes failures and nothing else.
      (ctx.flow.grammarName === 'ruby' && /^(begin|body_statement)$/.test(loop.node.type));
    // Going round again only counts as a retry when the loop looks at a failure (polling a 202 is not retrying).
    // (A loop that ends through the flag its condition reads, set on success, goes round on everything else.)
    const endsOnFlag = () => checks.slice(lowerBound(checkStarts, loop.start), lowerBound(checkStarts, loop.end)).some((c) => flagOnSuccess(ctx, c.o, loop));
    if (!handlesFailure || (loop.continues.length === 0 && loop.exits.length === 0 && !conditionTestsFailure(ctx, loop, checks) && !failsWhileUnsuccessful(loop) && !swallowedInLoop(ctx, loop, request) && !endsOnFlag())) continue;
    // A loop with no way out (`for { select { case <-ticker.C: if err := poll(); err != nil { continue } … } }`) goes
    // round on success as on failure: a poller or a worker, not a retry of something until it succeeds.
    if (loop.kind === 'infinite' && loop.exits.length === 0) continue;
    // A counted loop that never leaves early (`for i := 0; i < c.Attempts; i++ { resp, err := c.Client.Do(req); … }`)
    // sends on every round, after a success as after a failure: it repeats a request a number of times (samples, an
    // uptime probe's attempts), it does not retry one until it succeeds.
    if (loop.kind === 'counted' && loop.exits.length === 0 && !conditionTestsFailure(ctx, loop, checks) && !failsWhileUnsuccessful(loop) && !endsOnFlag()) continue;
    seen.add(loop.node.id);
    // Delays may sit in a nested callback (`await new Promise((r) => setTimeout(r, ms))`), so search by position.
    const scope = loop.body ?? loop.node;
    const scopeStart = scope.startIndex;
    const scopeEnd = scope.endIndex;
    const delays = ctx.flow.calls
      .slice(lowerBound(callStarts, scopeStart), lowerBound(callStarts, scopeEnd + 1))
      .filter((c) => isDelayCall(c, ctx.flow.grammarName) && !isAbortTimer(c) && c.end <= scopeEnd && !insideNestedLoop(ctx, c.node, loop))
      .map((c) => {
        const args = ctx.flow.adapter.callArguments(c.node);
        return { call: c.node, arg: waitArgument(c.name, args) };
      })
      .filter((d) => d.call.type !== 'new_expression');
    // (A call inside a delay's own argument only computes how long it waits — `Task.Delay(d.BackOff(max, retries))`,
    // `sleep(backoff(attempt))` — it is handed no say in whether the loop goes round: the delay is the loop's.)
    const delegatedWait =
      ctx.flow.calls
        .slice(lowerBound(callStarts, scopeStart), lowerBound(callStarts, scopeEnd + 1))
        .find((c) => !DELAY.test(c.name) && !delays.some((d) => d.arg && within(c.node, d.arg)) && ((DELEGATED_WAIT.test(c.name) && ctx.flow.adapter.callArguments(c.node).length > 0) || (c.name !== loop.fn?.name && !requestCalls.has(c.node.id) && callWaits(ctx.flow, c.name))))?.node ??
      (ctx.flow.grammarName === 'ruby' ? rubyBareWait(ctx, scope, loop.fn?.name) : undefined);
    result.push({ loop, request, delays, ...(delegatedWait ? { delegatedWait } : {}), ...(stalled ? { resendAt: stalled } : {}) });
  }
  return result;
}

/** The first SDK call directly in each loop that holds no other request (`inferred: 'sdk'`). */
function sdkRequestsInLoops(ctx: DiagContext, firstRequest: ReadonlyMap<LoopInfo, RequestInfo>): RequestInfo[] {
  const loops = ctx.flow.loops.filter((l) => l.kind !== 'collection' && !firstRequest.has(l) && l.body);
  if (!loops.length) return [];
  const clients = sdkClients(ctx);
  if (!clients.length) return [];
  const out: RequestInfo[] = [];
  for (const loop of loops) {
    const found = sdkCallIn(ctx, loop.body!, clients);
    if (!found) continue;
    // One level deep (`ret = make_request(…)` with the SDK call in `make_request`): the loop re-sends through that call.
    const call = found.call.loops[0] === loop ? found.call : ctx.flow.calls.find((c) => c.loops[0] === loop && ctx.flow.fns.some((f) => f.name === c.name && f.start <= found.call.start && found.call.end <= f.end));
    if (!call) continue;
    out.push({ call, library: 'unknown', method: 'UNKNOWN', statement: statementOf(call.node), inferred: 'sdk' });
  }
  return out;
}

/** A membership test on a named collection holding a failure status (4xx/5xx) inside the loop. */
function namedFailureTestIn(ctx: DiagContext, loop: LoopInfo): boolean {
  return membershipTests(ctx).some((n) => n.startIndex >= loop.start && n.endIndex <= loop.end && [...(membershipOf(ctx, n)?.codes ?? [])].some((c) => /^[45]\d\d$/.test(c)));
}

/**
 * An if in the loop whose condition asks a predicate of the file about the response (`is_retryable(resp.status_code)`,
 * `shouldRetry(response)`) and gets an answer for some failure status: the loop looks at a failure.
 */
function predicateTestIn(ctx: DiagContext, loop: LoopInfo, request: RequestInfo): boolean {
  const root = request.responseVar;
  if (!root || !loop.body) return false;
  const { grammar } = ctx.flow;
  let found = false;
  const visit = (n: Node): void => {
    if (found || grammar.functions.has(n.type)) return;
    if (grammar.ifs.has(n.type)) {
      const condition = grammar.ifCondition(n);
      if (condition && /\w\s*\(/.test(condition.text) && (conditionSet(ctx, condition, testsWithin(ctx, condition, root), root, 0, true)?.size ?? 0) > 0) found = true;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(loop.body);
  return found;
}

/**
 * `while (!done) { try { send(); done = true; } catch { log(); } sleep(d); }`: the request sits in a try whose
 * catch takes its failures and stays in the loop, so a failure goes round again.
 */
function swallowedInLoop(ctx: DiagContext, loop: LoopInfo, request: RequestInfo): boolean {
  // A counted loop that swallows failures sends a batch (or a load test); a while loop waits for success.
  if (loop.kind !== 'conditional' && loop.kind !== 'infinite') return false;
  const tryNode = tryAround(ctx, request.call.node, loop.node);
  if (!tryNode) return false;
  // Whatever an SDK call raises is a failure of its request (`except anthropic.RateLimitError: sleep(3)`).
  return request.inferred === 'sdk' ? sdkErrorsStay(ctx, tryNode) : catchStays(ctx, tryNode);
}

/** The response's success flag (`res.ok`, OkHttp `isSuccessful()`, httpx `is_success`, Spring `is2xxSuccessful()`, Ruby `success?`). */
const SUCCESS_FLAG = /\.(ok|isSuccessful|is_success|isSuccess|is2xxSuccessful|IsSuccessStatusCode)\b|\.(success|successful)\?|raise_for_status|EnsureSuccessStatusCode/;

/**
 * The loop goes round while the response is not a success (`do { m = await c.PostAsync(u, b); } while
 * (!m.IsSuccessStatusCode && n < 3)`, `while not r.ok:`): its own condition is the failure test.
 */
function failsWhileUnsuccessful(loop: LoopInfo): boolean {
  const condition = loop.kind === 'collection' ? null : loop.node.childForFieldName('condition');
  return !!condition && failingWhile(condition.text);
}

/**
 * The loop's own condition is the failure test (`while resp.status_code == 503:`, `while (res.status >= 500)`):
 * going round is the retry, with no `continue` or exit needed.
 */
function conditionTestsFailure(ctx: DiagContext, loop: LoopInfo, checks: Array<{ o: Occurrence; at: number }>): boolean {
  const condition = loop.kind === 'collection' ? null : loop.node.childForFieldName('condition');
  if (!condition) return false;
  return checks.some((c) => c.at >= condition.startIndex && c.at < condition.endIndex && isFailureTest(ctx, c.o));
}

/**
 * Where a loop retry's finding stands: the loop's head, or — for a pager that fetches the same page again — the
 * failure branch that goes round (`if err != nil { … continue }`).
 */
export function retryHeadRange(ctx: DiagContext, retry: RetryLoop): Range {
  return retry.resendAt ? ctx.headRange(retry.resendAt, retry.resendAt.childForFieldName('consequence')) : ctx.headRange(retry.loop.node, retry.loop.body);
}

export function loopData(ctx: DiagContext, retry: RetryLoop): RetryLoopData {
  const { loop, request } = retry;
  const delay = retry.delays[0];
  return {
    ...ctx.base(loop.node),
    ...ctx.requestData(request),
    loopRange: ctx.range(loop.node),
    loopHeaderRange: ctx.headRange(loop.node, loop.body),
    ...(loop.counterVar ? { counterVar: loop.counterVar } : {}),
    ...(delay ? { delayRange: ctx.range(delay.call), delayText: delay.call.text } : {}),
    ...(delay?.arg ? { delayArgRange: ctx.range(delayValue(delay.arg)) } : {}),
  };
}

/** The value of a delay argument: `wait` in `throttle(wait=wait)`, the argument itself otherwise. */
function delayValue(arg: Node): Node {
  return /^(keyword_argument|named_argument|value_argument)$/.test(arg.type) ? (arg.childForFieldName('value') ?? arg.lastNamedChild ?? arg) : arg;
}

/** The finding data of a re-send retry: the function stands for the loop (no loop fix applies to it). */
export function resendData(ctx: DiagContext, resend: ResendRetry): RetryLoopData {
  const delay = resend.delays[0];
  return {
    ...ctx.base(resend.guard),
    ...(resend.request ? ctx.requestData(resend.request) : {}),
    loopRange: ctx.range(resend.fn.node),
    loopHeaderRange: ctx.headRange(resend.guard, resend.condition),
    structure: 'recursion',
    ...(delay ? { delayRange: ctx.range(delay.call), delayText: delay.call.text } : {}),
  };
}

/**
 * A test that looks at a failure: an error code, a 4xx/5xx status, a `!= 200` / `>= 400` style check, or a
 * success test (`== 200`, `< 300`) — leaving on success means going round on the rest.
 */
function isFailureTest(ctx: DiagContext, occ: Occurrence, loop?: LoopInfo): boolean {
  if (occ.kind === 'error-code' || Number(occ.code) >= 400) return true;
  const test = ctx.testOf(occ);
  const op = test?.op ?? '';
  const code = Number(occ.code);
  // A success test whose branch leaves the loop (`if status == 200: return`), or ends it through the flag its
  // condition reads (`while not done: … if r.status_code == 200: done = True`); one that waits and goes round on it
  // (`== 202: sleep; continue`) polls, it does not retry.
  if (code >= 200 && code < 300 && /^(==|===|<|<=|is|in|case)$/.test(op)) {
    if (!test?.branch) return false;
    return (alwaysLeaves(test.branch) && !/^(continue_statement)$/.test(lastStatementType(test.branch))) || (!!loop && setsLoopFlag(test.branch, loop));
  }
  return op === '!=' || op === '!==' || op === '>=' || op === '>';
}

/** A success test whose branch sets the flag the loop's condition reads. */
function flagOnSuccess(ctx: DiagContext, occ: Occurrence, loop: LoopInfo): boolean {
  const test = ctx.testOf(occ);
  const code = Number(occ.code);
  if (!test?.branch) return false;
  if (code >= 200 && code < 300 && /^(==|===|<|<=|is|in|case)$/.test(test.op)) return setsLoopFlag(test.branch, loop);
  // `if (code >= 400) { log(…) } else { success = true; }`: the else of a failure test is the success.
  const orElse = test.guard?.childForFieldName('alternative');
  return !!orElse && !test.negated && ((test.op === '>=' && code >= 400 && code <= 500) || (test.op === '>' && code >= 299 && code <= 499)) && setsLoopFlag(orElse, loop);
}

/** The branch sets a name the loop's condition reads to a boolean (`done = True`, `success = true`). */
export function setsLoopFlag(branch: Node, loop: LoopInfo): boolean {
  const condition = loop.kind === 'conditional' ? loop.node.childForFieldName('condition') : null;
  if (!condition) return false;
  const names = new Set(condition.text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  for (const m of branch.text.matchAll(/(?:^|[^\w$.])([A-Za-z_$][\w$]*)\s*=(?!=)\s*(True|true|False|false)\b/g)) if (names.has(m[1])) return true;
  return false;
}

/** The type of the last statement of a branch (its own type when it is one statement). */
function lastStatementType(branch: Node): string {
  let statements = branch.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  if (statements.length === 1 && statements[0].type === 'statement_list') statements = statements[0].namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  return statements[statements.length - 1]?.type ?? branch.type;
}

function insideNestedLoop(ctx: DiagContext, node: Node, loop: LoopInfo): boolean {
  for (let n: Node | null = node.parent; n && n.id !== loop.node.id; n = n.parent) if (ctx.flow.loopByNode.has(n.id)) return true;
  return false;
}

/** First index whose value is >= `value` in an ascending list. */
function lowerBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasAncestor(node: Node, stop: Node, type: RegExp): boolean {
  for (let n: Node | null = node.parent; n && n.id !== stop.id && within(n, stop); n = n.parent) if (type.test(n.type)) return true;
  return false;
}


/** Statement containers of Ruby, where a bare name is a method called with no arguments. */
const RUBY_STATEMENTS = /^(body_statement|then|else|begin|do_block|block_body|program)$/;

/**
 * Ruby calls a method of no arguments by its bare name (`backoff`, `wait_a_bit`), which the syntax tree cannot tell
 * from a local: as a statement of its own, naming a method of the file that waits, it is the loop's wait.
 */
function rubyBareWait(ctx: DiagContext, scope: Node, fnName: string | undefined): Node | undefined {
  return scope.descendantsOfType('identifier').find((n): n is Node => !!n && n.text !== fnName && RUBY_STATEMENTS.test(n.parent?.type ?? '') && callWaits(ctx.flow, n.text)) ?? undefined;
}
