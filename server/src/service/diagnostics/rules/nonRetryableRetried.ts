import type { Node } from 'web-tree-sitter';
import { catchAllHelperRetries } from './catchAllHelperRetries';
import type { Finding, Occurrence, Range } from '../../types';
import { branchOutcome, RETRY_CALL, type StatusTest, subjectRoot } from '../branches';
import { ifsWithin, statusMembership } from '../retriedSets';
import { DELAY } from '../waitCalls';
import type { DiagContext } from '../context';
import type { NonRetryableRetriedData } from '../findingData';
import { calleeOf, type LoopInfo, within } from '../flow/flowModel';
import { fillMessage, ruleInfo } from '../rules';
import { resultPolicies } from '../resultPolicies';
import { resendRetries } from '../resends';
import { repeatingCodes } from '../failureSets';
import { wholesaleRetried } from '../wholesaleRetries';
import { membershipName, membershipOf, membershipTests, ownStatusSets } from '../constantSets';
import { type RetryLoop, retryHeadRange, setsLoopFlag } from '../retryLoops';
import { decoratedNonRetryableFindings } from '../decoratedRetries';
import { springRetryableRepeats } from '../springRetryRepeats';
import { wrappedNonRetryableFindings } from '../wrappedRetries';
import { laravelRetriesOfEveryFailure } from '../policyLaravel';
import { activeJobCatchAllRetries } from '../policyActiveJob';
import { exceptionPolicyNonRetryableFindings } from '../exceptionPolicies';
import { failingWhile, narrowedIn } from '../failingConditions';
import { TRANSIENT_STATUSES } from '../statusSets';
import { caughtStatusRounds } from '../caughtStatusRetries';
import { correctsRequestOnly, pollsDeviceAuthorization } from '../pollingLoops';

const RULE = 'non-retryable-retried';
const RENEWS_AUTH = /auth|token|login|refresh|credential|sign_?in/i;
const HONOUR_RETRY_AFTER = /^(afterStatusCodes|retryAfterStatusCodes|respectRetryAfter\w*|retry_after_status\w*)$/i;

