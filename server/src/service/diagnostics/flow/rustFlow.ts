import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, typeSet } from './flowGrammar';

/** `0..n`, `1..=MAX_ATTEMPTS`, `(0..retries).rev()`: a range of attempts, not data. */
function isRange(node: Node | null): boolean {
  if (!node) return false;
  if (node.type === 'range_expression') return true;
  if (node.type === 'parenthesized_expression') return isRange(node.namedChild(0));
  // `(0..3).rev()`, `(1..=5).step_by(1)`
  if (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    return fn?.type === 'field_expression' && /^(rev|step_by|into_iter)$/.test(fn.childForFieldName('field')?.text ?? '') && isRange(fn.childForFieldName('value'));
  }
  return false;
}

/**
 * Rust's control flow. `loop { … }` goes round until something leaves, `while cond`/`while let` while a condition
 * holds, `for attempt in 0..n` counts attempts (a `for` over anything else iterates data). `return` and `break` leave,
 * `?` hands an error up (no exit of its own here), `panic!`/`unreachable!` and `std::process::exit` end the program.
 */
export const rustFlow: FlowGrammar = {
  functions: typeSet('function_item', 'closure_expression'),
  ifs: typeSet('if_expression'),
  cases: typeSet('match_arm'),
  loops: typeSet('loop_expression', 'while_expression', 'for_expression'),
  raises: typeSet(),
  returns: typeSet('return_expression'),
  continues: typeSet('continue_expression'),
  breaks: typeSet('break_expression'),
  increments: typeSet('compound_assignment_expr'),
  imports: typeSet('use_declaration'),
  comments: typeSet('line_comment', 'block_comment'),
  strings: typeSet('string_content', 'identifier', 'field_identifier'),
  exitCalls: typeSet('exit', 'panic', 'abort'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  // `#[tokio::main]`, `#[async_trait]`: the attributes written before the function
  decorators(fn) {
    const names: string[] = [];
    for (let prev = fn.previousNamedSibling; prev?.type === 'attribute_item'; prev = prev.previousNamedSibling) {
      const path = prev.namedChild(0)?.namedChild(0)?.text ?? '';
      names.push(path.split('::').pop() ?? path);
    }
    return names;
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'loop_expression') return { kind: 'infinite' };
    if (node.type === 'while_expression') {
      const condition = node.childForFieldName('condition');
      if (condition?.type === 'let_condition') return { kind: 'conditional' };
      return { kind: isConstantTrue(condition) ? 'infinite' : 'conditional' };
    }
    const pattern = node.childForFieldName('pattern');
    if (!isRange(node.childForFieldName('value'))) return { kind: 'collection' };
    return pattern?.type === 'identifier' ? { kind: 'counted', counterVar: pattern.text } : { kind: 'counted' };
  },
  importModules(node) {
    const arg = node.childForFieldName('argument');
    if (!arg) return [];
    // `use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};` → the crate path before the braces
    return [arg.text.replace(/::\{[^]*$/, '').replace(/\s+as\s+\w+$/, '').replace(/::/g, '.')];
  },
};
