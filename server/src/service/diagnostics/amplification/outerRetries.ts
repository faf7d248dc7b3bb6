import type { Node } from 'web-tree-sitter';
import { CATCH_CLAUSE, catchBody, caughtTypeNames } from '../chainSyntax';
import type { DiagContext } from '../context';
import { decoratorPolicies } from '../decoratorPolicies';

/** A retry written by the code around some statements: a decorator, a loop that catches and goes round, a wrapper. */
export interface OuterRetry {
  kind: 'decorator' | 'loop' | 'wrapper';
  /** Where the finding goes: the decorator, the loop's header, the wrapper call. */
  anchor: Node;
  /** The code it re-runs. */
  body: Node;
  /** Attempts, when the code says (`stop_after_attempt(5)`, `range(3)`, `retries: 4` → 5). */
  attempts?: number;
  /** The exception types it retries on, as written ('' for any). */
  catches: string[];
}

/** Exception types an SDK's failed call raises, or a base of them. */
export const SDK_ERRORS = /^(Exception|BaseException|Error|ClientError|BotoCoreError|\w*(RateLimit|APIError|APIConnection|APITimeout|InternalServer|APIStatus|OpenAI|Anthropic|Overloaded|ServiceUnavailable|Timeout|Throttl)\w*)$/;

const WRAPPERS = /^(pRetry|retry|asyncRetry|backoff|withRetry|retryAsync)$/;

export function outerRetries(ctx: DiagContext): OuterRetry[] {
  const out: OuterRetry[] = [];
  const { flow } = ctx;
  for (const policy of decoratorPolicies(ctx)) {
    const definition = policy.decorator.parent?.childForFieldName('definition');
    if (!definition) continue;
    const text = policy.decorator.text;
    const attempts = Number(/stop_after_attempt\(\s*(\d+)\s*\)|max_tries\s*=\s*(\d+)/.exec(text)?.slice(1).find(Boolean)) || undefined;
    const types = /retry_if_exception_type\(\s*\(?([^)]*)\)?\s*\)/.exec(text)?.[1] ?? (policy.library === 'backoff' ? /on_exception\([^,]+,\s*\(?([^),]+(?:,[^),=]+)*)\)?/.exec(text)?.[1] : undefined);
    out.push({ kind: 'decorator', anchor: policy.decorator, body: definition, attempts, catches: types ? splitTypes(types) : [''] });
  }
  for (const loop of flow.loops) {
    const header = loopHeader(loop.node, flow.text);
    const counted = attemptsOf(header, flow.text);
    if (counted === undefined && !/^\s*(while|for\s*\(\s*;\s*;)/.test(header)) continue;
    const clause = firstCatchIn(loop.node);
    if (!clause) continue;
    const body = catchBody(clause);
    // A catch that re-raises or leaves does not go round again.
    if (body && /^\s*\{?\s*(raise|throw|return|break)\b/.test(body.text)) continue;
    const attempts = counted || undefined;
    // A JavaScript catch names a variable, not a type: it catches everything.
    const types = /^(javascript|typescript|tsx)$/.test(flow.grammarName) ? [] : caughtTypeNames(flow.text, clause);
    out.push({ kind: 'loop', anchor: loop.node, body: loop.node, attempts, catches: types.length ? types : [''] });
  }
  for (const call of flow.calls) {
    if (call.receiver || !WRAPPERS.test(call.name)) continue;
    const args = flow.adapter.callArguments(call.node);
    const fn = args[0];
    if (!fn || !/function|arrow_function|lambda/.test(fn.type)) continue;
    const retries = /\bretries\s*:\s*(\d+)/.exec(args[1]?.text ?? '');
    out.push({ kind: 'wrapper', anchor: call.node, body: fn, attempts: retries ? Number(retries[1]) + 1 : undefined, catches: [''] });
  }
  return out;
}

/** The outer retry goes round on an SDK's failures: it catches everything, or an SDK error type or a base of one. */
export function retriesSdkErrors(outer: OuterRetry): boolean {
  return outer.catches.some((t) => t === '' || SDK_ERRORS.test(t.split('.').pop() ?? ''));
}

/**
 * The attempts a counted loop makes: `range(n)`, `range(a, b)`, `range(4, -1, -1)`, `i < n`, `i <= n` from 1, where
 * a bound may be a constant of the file (`APP_RETRIES = 2`). Undefined for a loop that is not counted.
 */
function attemptsOf(header: string, text: string): number | undefined {
  const value = (v: string): number | undefined => {
    const word = v.trim();
    if (/^-?\d+$/.test(word)) return Number(word);
    // A constant of the file (`APP_RETRIES = 2`); anything else (an expression, half a call) is not read.
    if (!/^[A-Za-z_$][\w$]*$/.test(word)) return NaN;
    return Number(new RegExp(`(?<![\\w$])${word.replace(/\$/g, '\\$')}\\s*(?::\\s*\\w+\\s*)?=\\s*(\\d+)\\b`).exec(text)?.[1] ?? NaN);
  };
  const range = /\bin\s+range\(([^)]*)\)/.exec(header);
  if (range) {
    const [a, b, step] = range[1].split(',').map(value);
    const n = b === undefined ? a : step === undefined ? (b as number) - (a as number) : Math.ceil(((b as number) - (a as number)) / (step as number));
    return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
  }
  const c = /\(\s*(?:let|var|int|auto)?\s*\w+\s*=\s*(\w+)\s*;\s*\w+\s*(<=?)\s*(\w+)\s*;/.exec(header);
  if (!c) return undefined;
  const from = value(c[1]);
  const to = value(c[3]);
  if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  const n = to - from + (c[2] === '<=' ? 1 : 0);
  return n > 0 ? n : undefined;
}

function splitTypes(list: string): string[] {
  return list.split(/[,|]/).map((t) => t.trim()).filter(Boolean);
}

function loopHeader(loop: Node, text: string): string {
  const body = loop.childForFieldName('body');
  return text.slice(loop.startIndex, body ? body.startIndex : Math.min(loop.endIndex, loop.startIndex + 120));
}

function firstCatchIn(node: Node): Node | undefined {
  const types = ['catch_clause', 'except_clause', 'catch_block'].filter((t) => node.tree.language.idForNodeType(t, true));
  for (const child of node.descendantsOfType(types)) if (child && CATCH_CLAUSE.test(child.type)) return child;
  return undefined;
}