/** Status lists of retry configurations naming non-retryable codes, and retry loops that go round on them. */
export function nonRetryableRetried(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  // 1. Retry configuration lists: `status_forcelist=[400, 429]`, `retryOnStatus: [404, 503]`.
  const lists = new Map<number, { list: Node; codes: string[]; ranges: Range[] }>();
  for (const occ of ctx.occurrences) {
    if (occ.role !== 'retry-config' || occ.kind !== 'http-status') continue;
    const node = ctx.nodeOf(occ);
    if (!node || !ctx.isNonRetryable(occ.code, node)) continue;
    const list = listOf(ctx, node);
    // `afterStatusCodes` / `retryAfterStatusCodes` say when to honour Retry-After, not what to retry.
    const owner = list.parent && ctx.flow.adapter.pairs.has(list.parent.type) ? ctx.flow.adapter.pairName(list.parent) ?? '' : '';
    if (HONOUR_RETRY_AFTER.test(owner)) continue;
    const entry = lists.get(list.id) ?? { list, codes: [], ranges: [] };
    entry.codes.push(occ.code);
    entry.ranges.push(occ.range);
    lists.set(list.id, entry);
  }
  for (const { list, codes, ranges } of lists.values()) {
    const data: NonRetryableRetriedData = { ...ctx.base(list), codes, codeRanges: ranges, statusListRange: ctx.range(list) };
    findings.push(make(ctx, { start: ranges[0].start, end: ranges[ranges.length - 1].end }, codes, data));
  }
  // 2. Retry loops whose retrying branch admits 4xx: `if r.status_code >= 400: continue`, `in (404, 503)`.
  for (const retry of ctx.retryLoops()) {
    // (A device authorization's token poll goes round on the server's "not yet", which it says with a 4xx.)
    // (Nor does one that answers a refusal by sending a corrected request: a 409 met by re-reading and writing again.)
    if (pollsDeviceAuthorization(retry) || correctsRequestOnly(ctx, retry)) continue;
    const before = findings.length;
    // `while (r.StatusCode == 401 || r.StatusCode == 403) { … send again … }`: the loop's own condition goes round on them.
    const condition = retry.loop.kind === 'collection' ? null : retry.loop.node.childForFieldName('condition');
    // (A 401 sent again after the loop renews the credentials is the refresh working, not a refusal repeated.)
    const renews = retry.loop.calls.some((c) => RENEWS_AUTH.test(c.name));
    const inCondition = condition ? ctx.clientTests().filter((t) => within(t.test, condition) && t.positive && ctx.isNonRetryable(t.occ.code, t.test) && !(renews && t.occ.code === '401')) : [];
    if (inCondition.length > 0) {
      const codes = [...new Set(inCondition.map((t) => t.occ.code))];
      const range = ctx.range(condition!);
      const data: NonRetryableRetriedData = { ...ctx.base(condition!), codes, codeRanges: inCondition.map((t) => t.occ.range), checkRange: range, loopRange: ctx.range(retry.loop.node) };
      findings.push({ ...make(ctx, range, codes, data), related: ctx.related(retry.request) });
      continue;
    }
    for (const test of ctx.clientTests()) {
      const occ = test.occ;
      if (!test.branch || !within(test.test, retry.loop.node)) continue;
      const code = Number(occ.code);
      let codes: string[] = [];
      // (A 401 sent again once, after new credentials — `if (e.status === 401 && attempt === 0)`, or a branch that
      // refreshes the token — is the refresh working, not a refusal repeated.)
      // (A 403 whose branch logs in again first is read the same way: a session the server dropped, renewed.)
      if (test.positive && (occ.code === '401' || occ.code === '403') && reauthenticatesOnce(ctx, test, occ.code)) continue;
      if (test.positive && ctx.isNonRetryable(occ.code, test.test)) codes = [occ.code];
      else if ((test.op === '>=' && code <= 400) || (test.op === '>' && code <= 399)) codes = ['4xx'];
      // `if r.status_code != 200: sleep; continue`: everything but success goes round, every refusal included.
      else if (/^(!=|!==|is not|not in)$/.test(test.op) && !test.negated && code >= 200 && code < 300) codes = ['4xx'];
      if (codes.length === 0) continue;
      const outcome = branchOutcome(ctx, test.branch, retry.loop.fn?.name, retry.request.responseVar);
      // (`do { … if (code >= 400) { log(…) } else { ok = true } } while (!ok)`: a branch that ends without leaving or
      // setting the flag the loop's condition reads goes round too.)
      const roundsOnFlag = !outcome.final && retry.loop.kind === 'conditional' && !setsLoopFlag(test.branch, retry.loop) && flagOnElse(test, retry.loop);
      if (!outcome.continues && !outcome.retries && !roundsOnFlag) continue;
      // (`if s >= 400: … if attempt < max and s >= 500: sleep; continue … raise`: only the narrower test's codes go round.)
      if (codes[0] === '4xx' && !roundsOnFlag && roundsOnlyUnderNarrowerTest(ctx, test)) continue;
      const data: NonRetryableRetriedData = {
        ...ctx.base(test.test), codes, codeRanges: codes[0] === '4xx' ? [] : [occ.range],
        checkRange: ctx.range(test.test), loopRange: ctx.range(retry.loop.node),
      };
      findings.push({ ...make(ctx, ctx.range(test.test), codes, data), related: ctx.related(retry.request) });
    }
    // `catch (HttpClientErrorException.NotFound e) { sleep(d); }`, `rescue Octokit::Forbidden; sleep 30; retry`: the
    // clause takes the refusal by its class and goes round on it.
    for (const round of caughtStatusRounds(ctx, retry)) {
      if (!ctx.isNonRetryable(round.occ.code, round.node)) continue;
      const range = ctx.range(round.node);
      const data: NonRetryableRetriedData = { ...ctx.base(round.node), codes: [round.occ.code], codeRanges: [round.occ.range], checkRange: range, loopRange: ctx.range(retry.loop.node) };
      findings.push({ ...make(ctx, range, [round.occ.code], data), related: ctx.related(retry.request) });
    }
    if (findings.length > before) continue;
    // 3. A retry set of another file named here (`if resp.status_code not in STATUS_FORCELIST: return resp`,
    //    imported from constants.py) that lists a code failing the same way every time. The file's own
    //    lists are reported where they are written (1.).
    const imported = importedSetFinding(ctx, retry);
    if (imported) {
      findings.push(imported);
      continue;
    }
    // 4. Loops that go round on any failure (a sender failing on every status, a success check in a try).
    const repeating = repeatingCodes(wholesaleRetried(ctx, retry), !ctx.isNonRetryable('403', retry.loop.node));
    // `while (!response.isSuccessful && n < max)`: anything but success goes round, every refusal included — unless the
    // condition also names the statuses it goes round on (`!r.isSuccessful && r.code() == 500`).
    const failing = repeating.length === 0 && !!condition && !!retry.request.responseVar && failingWhile(condition.text, retry.request.responseVar) && !narrowedIn(ctx, condition);
    if (repeating.length === 0 && !failing) continue;
    const codes = failing ? ['4xx'] : repeating;
    const head = retryHeadRange(ctx, retry);
    const data: NonRetryableRetriedData = { ...ctx.base(retry.loop.node), codes, codeRanges: [], checkRange: head, loopRange: ctx.range(retry.loop.node) };
    findings.push({ ...make(ctx, head, codes, data), related: ctx.related(retry.request) });
  }
  // 5. Policies that retry on the response: a 404 named in `OrResult(r => r.StatusCode == NotFound)`.
  for (const policy of resultPolicies(ctx)) {
    const start = policy.predicate.startIndex;
    const end = policy.predicate.endIndex;
    const named = ctx.occurrences.filter((o) => o.kind === 'http-status' && inside(ctx, o, start, end));
    // (A code the predicate compares with `!=` is one it leaves out: `!r.IsSuccessStatusCode && r.StatusCode != Unauthorized`.)
    const hits = named.filter((o) => ctx.isNonRetryable(o.code, policy.predicate) && ctx.testOf(o)?.positive !== false);
    // Any failed response (`r => !r.IsSuccessStatusCode`): 400, 403 and 404 are retried with the rest.
    if (hits.length === 0 && policy.anyFailure) {
      const range = ctx.range(policy.predicate);
      const data: NonRetryableRetriedData = { ...ctx.base(policy.predicate), codes: ['4xx'], codeRanges: [], checkRange: range };
      findings.push(make(ctx, range, ['4xx'], data));
      continue;
    }
    if (hits.length === 0) continue;
    const codes = [...new Set(hits.map((o) => o.code))];
    const ranges = hits.map((o) => o.range);
    // (The codes sit in a comparison, not a list: no code range to delete, so the list fix is not offered.)
    const data: NonRetryableRetriedData = { ...ctx.base(policy.predicate), codes, codeRanges: [], checkRange: ranges[0] };
    findings.push(make(ctx, { start: ranges[0].start, end: ranges[ranges.length - 1].end }, codes, data));
  }
  // 6. Re-sends from a failure branch whose guard lets client errors through (`if (!res.ok && retries > 0)`).
  for (const resend of resendRetries(ctx)) {
    if (!resend.condition || !resend.repeating?.length) continue;
    const range = ctx.range(resend.condition);
    const data: NonRetryableRetriedData = { ...ctx.base(resend.guard), codes: resend.repeating, codeRanges: [], checkRange: range };
    findings.push({ ...make(ctx, range, resend.repeating, data), related: ctx.related(resend.request) });
  }
  findings.push(...catchAllHelperRetries(ctx, findings));
  findings.push(...decoratedNonRetryableFindings(ctx));
  findings.push(...springRetryableRepeats(ctx));
  findings.push(...wrappedNonRetryableFindings(ctx));
  findings.push(...faradayClientErrorRetries(ctx));
  findings.push(...laravelEveryFailureRetries(ctx));
  findings.push(...activeJobEveryErrorRetries(ctx));
  findings.push(...exceptionPolicyNonRetryableFindings(ctx));
  return findings;
}

