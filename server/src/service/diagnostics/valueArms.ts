import type { Node } from 'web-tree-sitter';

/*
 * Kotlin's `when` and `if` and Ruby's `case` and `if` are expressions: where one is the function's result — Kotlin's
 * `return when (…) { … }` or an expression body (`fun f() = when (…) { … }`), a Ruby method's last expression — the
 * value of the arm a status takes is what the function hands back, so `502, 503 -> null` (Kotlin) or `when 502, 503
 * then nil` (Ruby) ends the operation for those statuses as surely as `return null`. Rust's if and match are read the
 * same way in rustValues.ts.
 */

/** An arm's value that hands the failure on rather than ending it: a throw, a return of its own, a jump. */
const HANDS_ON = /^(throw_expression|return_expression|jump_expression|return|next|break|retry|redo)$/;
/** A value that goes again: a call named for retrying (`retryLater()`, `fetchAgain(id)`, `with_backoff { … }`). */
const RETRYING_CALL = /^\s*(\w+\.)*\w*(retry|Retry|again|Again|backoff|Backoff)\w*\s*[({]/;
/** Ruby's calls that leave by themselves (their own branch outcome reads them). */
const RUBY_LEAVING = /^(raise|fail|retry|exit|abort)\b/;

/**
 * The value of `branch` (a Kotlin `when_entry` or if branch, a Ruby `when` or if branch) when its `when`/`case`/`if` is
 * the function's result; undefined when the arm hands on by itself, retries, yields the response it tested
 * (`responseVar`), answers `true`, or its expression's value is not returned.
 */
export function armValueFinal(grammarName: string, branch: Node, responseVar?: string): { node: Node; kind: 'return' } | undefined {
  if (grammarName !== 'kotlin' && grammarName !== 'ruby') return undefined;
  const value = grammarName === 'kotlin' ? kotlinArmValue(branch) : rubyArmValue(branch);
  if (!value || HANDS_ON.test(value.type) || RETRYING_CALL.test(value.text) || RUBY_LEAVING.test(value.text)) return undefined;
  if (value.text === responseVar || /^(true|True)$/.test(value.text)) return undefined;
  const holder = grammarName === 'kotlin' ? kotlinHolder(branch) : rubyHolder(branch);
  if (!holder) return undefined;
  return (grammarName === 'kotlin' ? kotlinResult(holder) : rubyResult(holder)) ? { node: value, kind: 'return' } : undefined;
}

/** The last expression of a Kotlin arm: a `when_entry`'s value after its conditions, or an if branch (a block or an expression). */
function kotlinArmValue(branch: Node): Node | undefined {
  let value: Node | undefined = branch;
  if (branch.type === 'when_entry') {
    const conditions = new Set(branch.childrenForFieldName('condition').filter((c): c is Node => c !== null).map((c) => c.id));
    value = branch.namedChildren.filter((c): c is Node => c !== null && !conditions.has(c.id) && !c.type.includes('comment') && c.type !== 'when_condition').pop();
  }
  while (value && (value.type === 'block' || value.type === 'control_structure_body')) {
    value = value.namedChildren.filter((c): c is Node => c !== null && !c.type.includes('comment')).pop();
  }
  return value && !/declaration|assignment/.test(value.type) ? value : undefined;
}

/** The `when` or `if` expression a Kotlin arm belongs to. */
function kotlinHolder(branch: Node): Node | undefined {
  if (branch.type === 'when_entry') return branch.parent?.type === 'when_expression' ? branch.parent : undefined;
  return branch.parent?.type === 'if_expression' ? branch.parent : undefined;
}

/** Returned (`return when …`) or the whole expression body of a function (`fun f() = when …`), through an else-if chain. */
function kotlinResult(holder: Node): boolean {
  let node = holder;
  // `if (…) a else if (…) b else c`: the inner if is the value of the outer one.
  while (node.parent?.type === 'if_expression' && node.parent.namedChildren.at(-1)?.id === node.id) node = node.parent;
  const up = node.parent;
  if (!up) return false;
  if (up.type === 'return_expression' || (up.type === 'jump_expression' && /^return\b/.test(up.text))) return true;
  return up.type === 'function_body' && !up.namedChildren.some((c) => c?.type === 'block');
}

/** The last expression of a Ruby arm: a `when`'s `then`, or an if branch's `then`. */
function rubyArmValue(branch: Node): Node | undefined {
  const body = branch.type === 'when' ? branch.childForFieldName('body') : branch;
  if (!body || (body.type !== 'then' && body.type !== 'else')) return undefined;
  const last = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').pop();
  return last && !/assignment/.test(last.type) ? last : undefined;
}

/** The `case` of a Ruby `when`, or the top of the if/elsif chain an if branch belongs to. */
function rubyHolder(branch: Node): Node | undefined {
  if (branch.type === 'when') return branch.parent?.type === 'case' ? branch.parent : undefined;
  let node = branch.parent;
  while (node && (node.type === 'elsif' || node.type === 'else') && node.parent && /^(if|elsif|unless)$/.test(node.parent.type)) node = node.parent;
  return node && /^(if|unless)$/.test(node.type) ? node : undefined;
}

/** The expression is returned, or is the last statement of a method's body (before its rescue and ensure clauses). */
function rubyResult(holder: Node): boolean {
  const up = holder.parent;
  if (!up) return false;
  if (up.type === 'return') return true;
  if (up.type !== 'body_statement' || !/^(method|singleton_method)$/.test(up.parent?.type ?? '')) return false;
  const statements = up.namedChildren.filter((c): c is Node => c !== null && !/^(comment|rescue|ensure|else)$/.test(c.type));
  return statements[statements.length - 1]?.id === holder.id;
}
