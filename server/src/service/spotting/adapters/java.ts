import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet } from '../syntaxAdapter';

export const javaAdapter: SyntaxAdapter = {
  numbers: typeSet('decimal_integer_literal'),
  strings: typeSet('string_literal'),
  members: typeSet('field_access'),
  calls: typeSet('method_invocation', 'object_creation_expression', 'annotation'),
  binaries: typeSet('binary_expression'),
  transparent: typeSet('parenthesized_expression', 'argument_list', 'annotation_argument_list', 'cast_expression', 'switch_label', 'ternary_expression'),
  collections: typeSet('array_initializer', 'element_value_array_initializer'),
  cases: typeSet('switch_block_statement_group', 'switch_rule'),
  pairs: typeSet('element_value_pair'),
  assignments: typeSet('assignment_expression', 'variable_declarator'),
  returns: typeSet('return_statement'),
  asserts: typeSet('assert_statement'),
  comments: typeSet('line_comment', 'block_comment'),

  memberParts(node: Node) {
    const field = node.childForFieldName('field');
    return field ? { object: node.childForFieldName('object'), property: field.text } : undefined;
  },
  callee(node) {
    // `a.b(...)`: the name is the callee; the object is reachable through the parent for receivers.
    return node.type === 'object_creation_expression' ? node.childForFieldName('type') : node.childForFieldName('name'); // annotation: name too
  },
  callArguments(node) {
    const args = node.childForFieldName('arguments');
    return args ? namedChildren(args) : [];
  },
  operatorOf: (node) => node.childForFieldName('operator')?.type ?? '',
  caseSubject(node) {
    const block = node.parent;
    const statement = block?.parent;
    return statement && /switch/.test(statement.type) ? statement.childForFieldName('condition') : null;
  },
  pairName: (node) => node.childForFieldName('key')?.text,
  pairValue: (node) => node.childForFieldName('value'),
  assignTarget: (node) => node.childForFieldName(node.type === 'variable_declarator' ? 'name' : 'left'),
  stringContent: quotedContent,
};
