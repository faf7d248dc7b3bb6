import { runsPerScrape } from '../scrapeContext';
import { tellsPerson } from '../personFacing';
import { answersUser } from '../userCommands';
import { polledByHomeAssistant } from '../reconcilerContext';
import { credentialGiveUps } from './credentialGiveUps';
import { policyGiveUpFindings } from '../decoratorPolicies';
import type { Finding, Range } from '../../types';
import { escapeRegExp } from '../regexText';
import { type BranchOutcome, branchOutcome, handsOnTypedError, isClassification, namesTransientCause, parameterNames, returnValues, StatusTest, statusAliases, subjectRoot } from '../branches';
import { retriedByCallers } from '../callerRetries';
import { exceptionGiveUps, inRetryingLoop, reRaisesCaught } from './exceptionGiveUps';
import { swallowedRetryGiveUps } from './swallowedRetryGiveUps';
import { caughtStatusClass, caughtStatusGiveUps } from './caughtStatusGiveUps';
import { catchAllGiveUps } from './catchAllGiveUps';
import { loopLeftovers } from './loopLeftovers';
import { handedBackLeftovers } from './handedBackLeftovers';
import { predicateGiveUps } from './predicateGiveUps';
import { swallowedReads } from './swallowedFailures';
import { statusBlindRetries } from './statusBlindRetries';
import { statusPastCatchRetries } from './statusPastCatchRetry';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import type { Node } from 'web-tree-sitter';
import { calleeOf, enclosingFn, enclosingLoops, within } from '../flow/flowModel';
import type { RequestInfo } from '../requests';
import { fillMessage, ruleInfo } from '../rules';
import { isRetried, retriedSet, RetriedSet, wholesaleFailureCodes } from '../retriedSets';
import type { RetryLoop } from '../retryLoops';
import { walksPages } from '../pagingLoops';
import { functionsByName, mayRetryAround, remainderGiveUps, statusChains, walkedPast } from '../statusChains';
import { syncPolicyOverAsyncFindings } from '../syncPolicyOverAsync';
import { wrappedStopFindings } from '../wrappedRetries';
import { ancestorWithin, catchBinds, CATCH_CLAUSE, tryBlock } from '../chainSyntax';
import { resendRetries } from '../resends';
import { TRANSIENT_STATUSES } from '../statusSets';
import { unretriedWriteOptions } from '../writeRetryOptions';
import { caughtInLoop } from '../loopHandlers';
import { narrowedDefaultConditions } from '../narrowedPredicates';

const RULE = 'retryable-treated-as-final';
/** The server's wait, as a header or body field: Retry-After, retry_after, a rate-limit reset. */
const READS_WAIT_HINT = /retry[-_]?after|RETRY_AFTER|ratelimit[-_]?reset|rate[-_]limit[-_]reset/i;

/**
 * A branch that tests for a retryable code (equality, membership or case label) and then raises,
 * returns or exits, with no retry path: no continue or retry call in the branch, no enclosing retry
 * loop, no retry mechanism in scope.
 */
/** A function that signs in or fetches a credential (`authenticate`, `async_login`, `_get_token`, `refresh_access_token`). */
const SIGN_IN = /auth|log_?in|sign_?in|token|credential/i;

