import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet } from '../syntaxAdapter';

export const csharpAdapter: SyntaxAdapter = {
  numbers: typeSet('integer_literal'),
  strings: typeSet('string_literal', 'verbatim_string_literal', 'raw_string_literal'),
  members: typeSet('member_access_expression'),
  calls: typeSet('invocation_expression', 'object_creation_expression', 'implicit_object_creation_expression', 'attribute'),
  binaries: typeSet('binary_expression', 'is_pattern_expression'),
  transparent: typeSet(
    'parenthesized_expression',
    'argument_list',
    'attribute_argument_list',
    'attribute_argument',
    'cast_expression',
    'constant_pattern',
    'await_expression',
    'conditional_expression',
  ),
  collections: typeSet('initializer_expression', 'implicit_array_creation_expression', 'array_creation_expression', 'collection_expression', 'or_pattern'),
  cases: typeSet('switch_section', 'switch_expression_arm', 'case_switch_label'),
  pairs: typeSet('argument', 'subpattern', 'enum_member_declaration'),
  assignments: typeSet('assignment_expression', 'variable_declarator', 'property_declaration'),
  returns: typeSet('return_statement'),
  asserts: typeSet(),
  comments: typeSet('comment'),

  memberParts(node: Node) {
    const name = node.childForFieldName('name');
    // A generic method's name without its type arguments: `GetFromJsonAsync` in `http.GetFromJsonAsync<T>(u)`.
    const plain = name?.type === 'generic_name' ? (name.namedChildren.find((c) => c?.type === 'identifier') ?? name) : name;
    return plain ? { object: node.childForFieldName('expression'), property: plain.text } : undefined;
  },
  callee(node) {
    if (node.type === 'attribute') return node.childForFieldName('name');
    return node.childForFieldName(node.type === 'object_creation_expression' ? 'type' : 'function');
  },
  callArguments(node) {
    const args = node.type === 'attribute' ? namedChildren(node).find((c) => c.type === 'attribute_argument_list') : node.childForFieldName('arguments');
    return args ? namedChildren(args).map((arg) => (arg.type === 'argument' || arg.type === 'attribute_argument' ? namedChildren(arg).pop() ?? arg : arg)) : [];
  },
  operatorOf: (node) => (node.type === 'is_pattern_expression' ? 'is' : node.childForFieldName('operator')?.type ?? ''),
  caseSubject(node) {
    let statement = node.parent;
    if (statement?.type === 'switch_body' || statement?.type === 'switch_section') statement = statement.parent;
    if (statement?.type === 'switch_body') statement = statement.parent;
    return statement && /switch/.test(statement.type) ? statement.childForFieldName('value') ?? namedChildren(statement)[0] ?? null : null;
  },
  pairName(node) {
    if (node.type === 'subpattern') {
      const first = namedChildren(node)[0];
      return first && first.type === 'identifier' && namedChildren(node).length > 1 ? first.text : undefined;
    }
    return node.childForFieldName('name')?.text;
  },
  pairValue: (node) => namedChildren(node).pop() ?? null,
  assignTarget(node) {
    return node.type === 'variable_declarator' || node.type === 'property_declaration' ? node.childForFieldName('name') : node.childForFieldName('left');
  },
  stringContent(node) {
    if (node.type === 'string_literal') {
      const content = namedChildren(node);
      if (content.some((c) => c.type === 'interpolation')) return undefined;
    }
    return quotedContent(node);
  },
};
