import type { Finding } from '../../types';
import { branchOutcome, isClassification, StatusTest, subjectRoot } from '../branches';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import type { Node } from 'web-tree-sitter';
import { enclosingFn, enclosingLoops, within } from '../flow/flowModel';
import type { RequestInfo } from '../requests';
import { fillMessage, ruleInfo } from '../rules';

const RULE = 'retryable-treated-as-final';

/**
 * A branch that tests for a retryable code (equality, membership or case label) and then raises,
 * returns or exits, with no retry path: no continue or retry call in the branch, no enclosing retry
 * loop, no retry mechanism in scope.
 */
export function retryableTreatedAsFinal(ctx: DiagContext): Finding[] {
  const byGuard = new Map<number, { test: StatusTest; codes: string[] }>();
  for (const occ of ctx.occurrences) {
    if (occ.role !== 'client-check' || !ctx.isRetryable(occ)) continue;
    const test = ctx.testOf(occ);
    if (!test || !test.positive || !test.branch || !test.guard) continue;
    const entry = byGuard.get(test.guard.id);
    if (entry) entry.codes.push(occ.code);
    else byGuard.set(test.guard.id, { test, codes: [occ.code] });
  }
  const findings: Finding[] = [];
  for (const { test, codes } of byGuard.values()) {
    const guard = test.guard!;
    if (enclosingLoops(ctx.flow, guard).some((l) => l.kind !== 'collection')) continue;
    const responseVar = subjectRoot(test.subject);
    const request = ctx.requestFor(guard, responseVar);
    if (ctx.mechanisms.covering(guard, request?.call.receiver)) continue;
    const fn = enclosingFn(ctx.flow, guard);
    // The response came back from a retrying helper: its retries are spent, giving up is right.
    if (ctx.responseFromRetryingCall(guard, responseVar)) continue;
    // The response came out of a hand-written retry loop that already looked at its status: after the loop,
    // the retries are spent (`while attempts <= n: … if r.status_code in (429, 503): sleep; continue` then `if r.status_code == 429: raise`).
    if (request && afterStatusRetryLoop(ctx, guard, request)) continue;
    const outcome = branchOutcome(ctx, test.branch!, fn?.name, responseVar);
    if (outcome.continues || outcome.retries || !outcome.final) continue;
    // Mapping a status to a typed error (or a value) for a caller is classification, not giving up.
    if (isClassification(ctx, fn, test.subject, outcome.final)) continue;
    const unique = [...new Set(codes)];
    const detail = outcome.final.kind === 'raise' ? (ctx.language === 'python' ? 'raises' : 'throws') : outcome.final.kind === 'exit' ? 'exits' : 'returns';
    const checkNode = test.op === 'case' ? test.test : test.test;
    const data: RetryableTreatedAsFinalData = {
      ...ctx.base(checkNode),
      ...(request ? ctx.requestData(request) : {}),
      codes: unique,
      checkRange: ctx.range(checkNode),
      checkText: checkNode.text,
      branchRange: ctx.range(guard),
      finalRange: ctx.range(outcome.final.node),
      finalKind: outcome.final.kind,
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes: unique, detail }),
      range: ctx.range(checkNode),
      related: ctx.related(request),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/** The request sits in a retry loop that ends before the guard and tests the response's status inside it. */
function afterStatusRetryLoop(ctx: DiagContext, guard: Node, request: RequestInfo): boolean {
  return ctx.retryLoops().some(
    (r) =>
      within(request.call.node, r.loop.node) &&
      r.loop.node.endIndex <= guard.startIndex &&
      ctx.clientTests().some((t) => within(t.test, r.loop.node) && (!request.responseVar || subjectRoot(t.subject) === request.responseVar)),
  );
}