export function retryableTreatedAsFinal(ctx: DiagContext): Finding[] {
  // A Prometheus exporter gives a scrape up and the next scrape asks again (scrapeContext.ts).
  if (runsPerScrape(ctx.flow, ctx.workspace?.inMetricsExporter)) return [];
  const byGuard = new Map<number, { test: StatusTest; codes: string[] }>();
  for (const occ of ctx.occurrences) {
    if (occ.role !== 'client-check' || !ctx.isRetryable(occ)) continue;
    const test = ctx.testOf(occ);
    if (!test || !test.positive || !test.branch || !test.guard) continue;
    // `status // 100 == 5` gives up on the class: every transient status of it.
    const tested = test.flooredClass ? TRANSIENT_STATUSES.filter((c) => c[0] === occ.code[0]) : [occ.code];
    const entry = byGuard.get(test.guard.id);
    if (entry) entry.codes.push(...tested);
    else byGuard.set(test.guard.id, { test, codes: tested });
  }
  const findings: Finding[] = [];
  const reported = new Set<number>();
  for (const { test, codes } of byGuard.values()) {
    const guard = test.guard!;
    const responseVar = subjectRoot(test.subject);
    const request = ctx.requestFor(guard, responseVar);
    // Inside (or after) a hand-written retry loop, the codes that loop retries are handled; the ones it
    // lets fall through to this branch are not (`== 503 → raise` in a loop that only retries 500/502).
    const loop = request ? statusRetryLoopOf(ctx, guard, request) : undefined;
    let left = codes;
    if (loop) left = codes.filter((c) => !isRetried(loop.set, c));
    // (A loop walking pages goes round on success, not on failure: a give-up inside it is no retry's.)
    else if (enclosingLoops(ctx.flow, guard).some((l) => l.kind !== 'collection' && !walksPages(l))) continue;
    if (left.length === 0) continue;
    if (ctx.mechanisms.covering(guard, request?.call.receiver, request?.library, true)) continue;
    const fn = enclosingFn(ctx.flow, guard);
    // The response came back from a retrying helper: its retries are spent, giving up is right.
    if (ctx.responseFromRetryingCall(guard, responseVar)) continue;
    // Rust `match call_with_retry(ureq::get(url)) { Err(Status(503, _)) => … }`: the tested value is that call's result.
    if (ctx.flow.grammarName === 'rust' && ctx.flow.calls.some((c) => c.node.text === test.subject && ctx.mechanisms.isRetryingCall(c))) continue;
    // What this function raises, its callers in the file retry.
    if (retriedByCallers(ctx, fn)) continue;
    const outcome = branchOutcome(ctx, test.branch!, fn?.name, responseVar);
    if (outcome.continues || outcome.retries || !outcome.final) continue;
    // The branch tells a person (a message box, the player who typed the command): they decide whether to try again.
    if (tellsPerson(ctx, test.branch!)) continue;
    // Outside a retry, a request made for a person's command (a bot's slash command replying in the chat, a CLI
    // subcommand): whoever asked sees the failure and asks again (userCommands.ts, as no-retry-on-request reads it).
    if (!loop && answersUser(ctx, fn)) continue;
    // Raised or handed back in a Home Assistant integration's update cycle: the coordinator asks again next interval.
    // (Not in its sign-in step: Home Assistant answers an authentication failure with a re-auth flow, which stops polling.)
    if (!loop && (outcome.final.kind === 'raise' || outcome.final.kind === 'return') && polledByHomeAssistant(ctx.flow, ctx.doc.uri) && !SIGN_IN.test(fn?.name ?? '')) continue;
    // The branch reads the server's wait (`Retry-After`, `retry_after`, a rate-limit reset) and keeps it — a bucket's
    // reset, an error carrying it: the retry is scheduled by whoever reads it, not given up.
    if (READS_WAIT_HINT.test(test.branch!.text)) continue;
    if (loop && caughtInLoop(outcome.final, loop.retry.loop.node)) continue;
    // Thrown into a catch of the function that sends the request again (`catch (e) { if (n < max) return again(n + 1) }`).
    if (outcome.final.kind === 'raise' && fn && caughtByResend(ctx, outcome.final.node, fn.node)) continue;
    // Mapping a status to a typed error (or a value) for a caller is classification, not giving up.
    if (isClassification(ctx, fn, test.subject, outcome.final)) continue;
    // Outside a retry loop, a typed error that keeps the response or error tested goes to a caller that can
    // retry it (an SDK's transport, a client's error mapping). Inside one, the codes it leaves out are the point.
    const root = request?.responseVar ?? responseVar;
    const aliases = root && fn ? statusAliases(fn.node, root) : [];
    if (!loop && handsOnTypedError(ctx, outcome.final.node, [responseVar, request?.responseVar, 'err', 'error', 'response', ...aliases])) continue;
    // An error named for the cause the branch picked out (`case 429: return ErrRateLimited`): the caller can match it and retry.
    if (!loop && namesTransientCause(ctx, outcome.final.node)) continue;
    // The error handed back says "retry me" (`return newResponseError(resp.Header, err)` building a `retryableError`).
    if (marksRetryable(ctx, outcome.final.node)) continue;
    findings.push(giveUpFinding(ctx, test, [...new Set(left)], outcome.final, request));
    reported.add(guard.id);
  }
  findings.push(...leftoverAfterRetrySet(ctx, reported));
  findings.push(...caughtStatusGiveUps(ctx, reported));
  findings.push(...predicateGiveUps(ctx, reported));
  findings.push(...catchAllGiveUps(ctx, reported));
  findings.push(...remainderFindings(ctx, reported));
  findings.push(...syncPolicyOverAsyncFindings(ctx));
  findings.push(...exceptionGiveUps(ctx));
  findings.push(...swallowedRetryGiveUps(ctx));
  findings.push(...credentialGiveUps(ctx, reported));
  findings.push(...policyGiveUpFindings(ctx));
  findings.push(...narrowedDefaultConditions(ctx));
  findings.push(...unretriedWriteOptions(ctx));
  findings.push(...wrappedStopFindings(ctx));
  findings.push(...loopLeftovers(ctx, findings));
  findings.push(...handedBackLeftovers(ctx, findings));
  findings.push(...swallowedReads(ctx, findings));
  findings.push(...statusBlindRetries(ctx, findings));
  const lines = new Set(findings.map((f) => f.range.start.line));
  findings.push(...statusPastCatchRetries(ctx).filter((f) => !lines.has(f.range.start.line)));
  return findings;
}

