import type { Finding } from '../../types';
import { catchBody } from '../chainSyntax';
import type { DiagContext } from '../context';
import { inScope } from '../decoratorPolicies';
import { fillMessage, ruleInfo } from '../rules';
import { retryWrappedFunctions } from '../swallowedRetries';
import { giveUpData } from './giveUpData';

const RULE = 'retryable-treated-as-final';

/**
 * A retry annotation or decorator whose method catches every failure itself (swallowedRetries.ts): the catch is
 * where a 429 or 503 ends, and the retry configured around the method never runs.
 */
export function swallowedRetryGiveUps(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const { marker, swallowing: clause } of retryWrappedFunctions(ctx)) {
    if (!clause || !inScope(ctx, clause.startIndex)) continue;
    const final = catchBody(clause) ?? clause;
    const codes = ['429', '503'];
    const wrapper = marker.text.startsWith('@') && ctx.flow.grammarName !== 'python' ? '@Retryable' : 'retry decorator';
    const data = giveUpData(ctx, { anchor: clause, check: clause, branch: clause, final, finalKind: 'return', codes });
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail: `the catch takes every failure, so the ${wrapper} around the method never retries` }),
      range: ctx.headRange(clause, final),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}
