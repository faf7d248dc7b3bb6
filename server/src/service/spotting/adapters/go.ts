import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet } from '../syntaxAdapter';

export const goAdapter: SyntaxAdapter = {
  numbers: typeSet('int_literal'),
  strings: typeSet('interpreted_string_literal', 'raw_string_literal'),
  members: typeSet('selector_expression'),
  calls: typeSet('call_expression'),
  binaries: typeSet('binary_expression'),
  transparent: typeSet('parenthesized_expression', 'argument_list', 'literal_element', 'unary_expression'),
  collections: typeSet('expression_list', 'literal_value', 'composite_literal'),
  cases: typeSet('expression_case'),
  pairs: typeSet('keyed_element'),
  assignments: typeSet('assignment_statement', 'short_var_declaration', 'var_spec', 'const_spec'),
  returns: typeSet('return_statement'),
  asserts: typeSet(),
  comments: typeSet('comment'),

  memberParts(node: Node) {
    const field = node.childForFieldName('field');
    return field ? { object: node.childForFieldName('operand'), property: field.text } : undefined;
  },
  callee: (node) => node.childForFieldName('function'),
  callArguments(node) {
    const args = node.childForFieldName('arguments');
    return args ? namedChildren(args) : [];
  },
  operatorOf: (node) => node.childForFieldName('operator')?.type ?? '',
  caseSubject(node) {
    const statement = node.parent;
    return statement?.type === 'expression_switch_statement' ? statement.childForFieldName('value') : null;
  },
  pairName(node) {
    const key = namedChildren(node)[0];
    return key ? key.text : undefined;
  },
  pairValue: (node) => namedChildren(node)[1] ?? null,
  assignTarget(node) {
    const left = node.childForFieldName(node.type === 'var_spec' || node.type === 'const_spec' ? 'name' : 'left');
    return left?.type === 'expression_list' ? namedChildren(left)[0] ?? null : left;
  },
  stringContent: quotedContent,
};
