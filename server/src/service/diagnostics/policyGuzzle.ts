import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { PROBED_STATUSES } from './failureSets';
import { policyDefaults } from './policyDefaults';
import { nodes } from './policyOptions';
import { constantFunction, readsRetryAfter } from './policyValues';
import { conditionSetOver, testsWithin } from './statusSets';

/**
 * Guzzle's retry middleware read as data (PHP): `Middleware::retry($decider, $delay)` re-sends while the decider
 * returns true and waits what the delay function says — by default 2^(n-1) s, with no Retry-After read
 * (server/data/retry-policies.json, guzzle-retry-middleware). The statuses it retries are read from the decider's
 * `if (…) return true;` arms on its response parameter; a delay function that ignores the attempt is a fixed delay.
 */
export function guzzleRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const defaults = policyDefaults('guzzle-retry-middleware');
  const out: PolicyProblem[] = [];
  for (const call of nodes(ctx, 'scoped_call_expression')) {
    if (call.childForFieldName('name')?.text !== 'retry' || !/(^|\\)Middleware$/.test(call.childForFieldName('scope')?.text ?? '')) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type === 'argument').map((a) => a.lastNamedChild ?? a);
    const [decider, delay] = args;
    if (!decider || !FUNCTION.test(decider.type)) continue;
    const retried = deciderRetries(ctx, decider);
    if (!retried) continue;
    const delayReadsRetryAfter = delay ? readsRetryAfter(delay) : defaults.respectRetryAfterHeader === true;
    const codes = ['429', '503'].filter((c) => retried.has(c));
    if (codes.length > 0 && !delayReadsRetryAfter) {
      out.push({ rule: 'retry-ignores-retry-after', library: 'guzzle-retry-middleware', anchor: call, codes, detail: `(Guzzle retry middleware) the decider retries ${codes.join('/')} and the delay never reads Retry-After` });
    }
    if (delay && FUNCTION.test(delay.type) && constantFunction(delay)) {
      out.push({ rule: 'retry-without-backoff', library: 'guzzle-retry-middleware', anchor: delay, problem: 'fixed-delay', detail: '(Guzzle retry middleware) waits the same time every attempt: its delay function ignores the attempt' });
    }
  }
  return out;
}

const FUNCTION = /^(anonymous_function|anonymous_function_creation_expression|arrow_function)$/;

/**
 * The statuses for which the decider returns true, read on its third parameter (the response): `if (cond) return
 * true;` adds what `cond` holds for, `if (cond) return false;` settles it, an `if` about something else
 * (`if ($response)`) is read inside, and a final `return true;` takes the rest. Undefined when unreadable.
 */
function deciderRetries(ctx: DiagContext, decider: Node): Set<string> | undefined {
  const params = (decider.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p && !/comment/.test(p.type));
  const root = params[2]?.childForFieldName('name')?.text ?? params[2]?.text.match(/\$\w+/)?.[0];
  const body = decider.childForFieldName('body');
  if (!root || !body) return undefined;
  // `fn (…) => $retries < 3 && $response && in_array($response->getStatusCode(), [429, 503])`: the value says.
  if (decider.type === 'arrow_function') return conditionSetOver(ctx, PROBED_STATUSES, body, testsWithin(ctx, body, root), root, true);
  const out = new Set<string>();
  const settled = new Set<string>();
  const walk = (block: Node): void => {
    for (const stmt of block.namedChildren) {
      if (!stmt || /comment/.test(stmt.type)) continue;
      if (stmt.type === 'if_statement') {
        const condition = stmt.childForFieldName('condition');
        const branch = stmt.childForFieldName('body');
        if (!condition || !branch) continue;
        const answer = /^\{?\s*return\s+(true|false)\s*;\s*\}?$/i.exec(branch.text.trim())?.[1]?.toLowerCase();
        const holds = conditionSetOver(ctx, PROBED_STATUSES, condition, testsWithin(ctx, condition, root), root);
        if (answer && holds) {
          for (const c of holds) {
            if (settled.has(c)) continue;
            if (answer === 'true') out.add(c);
            settled.add(c);
          }
        } else if (!answer && !holds) walk(branch);
        continue;
      }
      if (stmt.type === 'return_statement') {
        if (/^return\s+true\b/i.test(stmt.text)) for (const c of PROBED_STATUSES) if (!settled.has(c)) out.add(c);
        return;
      }
    }
  };
  walk(body);
  return out;
}
