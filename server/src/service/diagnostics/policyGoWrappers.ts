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
  return [...songmuProblems(ctx), ...repeaterProblems(ctx)];
}

function songmuProblems(ctx: DiagContext): PolicyProblem[] {
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

/**
 * go-pkgz/repeater (server/data/retry-policies.json, go-pkgz-repeater): `repeater.NewDefault(repeats, delay)` is a
 * FixedDelay strategy, the same delay after every attempt; `repeater.New(nil)` is FixedDelay 5 s, 10 times, and
 * `repeater.New(&strategy.FixedDelay{…})` says so itself. One repeat is no retry; `strategy.Backoff` grows.
 */
function repeaterProblems(ctx: DiagContext): PolicyProblem[] {
  const { flow } = ctx;
  const alias = repeaterAlias(flow.imports, flow.text);
  if (!alias || policyDefaults('go-pkgz-repeater').delay !== 'fixed') return [];
  const out: PolicyProblem[] = [];
  for (const call of flow.calls) {
    if (call.receiver !== alias || !inScope(flow, call.node)) continue;
    const args = flow.adapter.callArguments(call.node);
    if (call.name === 'NewDefault' && args.length === 2) {
      const [repeats, delay] = args;
      if (/^[01]$/.test(repeats.text.trim())) continue;
      const none = /^0+(\s*\*\s*time\.\w+)?$/.test(delay.text.trim());
      out.push({
        rule: 'retry-without-backoff', library: 'go-pkgz-repeater', anchor: delay, problem: none ? 'no-delay' : 'fixed-delay',
        detail: none ? '(go-pkgz/repeater NewDefault) retries at once: the delay is 0' : `(go-pkgz/repeater NewDefault) waits the same ${delay.text} before every attempt`,
      });
    } else if (call.name === 'New' && args.length === 1 && (args[0].text.trim() === 'nil' || /^&?\s*strategy\.FixedDelay\s*\{/.test(args[0].text.trim()))) {
      out.push({
        rule: 'retry-without-backoff', library: 'go-pkgz-repeater', anchor: args[0], problem: 'fixed-delay',
        detail: args[0].text.trim() === 'nil' ? '(go-pkgz/repeater New(nil)) waits a fixed 5 s before every attempt' : '(go-pkgz/repeater FixedDelay) waits the same delay before every attempt',
      });
    }
  }
  return out;
}

/** The name the file gives go-pkgz/repeater (`repeater`, or the alias of `rpt "github.com/go-pkgz/repeater"`). */
function repeaterAlias(imports: string[], text: string): string | undefined {
  const module = imports.find((m) => m === 'github.com/go-pkgz/repeater' || /^github\.com\/go-pkgz\/repeater\/v\d+$/.test(m));
  if (!module) return undefined;
  const named = new RegExp(`(?:^|\\s)([A-Za-z_]\\w*)\\s+"${module.replace(/[./]/g, '\\$&')}"`).exec(text)?.[1];
  return named && named !== '_' && named !== '.' ? named : 'repeater';
}
