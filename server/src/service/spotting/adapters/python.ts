import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet, unnamedOperator } from '../syntaxAdapter';

export const pythonAdapter: SyntaxAdapter = {
  numbers: typeSet('integer'),
  strings: typeSet('string'),
  members: typeSet('attribute'),
  calls: typeSet('call'),
  binaries: typeSet('comparison_operator'),
  transparent: typeSet('parenthesized_expression', 'case_pattern', 'argument_list', 'not_operator', 'conditional_expression', 'await'),
  collections: typeSet('tuple', 'list', 'set', 'expression_list', 'pattern_list', 'tuple_pattern', 'list_pattern', 'union_pattern'),
  cases: typeSet('case_clause'),
  pairs: typeSet('keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter'),
  assignments: typeSet('assignment', 'augmented_assignment'),
  returns: typeSet('return_statement'),
  asserts: typeSet('assert_statement'),
  comments: typeSet('comment'),

  memberParts(node: Node) {
    const property = node.childForFieldName('attribute');
    return property ? { object: node.childForFieldName('object'), property: property.text } : undefined;
  },
  callee: (node) => node.childForFieldName('function'),
  callArguments(node) {
    const args = node.childForFieldName('arguments');
    return args ? namedChildren(args) : [];
  },
  operatorOf: unnamedOperator,
  caseSubject(node) {
    const match = node.parent?.parent;
    return match?.type === 'match_statement' ? match.childForFieldName('subject') : null;
  },
  pairName(node) {
    const key = node.childForFieldName(node.type === 'pair' ? 'key' : 'name');
    if (!key) return undefined;
    return key.type === 'string' ? quotedContent(key)?.text : key.text;
  },
  pairValue: (node) => node.childForFieldName('value'),
  assignTarget: (node) => node.childForFieldName('left'),
  stringContent(node) {
    if (node.children.some((c) => c?.type === 'interpolation')) return undefined;
    return quotedContent(node);
  },
};