/** A first attempt asked for (`attempt === 0`, `retries < 1`), or a flag not yet set (`!reauthenticated`). */
const FIRST_ATTEMPT = /\b\w*(attempt|retr|tries|try)\w*\s*(===?|==)\s*0\b|\b\w*(attempt|retr|tries)\w*\s*<\s*1\b|(!|\bnot\s+)\s*\w*(retried|reauth\w*|refreshed|renewed)\b/i;

/**
 * The 401's branch goes round once only (its guard asks for the first attempt) or renews the credentials first; a
 * 403's only when it renews them (a first attempt asked for says nothing of why a 403 would pass the second time).
 */
function reauthenticatesOnce(ctx: DiagContext, test: { guard: Node | null; branch: Node | null }, code: string): boolean {
  const condition = test.guard ? ctx.flow.grammar.ifCondition(test.guard) : null;
  if (code === '401' && condition && FIRST_ATTEMPT.test(condition.text)) return true;
  return !!test.branch && ctx.flow.calls.some((c) => c.start >= test.branch!.startIndex && c.end <= test.branch!.endIndex && RENEWS_AUTH.test(c.name));
}

function inside(ctx: DiagContext, occ: Occurrence, start: number, end: number): boolean {
  const at = ctx.offsetOf(occ);
  return at >= start && at < end;
}

