import type { Node } from 'web-tree-sitter';
import { escape } from './regexText';
import { parameterNames, subjectRoot } from './branches';
import type { DiagContext } from './context';
import { type CallInfo, enclosingFn, firstCallFrom, type FnInfo, functionBodyOf, type LoopInfo, within } from './flow/flowModel';
import { callWaits, functionSummaries } from './functionSummaries';
import type { RequestInfo } from './requests';
import { senderCalls } from './senders';
import { functionsByName } from './statusChains';
import { conditionSet, conditionSetOver, testsWithin } from './statusSets';
import { failureSet, PROBED_STATUSES, repeatingCodes } from './failureSets';
import { catchesStatusFailures } from './wholesaleRetries';
import { ancestorWithin, CATCH_CLAUSE, tryBlock } from './chainSyntax';
import { throwsOnStatus } from './requests';
import { TRANSIENT_STATUSES } from './retriedSets';
import { DELAY, isAbortTimer, waitArgument, waitFromResponse } from './waitCalls';
import { guardOf, inCatchOf, isCounterTest } from './resendGuards';
import { recursionPastExits, reissuesPastExits } from './exitFilteredResends';

/*
 * Retries by re-sending from a failure branch instead of looping: a function that calls itself again
 * (`return self._request(url, retry_counter + 1)`), or calls the file's retry method that sends again
 * (`return request.retry()`), under a failure test or in a catch clause. The same questions as for a loop
 * are asked of it: which statuses reach the re-send, what it waits first, whether it reads Retry-After.
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

const FAILURE_GUARD = /retr(y|i)|transient|recoverable|should_?(retry|again)|can_?retry|\.ok\b|IsSuccess|is_success|isSuccessful|!=\s*nil|error|err\b|fail|status|code/i;
const DELEGATED = /^(sleep|wait|pause|backoff)$/i;
/** Names of calls that may wait (a limiter's or a helper's, defined elsewhere). */
const WAITING_NAME = /wait|sleep|delay|pause|throttle|backoff|back_off|rate_?limit|cool_?down/i;

/** The file defines a function or method of this name. */
function ownMethod(ctx: DiagContext, name: string): boolean {
  return ctx.flow.fns.some((f) => f.name === name);
}

/** The file's re-send retries (once per analysis). */
export function resendRetries(ctx: DiagContext): ResendRetry[] {
  let list = cache.get(ctx);
  if (!list) cache.set(ctx, (list = findResends(ctx)));
  return list;
}

const cache = new WeakMap<DiagContext, ResendRetry[]>();

function findResends(ctx: DiagContext): ResendRetry[] {
  const out: ResendRetry[] = [];
  const byName = functionsByName(ctx);
  const seen = new Set<number>();
  for (const fn of ctx.flow.fns) {
    if (!fn.name) continue;
    for (let i = firstCallFrom(ctx.flow, fn.start); i < ctx.flow.calls.length && ctx.flow.calls[i].start < fn.end; i++) {
      const call = ctx.flow.calls[i];
      if (call.end > fn.end || seen.has(call.node.id)) continue;
      // Recursion through the function's own name (on itself: `self.`, `this.`, a Go receiver), or any call of
      // the file's one retry method of that name.
      const self = call.name === fn.name && (!call.receiver || /^(self|this|cls|[a-z]|\$this|static)$/.test(call.receiver) || call.receiver === goReceiver(fn));
      const target = self ? fn : call.name === fn.name ? undefined : retryMethod(ctx, byName, call, fn);
      if (!target) continue;
      if (self && switchesMethod(ctx, call, fn)) continue;
      // A re-send inside a retry loop of the function is that loop's business.
      if (call.loops.some((l) => l.kind !== 'collection' && (!l.fn || l.fn === fn))) continue;
      const resend = resendUnder(ctx, fn, call, target);
      if (!resend) continue;
      seen.add(call.node.id);
      out.push(resend);
    }
  }
  out.push(...repeatedSends(ctx, seen));
  out.push(...reissues(ctx, seen));
  out.push(...reissuesPastExits(ctx, seen));
  out.push(...recursionPastExits(ctx, seen));
  return out;
}

