import type { Node } from 'web-tree-sitter';

/** Expressions that hand a failure on rather than end it: a throw, a return of its own, a call that retries. */
const HANDS_ON = /^(throw_expression|return_expression|jump_expression)$/;
const RETRYING_CALL = /^\s*(\w+\.)*\w*(retry|Retry|again|Again|backoff|Backoff)\w*\s*[({]/;

/**
 * Kotlin's try and catch are expressions: in `return try { send() } catch (e: SocketTimeoutException) { null }` (or an
 * expression-bodied `fun f() = try { … } catch …`) the catch's last expression is the function's result, so the
 * failure ends there as surely as with `return null`. The value node, or undefined when the clause throws, returns by
 * itself, retries, or its try's value is not the function's result.
 */
export function kotlinCatchValue(clause: Node): Node | undefined {
  if (clause.type !== 'catch_block') return undefined;
  const tryNode = clause.parent;
  const holder = tryNode?.parent;
  if (tryNode?.type !== 'try_expression' || !holder) return undefined;
  const returned = holder.type === 'return_expression' || (holder.type === 'function_body' && !holder.namedChildren.some((c) => c?.type === 'block'));
  if (!returned) return undefined;
  const body = clause.namedChildren.filter((c): c is Node => c?.type === 'block').pop();
  const values = (body?.namedChildren ?? []).filter((c): c is Node => c !== null && !c.type.includes('comment'));
  const last = values[values.length - 1];
  if (!last || HANDS_ON.test(last.type) || RETRYING_CALL.test(last.text)) return undefined;
  return last;
}
