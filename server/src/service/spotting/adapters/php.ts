import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet, unnamedOperator } from '../syntaxAdapter';

/** The value of an `argument` (a named argument `status: 429` keeps its name beside it). */
function argumentValue(arg: Node): Node {
  return arg.type === 'argument' ? namedChildren(arg).pop() ?? arg : arg;
}

/**
 * PHP (tree-sitter-php). Calls come as functions (`abort(503)`), methods (`$response->getStatusCode()`), static
 * methods (`Http::retry(3, 100)`) and `new Response('', 429)`; class constants (`Response::HTTP_TOO_MANY_REQUESTS`)
 * and properties (`$e->code`) are members. An array element with a key (`'status' => 500`) is a pair; one without
 * a key only groups its value.
 */
export const phpAdapter: SyntaxAdapter = {
  numbers: typeSet('integer'),
  strings: typeSet('string', 'encapsed_string'),
  members: typeSet('member_access_expression', 'nullsafe_member_access_expression', 'class_constant_access_expression'),
  calls: typeSet('function_call_expression', 'member_call_expression', 'nullsafe_member_call_expression', 'scoped_call_expression', 'object_creation_expression'),
  binaries: typeSet('binary_expression'),
  transparent: typeSet('parenthesized_expression', 'arguments', 'argument', 'cast_expression', 'conditional_expression'),
  collections: typeSet('array_creation_expression', 'match_condition_list'),
  cases: typeSet('case_statement', 'match_conditional_expression'),
  // (A named argument, `response(status: 503)`, is read through like Kotlin's: see namedArgumentOf.)
  pairs: typeSet('array_element_initializer', 'argument'),
  assignments: typeSet('assignment_expression', 'const_element', 'property_element'),
  returns: typeSet('return_statement'),
  asserts: typeSet(),
  comments: typeSet('comment'),

  memberParts(node: Node) {
    if (node.type === 'class_constant_access_expression') {
      const [scope, name] = namedChildren(node);
      return name ? { object: scope ?? null, property: name.text } : undefined;
    }
    const name = node.childForFieldName('name');
    return name ? { object: node.childForFieldName('object'), property: name.text } : undefined;
  },
  callee(node) {
    if (node.type === 'function_call_expression') return node.childForFieldName('function');
    if (node.type === 'object_creation_expression') return namedChildren(node).find((c) => /^(name|qualified_name)$/.test(c.type)) ?? null;
    return node.childForFieldName('name');
  },
  callArguments(node) {
    const args = node.childForFieldName('arguments') ?? namedChildren(node).find((c) => c.type === 'arguments');
    return args ? namedChildren(args).map(argumentValue) : [];
  },
  operatorOf: (node) => node.childForFieldName('operator')?.type ?? unnamedOperator(node),
  caseSubject(node) {
    // switch ($x) { case 1: … } / match ($x) { 1, 2 => … }
    const statement = node.parent?.parent;
    if (!statement || !/^(switch_statement|match_expression)$/.test(statement.type)) return null;
    const condition = statement.childForFieldName('condition');
    return condition?.type === 'parenthesized_expression' ? namedChildren(condition)[0] ?? null : condition;
  },
  pairName(node) {
    if (node.type === 'argument') return node.childForFieldName('name')?.text;
    if (node.type !== 'array_element_initializer') return undefined;
    const parts = namedChildren(node);
    if (parts.length !== 2) return undefined;
    const key = parts[0];
    return key.type === 'string' || key.type === 'encapsed_string' ? quotedContent(key)?.text : key.text;
  },
  pairValue: (node) => namedChildren(node).pop() ?? null,
  assignTarget(node) {
    if (node.type === 'assignment_expression') return node.childForFieldName('left');
    return namedChildren(node)[0] ?? null;
  },
  stringContent(node) {
    if (node.type === 'encapsed_string' && namedChildren(node).some((c) => c.type !== 'string_content' && c.type !== 'escape_sequence')) return undefined;
    return quotedContent(node);
  },
};