/**
 * Statuses a chain of tests leaves over and then gives up on, when something retries other statuses:
 * `if 200: return … elif 429: sleep(d) else: return None` makes a 503 final; so does
 * `if r.status == 429 { wait; continue }` followed by `return err`.
 */
function remainderFindings(ctx: DiagContext, reported: Set<number>): Finding[] {
  const findings: Finding[] = [];
  for (const { top, root } of statusChains(ctx)) {
    // Chains are in source order: a later chain an earlier walk went through has been judged with more knowledge.
    if (walkedPast(ctx, top, root) || !mayRetryAround(ctx, top)) continue;
    for (const giveUp of remainderGiveUps(ctx, top, root)) {
      if (reported.has(giveUp.at.id)) continue;
      const request = requestOfStatus(ctx, top, root);
      // With no request in the function, the status must come in as a parameter (an error handler, a
      // response classifier) of a function that retries some statuses and gives the rest up.
      if (!request && !statusFromParameter(ctx, top, giveUp.first, root) && !assignedInFunction(ctx, top, root)) continue;
      const loop = request && statusRetryLoopOf(ctx, top, request);
      // Nothing retried on this path: a plain success-or-fail check, which no-retry-on-request speaks for.
      if (!loop && giveUp.retried.size === 0) continue;
      // A chain in a catch clause sees only the statuses the caught type is raised for (Ktor's ClientRequestException: 4xx).
      const handler = ancestorWithin(top.parent, ctx.doc.tree!.rootNode, CATCH_CLAUSE);
      const reaching = handler ? caughtStatusClass(ctx, handler) : undefined;
      const left = [...giveUp.codes].filter((c) => !giveUp.retried.has(c) && !(loop && isRetried(loop.set, c)) && (!reaching || c[0] === reaching));
      if (left.length === 0) continue;
      // (Covered by a mechanism — not by its own name when a switch's default arm gives up what no case names:
      // `Retry<T>(api)`'s `_ => throw` is this very loop giving a 502 up on its first attempt.)
      const how = ctx.mechanisms.covering(top, request?.call.receiver, request?.library, true);
      const ownName = how === `retried function ${enclosingFn(ctx.flow, top)?.name}` && giveUp.arm && !ctx.flow.grammar.ifs.has(top.type) && top.type !== 'elif_clause';
      if ((how && !ownName) || ctx.responseFromRetryingCall(top, root)) continue;
      if (retriedByCallers(ctx, enclosingFn(ctx.flow, top))) continue;
      const loops = enclosingLoops(ctx.flow, giveUp.final.node).filter((l) => l.kind !== 'collection');
      if (loops.some((l) => caughtInLoop(giveUp.final, l.node))) continue;
      // `catch (ApiException e) { if (e.code() == 429) { … } throw e; }` outside a retry loop: the caught error passes on
      // unchanged (status and headers kept) for whoever catches it next.
      const clause = giveUp.final.kind === 'raise' ? ancestorWithin(giveUp.final.node.parent, ctx.doc.tree!.rootNode, CATCH_CLAUSE) : undefined;
      if (clause && reRaisesCaught(giveUp.final.node, clause) && !inRetryingLoop(ctx, clause)) continue;
      if (loop && request && leavesServerErrorsByChoice(ctx, loop.set, left, giveUp.final.node, request)) continue;
      reported.add(giveUp.at.id);
      findings.push(giveUpFinding(ctx, { test: giveUp.first, guard: giveUp.at }, left, giveUp.final, request, {
        detailSuffix: giveUp.arm ? '; only other statuses are retried before this branch' : '; only other statuses are retried before this point',
        anchor: giveUp.at,
        ...(giveUp.via
          ? { related: { range: ctx.range(giveUp.via), message: 'called here with the response, after other statuses were retried' } }
          : loop
            ? { related: { range: ctx.range(loop.retry.loop.node), message: 'the retry loop, which retries other statuses only' } }
            : {}),
      }));
    }
  }
  return findings;
}