/** A membership test in the loop on a status set declared in another file that lists non-retryable codes with retryable ones. */
function importedSetFinding(ctx: DiagContext, retry: RetryLoop): Finding | undefined {
  const own = ownStatusSets(ctx);
  for (const test of membershipTests(ctx)) {
    if (!within(test, retry.loop.node)) continue;
    const member = membershipOf(ctx, test);
    const name = membershipName(ctx, test);
    if (!member || !name || own.has(name)) continue;
    const codes = [...member.codes];
    const bad = codes.filter((c) => ctx.isNonRetryable(c, test));
    if (bad.length === 0 || !codes.some((c) => ctx.isRetryable({ code: c, kind: 'http-status' }))) continue;
    const range = ctx.range(test);
    const data: NonRetryableRetriedData = { ...ctx.base(test), codes: bad, codeRanges: [], checkRange: range, loopRange: ctx.range(retry.loop.node) };
    return { ...make(ctx, range, bad, data), related: ctx.related(retry.request) };
  }
  return undefined;
}

function make(ctx: DiagContext, range: Range, codes: string[], data: NonRetryableRetriedData): Finding {
  void ctx;
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes }),
    range,
    data: data as unknown as Record<string, unknown>,
  };
}

function listOf(ctx: DiagContext, node: Node): Node {
  let current = node;
  while (current.parent && (ctx.flow.adapter.collections.has(current.parent.type) || ctx.flow.adapter.transparent.has(current.parent.type))) {
    current = current.parent;
    if (ctx.flow.adapter.collections.has(current.type)) return current;
  }
  return current;
}

/**
 * Faraday's retry middleware told to retry `Faraday::ClientError` (or its base `Faraday::Error`): every 4xx the
 * raise_error middleware raises — 400, 401, 403, 404, 422 — goes round again. The list may be a constant of the file
 * (`RETRY_EXCEPTIONS = … + [Faraday::ClientError, …]`).
 */
