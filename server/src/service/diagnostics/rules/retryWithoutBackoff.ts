import type { Finding } from '../../types';
import type { Node } from 'web-tree-sitter';
import { alwaysLeaves } from '../chainSyntax';
import { functionBodyOf, within } from '../flow/flowModel';
import type { DiagContext } from '../context';
import type { RetryWithoutBackoffData } from '../findingData';
import { loopData, resendData, retryHeadRange } from '../retryLoops';
import { constantWaitOf, fixedFallback, inCatchClause, isFixedDelay } from '../loopDelays';
import { escapeRegExp } from '../regexText';
import { asLoop, readsParameter, resendRetries, type ResendRetry } from '../resends';
import { loopCondition } from '../retriedSets';
import { callWaits } from '../functionSummaries';
import type { RetryLoop } from '../retryLoops';
import { fillMessage, ruleInfo } from '../rules';
import { decoratorBackoffFindings } from '../decoratorPolicies';
import { celeryRetryFindings } from '../celeryTaskRetries';
import { correctsRequestOnly, goesRoundOnlyOnSuccess, pollsDeviceAuthorization } from '../pollingLoops';

const RULE = 'retry-without-backoff';
/** A counter stepped by a plain assignment: `retry = retry - 1`, `attempts = attempts + 1`. */
const SELF_STEP = /\b([A-Za-z_$][\w$]*)\s*=\s*\1\s*[-+]\s*\d/;

/** A retry loop with no attempt cap (`while True` and no counter), no delay, or a fixed delay. */
export function retryWithoutBackoff(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const retry of ctx.retryLoops()) {
    const { loop } = retry;
    let problem: RetryWithoutBackoffData['problem'] | undefined;
    let range = retryHeadRange(ctx, retry);
    let detail = '';
    // Two attempts at most (`for attempt in (1, 2)`, `range(2)`): one retry after a fixed pause is not a run to spread out.
    const oneRetry = loop.attempts !== undefined && loop.attempts <= 2;
    const constantWait = retry.delegatedWait && !oneRetry ? constantWaitOf(ctx, retry.delegatedWait) : undefined;
    if (constantWait) {
      // A helper of the file that takes nothing and sleeps a constant time (`def backoff; sleep(rand(RANGE)); end`).
      problem = 'fixed-delay';
      detail = `waits a fixed time between attempts (${retry.delegatedWait!.text}: ${constantWait.text})`;
      range = ctx.range(retry.delegatedWait!);
    } else if (retry.delegatedWait) {
      // A retry policy or rate limiter computes and performs the wait, and is handed what it needs to stop
      // (`retry, after := policy(resp, prev...)`): it is checked where it is written.
    } else if (((loop.kind === 'infinite' || conditionless(loop)) && !infiniteBounded(loop, retry.delays, attemptCounters(retry))) || (loop.kind === 'conditional' && !conditionless(loop) && !counterBounds(loop, attemptCounters(retry)) && !conditionHasBudget(loop))) {
      problem = 'no-cap';
      detail = 'has no cap on attempts';
    } else if (retry.delays.length === 0) {
      // (The attempt is a function of the file that waits itself before it hands back a failure — `case 500 -> {
      // sleep(6); yield empty(); }` in the sender the loop calls: the loop does not go round at once.)
      if (!sendsThroughWaitingHelper(ctx, retry)) {
        problem = 'no-delay';
        detail = 'retries immediately, with no delay';
      }
    } else if (retry.delays.every((d) => isFixedDelay(ctx, loop, d.arg)) && !oneRetry) {
      problem = 'fixed-delay';
      detail = `waits a fixed time between attempts (${delayText(retry.delays[0])})`;
      range = ctx.range(retry.delays[0].call);
    }
    let fallback: ReturnType<typeof fixedFallback>;
    if (!problem && !retry.delegatedWait && !oneRetry) {
      // Honours Retry-After, but every attempt without the header (most 5xx, network errors) waits a fixed time.
      const delay = retry.delays.find((d) => (fallback = fixedFallback(ctx, loop, d.arg)));
      if (delay && fallback) {
        problem = 'fixed-delay';
        detail = `falls back to a fixed ${fallback.text} when there is no Retry-After`;
        range = ctx.range(delay.call);
      }
    }
    let networkDelay: (typeof retry.delays)[number] | undefined;
    if (!problem && !retry.delegatedWait && !oneRetry) {
      // The status path backs off, but a network error (the commonest transient failure) waits a fixed time.
      networkDelay = retry.delays.find((d) => d.arg && inCatchClause(d.call, loop) && isFixedDelay(ctx, loop, d.arg));
      if (networkDelay) {
        problem = 'fixed-delay';
        detail = `waits a fixed ${networkDelay.arg!.text} after a network error`;
        range = ctx.range(networkDelay.call);
      }
    }
    // A poll — a job's state asked for until done, a device authorization until approved — waits its interval: only
    // asking again at once is worth a word.
    if (problem && problem !== 'no-delay' && (goesRoundOnlyOnSuccess(ctx, retry) || pollsDeviceAuthorization(retry))) continue;
    // (A refusal answered by sending a corrected request — re-read and write again after a 409 — waits nothing out.)
    if (problem && correctsRequestOnly(ctx, retry)) continue;
    if (!problem) continue;
    const data: RetryWithoutBackoffData = { ...loopData(ctx, retry), problem, ...(fallback ? { delayArgRange: ctx.range(fallback) } : {}) };
    if (networkDelay) Object.assign(data, { delayRange: ctx.range(networkDelay.call), delayText: networkDelay.call.text, delayArgRange: ctx.range(networkDelay.arg!) });
    findings.push(make(range, detail, data, ctx.related(retry.request)));
  }
  findings.push(...resendFindings(ctx));
  findings.push(...decoratorBackoffFindings(ctx), ...celeryRetryFindings(ctx));
  return findings;
}

