import type { Finding } from '../../types';
import { branchOutcome, subjectRoot } from '../branches';
import { alwaysLeaves, ancestorWithin, catchBody } from '../chainSyntax';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import { within } from '../flow/flowModel';
import { fillMessage, ruleInfo } from '../rules';
import { conditionSet, testsWithin } from '../statusSets';

const RULE = 'retryable-treated-as-final';

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
    const clause = ancestorWithin(test.test.parent, retry.loop.node, /^(catch_clause|except_clause|rescue)$/);
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
    const codes = [...(holds ?? [])].filter((c) => ctx.isRetryable({ code: c, kind: 'http-status' }));
    if (codes.length === 0 || ctx.mechanisms.covering(test.guard, retry.request.call.receiver, retry.request.library)) continue;
    reported.add(test.guard.id);
    const data: RetryableTreatedAsFinalData = {
      ...ctx.base(test.test),
      ...ctx.requestData(retry.request),
      codes,
      checkRange: ctx.range(test.test),
      checkText: test.test.text,
      branchRange: ctx.range(test.guard),
      finalRange: ctx.range(outcome.final.node),
      finalKind: outcome.final.kind,
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail: `${ctx.language === 'python' ? 'raises' : 'throws'} them again; the loop retries only the status this check keeps` }),
      range: ctx.range(test.test),
      related: [{ range: ctx.headRange(retry.loop.node, retry.loop.body), message: 'the retry loop, which retries other statuses only' }],
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}
