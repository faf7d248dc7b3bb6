import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { policyDefaults } from './policyDefaults';
import { inScope } from './timeouts/unbounded';

/**
 * Go retry wrappers whose schedule is their arguments (server/data/retry-policies.json, songmu-retry): Songmu/retry's
 * `retry.Retry(n, interval, fn)` and `retry.RetryWithContext(ctx, n, interval, fn)` sleep the same interval after every
 * failure — a fixed delay whatever the interval, none when it is 0.
 */
export function goWrapperRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const { flow } = ctx;
  const module = flow.imports.find((m) => m === 'github.com/Songmu/retry');
  if (!module || policyDefaults('songmu-retry').delay !== 'fixed') return [];
  const out: PolicyProblem[] = [];
  for (const call of flow.calls) {
    if (call.receiver !== 'retry' || (call.name !== 'Retry' && call.name !== 'RetryWithContext') || !inScope(flow, call.node)) continue;
    const args = flow.adapter.callArguments(call.node);
    const interval = args[call.name === 'Retry' ? 1 : 2];
    const attempts = args[call.name === 'Retry' ? 0 : 1];
    if (!interval || !attempts || attempts.text.trim() === '1') continue;
    const none = /^0+(\s*\*\s*time\.\w+)?$/.test(interval.text.trim());
    out.push({
      rule: 'retry-without-backoff', library: 'songmu-retry', anchor: interval, problem: none ? 'no-delay' : 'fixed-delay',
      detail: none ? `(Songmu/retry ${call.name}) retries at once: the interval is 0` : `(Songmu/retry ${call.name}) waits the same ${interval.text} before every attempt`,
    });
  }
  return out;
}
