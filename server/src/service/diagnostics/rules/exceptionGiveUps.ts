import type { Node } from 'web-tree-sitter';
import type { Finding, Occurrence } from '../../types';
import { branchOutcome, returnValues, subjectRoot } from '../branches';
import { conditionSetOver, testsWithin } from '../statusSets';
import { PROBED_STATUSES } from '../failureSets';
import { alwaysLeaves, catchBinds } from '../chainSyntax';
import { kotlinCatchValue } from '../kotlinValues';
import { CAUGHT_TYPE_CLAUSE, catchClauseTyping, caughtName, clauseBody, protectedSpan, rubyRescueValue, sendsInTry } from '../caughtClauses';
import { givenUpAlone } from './aloneGiveUps';
import type { DiagContext } from '../context';
import { giveUpData } from './giveUpData';
import { enclosingFn, enclosingLoops, within } from '../flow/flowModel';
import { DELAY } from '../retryLoops';
import { goesOnWhileMorePages } from '../pagingLoops';
import { fillMessage, ruleInfo } from '../rules';
import { mayRetryAround } from '../statusChains';

const RULE = 'retryable-treated-as-final';

/** A C# exception filter on the code's own cancellation token. */
const OWN_CANCELLATION = /\bwhen\s*\(\s*[\w.]*\.IsCancellationRequested\s*\)\s*$/;

/**
 * Transient failures caught by type and turned into a final error in code that retries other failures:
 * `except requests.exceptions.Timeout: raise Timeout()` in a method that re-sends on 5xx, `catch
 * (SocketTimeoutException e) { throw new ApiException(e); }` next to a retry loop. The clause names a
 * retryable error (a connection reset, a timeout, a throttling exception) and gives up without waiting,
 * continuing or retrying, while its function (or a loop around it) retries something else.
 */
export function exceptionGiveUps(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const occ of ctx.occurrences) {
    if (occ.role !== 'client-check' || !transient(ctx, occ)) continue;
    const node = ctx.nodeOf(occ);
    const clause = node && catchClauseTyping(node);
    // (A status stands as a caught type when the class is named for it: Spring's `HttpServerErrorException.ServiceUnavailable`.)
    if (!clause || seen.has(clause.id)) continue;
    seen.add(clause.id);
    const body = clauseBody(clause);
    if (!body && clause.type !== 'rescue') continue;
    const fn = enclosingFn(ctx.flow, clause);
    const outcome = body ? branchOutcome(ctx, body, fn?.name) : { continues: false, retries: false };
    // A clause that can fall through (`retries -= 1; if retries <= 0: raise`) goes round again in its loop.
    // Kotlin `return try { … } catch (e: X) { null }` and a Ruby method's own `rescue … nil`: the clause's last value is
    // what the function returns.
    const valued = outcome.final ? undefined : (kotlinCatchValue(clause) ?? rubyRescueValue(clause));
    const final = outcome.final ?? (valued ? { node: valued, kind: 'return' as const } : undefined);
    if (!final || outcome.continues || outcome.retries || (!valued && !(body && alwaysLeaves(body)))) continue;
    if (ctx.mechanisms.covering(clause) || retriedInTry(ctx, clause)) continue;
    // `catch (OperationCanceledException) when (token.IsCancellationRequested)`: the program's own cancellation (a shutdown,
    // a caller that stopped waiting), not a server's transient failure — ending there is right. (`when (!…)` is a timeout.)
    if (body && OWN_CANCELLATION.test(clause.text.slice(0, (body.startIndex - clause.startIndex)))) continue;
    // A status error raised where the status is already known not to be transient: `elif resp.status_code == 401:
    // try: resp.raise_for_status() except HTTPError as e: … raise` — what the clause catches is that 401.
    if (underNonRetryableStatus(ctx, clause) || filteredToRefusals(ctx, clause)) continue;
    // `except httpx.HTTPError: raise`, `catch (IOException e) { throw e; }` outside a loop: the failure passes on
    // unchanged, as if never caught; whoever catches it next decides. (Inside a retry loop the re-raise is the
    // way out of it: `except RateLimitError: raise` where the loop retries connection errors gives the 429 up.)
    if (final.kind === 'raise' && reRaisesCaught(final.node, clause) && !inRetryingLoop(ctx, clause)) continue;
    // Where something else is retried, the clause gives up what its neighbours would retry. Where nothing
    // is, it is still a give-up when the try sends a request of its own and the clause ends the failure (givenUpAlone).
    const retriesNearby = mayRetryAround(ctx, clause);
    // The try sorts its failures itself: a sibling clause passes a transient one on (`catch (HttpServerErrorException e)
    // { throw e; }`, for a retry) while this one drops a family that holds a 429 (Spring's HttpClientErrorException,
    // Guzzle's ClientException): the 429 lands on the final side.
    const sorted = final.kind !== 'raise' && passesTransientOn(ctx, clause) && sendsInTry(ctx, clause);
    if (!retriesNearby && !sorted && !givenUpAlone(ctx, occ, clause, final, fn)) continue;
    // `return (False, None, f"Timeout after {t}s")`, `return {"ok": False, "error": str(e)}`: the failure is handed back
    // as a result that says what went wrong — the caller decides, as it would for a raise.
    if (!retriesNearby && final.kind === 'return' && reportsFailureBack(ctx, final.node, caughtName(ctx, clause, body))) continue;
    const codes = [occ.code];
    const data = giveUpData(ctx, { anchor: clause, check: node, branch: clause, final: final.node, finalKind: final.kind, codes });
    const detail = (final.kind === 'raise' ? (ctx.language === 'python' ? 'raises' : 'throws') : final.kind === 'exit' ? 'exits' : 'returns') + (retriesNearby ? '; other failures are retried here' : sorted ? '; a 429 is caught here with the final failures, while another clause passes transient ones on' : '; nothing retries the request');
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail }),
      range: ctx.range(node),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/**
 * The return hands back a record of the failure: a tuple, list or dict holding a message (a string written there, an
 * f-string, `str(e)`) or the caught error itself. A bare `None`, `[]`, `False` or `{}` says nothing and is a drop.
 */