/**
 * A loop that retries both refusals — 429 and 503, the statuses that say the server did not take the request — and
 * then hands every other failure to its caller in a typed error keeping the response (`raise APIError(response)`):
 * leaving 500, 502 and 504 out is a choice (a gateway error may come after the server acted, so a write must not be sent
 * again), and the caller can still tell them apart and retry.
 */
function leavesServerErrorsByChoice(ctx: DiagContext, set: RetriedSet, left: readonly string[], final: Node, request: RequestInfo): boolean {
  if (!isRetried(set, '429') || !isRetried(set, '503') || !left.every((c) => /^50[024]$/.test(c))) return false;
  const response = request.responseVar;
  if (!response) return false;
  const fn = enclosingFn(ctx.flow, final);
  return handsOnTypedError(ctx, final, [response, ...statusAliases(fn?.node ?? final, response)]);
}

/**
 * The tested status is a parameter of the enclosing function, read directly (`err.statusCode`) or
 * through an accessor call on it (`_.get(err, "statusCode")`, `get(response, 'status')`).
 */
function statusFromParameter(ctx: DiagContext, at: Node, firstTest: Node, root: string): boolean {
  const fn = enclosingFn(ctx.flow, at);
  if (!fn) return false;
  const params = parameterNames(fn);
  params.delete('this');
  params.delete('self');
  if (params.has(root)) return true;
  // The error a catch clause around the test binds: `catch (error) { if (error?.status === 429) … }`, `except X as e:`.
  if (caughtAs(at, root)) return true;
  // Read off a parameter first: `const { config, response } = error;`, `response = err.response`, `resp := e.Response`.
  const text = fn.node.text;
  const escaped = escapeRegExp(root);
  for (const p of params) {
    const param = escapeRegExp(p);
    if (new RegExp(`\\{[^}]*\\b${escaped}\\b[^}]*\\}\\s*=\\s*${param}\\b|(^|[^\\w$.])${escaped}\\s*(:=|=(?!=))\\s*${param}\\s*(\\.|\\?\\.|\\[)`, 'm').test(text)) return true;
  }
  const subject = firstTest.namedChildren.find((c) => c !== null && ctx.flow.adapter.calls.has(c.type));
  const first = subject ? ctx.flow.adapter.callArguments(subject)[0] : undefined;
  return !!first && /^(get|getIn|path|prop|property|getattr)$/.test(calleeOf(subject!, ctx.flow.adapter).name) && params.has(first.text);
}

