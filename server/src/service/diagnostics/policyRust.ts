import type { Node } from 'web-tree-sitter';
import { escapeRegExp } from './regexText';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { policyDefaults } from './policyDefaults';
import { nodes } from './policyOptions';

/**
 * Rust retry crates read as data (server/data/retry-policies.json): tokio-retry's strategies are endless iterators —
 * `Retry::spawn(FixedInterval::from_millis(100), action)` waits the same every time and, without `.take(n)`, retries
 * for ever; the backoff crate's `Constant::new(d)` waits the same every time and never stops, `Zero {}` retries at
 * once, an `ExponentialBackoff` with `max_elapsed_time: None` never gives up and `multiplier: 1.0` never grows (its
 * defaults — 500 ms, ×1.5, 60 s, 15 min — are fine); reqwest-retry's `RetryTransientMiddleware` retries 429 and 5xx
 * on its own policy, which never sees the response, so Retry-After is not read. A strategy built in a `let` of the same
 * function is read there; one handed in from elsewhere is not guessed.
 */
export function rustRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const usesTokioRetry = ctx.flow.imports.some((m) => m.startsWith('tokio_retry')) || /\btokio_retry::/.test(ctx.flow.text);
  const usesBackoff = ctx.flow.imports.some((m) => /^backoff\b/.test(m)) || /\bbackoff::/.test(ctx.flow.text);
  for (const call of nodes(ctx, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'scoped_identifier') continue;
    const name = fn.childForFieldName('name')?.text ?? '';
    const path = fn.childForFieldName('path')?.text ?? '';
    const first = (call.childForFieldName('arguments')?.namedChildren ?? []).find((a): a is Node => !!a && !a.type.includes('comment'));
    if (name === 'spawn' && /(^|::)(Retry|RetryIf)$/.test(path) && usesTokioRetry && first) {
      const strategy = resolved(first, call);
      if (strategy === undefined) continue;
      if (/\bFixedInterval\s*::/.test(strategy)) {
        out.push({ rule: 'retry-without-backoff', library: 'tokio-retry', anchor: first, problem: 'fixed-delay', detail: '(tokio-retry) FixedInterval waits the same interval every time' });
      } else if (!/\.\s*take\s*\(/.test(strategy)) {
        out.push({ rule: 'retry-without-backoff', library: 'tokio-retry', anchor: first, detail: '(tokio-retry) the strategy never runs out: without .take(n) the action is retried for ever' });
      }
    } else if ((name === 'retry' || name === 'retry_notify') && /(^|::)(backoff|future)$/.test(path) && usesBackoff && first) {
      const policy = resolved(first, call);
      if (policy === undefined) continue;
      const problem = backoffProblem(policy);
      if (problem) out.push({ rule: 'retry-without-backoff', library: 'rust-backoff', anchor: first, ...problem });
    } else if (name === 'new_with_policy' && /(^|::)RetryTransientMiddleware$/.test(path) && policyDefaults('reqwest-retry').respectRetryAfterHeader === false) {
      out.push({
        rule: 'retry-ignores-retry-after', library: 'reqwest-retry', anchor: call, codes: ['429', '503'],
        detail: '(reqwest-retry) RetryTransientMiddleware retries 429 and 5xx on its policy, which never sees the response',
      });
    }
  }
  return out;
}

function backoffProblem(policy: string): Pick<PolicyProblem, 'problem' | 'detail'> | undefined {
  if (/\bZero\s*\{/.test(policy)) return { problem: 'no-delay', detail: '(backoff) Zero retries immediately, for ever' };
  if (/\bConstant\s*::\s*new\b/.test(policy)) return { problem: 'fixed-delay', detail: '(backoff) Constant waits the same interval every time and never stops' };
  if (/max_elapsed_time\s*:\s*None\b|with_max_elapsed_time\s*\(\s*None\s*\)/.test(policy)) return { detail: '(backoff) max_elapsed_time is None: the operation is retried for ever' };
  if (/multiplier\s*:\s*1(\.0*)?\s*[,}]|with_multiplier\s*\(\s*1(\.0*)?\s*\)/.test(policy)) return { problem: 'fixed-delay', detail: '(backoff) multiplier 1.0: the interval never grows' };
  return undefined;
}

/** The text of a strategy/policy argument, read through a `let` of the same function; undefined when not in view. */
function resolved(arg: Node, call: Node): string | undefined {
  let node: Node = arg;
  while (node.type === 'reference_expression' || node.type === 'parenthesized_expression') node = node.namedChildren[0] ?? node;
  if (node.type !== 'identifier') return node.text;
  let scope: Node | null = call.parent;
  while (scope && scope.type !== 'function_item' && scope.type !== 'closure_expression') scope = scope.parent;
  const text = scope?.text ?? '';
  const m = new RegExp(`\\blet\\s+(?:mut\\s+)?${escapeRegExp(node.text)}\\s*(?::[^=]+)?=\\s*([^;]+);`).exec(text);
  return m?.[1];
}
