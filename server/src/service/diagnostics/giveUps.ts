import type { Node } from 'web-tree-sitter';
import { type BranchOutcome, returnValues } from './branches';
import type { DiagContext } from './context';
import { calleeOf, enclosingFn } from './flow/flowModel';

/* Where an operation gives up, as the status chains see it: a final statement that ends it, or a success check. */

const NO_VALUE = /^(nil|null|None|undefined|false|False|-1)$/;
/** A parenthesised pair or list led by a false flag: `(False, content)`, `[false, err]`. */
const FAILED_PAIR = /^[([]\s*(false|False)\s*,/;
const ERROR_VALUE = /(Error|Exception)\b|^errors\.New\(|^fmt\.Errorf\(|reject\(/;

/**
 * A final statement that gives the operation up: a raise/throw/exit, or a return of nothing or of an
 * error. Returning data (`return r.json()`) is the success path, not a give-up.
 */
export function givesUp(ctx: DiagContext, final: NonNullable<BranchOutcome['final']>): boolean {
  if (final.kind !== 'return') return true;
  const values = returnValues(ctx, final.node).map((v) => v.text.trim().replace(/^await\s+/, ''));
  // A bare `return` ends a procedure normally; it gives up only where the function otherwise returns a value.
  if (values.length === 0 && !returnsValues(ctx, final.node)) return false;
  const last = values[values.length - 1];
  // Go says failure in its last value: `return nil` or `return v, nil` is success, `return nil, err` is not.
  // (A sentinel error by Go's naming: `ErrBadRequest`, `io.ErrUnexpectedEOF`.)
  if (ctx.flow.grammarName === 'go') return last !== undefined && last !== 'nil' && (ERROR_VALUE.test(last) || /^(err|\w+Err)$/.test(last) || /^(\w+\.)?Err[A-Z]\w*$/.test(last));
  // Rust says failure in a Result's `Err(…)` (or an Option's `None`): `return Ok(…)` is success.
  if (ctx.flow.grammarName === 'rust') return last !== undefined && (/^Err\s*\(/.test(last) || last === 'None');
  // (Not Go: `return false, nil` is an answer.) A status pair whose flag says failure (`return False, content`, `return (False, {})`): the caller is told it failed.
  if (FAILED_PAIR.test(values[0] ?? '') || (values.length > 1 && /^(false|False)$/.test(values[0]))) return true;
  // A predicate's answer (`return isinstance(e, Timeout) or e.response.status_code >= 500`) is no error handed back.
  return values.length === 0 || values.every((v) => NO_VALUE.test(v)) || (ERROR_VALUE.test(last) && !BOOLEAN_ANSWER.test(last));
}

const BOOLEAN_ANSWER = /^(not\s|!(?!=))|\s(or|and|is not|is|not in|in|==|!=|===|!==|<=|>=|<|>|&&|\|\|)\s|^(isinstance|issubclass)\(|\binstanceof\b/;

/** Some return of the function around `node` hands back a value. */
function returnsValues(ctx: DiagContext, node: Node): boolean {
  const fn = enclosingFn(ctx.flow, node);
  if (!fn) return false;
  const { grammar } = ctx.flow;
  let found = false;
  const visit = (n: Node): void => {
    if (found || (n.id !== fn.node.id && grammar.functions.has(n.type))) return;
    if (grammar.returns.has(n.type) && returnValues(ctx, n).length > 0) found = true;
    else for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(fn.node);
  return found;
}

/** `r.raise_for_status()` / `response.EnsureSuccessStatusCode()` as a statement: it raises for every failure left. */
export function successCheck(ctx: DiagContext, stmt: Node, root: string): Node | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  let call = stmt.namedChildren[0];
  while (call && (call.type === 'await_expression' || call.type === 'await')) call = call.namedChildren[0];
  if (!call || !ctx.flow.adapter.calls.has(call.type)) return undefined;
  const { name, receiver } = calleeOf(call, ctx.flow.adapter);
  return /^(raise_for_status|EnsureSuccessStatusCode)$/.test(name) && receiver?.split(/[.(]/)[0] === root ? call : undefined;
}