/** A call of a function named for making an error or failure record, given something (`_make_error_chunk(408, msg)`). */
const FAILURE_RECORD_CALL = /^(self\.|this\.|cls\.)?_?(make|build|create|new)_?(error|failure)\w*\(\s*\S/i;

/** An object built (a class named in capitals, or `new …`) with an error, message or reason field given a text or the caught error. */
const NAMED_FAILURE_FIELD = /[(,{]\s*\w*(error|message|reason|failure)\w*\s*[:=]\s*(f?["'`$]|str\(|String\(|`)/i;

function failureRecord(text: string, caught: string | undefined): boolean {
  const value = text.trim();
  if (!/^(new\s+)?([\w$]+\.)*[A-Z][\w$]*(<[^()]*>)?\s*[({]/.test(value)) return false;
  if (NAMED_FAILURE_FIELD.test(value)) return true;
  return !!caught && new RegExp(`[(,{]\\s*\\w*(error|message|reason|failure)\\w*\\s*[:=]\\s*${caught.replace(/[$]/g, '\\$')}\\b`, 'i').test(value);
}

function reportsFailureBack(ctx: DiagContext, statement: Node, caught: string | undefined): boolean {
  const values = returnValues(ctx, statement);
  // `yield self._make_error_chunk(408, f"timed out: {e}")` then `return`: a record made for the failure, by a function
  // named for making one, with what it knows of it.
  if (values.length === 1 && FAILURE_RECORD_CALL.test(values[0].text)) return true;
  // `return DeliveryResult(status='failed', error_message='Request timeout')`, `new Result { Error = ex.Message }`: a
  // result object built with a field that says what failed.
  if (values.length === 1 && failureRecord(values[0].text, caught)) return true;
  const parts = values.length > 1 ? values : values[0] && /^(tuple|list|dictionary|object|array|parenthesized_expression)$/.test(values[0].type) ? values[0].namedChildren.filter((c): c is Node => c !== null) : [];
  if (parts.length < 2) return false;
  const says = (v: Node): boolean => {
    const value = v.type === 'pair' ? v.childForFieldName('value') : v;
    if (!value) return false;
    if (/^(string|template_string|concatenated_string)$/.test(value.type)) return value.text.replace(/^[a-z]*["'`]+|["'`]+$/gi, '').trim().length > 0;
    return !!caught && new RegExp(`^(str\\(\\s*)?${caught}\\b`).test(value.text);
  };
  return parts.some(says);
}

/**
 * Another catch clause of the same try names a transient failure (a server-error class, a network failure) and hands
 * it on unchanged (`throw e;`, a bare `raise`): the code means that failure for whoever retries above it.
 */
function passesTransientOn(ctx: DiagContext, clause: Node): boolean {
  const siblings = clause.parent?.namedChildren.filter((c): c is Node => c !== null && c.id !== clause.id && CAUGHT_TYPE_CLAUSE.test(c.type)) ?? [];
  return siblings.some((sibling) => {
    const body = clauseBody(sibling);
    if (!body) return false;
    const head = { start: sibling.startIndex, end: body.startIndex };
    const names = ctx.occurrences.some((o) => {
      if (o.role !== 'client-check' || o.kind === 'http-status' || !transient(ctx, o)) return false;
      const n = ctx.nodeOf(o);
      return !!n && n.startIndex >= head.start && n.endIndex <= head.end;
    });
    if (!names) return false;
    const outcome = branchOutcome(ctx, body, enclosingFn(ctx.flow, sibling)?.name);
    return outcome.final?.kind === 'raise' && reRaisesCaught(outcome.final.node, sibling);
  });
}

/**
 * Retryable, or retryable on a condition the code around has settled: a timeout is safe to retry for an
 * idempotent request, and a function that already retries other failures of it has decided to retry it.
 */
function transient(ctx: DiagContext, occ: Occurrence): boolean {
  if (UNRESOLVED_HOST.test(occ.code)) return false;
  return ctx.isRetryable(occ) || ctx.registry.errorCode(occ.code)[0]?.entry.retry.verdict === 'conditional';
}

/** A host that does not resolve or cannot be routed to, caught on its own: a configuration the code chose to report. */
const UNRESOLVED_HOST = /^(UnknownHostException|NoRouteToHostException|UnresolvedAddressException|ENOTFOUND|NameResolutionError)$/;

/** The raise hands on the caught error itself: a bare `raise`/`throw;`, or `raise e`/`throw e` of the clause's own variable. */
export function reRaisesCaught(raise: Node, clause: Node): boolean {
  const text = raise.text.trim();
  if (/^(raise|throw)\s*;?$/.test(text)) return true;
  const named = /^(?:raise|throw)\s+([A-Za-z_$][\w$]*)\s*;?$/.exec(text)?.[1];
  return !!named && catchBinds(clause, named);
}

/** Inside a retry loop of the model, or a loop that waits between rounds (one around an SDK call the model does not know). */
export function inRetryingLoop(ctx: DiagContext, clause: Node): boolean {
  if (ctx.retryLoops().some((r) => within(clause, r.loop.node))) return true;
  // (A loop over pages that paces itself is no retry.)
  return enclosingLoops(ctx.flow, clause).some((l) => l.kind !== 'collection' && !goesOnWhileMorePages(l) && ctx.flow.calls.some((c) => DELAY.test(c.name) && within(c.node, l.node)));
}

/**
 * The requests the clause's try sends are all retried by a mechanism of their own (`Http::retry(3, 500)->get($url)`,
 * a session with a retry adapter): what reaches the clause is a failure after the last attempt, the retry's give-up.
 */
function retriedInTry(ctx: DiagContext, clause: Node): boolean {
  const body = protectedSpan(clause);
  if (!body) return false;
  const sent = ctx.requests.filter((r) => r.call.start >= body.start && r.call.end <= body.end);
  return sent.length > 0 && sent.every((r) => !!ctx.mechanisms.covering(r.call.node, r.call.receiver, r.library) || ctx.mechanisms.isRetryingCall(r.call));
}

/**
 * C#: the clause's exception filter lets in only statuses that fail the same way again (`catch (HttpRequestException
 * ex) when (ex.StatusCode == HttpStatusCode.NotFound)`): a 503 or a reset connection never reaches it.
 */
function filteredToRefusals(ctx: DiagContext, clause: Node): boolean {
  const filter = clause.namedChildren.find((c) => c?.type === 'catch_filter_clause');
  const condition = filter?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!condition) return false;
  const tests = testsWithin(ctx, condition, undefined);
  if (tests.length === 0) return false;
  const holds = conditionSetOver(ctx, PROBED_STATUSES, condition, tests, subjectRoot(tests[0].subject));
  return !!holds && ![...holds].some((c) => ctx.isRetryable({ code: c, kind: 'http-status' }));
}

/** The clause sits in the branch of a status test that holds for non-retryable codes only (`== 401`, `in (400, 404)`). */
function underNonRetryableStatus(ctx: DiagContext, clause: Node): boolean {
  const tests = ctx.clientTests();
  return tests.some((t) => {
    if (!t.branch || !t.positive || !/^(==|===|is|in|case|equals|Equals)$/.test(t.op) || !within(clause, t.branch)) return false;
    // Every code the same test names is a refusal that fails the same way again.
    return tests.every((o) => o.test.id !== t.test.id || ctx.isNonRetryable(o.occ.code, o.test));
  });
}