/**
 * An error handler that sends the failed request again (`axios.interceptors.response.use(undefined, async (error)
 * => { if (error.response?.status === 429) { await sleep(d); return axios(error.config); } … })`): a retry of
 * whatever request failed, re-issued from its own config.
 */
function reissues(ctx: DiagContext, seen: Set<number>): ResendRetry[] {
  const out: ResendRetry[] = [];
  for (const again of ctx.requests) {
    const fn = again.call.fn;
    if (!fn || seen.has(again.call.node.id) || again.call.loops.some((l) => l.kind !== 'collection')) continue;
    if (!ctx.flow.adapter.callArguments(again.call.node).some((a) => REISSUED.test(a.text))) continue;
    const at = guardOf(ctx, again.call.node, fn);
    if (!at?.condition) continue;
    const resend = readResend(ctx, fn, again.call, fn, at);
    if (!resend) continue;
    seen.add(again.call.node.id);
    out.push({ ...resend, request: again });
  }
  return out;
}

/** The failed request's own configuration, handed back to the client (`error.config`, `originalRequest`). */
export const REISSUED = /^(\w+\.)?config$|^original_?(request|config|req)$|^(\w+\.)?request\.config$/i;

/**
 * The request written again in a failure branch of its own response (`if (response.StatusCode == 429) {
 * await Task.Delay(d); response = await client.GetAsync(u); }`): one more attempt, by repetition.
 */
function repeatedSends(ctx: DiagContext, seen: Set<number>): ResendRetry[] {
  const out: ResendRetry[] = [];
  // Per function, in source order; the callee's text is read once per request (node text crosses into wasm).
  const byFn = new Map<FnInfo, Array<{ r: RequestInfo; callee?: string }>>();
  for (const r of [...ctx.requests, ...senderCalls(ctx)]) {
    if (!r.call.fn) continue;
    const list = byFn.get(r.call.fn);
    if (list) list.push({ r });
    else byFn.set(r.call.fn, [{ r }]);
  }
  const text = (e: { r: RequestInfo; callee?: string }) => (e.callee ??= calleeText(ctx, e.r.call.node));
  for (const [fn, list] of byFn) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.r.call.start - b.r.call.start);
    for (let i = 1; i < list.length; i++) {
      const again = list[i].r;
      if (seen.has(again.call.node.id) || again.call.loops.some((l) => l.kind !== 'collection')) continue;
      const first = list.slice(0, i).find((e) => e.r.responseVar && text(e) === text(list[i]))?.r;
      if (!first?.responseVar) continue;
      // Another address is a fallback (`postcodes/…` then `terminated_postcodes/…`), not the same request again.
      if (firstArgument(ctx, first.call.node) !== firstArgument(ctx, again.call.node)) continue;
      const at = guardOf(ctx, again.call.node, fn);
      if (!at?.condition || at.guard.startIndex < first.call.end || testsWithin(ctx, at.condition, first.responseVar).length === 0) continue;
      const resend = readResend(ctx, fn, again.call, fn, at);
      if (!resend) continue;
      seen.add(again.call.node.id);
      out.push({ ...resend, request: first, once: true });
    }
  }
  return out;
}

function firstArgument(ctx: DiagContext, call: Node): string {
  return (ctx.flow.adapter.callArguments(call)[0]?.text ?? '').replace(/\s+/g, '');
}

function calleeText(ctx: DiagContext, call: Node): string {
  return (ctx.flow.adapter.callee(call) ?? call).text.replace(/\s+/g, '');
}

/**
 * A method of the file named as a retry (`retry()`, `_retry_request`) that sends again: it holds a request,
 * or calls its way back to the function that called it (`retry()` → `await()` → `parse()`). Not a loop
 * wrapper (its loop is analysed as a loop), not a delay calculator (`calculateRetryDelay`).
 */