/** The loop's attempt is a call of a function of the file (a sender) that waits on some path. */
function sendsThroughWaitingHelper(ctx: DiagContext, retry: RetryLoop): boolean {
  const { call } = retry.request;
  return !!call.name && call.name !== retry.loop.fn?.name && ctx.flow.fns.some((f) => f.name === call.name) && callWaits(ctx.flow, call.name);
}

/** The counters a loop steps: `n += 1`, `attempts++`, `retry = retry - 1` (their last name: `self.tries` → tries). */
function countedNames(loop: RetryLoop['loop']): Set<string> {
  const counted = new Set<string>();
  for (const n of loop.increments) {
    // (A delay doubled each round, `backoff *= 2`, counts the rounds too: a bound on it caps them.)
    const m = /([A-Za-z_$][\w$.]*)\s*(\+\+|--|\+=|-=|\*=|<<=)|(\+\+|--)\s*([A-Za-z_$][\w$.]*)/.exec(n.text);
    const name = m?.[1] ?? m?.[4];
    if (name) counted.add(name.split('.').pop()!);
  }
  for (const m of (loop.body?.text ?? '').matchAll(new RegExp(SELF_STEP.source, 'g'))) counted.add(m[1]);
  return counted;
}

/**
 * The counters that count attempts: a pager asking for the same page again (`retry.resendAt`) steps its page counter
 * only when the page moves on (`i += count` after the rows are read), so only what the stalled branch steps counts.
 */
function attemptCounters(retry: RetryLoop): Set<string> {
  const counted = countedNames(retry.loop);
  if (!retry.resendAt) return counted;
  // (In its test or its branch: `if (res.status === 429 && ++waited < 5)`.)
  const branch = retry.resendAt.text;
  return new Set([...counted].filter((c) => new RegExp(`(?<![\\w$])${escapeRegExp(c)}\\s*(\\+\\+|--|[-+*]=|=(?!=))|(\\+\\+|--)\\s*${escapeRegExp(c)}(?![\\w$])`).test(branch)));
}

/**
 * A `while (cond)` loop is capped when its condition, or the test guarding one of its exits, reads a
 * variable the loop counts (`while (attempt < 5)`, `if (++tries > max) throw`). `while (!ret.Any())` that
 * counts attempts only to wait longer never stops on them. (A loop that waits what the server says — Retry-After, a
 * rate-limit reset — needs one too: a server that keeps answering 429 keeps it going.)
 */
