import type { Node } from 'web-tree-sitter';
import type { Finding, Range } from '../../types';
import type { BranchOutcome } from '../branches';
import type { RetryLoop } from '../retryLoops';
import { branchOutcome, subjectRoot } from '../branches';
import { alwaysLeaves, ancestorWithin, catchBody, caughtTypeNames, chainTop, type Clause, ifClauses, subjectlessSwitchArms } from '../chainSyntax';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import { within } from '../flow/flowModel';
import { fillMessage, ruleInfo } from '../rules';
import { conditionSet, conditionSetOver, testsWithin } from '../statusSets';
import { PROBED_STATUSES } from '../failureSets';

const RULE = 'retryable-treated-as-final';
/** The clauses that catch a typed failure (Ruby's `rescue` too). */
const CAUGHT_IN = /^(catch_clause|except_clause|catch_block|rescue)$/;

/**
 * A retry loop whose catch clause keeps one caught status and rethrows the rest: `catch (ApiException ex)
 * { if (ex.HttpCode != HttpStatusCode.Forbidden) throw; … }` around the request, `except HTTPError as e:
 * if e.response.status_code != 429: raise`. The loop goes round on what the clause keeps; the transient
 * statuses the test lets through to the rethrow (a 503, a 502) leave as final errors.
 */
export function caughtStatusGiveUps(ctx: DiagContext, reported: Set<number>): Finding[] {
  const findings: Finding[] = [];
  const retries = ctx.retryLoops();
  if (retries.length === 0) return findings;
  for (const test of ctx.clientTests()) {
    if (!test.branch || !test.guard || reported.has(test.guard.id)) continue;
    const retry = retries.find((r) => within(test.test, r.loop.node));
    if (!retry) continue;
    // (Ruby's `rescue` too.)
    const clause = ancestorWithin(test.test.parent, retry.loop.node, CAUGHT_IN);
    const tryNode = clause?.parent;
    if (!clause || !tryNode || !within(retry.request.call.node, tryNode)) continue;
    // The clause goes round for what the test keeps: it does not always leave.
    const body = catchBody(clause);
    if (!body || alwaysLeaves(body)) continue;
    const outcome = branchOutcome(ctx, test.branch, retry.loop.fn?.name);
    if (!outcome.final || outcome.final.kind !== 'raise' || outcome.continues || outcome.retries) continue;
    // The whole condition decides (`status < 500 and status != 429` lets no transient status through).
    const condition = test.guard.childForFieldName('condition');
    const root = subjectRoot(test.subject);
    const holds = condition ? conditionSet(ctx, condition, testsWithin(ctx, condition, root), root) : undefined;
    const reaching = caughtStatusClass(ctx, clause);
    const codes = [...(holds ?? [])].filter((c) => (!reaching || c[0] === reaching) && ctx.isRetryable({ code: c, kind: 'http-status' }));
    if (codes.length === 0 || ctx.mechanisms.covering(test.guard, retry.request.call.receiver, retry.request.library, true)) continue;
    reported.add(test.guard.id);
    findings.push(giveUp(ctx, { retry, codes, test: test.test, branch: test.guard, final: outcome.final, range: ctx.range(test.test), anchor: test.test, detail: '; the loop retries only the status this check keeps' }));
  }
  findings.push(...elseGiveUps(ctx, reported));
  return findings;
}

/**
 * The same with the rethrow in the chain's `else`: `except HTTPError as e: if status == 429: sleep … elif status ==
 * 403: return None else: raise`. What no arm before it took — 500, 502, 503, 504 — leaves as a final error.
 */
