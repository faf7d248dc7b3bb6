import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet } from '../syntaxAdapter';

/** JavaScript, TypeScript and TSX grammars share these node names. */
export const javascriptAdapter: SyntaxAdapter = {
  numbers: typeSet('number'),
  strings: typeSet('string', 'template_string'),
  members: typeSet('member_expression'),
  calls: typeSet('call_expression', 'new_expression'),
  binaries: typeSet('binary_expression'),
  transparent: typeSet(
    'parenthesized_expression',
    'arguments',
    'as_expression',
    'satisfies_expression',
    'non_null_expression',
    'type_assertion',
    'await_expression',
    'ternary_expression',
  ),
  collections: typeSet('array'),
  cases: typeSet('switch_case'),
  pairs: typeSet('pair', 'enum_assignment'),
  assignments: typeSet('assignment_expression', 'variable_declarator', 'augmented_assignment_expression', 'public_field_definition'),
  returns: typeSet('return_statement'),
  asserts: typeSet(),
  comments: typeSet('comment'),

  memberParts(node: Node) {
    const property = node.childForFieldName('property');
    return property ? { object: node.childForFieldName('object'), property: property.text } : undefined;
  },
  callee: (node) => node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function'),
  callArguments(node) {
    const args = node.childForFieldName('arguments');
    return args ? namedChildren(args) : [];
  },
  operatorOf: (node) => node.childForFieldName('operator')?.type ?? '',
  caseSubject(node) {
    const statement = node.parent?.parent;
    return statement?.type === 'switch_statement' ? statement.childForFieldName('value') : null;
  },
  pairName(node) {
    const key = node.childForFieldName('key') ?? node.childForFieldName('name');
    if (!key) return undefined;
    return key.type === 'string' ? quotedContent(key)?.text : key.text;
  },
  pairValue: (node) => node.childForFieldName('value'),
  assignTarget: (node) => node.childForFieldName(node.type === 'variable_declarator' || node.type === 'public_field_definition' ? 'name' : 'left'),
  stringContent(node) {
    if (node.type === 'template_string' && node.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
    return quotedContent(node);
  },
};