function retryMethod(ctx: DiagContext, byName: Map<string, FnInfo[]>, call: CallInfo, caller: FnInfo): FnInfo | undefined {
  const candidates = byName.get(call.name);
  if (!candidates || candidates.length !== 1 || !/retr(y|ies)/i.test(call.name) || /delay|backoff|wait|interval|after|count|should|can_?|is_?|able/i.test(call.name)) return undefined;
  const target = candidates[0];
  if (target.start <= call.start && call.end <= target.end) return undefined;
  if ((ctx.flow.loopsByFn.get(target) ?? []).some((l) => l.kind !== 'collection')) return undefined;
  // An interface or abstract retry method: it re-runs the call, how is not known here.
  if (functionBodyOf(target.node) === null) return target;
  const sends = [...ctx.requests, ...senderCalls(ctx)].some((r) => r.call.start >= target.start && r.call.end <= target.end);
  return sends || reaches(ctx, byName, target, caller) ? target : undefined;
}

/** `from` calls its way to `to` through functions of the file (four calls deep). */
function reaches(ctx: DiagContext, byName: Map<string, FnInfo[]>, from: FnInfo, to: FnInfo): boolean {
  let frontier = [from];
  const seen = new Set<FnInfo>(frontier);
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: FnInfo[] = [];
    for (const fn of frontier) {
      for (const c of ctx.flow.callsByFn.get(fn) ?? []) {
        for (const callee of byName.get(c.name) ?? []) {
          if (callee === to) return true;
          if (!seen.has(callee)) {
            seen.add(callee);
            next.push(callee);
          }
        }
      }
    }
    frontier = next;
  }
  return false;
}

/**
 * The re-send read from the branch that decides it. A counter test around the call (`if attempts < 2:`) only
 * bounds the re-send; the branch around that one says which failures reach it, so it is read first.
 */
