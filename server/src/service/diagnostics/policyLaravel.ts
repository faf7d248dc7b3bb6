import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { policyDefaults } from './policyDefaults';
import { nodes } from './policyOptions';
import { numberValue } from './policyValues';

/**
 * Laravel's retries read as data (PHP): a pending request's `Http::retry($times, $sleep, $when)` and the `retry($times,
 * $callback, $sleep, $when)` helper wait `$sleep` milliseconds between attempts — 0 by default, the same every time when
 * it is a number — and read no Retry-After; without `$when`, `Http::retry` goes round on every failed response, 429 and
 * 503 included (server/data/retry-policies.json, laravel-http-retry). A sleep given as a closure is not guessed.
 */
export function laravelRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const defaults = policyDefaults('laravel-http-retry');
  const text = ctx.flow.text;
  const out: PolicyProblem[] = [];
  for (const { call, helper, sleep, when } of laravelRetries(ctx)) {
    const sleepMs = sleep ? numberValue(text, sleep.text) : defaults.delayMs;
    // A closure or an array has its own schedule (not guessed); a configured number is the same wait every time.
    const configured = sleep !== undefined && sleepMs === undefined && CONFIGURED.test(sleep.text);
    if (!sleep || sleepMs !== undefined || configured) {
      out.push({
        rule: 'retry-without-backoff', library: 'laravel-http-retry', anchor: sleep ?? call, problem: sleepMs === 0 ? 'no-delay' : 'fixed-delay',
        detail: sleepMs === 0 ? `(Laravel retry) retries immediately: the sleep is 0${sleep ? '' : ' (the default)'}` : configured ? '(Laravel retry) waits the same configured number of milliseconds every time' : `(Laravel retry) waits the same ${sleepMs} ms every time`,
      });
    }
    // Whatever the sleep, Laravel never reads Retry-After.
    if (!helper && !when) {
      out.push({
        rule: 'retry-ignores-retry-after', library: 'laravel-http-retry', anchor: call, codes: ['429', '503'],
        detail: '(Laravel Http::retry) retries every failed response on its own sleep, never reading Retry-After',
      });
    }
  }
  return out;
}

/**
 * `Http::retry($times, $sleep)` with no `$when`: every response that is not successful is thrown and retried, 4xx
 * included (PendingRequest: `$shouldRetry = $this->retryWhenCallback ? … : true`). The calls, for non-retryable-retried.
 */
export function laravelRetriesOfEveryFailure(ctx: DiagContext): Node[] {
  return laravelRetries(ctx).filter((r) => !r.helper && !r.when).map((r) => r.call);
}

interface LaravelRetry {
  call: Node;
  /** The global `retry()` helper rather than a pending request's method. */
  helper: boolean;
  sleep?: Node;
  when?: Node;
}

/** The retries of the file that make more than one attempt (or a configured number of them). */
function laravelRetries(ctx: DiagContext): LaravelRetry[] {
  const text = ctx.flow.text;
  const out: LaravelRetry[] = [];
  const calls = [...nodes(ctx, 'scoped_call_expression'), ...nodes(ctx, 'member_call_expression'), ...nodes(ctx, 'function_call_expression')];
  for (const call of calls) {
    const helper = call.type === 'function_call_expression';
    const name = call.childForFieldName(helper ? 'function' : 'name')?.text.replace(/^\\/, '');
    if (name !== 'retry') continue;
    // `Http::retry(…)`, `Http::withToken($t)->retry(…)`, `$this->http->retry(…)`; the helper `retry(3, fn …, 100)`
    if (!helper && !/(^|\\)Http\b|->\s*(with\w*|accept\w*|timeout|baseUrl|as\w+)\(|http/i.test(receiverText(call))) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type === 'argument').map((a) => a.lastNamedChild ?? a);
    // The attempts may come from configuration (`times: config('api.retry.times')`): a retry all the same, unless 0 or 1.
    const times = args[0] ? numberValue(text, args[0].text) : undefined;
    if (!args[0] || (times !== undefined && times <= 1) || (times === undefined && !CONFIGURED.test(args[0].text))) continue;
    out.push({ call, helper, sleep: args[helper ? 2 : 1], when: args[helper ? 3 : 2] });
  }
  return out;
}

/** A value read from configuration: `config('api.retry.times')`, `env('RETRIES')`, a class constant. */
const CONFIGURED = /^(?:\\?config|env)\s*\(|^(?:self|static|[A-Z]\w*)::[A-Z_][A-Z0-9_]*$/;

function receiverText(call: Node): string {
  return call.childForFieldName(call.type === 'scoped_call_expression' ? 'scope' : 'object')?.text ?? '';
}
