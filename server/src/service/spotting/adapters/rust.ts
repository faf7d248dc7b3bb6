import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet } from '../syntaxAdapter';

/** `foo::<T>(…)` names its function inside a generic_function. */
function unwrapGeneric(node: Node | null): Node | null {
  return node?.type === 'generic_function' ? node.childForFieldName('function') : node;
}

/**
 * Rust (tree-sitter-rust). Field access (`resp.status`) and paths (`StatusCode::TOO_MANY_REQUESTS`,
 * `tokio::time::sleep`) are both members; method calls are calls of a field expression, as in Go. A `match` arm is
 * a case of the matched value (`429 | 503 =>`, `500..=599 =>`); `?`, `.await`, `&` and `as u16` only pass their
 * operand on. Struct fields (`Reply { status: 503, … }`) are pairs. Macro bodies are token trees: their literals are
 * read as a list (`vec![429, 503]`).
 */
export const rustAdapter: SyntaxAdapter = {
  numbers: typeSet('integer_literal'),
  strings: typeSet('string_literal', 'raw_string_literal'),
  members: typeSet('field_expression', 'scoped_identifier'),
  calls: typeSet('call_expression'),
  binaries: typeSet('binary_expression'),
  transparent: typeSet(
    'parenthesized_expression', 'arguments', 'reference_expression', 'type_cast_expression', 'try_expression', 'await_expression',
    'match_pattern', 'or_pattern', 'range_pattern',
  ),
  // (`(200..300).contains(&status)`: a range is the set of statuses a membership test asks about.)
  collections: typeSet('array_expression', 'token_tree', 'range_expression'),
  cases: typeSet('match_arm'),
  pairs: typeSet('field_initializer'),
  assignments: typeSet('let_declaration', 'assignment_expression', 'const_item', 'static_item'),
  returns: typeSet('return_expression'),
  asserts: typeSet(),
  comments: typeSet('line_comment', 'block_comment'),

  memberParts(node: Node) {
    if (node.type === 'scoped_identifier') {
      const name = node.childForFieldName('name');
      return name ? { object: node.childForFieldName('path'), property: name.text } : undefined;
    }
    const field = node.childForFieldName('field');
    return field ? { object: node.childForFieldName('value'), property: field.text } : undefined;
  },
  callee: (node) => unwrapGeneric(node.childForFieldName('function')),
  callArguments(node) {
    const args = node.childForFieldName('arguments');
    return args ? namedChildren(args) : [];
  },
  operatorOf: (node) => node.childForFieldName('operator')?.type ?? '',
  caseSubject(node) {
    // match resp.status().as_u16() { 429 | 503 => …, 500..=599 => … }
    const statement = node.parent?.parent;
    return statement?.type === 'match_expression' ? statement.childForFieldName('value') : null;
  },
  pairName: (node) => node.childForFieldName('field')?.text,
  pairValue: (node) => node.childForFieldName('value'),
  assignTarget(node) {
    if (node.type === 'let_declaration') return node.childForFieldName('pattern');
    if (node.type === 'assignment_expression') return node.childForFieldName('left');
    return node.childForFieldName('name');
  },
  stringContent(node) {
    if (node.type !== 'string_literal') return undefined;
    return quotedContent(node);
  },
};
