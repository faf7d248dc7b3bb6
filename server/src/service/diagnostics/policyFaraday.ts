import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { policyDefaults } from './policyDefaults';
import { nodes } from './policyOptions';
import { numberValue } from './policyValues';

/**
 * Faraday's retry middleware, `f.request :retry, max: 3, interval: 0.5, backoff_factor: 2` (Ruby): interval
 * defaults to 0 (retries at once) and backoff_factor to 1 (every wait the same); Retry-After is honoured on its own
 * (server/data/retry-policies.json, faraday-retry). Options handed over in a variable are not guessed.
 */
export function faradayRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const defaults = policyDefaults('faraday-retry');
  const text = ctx.flow.text;
  const out: PolicyProblem[] = [];
  for (const call of nodes(ctx, 'call')) {
    if (call.childForFieldName('method')?.text !== 'request') continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    if (args[0]?.type !== 'simple_symbol' || args[0].text !== ':retry') continue;
    const options = new Map<string, Node>();
    for (const a of args.slice(1)) {
      const pairs = a.type === 'pair' ? [a] : a.type === 'hash' ? a.namedChildren.filter((p): p is Node => p?.type === 'pair') : undefined;
      if (!pairs) return out; // `f.request :retry, retry_options`: built elsewhere
      for (const p of pairs) {
        const key = p.childForFieldName('key')?.text.replace(/^:|:$/g, '');
        const value = p.childForFieldName('value');
        if (key && value) options.set(key, value);
      }
    }
    const max = options.get('max');
    if (max && numberValue(text, max.text) === 0) continue;
    const interval = options.get('interval');
    const intervalValue = interval ? numberValue(text, interval.text) : defaults.delayMs;
    const factor = options.get('backoff_factor');
    const factorValue = factor ? numberValue(text, factor.text) : defaults.backoffFactor;
    if (intervalValue === 0) {
      out.push({
        rule: 'retry-without-backoff', library: 'faraday-retry', anchor: interval ?? call, problem: 'no-delay',
        detail: `(Faraday retry) retries immediately: interval is 0${interval ? '' : ' (the default)'}`,
      });
    } else if (intervalValue !== undefined && factorValue !== undefined && factorValue <= 1) {
      out.push({
        rule: 'retry-without-backoff', library: 'faraday-retry', anchor: factor ?? interval ?? call, problem: 'fixed-delay',
        detail: `(Faraday retry) waits the same interval every time: backoff_factor is ${factorValue}${factor ? '' : ' (the default)'}`,
      });
    }
  }
  return out;
}