/** `root` is the variable an enclosing catch clause binds (JS/Java/C#/Kotlin `catch (e …)`, Python `except … as e`, Ruby `rescue … => e`). */
function caughtAs(at: Node, root: string): boolean {
  for (let n: Node | null = at.parent; n; n = n.parent) if (/^(catch_clause|except_clause|catch_block|rescue)$/.test(n.type) && catchBinds(n, root)) return true;
  return false;
}

/** `root` is a local the function assigns (`response = requests_method(url)`): a response from a call not recognised as a request. */
function assignedInFunction(ctx: DiagContext, at: Node, root: string): boolean {
  const fn = enclosingFn(ctx.flow, at);
  return !!fn && new RegExp(`(^|[^\\w$.])${escapeRegExp(root)}\\s*(:=|=(?!=))\\s*(await\\s+)?[\\w$.:]+\\(`, 'm').test(fn.node.text);
}

/** The request whose status `root` is: its response variable, or a local read from it (`code = resp.status_code`). */
function requestOfStatus(ctx: DiagContext, at: Node, root: string): RequestInfo | undefined {
  const direct = ctx.requestFor(at, root);
  if (direct) return direct;
  const nearest = ctx.requestFor(at);
  const fn = enclosingFn(ctx.flow, at);
  if (!nearest?.responseVar || !fn) return undefined;
  const read = new RegExp(`\\b${escapeRegExp(root)}\\s*:?=\\s*\\(?\\s*(\\w+\\s*\\)\\s*)?${escapeRegExp(nearest.responseVar)}\\.`);
  return read.test(fn.node.text) ? nearest : undefined;
}

/**
 * The hand-written retry loop that holds the request and tests its status, when the check sits inside
 * it or after it in the same function, with the set of statuses it retries.
 */
function statusRetryLoopOf(ctx: DiagContext, guard: Node, request: RequestInfo): { retry: RetryLoop; set: RetriedSet } | undefined {
  const fn = enclosingFn(ctx.flow, guard);
  for (const retry of retryLoopsByFn(ctx).get(request.call.fn) ?? []) {
    if (!within(request.call.node, retry.loop.node)) continue;
    const inside = within(guard, retry.loop.node);
    const after = retry.loop.node.endIndex <= guard.startIndex && fn === retry.loop.fn;
    if (!inside && !after) continue;
    const set = retriedSet(ctx, retry);
    if (set.codes.size === 0 && set.from === Infinity) continue;
    return { retry, set };
  }
  return undefined;
}

/**
 * Statuses a retry loop does not retry and a wholesale failure test then gives up on: the loop retries
 * 429 only, and `status != 200 → return error` (inside it or after it) makes a 503 final.
 */
export function leftoverAfterRetrySet(ctx: DiagContext, reported: Set<number>): Finding[] {
  const findings: Finding[] = [];
  for (const test of ctx.clientTests()) {
    if (!test.guard || !test.branch || reported.has(test.guard.id)) continue;
    const wholesale = wholesaleFailureCodes(test);
    if (!wholesale || ctx.retryLoops().length === 0) continue;
    const responseVar = subjectRoot(test.subject);
    const request = ctx.requestFor(test.guard, responseVar);
    if (!request) continue;
    const loop = statusRetryLoopOf(ctx, test.guard, request);
    if (!loop) continue;
    const left = wholesale.filter((c) => !isRetried(loop.set, c));
    if (left.length === 0 || ctx.mechanisms.covering(test.guard, request.call.receiver, request.library, true)) continue;
    const fn = enclosingFn(ctx.flow, test.guard);
    const outcome = branchOutcome(ctx, test.branch, fn?.name, responseVar);
    if (outcome.continues || outcome.retries || !outcome.final || caughtInLoop(outcome.final, loop.retry.loop.node)) continue;
    reported.add(test.guard.id);
    const loopNote = { range: ctx.range(loop.retry.loop.node), message: 'the retry loop, which retries other statuses only' };
    findings.push(giveUpFinding(ctx, test, left, outcome.final, request, { detailSuffix: '; the retry loop above does not retry them', related: loopNote }));
  }
  return findings;
}

