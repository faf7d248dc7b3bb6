import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { nodes, objectOptions, setOptions } from './policyOptions';

/*
 * `async.retry(opts, task)` (caolan/async, neo-async) and `Aigle.retry(opts, fn)`: `opts` is a number of times or
 * `{ times, interval }`, and `interval` — 0 unless given — is either a number of milliseconds waited before every
 * retry or a function of the retry count. A missing interval retries at once; a number waits the same every time.
 */

const MODULES = /^(async|neo-async|aigle|async\/retry)$/;
/** A growing interval written in the library's own way, with jitter and a cap. */
const GROWING = '(retryCount) => Math.min(30000, 250 * 2 ** retryCount) * (0.5 + Math.random())';

export function asyncRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const names = importNames(ctx.flow.text);
  if (names.size === 0) return [];
  const out: PolicyProblem[] = [];
  for (const call of nodes(ctx, 'call_expression')) {
    const callee = call.childForFieldName('function')?.text ?? '';
    const [owner, method] = callee.includes('.') ? callee.split('.') : ['', callee];
    if (!(owner ? names.has(owner) && /^(retry|retryable)$/.test(method) : names.has(`{${method}}`))) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    const first = args[0];
    // `retry(task)` / `retry(3, task)`: five (or three) attempts with no wait between them.
    const object = first?.type === 'object' ? first : undefined;
    if (first && !object && !/^(number|arrow_function|function_expression|function|identifier)$/.test(first.type)) continue;
    if (first?.type === 'identifier' && args.length > 1) continue; // options built elsewhere are not guessed
    const library = owner && /^aigle$/i.test(owner) ? 'Aigle' : 'async';
    const interval = object ? intervalOf(object) : undefined;
    if (object && interval === 'unknown') continue;
    const options = objectOptions(object, call);
    const fixable = !object || !object.namedChildren.some((c) => c?.type === 'shorthand_property_identifier');
    const fix = fixable && object ? { title: `Give ${library}.retry a growing interval with jitter`, edits: setOptions(options, [['interval', GROWING]]) } : undefined;
    if (interval === undefined) {
      out.push({ rule: 'retry-without-backoff', library, anchor: object ?? call, problem: 'no-delay', detail: `(${library}.retry) retries immediately: interval defaults to 0`, ...(fix ? { fix } : {}) });
    } else if (interval !== 'function' && interval !== 'unknown') {
      out.push({ rule: 'retry-without-backoff', library, anchor: interval, problem: 'fixed-delay', detail: `(${library}.retry) waits the same interval before every retry`, ...(fix ? { fix } : {}) });
    }
  }
  return out;
}

/** Local names of the modules: `import Aigle from 'aigle'`, `const async = require('async')`, `{retry}` for a named import. */
function importNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\()\s*['"]([^'"]+)['"]/g)) {
    if (MODULES.test(m[3])) out.add(m[1] ?? m[2]);
  }
  for (const m of text.matchAll(/(?:import\s*\{([^}]*)\}\s*from|(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\()\s*['"]([^'"]+)['"]/g)) {
    if (MODULES.test(m[3]) && /\bretry\b/.test(m[1] ?? m[2])) out.add('{retry}');
  }
  return out;
}

/**
 * The interval option: undefined when absent, 'function' when it computes the wait, 'unknown' when it cannot be read,
 * otherwise the node of a fixed value (a number, or a name bound to one in the function).
 */
function intervalOf(object: Node): Node | 'function' | 'unknown' | undefined {
  for (const p of object.namedChildren) {
    if (!p) continue;
    if (p.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === 'interval') return valueKind(p.childForFieldName('value'), object);
    if (p.type === 'shorthand_property_identifier' && p.text === 'interval') return valueKind(p, object);
    if (p.type === 'spread_element') return 'unknown';
  }
  return undefined;
}

function valueKind(value: Node | null, around: Node): Node | 'function' | 'unknown' {
  if (!value) return 'unknown';
  if (/^(arrow_function|function_expression|function)$/.test(value.type)) return 'function';
  if (value.type === 'number' || value.type === 'binary_expression') return value;
  if (value.type === 'identifier' || value.type === 'shorthand_property_identifier') {
    // The name's value where the function binds it: `const interval = options.retryInterval || fiveSeconds`.
    let scope: Node | null = around;
    while (scope && !/^(statement_block|program)$/.test(scope.type)) scope = scope.parent;
    const bound = new RegExp(`(?:const|let|var)\\s+${value.text}\\s*=\\s*([^;\\n]+)`).exec(scope?.text ?? '')?.[1]?.trim();
    if (!bound) return 'unknown';
    return /=>|\bfunction\b/.test(bound) ? 'function' : value;
  }
  return 'unknown';
}