function faradayClientErrorRetries(ctx: DiagContext): Finding[] {
  if (ctx.flow.grammarName !== 'ruby' || !/Faraday::(ClientError|Error)\b/.test(ctx.flow.text)) return [];
  const out: Finding[] = [];
  for (const call of ctx.flow.calls) {
    if (call.name !== 'request' || !/^\(?\s*:retry\b/.test(call.node.childForFieldName('arguments')?.text ?? '')) continue;
    const pair = call.node.descendantsOfType('pair').find((p) => p && /^:?exceptions:?$/.test(p.childForFieldName('key')?.text ?? ''));
    const value = pair?.childForFieldName('value');
    if (!pair || !value) continue;
    const listed = /^[A-Z][A-Z0-9_]*$/.test(value.text) ? new RegExp(`\\b${value.text}\\s*=([^\\]]*\\])`).exec(ctx.flow.text)?.[1] ?? '' : value.text;
    const cls = /Faraday::(ClientError|Error)\b/.exec(listed)?.[0];
    if (!cls) continue;
    const range = ctx.range(pair);
    const data: NonRetryableRetriedData = { ...ctx.base(pair), codes: ['4xx'], codeRanges: [], checkRange: range };
    out.push({ ...make(ctx, range, ['4xx'], data), message: `Retries ${cls}, which Faraday raises for every 4xx (400, 401, 403, 404, 422 …): they fail the same way on every attempt; list only the transient errors.` });
  }
  return out;
}

/** Laravel `Http::retry($times, $sleep)` with no `$when` callback: a 400/401/404 response is retried like a 503. */
/** `retry_on StandardError`: the job comes round again on every error, a 400, 401 or 404 from an API included. */
function activeJobEveryErrorRetries(ctx: DiagContext): Finding[] {
  return activeJobCatchAllRetries(ctx).map((call) => {
    const range = ctx.headRange(call);
    const data: NonRetryableRetriedData = { ...ctx.base(call), codes: ['4xx'], codeRanges: [], checkRange: range };
    return { ...make(ctx, range, ['4xx'], data), message: 'Retries the job on every error (retry_on StandardError), 4xx responses included: a 400, 401 or 404 fails the same way on every attempt; name the transient errors instead.' };
  });
}

function laravelEveryFailureRetries(ctx: DiagContext): Finding[] {
  if (ctx.flow.grammarName !== 'php') return [];
  return laravelRetriesOfEveryFailure(ctx).map((call) => {
    const name = call.childForFieldName('name') ?? call;
    const range = ctx.doc.lines.rangeOf(name.startIndex, call.endIndex);
    const data: NonRetryableRetriedData = { ...ctx.base(call), codes: ['4xx'], codeRanges: [], checkRange: range };
    return { ...make(ctx, range, ['4xx'], data), message: 'Retries every failed response, 4xx included (Http::retry without a when callback): a 400, 401 or 404 fails the same way on every attempt; pass a callback that retries only transient failures.' };
  });
}

/** The else of the test sets the flag the loop's condition reads: the loop goes round until the test fails. */
function flagOnElse(test: StatusTest, loop: LoopInfo): boolean {
  const orElse = test.guard?.childForFieldName('alternative');
  return !!orElse && setsLoopFlag(orElse, loop);
}

const GOES_ROUND = /^(continue_statement|continue_expression|next)$/;

/**
 * Every way round in a broad failure branch (`>= 400`, `!= 200`) — a `continue`, a wait, a retry call — sits under a
 * nested test that keeps transient statuses only (`>= 500`, `== 429`, `in (502, 503)`): the client errors the broad
 * test lets in fall through to the give-up instead.
 */
function roundsOnlyUnderNarrowerTest(ctx: DiagContext, test: StatusTest): boolean {
  const branch = test.branch!;
  const narrower = ctx.clientTests().filter((t) => t !== test && !t.negated && t.branch && t.test.startIndex > branch.startIndex && t.test.endIndex <= branch.endIndex && keepsTransientOnly(ctx, t));
  // (Or membership in a named collection of transient statuses: `if response.status in self._retryable_statuses:`.)
  const named = membershipTests(ctx)
    .filter((m) => m.startIndex > branch.startIndex && m.endIndex <= branch.endIndex)
    .filter((m) => {
      const set = membershipOf(ctx, m);
      return !!set && !set.negated && set.codes.size > 0 && [...set.codes].every((c) => TRANSIENT_STATUSES.includes(c));
    })
    .map((m) => enclosingIfBody(ctx, m, branch))
    .filter((b): b is Node => b !== undefined);
  // (And a collection this file cannot resolve, `if resp.status in FLAKY_STATUSES:` with the set imported: a narrower
  // test whose codes are not known here, so what goes round under it is not read as the broad test's 4xx.)
  const root = subjectRoot(test.subject);
  if (root) {
    for (const n of ifsWithin(ctx, branch).filter((i) => i.id !== branch.id && i.id !== branch.parent?.id)) {
      const cond = ctx.flow.grammar.ifCondition(n);
      const body = ctx.flow.grammar.ifConsequence(n);
      if (cond && body && statusMembership(cond.text, root) && !membershipTests(ctx).some((m) => within(m, cond))) named.push(body);
    }
  }
  if (narrower.length === 0 && named.length === 0) return false;
  const inside = (n: Node) => narrower.some((t) => within(n, t.branch!)) || named.some((b) => within(n, b));
  const { adapter } = ctx.flow;
  let rounds = 0;
  let outside = false;
  const visit = (n: Node): void => {
    if (outside) return;
    const goesRound = GOES_ROUND.test(n.type) || (n.type === 'jump_expression' && n.text.startsWith('continue')) || (adapter.calls.has(n.type) && (DELAY.test(calleeOf(n, adapter).name) || RETRY_CALL.test(calleeOf(n, adapter).name)));
    if (goesRound) {
      rounds++;
      if (!inside(n)) outside = true;
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(branch);
  return rounds > 0 && !outside;
}

/** The consequence of the if (inside `limit`) whose condition holds `node`. */
function enclosingIfBody(ctx: DiagContext, node: Node, limit: Node): Node | undefined {
  const { grammar } = ctx.flow;
  for (let n: Node | null = node.parent; n && n.id !== limit.id; n = n.parent) {
    if (!grammar.ifs.has(n.type)) continue;
    const cond = grammar.ifCondition(n);
    return cond && within(node, cond) ? grammar.ifConsequence(n) ?? undefined : undefined;
  }
  return undefined;
}

/** A positive test that holds for transient statuses only: `>= 500`, `> 499`, `== 429`, `in (502, 503)`. */
function keepsTransientOnly(ctx: DiagContext, t: StatusTest): boolean {
  const code = Number(t.occ.code);
  if (t.op === '>=' || t.op === '>') return Number.isFinite(code) && (t.op === '>=' ? code >= 500 : code >= 499);
  return t.positive && ctx.isRetryable(t.occ);
}