function counterBounds(loop: RetryLoop['loop'], counted = countedNames(loop)): boolean {
  if (counted.size === 0) return false;
  const mentions = (text: string) => [...counted].some((c) => new RegExp(`(?<![\\w$])${escapeRegExp(c)}(?![\\w$])`).test(text));
  if (mentions(loopCondition(loop)?.text ?? '')) return true;
  // An exit (or a going-round: Ruby `retry if tries < 3`) guarded by a counter test: climb from each to the
  // loop, reading the conditions on the way.
  for (const exit of [...loop.exits, ...loop.continues]) {
    for (let n = exit.parent; n && n.id !== loop.node.id; n = n.parent) {
      const condition = n.childForFieldName('condition');
      if (condition && mentions(condition.text)) return true;
    }
  }
  return false;
}

/**
 * A loop that goes round with no condition of its own to read: Ruby's `begin … rescue … retry`, whose `retry` is the
 * going round (`raise if tries > 4` before it is its cap, read as a `while true` loop's would be).
 */
function conditionless(loop: RetryLoop['loop']): boolean {
  return loop.kind === 'conditional' && loop.node.type === 'begin' && !loopCondition(loop);
}

/**
 * The loop's own condition spends a budget: a deadline or a time allowance (`while time.monotonic() < deadline`,
 * `while (Date.now() - started < timeoutMs)`, Go `for time.Now().Before(deadline)`): it stops going round in time.
 */
