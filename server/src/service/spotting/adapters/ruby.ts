import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet } from '../syntaxAdapter';

/**
 * Ruby (tree-sitter-ruby). One node type, `call`, is both a method call and what other languages write as a
 * member access (`response.code`): it is read as a call, with no arguments when there are none, so
 * `response.code == "429"` is a zero-argument call of `code` on `response`. `Foo.new(…)` names the class as its callee
 * (`raise ApiError.new(404)` reads like `throw new ApiError(404)`). `Net::HTTPTooManyRequests` is a member access.
 */
export const rubyAdapter: SyntaxAdapter = {
  numbers: typeSet('integer'),
  strings: typeSet('string'),
  members: typeSet('scope_resolution'),
  calls: typeSet('call'),
  binaries: typeSet('binary'),
  transparent: typeSet('parenthesized_statements', 'argument_list', 'pattern', 'conditional', 'splat_argument'),
  collections: typeSet('array', 'range', 'exceptions'),
  cases: typeSet('when'),
  pairs: typeSet('pair'),
  assignments: typeSet('assignment', 'operator_assignment'),
  returns: typeSet('return'),
  asserts: typeSet(),
  comments: typeSet('comment'),

  memberParts(node: Node) {
    const name = node.childForFieldName('name');
    return name ? { object: node.childForFieldName('scope'), property: name.text } : undefined;
  },
  callee(node) {
    const method = node.childForFieldName('method');
    // `ApiError.new(404)`, `Net::HTTP::Get.new(uri)`: the class constructed
    if (method?.text === 'new') return node.childForFieldName('receiver') ?? method;
    return method;
  },
  callArguments(node) {
    const args = node.childForFieldName('arguments');
    return args ? namedChildren(args) : [];
  },
  operatorOf: (node) => node.childForFieldName('operator')?.type ?? '',
  caseSubject(node) {
    const statement = node.parent;
    const value = statement?.type === 'case' ? statement.childForFieldName('value') : null;
    // `case code = e.response.code.to_i`: the value assigned is the subject.
    return value?.type === 'assignment' ? value.childForFieldName('right') : value;
  },
  pairName(node) {
    const key = node.childForFieldName('key');
    if (!key) return undefined;
    if (key.type === 'string') return quotedContent(key)?.text;
    return key.text.replace(/^:/, '').replace(/:$/, '');
  },
  pairValue: (node) => node.childForFieldName('value'),
  assignTarget: (node) => node.childForFieldName('left'),
  stringContent(node) {
    if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
    return quotedContent(node);
  },
};
