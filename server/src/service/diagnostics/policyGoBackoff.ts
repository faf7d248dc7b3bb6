import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { cachedRegExp } from '../regexCache';

/*
 * cenkalti/backoff's schedules, read where they are built for `backoff.Retry(op, b)` (and RetryNotify, RetryWithData,
 * v5's `WithBackOff(b)`): `NewConstantBackOff(d)` / `&ConstantBackOff{Interval: d}` waits the same d before every
 * attempt, and on its own never stops (its NextBackOff never returns Stop; only WithMaxRetries or a context ends it);
 * `&ZeroBackOff{}` does not wait at all. The library's own `NewExponentialBackOff()` grows the wait with jitter and
 * gives up after 15 minutes (https://pkg.go.dev/github.com/cenkalti/backoff/v4#ConstantBackOff,
 * https://pkg.go.dev/github.com/cenkalti/backoff/v4#ZeroBackOff, https://pkg.go.dev/github.com/cenkalti/backoff/v4#ExponentialBackOff).
 */

const IMPORT = /(?:(\w+)\s+)?"github\.com\/cenkalti\/backoff(?:\/v\d+)?"/;
const RETRY_CALL = /\b(?:Retry|RetryNotify|RetryWithData|RetryNotifyWithData|WithBackOff)\s*[[(]/;

/** Fixed and absent waits of cenkalti/backoff schedules built in a file that retries with the library. */
export function goBackoffSchedules(ctx: DiagContext): PolicyProblem[] {
  const text = ctx.flow.text;
  const imported = IMPORT.exec(text);
  if (!imported || !ctx.doc.tree) return [];
  const alias = imported[1] ?? 'backoff';
  if (!cachedRegExp(`\\b${alias}\\.`).test(text) || !RETRY_CALL.test(text)) return [];
  const out: PolicyProblem[] = [];
  const fix = (node: Node) => ({
    title: `Use the library's exponential backoff with jitter (${alias}.NewExponentialBackOff())`,
    edits: [{ start: node.startIndex, end: node.endIndex, newText: `${alias}.NewExponentialBackOff()` }],
  });
  for (const node of ctx.doc.tree.rootNode.descendantsOfType(['call_expression', 'composite_literal'])) {
    if (!node) continue;
    const kind = scheduleKind(node, alias);
    if (!kind) continue;
    // `&backoff.ConstantBackOff{…}`: the fix replaces the address-of expression as a whole.
    const whole = node.parent?.type === 'unary_expression' ? node.parent : node;
    const capped = cappedByWrapper(node);
    out.push({
      rule: 'retry-without-backoff',
      library: 'cenkalti-backoff',
      anchor: whole,
      problem: kind === 'zero' ? 'no-delay' : 'fixed-delay',
      detail: kind === 'zero'
        ? '(cenkalti/backoff) ZeroBackOff retries at once, with no wait'
        : `(cenkalti/backoff) ConstantBackOff waits the same interval before every attempt${capped ? '' : ' and never stops on its own'}`,
      fix: fix(whole),
    });
  }
  return out;
}

function scheduleKind(node: Node, alias: string): 'constant' | 'zero' | undefined {
  if (node.type === 'call_expression') {
    const callee = node.childForFieldName('function');
    return callee?.text === `${alias}.NewConstantBackOff` ? 'constant' : undefined;
  }
  const type = node.childForFieldName('type')?.text;
  if (type === `${alias}.ConstantBackOff`) return 'constant';
  if (type === `${alias}.ZeroBackOff`) return 'zero';
  return undefined;
}

/** `backoff.WithMaxRetries(b, n)` around the schedule caps the attempts. */
function cappedByWrapper(node: Node): boolean {
  for (let up = node.parent, depth = 0; up && depth < 4; up = up.parent, depth++) {
    if (up.type === 'call_expression' && /WithMaxRetries$/.test(up.childForFieldName('function')?.text ?? '')) return true;
  }
  return false;
}
