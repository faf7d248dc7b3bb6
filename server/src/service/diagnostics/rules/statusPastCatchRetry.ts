import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import { enclosingLoops, within } from '../flow/flowModel';
import { catchRetryOf } from '../catchRetries';
import { runsInFrontEnd } from '../browserContext';
import { answersUser } from '../userCommands';
import { tellsPerson } from '../personFacing';
import { fillMessage, ruleInfo } from '../rules';
import { findCheck } from '../successOrFailChecks';

const RULE = 'retryable-treated-as-final';

/**
 * A request retried from its catch clause (catchRetries.ts) whose failure status gives up where that retry never sees
 * it: `if not res.ok: log.warning(…)` in the try, or `if r.status_code != 200: return None` — the function retries a
 * dropped connection and lets a 429 or 503 go. Raised inside the try, the failure reaches the catch and is retried.
 */
export function statusPastCatchRetries(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const request of ctx.requests) {
    const { call } = request;
    if (request.inferred === 'status-read' || request.inferred === 'callback' || request.inferred === 'sdk') continue;
    // (A loop around it is the retry rules' to judge; a user who clicked sees the failure.)
    if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection')) continue;
    if (runsInFrontEnd(ctx.flow, ctx.doc.uri, call.node) || answersUser(ctx, call.fn)) continue;
    const retry = catchRetryOf(ctx, request);
    if (!retry) continue;
    // (A function named for retrying — `call_webhook_after_retries` — is named for the retry found here, which is no
    // reason to think its failure statuses retried.)
    const covering = ctx.mechanisms.covering(call.node, call.receiver, request.library, true);
    if ((covering && covering !== `retried function ${call.fn?.name}`) || ctx.mechanisms.isRetryingCall(call)) continue;
    const check = findCheck(ctx, request);
    if (!check || check.kind === 'ignored' || check.kind === 'caught') continue;
    const giveUp = check.guard ?? check.node;
    if (check.final === 'raise' && within(giveUp, retry.body)) continue;
    if (check.final === 'exit' || (check.guard && tellsPerson(ctx, check.guard))) continue;
    const codes = ['429', '503'];
    const retryLine = ctx.range(retry.retry).start.line + 1;
    const data: RetryableTreatedAsFinalData = {
      ...ctx.base(check.node),
      ...ctx.requestData(request),
      codes,
      checkRange: ctx.range(check.node),
      checkText: check.node.text,
      branchRange: ctx.range(giveUp),
      finalRange: ctx.range(giveUp),
      finalKind: check.final ?? 'return',
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail: `${check.detail}; only a raised error reaches the retry at line ${retryLine}` }),
      range: ctx.range(check.node),
      related: [...(ctx.related(request) ?? []), { range: ctx.range(retry.retry), message: 'the retry, which only raised errors reach' }],
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}
