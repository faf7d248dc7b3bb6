import type { Node } from 'web-tree-sitter';
import { escapeRegExp } from './regexText';
import { parameterNames, subjectRoot } from './branches';
import type { DiagContext } from './context';
import { type CallInfo, enclosingFn, firstCallFrom, type FnInfo, functionBodyOf, within } from './flow/flowModel';
import { callWaits, functionSummaries } from './functionSummaries';
import type { RequestInfo } from './requests';
import { senderCalls } from './senders';
import { conditionSet, conditionSetOver, testsNoAnswer, testsWithin } from './statusSets';
import { failureSet, PROBED_STATUSES, repeatingCodes } from './failureSets';
import { catchesStatusFailures, caughtErrorName } from './wholesaleRetries';
import { ancestorWithin, catchBody, CATCH_CLAUSE, tryBlock } from './chainSyntax';
import { throwsOnStatus } from './requests';
import { DELAY, isAbortTimer, waitArgument, waitFromResponse } from './waitCalls';
import { TRANSIENT_STATUSES } from './retriedSets';
import { inCatchOf, isCounterTest } from './resendGuards';
import { caughtNames, waitReadsAnswer } from './answerWaits';

/*
 * One re-send read as a retry (resends.ts finds them; exitFilteredResends.ts finds those past early exits): which
 * statuses reach it, what it waits first, whether it reads Retry-After — the same questions as for a loop.
 */

export interface ResendRetry {
  /** The function whose failure branch re-sends. */
  fn: FnInfo;
  /** The recursive call, or the call of the retry method. */
  resend: CallInfo;
  /** The function that runs again: `fn` itself, or the retry method. */
  target: FnInfo;
  /** The if, elif, case or catch clause holding the re-send. */
  guard: Node;
  /** The guard's condition (null for a catch clause or an else arm). */
  condition: Node | null;
  /** The request the function (or the retry method) sends, when it is one the file shows. */
  request?: RequestInfo;
  /** Waits in the function, the guard and the retry method. */
  delays: Array<{ call: Node; arg: Node | null }>;
  /** A wait handed to a policy object (`state.sleep()`): its delay and its reading of Retry-After are its own. */
  delegatedWait?: Node;
  /** A wait in a function of the file the re-send runs through (`self._pause(attempt)`, `await()` that sleeps). */
  helperWait?: Node;
  /** A call named for waiting whose body is not in the file (`$this->limiter->handle_rate_limit($s)`): what it waits is not known. */
  possibleWait?: Node;
  /** Transient statuses the guard lets through to the re-send, when the guard reads the status. */
  retried?: Set<string>;
  /** Client errors (of PROBED_STATUSES) the guard lets through too: `if (!res.ok && retries > 0)` retries a 404. */
  repeating?: string[];
  /** The function, the retry method or a helper they call reads Retry-After. */
  readsRetryAfter: boolean;
  /** The retry method has no body here (an interface or abstract method): what it waits is not known. */
  opaque: boolean;
  /** The request written out once more in the branch: one extra attempt, capped by construction. */
  once?: boolean;
  /** Counter tests between the guard and the re-send (`if attempts < 2:` inside `if 400 <= status < 500:`). */
  bounds?: Node[];
}

/** The failed request's own configuration, handed back to the client (`error.config`, `originalRequest`). */
export const REISSUED = /^(\w+\.)?config$|^original_?(request|config|req)$|^(\w+\.)?request\.config$/i;


const FAILURE_GUARD = /retr(y|i)|transient|recoverable|should_?(retry|again)|can_?retry|\.ok\b|IsSuccess|is_success|isSuccessful|!=\s*nil|error|err\b|fail|status|code/i;
const DELEGATED = /^(sleep|wait|pause|backoff)$/i;
/** Names of calls that may wait (a limiter's or a helper's, defined elsewhere). */
const WAITING_NAME = /wait|sleep|delay|pause|throttle|backoff|back_off|rate_?limit|cool_?down/i;
/**
 * A failure built to be thrown, named for what failed (`SpotifyRatelimitedException(wait)`, `RateLimitError(msg)`,
 * `BackoffTimeoutError`): constructing it waits nothing, whatever its name says.
 */
const FAILURE_TYPE = /(Exception|Error|Failure|Fault)$/;

/** The file defines a function or method of this name. */
function ownMethod(ctx: DiagContext, name: string): boolean {
  return ctx.flow.fns.some((f) => f.name === name);
}

/**
 * The statuses whose failure reaches the catch clause around `from` (inside `fn`): the failure set of its
 * try block on the request's response, every status for a client that throws on them; none when the clause
 * catches network errors only.
 */
function caughtFailures(ctx: DiagContext, from: Node, fn: FnInfo, request: RequestInfo): Set<string> | undefined {
  const clause = ancestorWithin(from, fn.node, CATCH_CLAUSE);
  const body = tryBlock(clause?.parent);
  if (!clause || !body || !within(request.call.node, body) || !catchesStatusFailures(ctx, clause)) return undefined;
  if (throwsOnStatus(request)) return new Set(PROBED_STATUSES);
  return request.responseVar ? failureSet(ctx, body, request.responseVar, 0, true) : undefined;
}