function elseGiveUps(ctx: DiagContext, reported: Set<number>): Finding[] {
  const findings: Finding[] = [];
  const retries = ctx.retryLoops();
  const tops = new Map<number, { top: Node; switchArms?: Clause[]; test: ReturnType<DiagContext['clientTests']>[number] }>();
  for (const test of ctx.clientTests()) {
    if (!test.guard) continue;
    // An if chain from its top; an arm of a switch on nothing (Kotlin `when { … }`, Go `switch { … }`) from the switch.
    const switchArms = test.guard.parent ? subjectlessSwitchArms(test.guard.parent) : undefined;
    const top = switchArms ? test.guard.parent! : chainTop(test.guard);
    if (!tops.has(top.id)) tops.set(top.id, { top, switchArms, test });
  }
  for (const { top, switchArms, test } of tops.values()) {
    if (reported.has(top.id)) continue;
    const retry = retries.find((r) => within(top, r.loop.node));
    if (!retry) continue;
    const clause = ancestorWithin(top.parent, retry.loop.node, CAUGHT_IN);
    const tryNode = clause?.parent;
    const body = clause ? catchBody(clause) : null;
    if (!clause || !tryNode || !body || !within(retry.request.call.node, tryNode) || alwaysLeaves(body)) continue;
    const arms = switchArms ?? ifClauses(top);
    const last = arms[arms.length - 1];
    if (arms.length < 2 || !last || last.condition) continue;
    const outcome = branchOutcome(ctx, last.body, retry.loop.fn?.name);
    if (!outcome.final || outcome.final.kind !== 'raise' || outcome.continues || outcome.retries) continue;
    // Every arm before the else tests the caught error's status; what none of them takes reaches the rethrow.
    const root = subjectRoot(test.subject);
    const taken = new Set<string>();
    let known = true;
    for (const arm of arms.slice(0, -1)) {
      const holds = arm.condition ? conditionSetOver(ctx, PROBED_STATUSES, arm.condition, testsWithin(ctx, arm.condition, root), root) : undefined;
      if (!holds) known = false;
      else holds.forEach((c) => taken.add(c));
    }
    const reaching = caughtStatusClass(ctx, clause);
    const codes = PROBED_STATUSES.filter((c) => !taken.has(c) && (!reaching || c[0] === reaching) && ctx.isRetryable({ code: c, kind: 'http-status' }));
    if (!known || codes.length === 0 || ctx.mechanisms.covering(top, retry.request.call.receiver, retry.request.library, true)) continue;
    reported.add(top.id);
    findings.push(giveUp(ctx, { retry, codes, test: test.test, branch: last.node, final: outcome.final, range: ctx.headRange(last.node, last.body), anchor: last.node, detail: ' from the last branch; the loop retries only the statuses tested before it' }));
  }
  return findings;
}

interface GiveUp {
  retry: RetryLoop;
  codes: string[];
  /** The first status test, the branch that rethrows and the rethrow itself. */
  test: Node;
  branch: Node;
  final: NonNullable<BranchOutcome['final']>;
  range: Range;
  /** The node the finding's data is anchored on (the test, or the `else` arm). */
  anchor: Node;
  detail: string;
}

/** The finding for a catch branch that throws retryable statuses out of a retry loop. */
function giveUp(ctx: DiagContext, g: GiveUp): Finding {
  const data: RetryableTreatedAsFinalData = {
    ...ctx.base(g.anchor),
    ...ctx.requestData(g.retry.request),
    codes: g.codes,
    checkRange: ctx.range(g.test),
    checkText: g.test.text,
    branchRange: ctx.range(g.branch),
    finalRange: ctx.range(g.final.node),
    finalKind: g.final.kind,
  };
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes: g.codes, detail: `${ctx.language === 'python' ? 'raises' : 'throws'} them again${g.detail}` }),
    range: g.range,
    related: [{ range: ctx.headRange(g.retry.loop.node, g.retry.loop.body), message: 'the retry loop, which retries other statuses only' }],
    data: data as unknown as Record<string, unknown>,
  };
}

/** Errors raised for one class of statuses only: Ktor's ClientRequestException (4xx), Spring's HttpServerErrorException (5xx)… */
const CLIENT_ERRORS_ONLY = /^(ClientRequestException|HttpClientErrorException|ClientErrorException|ClientException|HttpClientError)$/;
const SERVER_ERRORS_ONLY = /^(ServerResponseException|HttpServerErrorException|ServerErrorException|ServerException|HttpServerError)$/;

/** The first digit of the statuses that reach a catch clause when every type it catches is a 4xx-only or a 5xx-only error. */
export function caughtStatusClass(ctx: DiagContext, clause: Node): '4' | '5' | undefined {
  const types = caughtTypeNames(ctx.flow.text, clause).map((t) => t.split(/[.:\\]/).pop() ?? t).filter((t) => /^[A-Z]/.test(t));
  if (types.length === 0) return undefined;
  if (types.every((t) => CLIENT_ERRORS_ONLY.test(t))) return '4';
  if (types.every((t) => SERVER_ERRORS_ONLY.test(t))) return '5';
  return undefined;
}