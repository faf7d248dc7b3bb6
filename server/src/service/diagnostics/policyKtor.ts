import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { policyDefaults } from './policyDefaults';
import { nodes } from './policyOptions';
import { boolValue, numberValue } from './policyValues';

/** The delay functions of HttpRequestRetryConfig. */
const DELAYS = /^(constantDelay|exponentialDelay|delayMillis)$/;

/** `name(a = 1, 2)` → the call's name and its arguments by name (positional ones by their parameter name). */
function readCall(call: Node): { name: string; args: Map<string, Node> } | undefined {
  const head = call.namedChild(0);
  const name = head?.type === 'identifier' ? head.text : head?.type === 'call_expression' && head.namedChild(0)?.type === 'identifier' ? head.namedChild(0)!.text : undefined;
  if (!name || !DELAYS.test(name)) return undefined;
  const list = (head?.type === 'call_expression' ? head : call).namedChildren.find((c) => c?.type === 'value_arguments');
  const positional: Record<string, string[]> = {
    constantDelay: ['millis', 'randomizationMs', 'respectRetryAfterHeader'],
    exponentialDelay: ['base', 'maxDelayMs', 'randomizationMs', 'respectRetryAfterHeader'],
    delayMillis: ['respectRetryAfterHeader'],
  };
  const args = new Map<string, Node>();
  (list?.namedChildren ?? []).filter((a): a is Node => a?.type === 'value_argument').forEach((a, i) => {
    const parts = a.namedChildren.filter((p): p is Node => !!p && !p.type.includes('comment'));
    const key = parts.length === 2 && parts[0].type === 'identifier' ? parts[0].text : positional[name][i];
    const value = parts[parts.length - 1];
    if (key && value) args.set(key, value);
  });
  return { name, args };
}

/** Inside `install(HttpRequestRetry) { … }` or a per-request `retry { … }`. */
function inRetryConfig(call: Node): boolean {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type !== 'call_expression') continue;
    if (/^install\s*\(\s*(\w+\.)*HttpRequestRetry\s*\)/.test(n.text) || /^retry\s*\{/.test(n.text)) return true;
  }
  return false;
}

/**
 * Ktor's HttpRequestRetry plugin read as data (server/data/retry-policies.json, ktor-http-request-retry): by default
 * exponentialDelay() — 2^retry s capped at 60 s, up to 1 s of randomization, Retry-After (seconds) respected. Written
 * choices that lose that: `constantDelay(…)` (the same wait every time), `exponentialDelay(base = 1.0)` (no growth),
 * and `respectRetryAfterHeader = false` on any delay function. A custom `delayMillis { … }` block is not guessed.
 */
export function ktorRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const defaults = policyDefaults('ktor-http-request-retry');
  const text = ctx.flow.text;
  const out: PolicyProblem[] = [];
  for (const call of nodes(ctx, 'call_expression')) {
    const read = readCall(call);
    if (!read || !inRetryConfig(call)) continue;
    const { name, args } = read;
    const base = args.get('base');
    const baseValue = base ? numberValue(text, base.text) : defaults.factor;
    if (name === 'constantDelay' || (name === 'exponentialDelay' && baseValue !== undefined && baseValue <= 1)) {
      out.push({
        rule: 'retry-without-backoff', library: 'ktor-http-request-retry', anchor: name === 'constantDelay' ? call : base ?? call, problem: 'fixed-delay',
        detail: name === 'constantDelay'
          ? '(Ktor HttpRequestRetry) waits the same delay every time: constantDelay (jitter is not backoff)'
          : `(Ktor HttpRequestRetry) the delay does not grow: exponentialDelay base is ${baseValue}`,
      });
    }
    const respect = args.get('respectRetryAfterHeader');
    if (respect && boolValue(text, respect.text) === false) {
      out.push({
        rule: 'retry-ignores-retry-after', library: 'ktor-http-request-retry', anchor: respect,
        detail: `(Ktor HttpRequestRetry) ${name} with respectRetryAfterHeader = false: a 503's Retry-After is not waited for`,
        codes: ['503'],
      });
    }
  }
  return out;
}
