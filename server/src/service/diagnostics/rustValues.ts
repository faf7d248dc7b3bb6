import type { Node } from 'web-tree-sitter';

/** Values that hand a failure on rather than end it: a return of its own, a break, a continue. */
const HANDS_ON = /^(return_expression|break_expression|continue_expression|macro_invocation)$/;
const RETRYING_CALL = /^\s*(\w+(::|\.))*\w*(retry|Retry|again|Again|backoff|Backoff)\w*\s*[({]/;

/** Macros that end the function with an error (anyhow `bail!`) or end the program (`panic!`, `unreachable!`). */
const GIVE_UP_MACRO = /^(bail|panic|unreachable|todo|unimplemented)$/;

/**
 * How a Rust branch gives up when it has no return of its own: a `bail!(…)` or `panic!(…)` statement in it (macros are
 * not calls to the grammar), or a value that is the function's result (see rustBranchValue).
 */
export function rustBranchFinal(branch: Node): { node: Node; kind: 'raise' | 'return' | 'exit' } | undefined {
  const body = branch.type === 'match_arm' ? branch.childForFieldName('value') : branch;
  const statements = body?.type === 'block' ? body.namedChildren : body ? [body] : [];
  for (const statement of statements) {
    const macro = statement?.type === 'expression_statement' ? statement.namedChildren[0] : statement;
    const name = macro?.type === 'macro_invocation' ? macro.childForFieldName('macro')?.text ?? '' : '';
    if (macro && GIVE_UP_MACRO.test(name.split('::').pop() ?? '')) return { node: macro, kind: name.endsWith('bail') ? 'raise' : 'exit' };
  }
  const valued = rustBranchValue(branch);
  return valued ? { node: valued, kind: 'return' } : undefined;
}

/**
 * Rust's if and match are expressions, and a function's last expression is its result: in
 * `match resp.status().as_u16() { 429 => Err(Busy), _ => Ok(body) }` at the end of a function (or after `return`)
 * the arm's value is what the function returns, so a 429 ends there as surely as with `return Err(Busy)`.
 * The branch (an if's block or a match arm) when its value is the function's result; undefined when the branch has no
 * tail value, hands on by itself, retries, or its if/match is kept in a `let` or used as a statement.
 */
export function rustBranchValue(branch: Node): Node | undefined {
  const value = branch.type === 'match_arm' ? branch.childForFieldName('value') : branch.type === 'block' ? tailOf(branch) : null;
  if (!value || HANDS_ON.test(value.type) || RETRYING_CALL.test(value.text)) return undefined;
  if (value.type === 'block' && !tailOf(value)) return undefined;
  const holder = holderOf(branch);
  return holder && isResult(holder) ? branch : undefined;
}

/** The expression a block ends with (no `;` after it), if any. */
function tailOf(block: Node): Node | undefined {
  const items = block.namedChildren.filter((c): c is Node => !!c && !c.type.includes('comment'));
  const last = items[items.length - 1];
  if (!last || /declaration|_item$/.test(last.type)) return undefined;
  if (last.type !== 'expression_statement') return last;
  return last.text.trimEnd().endsWith(';') ? undefined : last.namedChildren[0] ?? undefined;
}

/** The if or match expression a branch belongs to. */
function holderOf(branch: Node): Node | undefined {
  const parent = branch.parent;
  if (!parent) return undefined;
  if (branch.type === 'match_arm') return parent.parent?.type === 'match_expression' ? parent.parent : undefined;
  if (parent.type === 'if_expression') return parent;
  if (parent.type === 'else_clause') return parent.parent?.type === 'if_expression' ? parent.parent : undefined;
  return undefined;
}

/** The expression is the function's result: returned, or the tail of the body (through the tails of enclosing branches). */
function isResult(expr: Node): boolean {
  let node = expr;
  for (let depth = 0; depth < 16; depth++) {
    const up = node.parent;
    if (!up) return false;
    if (up.type === 'return_expression') return true;
    // `else if`: the inner if is the value of the outer one
    if (up.type === 'else_clause' && up.parent?.type === 'if_expression') {
      node = up.parent;
      continue;
    }
    let statement = node;
    if (up.type === 'expression_statement') {
      if (up.text.trimEnd().endsWith(';')) return false;
      statement = up;
    }
    const block = statement.parent;
    if (block?.type !== 'block') return false;
    const items = block.namedChildren.filter((c): c is Node => !!c && !c.type.includes('comment'));
    if (items[items.length - 1]?.id !== statement.id) return false;
    const owner = block.parent;
    if (owner?.type === 'function_item') return true;
    if (owner?.type === 'match_arm' && owner.parent?.parent?.type === 'match_expression') node = owner.parent.parent;
    else if (owner?.type === 'if_expression') node = owner;
    else if (owner?.type === 'else_clause' && owner.parent?.type === 'if_expression') node = owner.parent;
    else if (owner?.type === 'expression_statement' || owner?.type === 'block') node = block;
    else return false;
  }
  return false;
}