function conditionHasBudget(loop: RetryLoop['loop']): boolean {
  return TIME_BUDGET.test(loopCondition(loop)?.text ?? '');
}
const TIME_BUDGET = /[<>]=?\s*(?:self\.|this\.)?\w*(deadline|timeout|budget|until|expires?|end_?time|stop_?at)\w*|\w*(deadline|timeout|budget|until|expires?|end_?time|stop_?at)\w*\s*[<>]=?|\.(Before|isBefore|before)\(\s*\w*(deadline|until|expir|end)/i;

/**
 * A `while True` / `for {}` retry is bounded by a counter it steps only when the counter is compared somewhere in the
 * loop (an exit's condition, a catch filter `when (attempts < max)`, `if trial > 5: raise`) or handed to a call that
 * decides (`shouldRetry(resp, err, attempt)`), or by a time budget (`elapsed > maxElapsedTime`). A counter that only
 * grows the wait (`time.sleep(2 ** trial); trial += 1`) caps nothing.
 */
function infiniteBounded(loop: RetryLoop['loop'], delays: RetryLoop['delays'], names = countedNames(loop)): boolean {
  // (What a delay's argument hands a call — `sleep(next_pause(n))` — only sizes the wait: it decides nothing.)
  let body = loop.body?.text ?? '';
  for (const d of delays) if (d.arg) body = body.replace(d.arg.text, '');
  if (names.size === 0) return false;
  if (counterBounds(loop, names) || BUDGET_TEST.test(body)) return true;
  for (const name of names) {
    const n = escapeRegExp(name);
    if (new RegExp(`(?<![\\w$])${n}(?![\\w$])\\s*(?:[<>]=?|[!=]==?)|(?:[<>]=?|[!=]==?)\\s*(?:self\\.|this\\.)?${n}(?![\\w$])`).test(body)) return true;
    // Handed to a call that decides (not a wait, a log line or a format).
    for (const m of body.matchAll(new RegExp(`([A-Za-z_$][\\w$.]*)\\s*\\([^()]*(?<![\\w$])${n}(?![\\w$])[^()]*\\)`, 'g'))) {
      if (!/(sleep|Sleep|delay|Delay|wait|print|log|debug|info|warn|error|format|Sprintf|Printf|str|int|float|pow|min|max|After|Duration|Second|Millisecond|from_millis|from_secs|from_secs_f64|backoff|Backoff)$/i.test(m[1])) return true;
    }
  }
  return false;
}

/**
 * Something bounds the re-sends: the guard (or the predicate of the file it calls) compares a counter, a
 * deadline or a budget (`attempt < 3`, `retries_left > 0`, `elapsed < timeout`), or the function is handed
 * one. Status comparisons (`status >= 500`) bound nothing.
 */
function resendCapped(ctx: DiagContext, resend: ResendRetry): boolean {
  if (!resend.condition) return true; // a catch clause: its bound, if any, is elsewhere
  if (resend.bounds?.length || boundedByEarlyExit(ctx, resend)) return true;
  let text = resend.condition.text;
  for (const name of resend.condition.text.match(/[A-Za-z_$][\w$]*(?=\s*\()/g) ?? []) {
    const predicate = ctx.flow.fns.find((f) => f.name === name);
    if (predicate) text += `\n${predicate.node.text}`;
  }
  const withoutStatuses = text.replace(/[\w.()]+\s*(<=|>=|<|>)\s*[1-5]\d\d\b|\b[1-5]\d\d\s*(<=|>=|<|>)\s*[\w.()]+/g, '');
  return /[\w\])]\s*(<=|>=|<(?![<=])|>(?![>=]))\s*[\w(-]/.test(withoutStatuses) || /\b(max_?(attempts|retries|tries)|retries_?left|attempts_?left|remaining)\b/i.test(text);
}

/** A count or a time budget compared with a bound: `retry_counter >= max_retries`, `elapsed > self.retry_timeout`. */
const BUDGET_TEST = /\b\w*(elapsed|deadline|timeout|started|since|attempt|retr|tries|count)\w*\b\s*(?:\.\w+\(\)\s*)?[<>]=?|[<>]=?\s*(?:self\.|this\.)?\w*(elapsed|deadline|timeout|attempt|retr|tries|max|budget|limit)\w*/i;

/**
 * The re-sent function gives up first thing once a budget is spent (`if elapsed > self.retry_timeout: raise
 * Timeout()`, `if (attempt >= maxAttempts) throw …`): every re-send passes that test again, so it is capped.
 */
function boundedByEarlyExit(ctx: DiagContext, resend: ResendRetry): boolean {
  const { grammar } = ctx.flow;
  const fn = resend.target;
  let bounded = false;
  const visit = (n: Node): void => {
    if (bounded || n.startIndex >= resend.resend.start || (n.id !== fn.node.id && grammar.functions.has(n.type))) return;
    if (grammar.ifs.has(n.type)) {
      const condition = grammar.ifCondition(n);
      const body = grammar.ifConsequence(n);
      if (condition && body && BUDGET_TEST.test(condition.text) && (alwaysLeaves(body) || endsInGiveUpCall(ctx, body)) && !/\b(continue|retry)\b/.test(body.text)) bounded = true;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(fn.node);
  return bounded;
}

/**
 * The branch ends in a call of a function of the file that never returns: it ends by raising (`raise
 * FatalError(…)` as its last statement) or says so (`-> NoReturn`, `: never`, `: Nothing`) — `if attempts >= MAX:
 * await self._handle_error_response(response)` gives up there.
 */
function endsInGiveUpCall(ctx: DiagContext, body: Node): boolean {
  const statements = body.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  const last = statements[statements.length - 1];
  if (!last) return false;
  const m = /^(?:return\s+)?(?:await\s+)?(?:[\w$]+\.)*([A-Za-z_$][\w$]*)\s*\(/.exec(last.text.trim());
  const fn = m ? ctx.flow.fns.find((f) => f.name === m[1]) : undefined;
  if (!fn) return false;
  const head = ctx.flow.text.slice(fn.start, functionBodyOf(fn.node)?.startIndex ?? fn.start);
  if (/(->|:)\s*(typing\.)?(NoReturn|Never|never|Nothing)\b/.test(head)) return true;
  const fnBody = functionBodyOf(fn.node);
  const own = fnBody?.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type)) ?? [];
  const end = own[own.length - 1];
  return !!end && ctx.flow.grammar.raises.has(end.type);
}

/** Re-sends from a failure branch that wait nothing, or the same time, before the next attempt. */
function resendFindings(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const resend of resendRetries(ctx)) {
    // A wait in a helper may grow, but a re-send handing the function its own arguments back (`return
    // self._request(method, url, params)`) counts nothing: with no budget test either, only the cap is certain.
    if (resend.helperWait && !resend.delegatedWait && !resend.opaque && !resend.once && resend.target === resend.fn && passesOwnParameters(ctx, resend) && !resendCapped(ctx, resend)) {
      findings.push(make(ctx.headRange(resend.guard, resend.condition), 'sends again with no cap on attempts', { ...resendData(ctx, resend), problem: 'no-cap' }, ctx.related(resend.request)));
      continue;
    }
    if (resend.delegatedWait || resend.helperWait || resend.opaque) continue;
    const loop = asLoop(resend);
    // (A wait in another re-sending branch of the function — the 429 branch's `sleep(retry_after)` — is that branch's:
    // a connection error re-sent from the catch does not pass it.)
    const delays = onPath(ctx, resend);
    let problem: RetryWithoutBackoffData['problem'];
    let detail: string;
    let range = ctx.headRange(resend.guard, resend.condition);
    if (delays.length === 0 && resend.possibleWait) {
      // A wait defined elsewhere may grow; only the missing cap is certain.
      if (resend.once || resendCapped(ctx, resend)) continue;
      problem = 'no-cap';
      detail = 'sends again with no cap on attempts';
    } else if (delays.length === 0) {
      problem = 'no-delay';
      detail = 'sends again at once, with no delay';
    } else if (waitsOfBranch(resend, delays).every((d) => isFixedDelay(ctx, loop, d.arg) && !readsParameter(resend, d.arg))) {
      // (The branch's own wait when it has one: another branch may wait what Retry-After says.)
      problem = 'fixed-delay';
      detail = `waits a fixed time before sending again (${delayText(delays[0])})`;
      range = ctx.range(delays[0].call);
    } else if (!resend.once && !resendCapped(ctx, resend)) {
      problem = 'no-cap';
      detail = 'sends again with no cap on attempts';
    } else continue;
    findings.push(make(range, detail, { ...resendData(ctx, resend), problem }, ctx.related(resend.request)));
  }
  return findings;
}

/** The waits inside the re-sending branch, when it has any; otherwise every wait on its path. */
function waitsOfBranch(resend: ResendRetry, delays: ResendRetry['delays']): ResendRetry['delays'] {
  const own = delays.filter((d) => within(d.call, resend.guard));
  return own.length > 0 ? own : delays;
}

/** The re-send's waits, less those inside another re-sending branch of the same function (unless inside this one's too). */
function onPath(ctx: DiagContext, resend: ResendRetry): ResendRetry['delays'] {
  const others = resendRetries(ctx).filter((r) => r !== resend && r.fn === resend.fn && !within(resend.guard, r.guard) && !within(r.guard, resend.guard));
  return resend.delays.filter((d) => within(d.call, resend.guard) || !others.some((r) => within(d.call, r.guard)));
}

/** Every argument of the re-send is one of the function's own parameters, passed on as it came (`x` or `x=x`). */
function passesOwnParameters(ctx: DiagContext, resend: ResendRetry): boolean {
  const params = resend.fn.node.childForFieldName('parameters');
  if (!params) return false;
  const names = new Set((params.text.match(/[A-Za-z_$][\w$]*/g) ?? []).filter((n) => !/^(self|this|cls)$/.test(n)));
  const args = ctx.flow.adapter.callArguments(resend.resend.node);
  return args.every((a) => {
    const m = /^(?:([A-Za-z_$][\w$]*)\s*=\s*)?([A-Za-z_$][\w$]*)$/.exec(a.text.trim());
    return !!m && names.has(m[2]) && (!m[1] || m[1] === m[2]);
  });
}

function make(range: Finding['range'], detail: string, data: RetryWithoutBackoffData, related: Finding['related']): Finding {
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { detail }),
    range,
    related,
    data: data as unknown as Record<string, unknown>,
  };
}

/** The wait as written (`time.sleep(1)`), so a bare number shows its unit through the call; shortened when long. */
function delayText(delay: { call: { text: string } }): string {
  const text = delay.call.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