/** The name the catch clause around `node` (inside `fn`) binds its error to, if any. */
function caughtNameAround(ctx: DiagContext, node: Node, fn: FnInfo): string[] {
  const clause = ancestorWithin(node, fn.node, CATCH_CLAUSE);
  const body = clause ? catchBody(clause) : undefined;
  const name = clause && body ? caughtErrorName(ctx, clause, body) : undefined;
  return name ? [name] : [];
}

/** The call is handed a name the if's initializer binds (`p` in `if p, err := load(id); err == nil { walk(p) }`). */
function handsOnInitialized(ctx: DiagContext, guard: Node, call: CallInfo): boolean {
  const init = guard.childForFieldName('initializer');
  const bound = (init?.childForFieldName('left')?.namedChildren ?? []).map((n) => n?.text).filter((n): n is string => !!n && n !== '_' && !/^err\w*$/.test(n));
  if (bound.length === 0) return false;
  const args = ctx.flow.adapter.callArguments(call.node).map((a) => a.text).join(' ');
  return bound.some((name) => new RegExp(`\\b${name}\\b`).test(args));
}

/**
 * The re-send `call` in `fn` under the guard `at`, read as a retry. `preset` gives the statuses that reach it when
 * the guard alone does not say (a re-send past early exits: what they let through).
 */
export function readResend(
  ctx: DiagContext,
  fn: FnInfo,
  call: CallInfo,
  target: FnInfo,
  at: { guard: Node; condition: Node | null },
  preset?: { retried: Set<string>; repeating: string[] },
): ResendRetry | undefined {
  const request = requestIn(ctx, fn, at.guard.startIndex) ?? (target !== fn ? requestIn(ctx, target, target.end) : undefined);
  const root = request?.responseVar;
  let retried: Set<string> | undefined;
  let repeating: string[] | undefined;
  if (preset) {
    ({ retried, repeating } = preset);
  } else if (at.condition) {
    // The response the guard tests: the request's, else whatever its own status tests read (`res` of a callback).
    const tested = testsWithin(ctx, at.condition, undefined).map((t) => subjectRoot(t.subject)).filter((r): r is string => !!r);
    // (Under a catch, the guard may read the caught error: `if (!e.response && tries < 5)` re-sends what got no answer.)
    const roots = [...new Set([...(root ? [root] : []), ...tested, ...caughtNameAround(ctx, at.guard, fn), ...parameterNames(fn)])];
    for (const r of roots) {
      retried = conditionSet(ctx, at.condition, testsWithin(ctx, at.condition, r), r, 0, true);
      if (!retried) continue;
      // The client errors it lets through, read exactly (`and` with a counter keeps what the status part holds).
      const probe = conditionSetOver(ctx, PROBED_STATUSES, statusPart(ctx, at.condition, r), testsWithin(ctx, at.condition, r), r);
      repeating = probe ? repeatingCodes(probe, !ctx.isNonRetryable('403', at.guard)) : undefined;
      break;
    }
    // Go's success test of a call made in the if itself (`if p, err := load(id); err == nil { return walk(p) }`): what
    // runs there follows a success.
    // (Walking on to what the call gave back, that is: the call is handed a value the if bound. `if secs, err :=
    // strconv.Atoi(h); err == nil { sleep(secs); return t.RoundTrip(r) }` sends the same request again.)
    if (ctx.flow.grammarName === 'go' && /\berr\w*\s*==\s*nil\b/.test(at.condition.text) && !/!=\s*nil/.test(at.condition.text) && handsOnInitialized(ctx, at.guard, call)) return undefined;
    // A wait the server asked for (`if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil`,
    // `if retry_after:`): the re-send follows a rate limit or an outage that said when to come back, no client error.
    const asked = `${at.guard.childForFieldName('initializer')?.text ?? ''} ${at.condition.text}`;
    if (/retry.?after/i.test(asked) && testsWithin(ctx, at.condition, undefined).length === 0) {
      retried = new Set(['429', '503']);
      repeating = [];
    }
    // Not a failure test (`if next_page:` pages; `if refresh:` re-authenticates): no retry here — unless the
    // branch sits in a catch of the request's failures (`catch (err) { if (attemptsLeft > 0) return again() }`).
    if (!retried && !FAILURE_GUARD.test(at.condition.text) && !(request && (caughtFailures(ctx, at.guard, fn, request)?.size || (isCounterTest(ctx, at.condition) && inCatchOf(at.guard, fn, request))))) return undefined;
    // (One that holds for no status but for a failure with no answer, `if (!e.response)`, re-sends dropped connections.)
    if (retried && retried.size === 0 && !caughtNameAround(ctx, at.guard, fn).some((name) => testsNoAnswer(ctx, at.condition!, name))) return undefined;
  } else if (!/^(except_clause|catch_clause)$/.test(at.guard.type)) return undefined;
  // Re-sent from a catch (directly or under `if (retries > 0)` in it): what the try lets fail is retried.
  if (!retried && request) {
    const caught = caughtFailures(ctx, at.guard, fn, request);
    if (caught?.size) {
      retried = new Set([...caught].filter((c) => TRANSIENT_STATUSES.includes(c)));
      repeating = repeatingCodes(caught, !ctx.isNonRetryable('403', at.guard));
    }
  }
  if (!request && !retried?.size) return undefined;
  const delays: ResendRetry['delays'] = [];
  let delegatedWait: Node | undefined;
  let helperWait: Node | undefined;
  let possibleWait: Node | undefined;
  const summaries = functionSummaries(ctx.flow);
  let readsRetryAfter = fn.readsRetryAfter || target.readsRetryAfter;
  for (const scope of target === fn ? [fn] : [fn, target]) {
    for (let i = firstCallFrom(ctx.flow, scope.start); i < ctx.flow.calls.length && ctx.flow.calls[i].start < scope.end; i++) {
      const c = ctx.flow.calls[i];
      if (c.end > scope.end || c.node.type === 'new_expression' || c.node.id === call.node.id) continue;
      if (summaries.get(c.name)?.readsRetryAfter) readsRetryAfter = true;
      const args = ctx.flow.adapter.callArguments(c.node);
      if (isAbortTimer(c)) continue; // a request's timeout, not a pause
      if (DELAY.test(c.name) && !(args.length === 0 && c.receiver && DELEGATED.test(c.name))) {
        delays.push({ call: c.node, arg: waitArgument(c.name, args) });
      } else if (DELEGATED.test(c.name) && c.receiver && args.length === 0 && !(ownMethod(ctx, c.name) && callWaits(ctx.flow, c.name))) {
        // (A method of this file — `p.sleep()` that sleeps `p.rateLimit` — is read as the file's own wait, below.)
        delegatedWait ??= c.node;
      } else if (c.name !== fn.name && c.name !== target.name && callWaits(ctx.flow, c.name)) {
        helperWait ??= c.node;
      } else if (WAITING_NAME.test(c.name) && !FAILURE_TYPE.test(c.name) && !ctx.flow.fns.some((f) => f.name === c.name)) {
        possibleWait ??= c.node;
      }
    }
  }
  // (`delay(rateLimitToMilliseconds(response))`: a wait another file computes from the response reads its hint.)
  if (!readsRetryAfter && delays.length > 0) {
    const names = [request?.responseVar, ...(at.condition ? testsWithin(ctx, at.condition, undefined).map((t) => subjectRoot(t.subject)) : [])];
    if (delays.some((d) => waitFromResponse(ctx.flow, d.arg, names))) readsRetryAfter = true;
    // (A wait read off the answer in another form: a body field, the caught error's attribute.)
    const own = new Set(ctx.flow.fns.map((f) => f.name).filter((n): n is string => !!n));
    const answers = [...names, ...caughtNames(fn.node)];
    if (!readsRetryAfter && delays.some((d) => waitReadsAnswer(d.arg, fn.node, answers, own))) readsRetryAfter = true;
  }
  // The waits of this branch first (a function may re-send from two branches, each with its own wait).
  delays.sort((a, b) => Number(!within(a.call, at.guard)) - Number(!within(b.call, at.guard)));
  const opaque = functionBodyOf(target.node) === null;
  return { fn, resend: call, target, guard: at.guard, condition: at.condition, request, delays, delegatedWait, helperWait, possibleWait, retried, repeating, readsRetryAfter, opaque };
}

