import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { nodes, objectOptions, setOptions } from './policyOptions';
import { constantFunction, numberValue } from './policyValues';
import { ofetchRetries } from './policyOfetch';
import { policyDefaults } from './policyDefaults';

/**
 * Retry options of JS HTTP clients read as data:
 * - got `retry: { calculateDelay }` returning a constant: it overrides got's computed delay (which is 0 to stop,
 *   and honours Retry-After), so attempts go on at a fixed pace past the limit, ignoring Retry-After;
 * - ky `retry: { delay: () => 1000 }`: a fixed delay;
 * - ofetch `retry: n` (`$fetch`, `useFetch`) with no `retryDelay` or a fixed one: no growth, and Retry-After is never read;
 * - undici `RetryAgent` / `RetryHandler` / `interceptors.retry` with `timeoutFactor` ≤ 1 (fixed minTimeout;
 *   default factor 2, minTimeout 500 ms: undici lib/handler/retry-handler.js).
 */
export function jsOptionProblems(ctx: DiagContext): PolicyProblem[] {
  const text = ctx.flow.text;
  const out: PolicyProblem[] = ofetchProblems(ctx);
  const usesGot = /from\s+['"]got['"]|require\(\s*['"]got['"]\s*\)/.test(text);
  const usesKy = /from\s+['"]ky['"]|require\(\s*['"]ky['"]\s*\)/.test(text);
  const usesUndici = /from\s+['"]undici['"]|require\(\s*['"]undici['"]\s*\)/.test(text);
  if (!usesGot && !usesKy && !usesUndici) return out;
  for (const pair of nodes(ctx, 'pair')) {
    const key = pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
    const value = pair.childForFieldName('value');
    if (key === 'retry' && value?.type === 'object') {
      const o = objectOptions(value, pair);
      const calculate = o.values.get('calculateDelay');
      if (usesGot && calculate && constantFunction(calculate)) {
        const fix = { title: "Keep got's computed delay (exponential, Retry-After, limit): calculateDelay: ({ computedValue }) => computedValue", edits: setOptions(o, [['calculateDelay', '({ computedValue }) => computedValue']]) };
        out.push({ rule: 'retry-without-backoff', library: 'got', anchor: calculate, problem: 'fixed-delay', detail: '(got) calculateDelay returns a fixed delay, overriding the computed one (and its limit)', fix });
        out.push({ rule: 'retry-ignores-retry-after', library: 'got', anchor: calculate, codes: ['429', '503'], detail: '(got) a constant calculateDelay replaces the Retry-After wait', fix });
      }
      const delay = o.values.get('delay');
      if (usesKy && delay && constantFunction(delay)) {
        out.push({
          rule: 'retry-without-backoff', library: 'ky', anchor: delay, problem: 'fixed-delay', detail: '(ky) retry.delay returns a fixed delay',
          fix: { title: 'Grow the delay: delay: (attemptCount) => Math.min(30_000, 300 * 2 ** (attemptCount - 1)) * (0.5 + Math.random() / 2)', edits: setOptions(o, [['delay', '(attemptCount) => Math.min(30_000, 300 * 2 ** (attemptCount - 1)) * (0.5 + Math.random() / 2)']]) },
        });
      }
    }
  }
  if (usesUndici) out.push(...undiciRetry(ctx));
  return out;
}

function undiciRetry(ctx: DiagContext): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const optionObjects: Node[] = [];
  for (const n of nodes(ctx, 'new_expression')) {
    const ctor = n.childForFieldName('constructor')?.text ?? '';
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    if (ctor === 'RetryAgent' && args[1]?.type === 'object') optionObjects.push(args[1]);
    if (ctor === 'RetryHandler' && args[0]?.type === 'object') {
      const retryOptions = objectOptions(args[0], n).values.get('retryOptions');
      if (retryOptions?.type === 'object') optionObjects.push(retryOptions);
    }
  }
  for (const c of nodes(ctx, 'call_expression')) {
    if (/(^|\.)interceptors\.retry$/.test(c.childForFieldName('function')?.text ?? '')) {
      const arg = c.childForFieldName('arguments')?.namedChildren[0];
      if (arg?.type === 'object') optionObjects.push(arg);
    }
  }
  for (const object of optionObjects) {
    const o = objectOptions(object, object);
    const factor = o.values.get('timeoutFactor');
    const f = factor ? numberValue(ctx.flow.text, factor.text) : undefined;
    if (!factor || f === undefined || f > 1) continue;
    out.push({
      rule: 'retry-without-backoff', library: 'undici', anchor: factor, problem: 'fixed-delay', detail: `(undici retry) timeoutFactor ${factor.text} waits minTimeout every time`,
      fix: { title: 'Grow the delay (timeoutFactor: 2)', edits: setOptions(o, [['timeoutFactor', '2']]) },
    });
  }
  return out;
}

/** ofetch's `retry` (server/data/retry-policies.json `ofetch-retry`): a delay that never grows, and Retry-After unread. */
function ofetchProblems(ctx: DiagContext): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const defaults = policyDefaults('ofetch-retry');
  for (const r of ofetchRetries(ctx)) {
    const delay = r.options.values.get('retryDelay');
    const fixed = delay && (numberValue(ctx.flow.text, delay.text) !== undefined || constantFunction(delay));
    if (!delay || fixed) {
      out.push({
        rule: 'retry-without-backoff', library: 'ofetch', anchor: delay ?? r.retry, problem: delay || defaults.delayMs ? 'fixed-delay' : 'no-delay',
        detail: delay ? `(ofetch) retryDelay ${delay.text} waits the same before every retry` : `(ofetch) retry: ${r.retry.text} with no retryDelay waits ${defaults.delayMs ?? 0} ms before every retry`,
      });
    }
    const refusals = r.codes.filter((c) => c === '429' || c === '503');
    // (Only a delay function of the project's can read the header; ofetch itself does not.)
    if (refusals.length > 0 && !defaults.respectRetryAfterHeader && !(delay && !fixed && /retry-?after/i.test(delay.text))) {
      out.push({ rule: 'retry-ignores-retry-after', library: 'ofetch', anchor: delay ?? r.retry, codes: refusals, detail: '(ofetch) retries 429 and 503 without reading Retry-After' });
    }
  }
  return out;
}