/** The finding for a branch that gives up on `codes`, with the data the quick fixes read. */
function giveUpFinding(
  ctx: DiagContext,
  test: Pick<StatusTest, 'test' | 'guard'>,
  codes: string[],
  final: NonNullable<BranchOutcome['final']>,
  request: RequestInfo | undefined,
  extra: { detailSuffix?: string; related?: { range: Range; message: string }; anchor?: Node } = {},
): Finding {
  const detail = final.kind === 'raise' ? (ctx.language === 'python' ? 'raises' : 'throws') : final.kind === 'exit' ? 'exits' : 'returns';
  const data: RetryableTreatedAsFinalData = {
    ...ctx.base(test.test),
    ...(request ? ctx.requestData(request) : {}),
    codes,
    checkRange: extra.anchor ? ctx.headRange(extra.anchor) : ctx.range(test.test),
    checkText: extra.anchor ? ctx.doc.text.slice(extra.anchor.startIndex, extra.anchor.endIndex).split('\n')[0] : test.test.text,
    branchRange: ctx.range(extra.anchor ?? test.guard!),
    finalRange: ctx.range(final.node),
    finalKind: final.kind,
  };
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes, detail: detail + (extra.detailSuffix ?? '') }),
    range: extra.anchor ? ctx.headRange(extra.anchor) : ctx.range(test.test),
    related: extra.related ? [extra.related, ...(ctx.related(request) ?? [])] : ctx.related(request),
    data: data as unknown as Record<string, unknown>,
  };
}

/** A type or constructor named for a failure worth retrying: `retryableError`, `TransientFailure`, `TemporaryError`. */
const RETRYABLE_MARK = /\b\w*(?:[Rr]etryable|[Rr]etriable|[Tt]ransient|[Tt]emporary)\w*(?:Error|Exception|Failure|Err)\b/;

/**
 * The give-up hands back an error typed as retryable, built where it is written or by a function of the file it
 * calls: whatever runs this (an SDK's retry helper, a caller) is told to try again, so nothing is treated as final.
 */
function marksRetryable(ctx: DiagContext, final: Node): boolean {
  if (RETRYABLE_MARK.test(final.text)) return true;
  const byName = functionsByName(ctx);
  const { adapter } = ctx.flow;
  for (const value of returnValues(ctx, final)) {
    if (!adapter.calls.has(value.type)) continue;
    const helpers = byName.get(calleeOf(value, adapter).name) ?? [];
    if (helpers.length === 1 && RETRYABLE_MARK.test(helpers[0].node.text)) return true;
  }
  return false;
}

const loopsByFn = new WeakMap<DiagContext, Map<RetryLoop['loop']['fn'], RetryLoop[]>>();

/** The file's retry loops by the function holding their request, built once per analysis. */
function retryLoopsByFn(ctx: DiagContext): Map<RetryLoop['loop']['fn'], RetryLoop[]> {
  let map = loopsByFn.get(ctx);
  if (!map) {
    map = new Map();
    for (const retry of ctx.retryLoops()) {
      const list = map.get(retry.request.call.fn);
      if (list) list.push(retry);
      else map.set(retry.request.call.fn, [retry]);
    }
    loopsByFn.set(ctx, map);
  }
  return map;
}

/** `final` sits in a try whose catch clause re-sends (a re-send retry of the file guards a branch of that clause). */
function caughtByResend(ctx: DiagContext, final: Node, fnNode: Node): boolean {
  return resendRetries(ctx).some((r) => {
    const clause = CATCH_CLAUSE.test(r.guard.type) ? r.guard : ancestorWithin(r.guard, fnNode, CATCH_CLAUSE);
    const body = clause ? tryBlock(clause.parent) : null;
    return !!body && within(final, body);
  });
}