/**
 * The part of a condition about the status of `root`: `!res.ok && retries > 0` → `!res.ok`. The other operand of
 * an `and` (a counter, a flag) only limits when the re-send happens, not which statuses it is for.
 */
export function statusPart(ctx: DiagContext, condition: Node, root: string): Node {
  let n = condition;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
  const parts = n.namedChildren.filter((c): c is Node => c !== null);
  if (/^(binary_expression|boolean_operator)$/.test(n.type) && parts.length === 2 && /&&|\band\b/.test(ctx.flow.text.slice(parts[0].endIndex, parts[1].startIndex))) {
    // (As a word: the `r` of `!r.ok` is not the one in `retries > 0`.)
    const word = new RegExp(`(?<![\\w$])${escapeRegExp(root)}(?![\\w$])`);
    const about = parts.filter((p) => word.test(p.text));
    if (about.length === 1) return statusPart(ctx, about[0], root);
  }
  return n;
}

/** The last request (written, or through a sender) in `fn` before `before`. */
function requestIn(ctx: DiagContext, fn: FnInfo, before: number): RequestInfo | undefined {
  let best: RequestInfo | undefined;
  for (const r of [...ctx.requests, ...senderCalls(ctx)]) {
    if (r.call.start < fn.start || r.call.end > fn.end || r.call.start >= before) continue;
    if (enclosingFn(ctx.flow, r.call.node) !== fn && !r.call.fn?.immediate) continue;
    if (!best || r.call.start > best.call.start) best = r;
  }
  return best;
}