function resendUnder(ctx: DiagContext, fn: FnInfo, call: CallInfo, target: FnInfo): ResendRetry | undefined {
  const inner = guardOf(ctx, call.node, fn);
  if (!inner) return undefined;
  const bounds: Node[] = [];
  let at: ReturnType<typeof guardOf> = inner;
  while (at?.condition && isCounterTest(ctx, at.condition)) {
    bounds.push(at.condition);
    at = guardOf(ctx, at.guard, fn);
  }
  // Tests of what the wait is read from (`if retryAfter != "" {`, `if err == nil {` after parsing it) sit inside the
  // branch that decides the re-send: the status test around them says which failures reach it.
  if (at?.condition && testsWithin(ctx, at.condition, undefined).length === 0) {
    for (let up = guardOf(ctx, at.guard, fn), depth = 0; up?.condition && depth < 3; up = guardOf(ctx, up.guard, fn), depth++) {
      if (testsWithin(ctx, up.condition, undefined).length > 0) {
        at = up;
        break;
      }
    }
  }
  // (A catch clause around the counter test has no condition to read: the counter test stays the guard.)
  const outer = at?.condition && at !== inner ? readResend(ctx, fn, call, target, at) : undefined;
  const resend = outer ?? readResend(ctx, fn, call, target, inner);
  if (!resend) return undefined;
  // Counter tests further out bound it too: `if retries > 0:` around `if status == 429: return again()`.
  for (let up = guardOf(ctx, resend.guard, fn); up; up = guardOf(ctx, up.guard, fn)) {
    if (up.condition && isCounterTest(ctx, up.condition)) bounds.push(up.condition);
  }
  return bounds.length > 0 ? { ...resend, bounds } : resend;
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

/**
 * The re-send `call` in `fn` under the guard `at`, read as a retry. `preset` gives the statuses that reach it when
 * the guard alone does not say (a re-send past early exits: what they let through).
 */
/** The call is handed a name the if's initializer binds (`p` in `if p, err := load(id); err == nil { walk(p) }`). */
function handsOnInitialized(ctx: DiagContext, guard: Node, call: CallInfo): boolean {
  const init = guard.childForFieldName('initializer');
  const bound = (init?.childForFieldName('left')?.namedChildren ?? []).map((n) => n?.text).filter((n): n is string => !!n && n !== '_' && !/^err\w*$/.test(n));
  if (bound.length === 0) return false;
  const args = ctx.flow.adapter.callArguments(call.node).map((a) => a.text).join(' ');
  return bound.some((name) => new RegExp(`\\b${name}\\b`).test(args));
}

/** The name a Go method gives its receiver (`monitor` in `func (monitor *Service) Add(m Monitor)`). */
function goReceiver(fn: FnInfo): string | undefined {
  if (fn.node.type !== 'method_declaration') return undefined;
  return fn.node.childForFieldName('receiver')?.namedChildren.find((p) => p?.type === 'parameter_declaration')?.childForFieldName('name')?.text;
}

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
    const roots = [...new Set([...(root ? [root] : []), ...tested, ...parameterNames(fn)])];
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
    if (retried && retried.size === 0) return undefined;
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
      } else if (WAITING_NAME.test(c.name) && !ctx.flow.fns.some((f) => f.name === c.name)) {
        possibleWait ??= c.node;
      }
    }
  }
  // (`delay(rateLimitToMilliseconds(response))`: a wait another file computes from the response reads its hint.)
  if (!readsRetryAfter && delays.length > 0) {
    const names = [request?.responseVar, ...(at.condition ? testsWithin(ctx, at.condition, undefined).map((t) => subjectRoot(t.subject)) : [])];
    if (delays.some((d) => waitFromResponse(ctx.flow, d.arg, names))) readsRetryAfter = true;
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
    const word = new RegExp(`(?<![\\w$])${escape(root)}(?![\\w$])`);
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

/** The function as a loop for the delay readers: its body is what runs again; no counter of its own. */
export function asLoop(resend: ResendRetry): LoopInfo {
  const { fn } = resend;
  return { node: fn.node, start: fn.start, end: fn.end, fn, kind: 'conditional', body: fn.node, calls: [], continues: [], exits: [], increments: [] };
}

/** A delay argument that changes between re-sends: it reads a parameter the re-send passes anew (`retry_counter`). */
export function readsParameter(resend: ResendRetry, arg: Node | null): boolean {
  if (!arg) return false;
  const params = parameterNames(resend.fn);
  params.delete('self');
  params.delete('this');
  return (arg.text.match(/[A-Za-z_$][\w$]*/g) ?? []).some((id) => params.has(id) || params.has(subjectRoot(id) ?? ''));
}

/** An HTTP method written as a string argument, alone or named (`'HEAD'`, `method="GET"`, `method: 'HEAD'`). */
const METHOD_ARGUMENT = /^(?:\$?[A-Za-z_]*(?:method|verb)[A-Za-z_]*\s*[:=]\s*)?(['"])(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE)\1$/i;

/**
 * The function calls itself again with another HTTP method, under a test that it has not already
 * (`if ($status >= 400 && $method !== 'HEAD') return $this->probe($url, 'HEAD');`): a fallback to a different
 * request, made at most once — not the same request sent again.
 */
function switchesMethod(ctx: DiagContext, call: CallInfo, fn: FnInfo): boolean {
  const method = ctx.flow.adapter.callArguments(call.node).map((a) => METHOD_ARGUMENT.exec(a.text)?.[2]).find((m) => m !== undefined);
  if (!method) return false;
  const { grammar } = ctx.flow;
  for (let n = call.node.parent; n && n.id !== fn.node.id; n = n.parent) {
    if (!grammar.ifs.has(n.type)) continue;
    const condition = grammar.ifCondition(n)?.text ?? '';
    return new RegExp(`(['"])${method}\\1`, 'i').test(condition);
  }
  return false;
}
