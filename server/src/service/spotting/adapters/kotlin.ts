import type { Node } from 'web-tree-sitter';
import { namedChildren, quotedContent, SyntaxAdapter, typeSet, unnamedOperator } from '../syntaxAdapter';

/** The value of a `value_argument` (a named argument `maxRetries = 5` keeps its name before it). */
function argumentValue(arg: Node): Node {
  return arg.type === 'value_argument' ? namedChildren(arg).pop() ?? arg : arg;
}

function lambdaOf(call: Node): Node | undefined {
  return namedChildren(call).find((c) => c.type === 'annotated_lambda');
}

/**
 * `client.get(url) { header(…) }` and `repeat(3) { … }` parse as a call of a lambda on a call: the outer node
 * holds the lambda, the inner one the name and the parenthesised arguments. The outer call stands for both.
 */
function isLambdaApplication(call: Node): boolean {
  const first = call.namedChild(0);
  return first?.type === 'call_expression' && lambdaOf(call) !== undefined && !namedChildren(call).some((c) => c.type === 'value_arguments');
}

/** The callee of a call read on its own (a lambda head's too): a member, a name, `!setOf` read as `setOf`. */
function headCallee(node: Node): Node | null {
  const first = node.namedChild(0);
  // (The grammar reads `!setOf(408, 504).contains(x)` as a call of `!setOf`: the `!` negates the whole chain.)
  if (first?.type === 'unary_expression' && /^!/.test(first.text) && first.namedChildCount === 1) return first.namedChild(0);
  return first && first.type !== 'annotated_lambda' ? first : null;
}

/** The inner half of a lambda application, which has no name of its own (the outer call has it). */
function isLambdaHead(call: Node): boolean {
  const parent = call.parent;
  return parent?.type === 'call_expression' && parent.namedChild(0)?.id === call.id && isLambdaApplication(parent);
}

/**
 * Kotlin (tree-sitter-kotlin 1.1.0 from @tree-sitter-grammars). Members are `navigation_expression`s (`response.code`,
 * `HttpStatusCode.TooManyRequests`, `r?.code`); calls are `call_expression`s whose callee is a member or a name, with
 * parenthesised arguments and/or a trailing lambda, and annotation constructors (`@Retryable(maxAttempts = 3)`).
 * `when (x) { 429, 503 -> … }` entries are cases; named arguments (`status = 429`) and `"status" to 429` are pairs.
 */
export const kotlinAdapter: SyntaxAdapter = {
  numbers: typeSet('number_literal'),
  strings: typeSet('string_literal', 'multiline_string_literal'),
  members: typeSet('navigation_expression'),
  calls: typeSet('call_expression', 'constructor_invocation'),
  binaries: typeSet('binary_expression', 'in_expression'),
  transparent: typeSet('parenthesized_expression', 'value_arguments', 'value_argument', 'as_expression', 'when_subject', 'range_test', 'annotated_expression'),
  collections: typeSet('collection_literal', 'range_expression'),
  cases: typeSet('when_entry'),
  pairs: typeSet('value_argument', 'infix_expression'),
  assignments: typeSet('assignment', 'property_declaration'),
  returns: typeSet('return_expression'),
  asserts: typeSet(),
  comments: typeSet('line_comment', 'block_comment'),

  memberParts(node: Node) {
    const parts = namedChildren(node);
    const property = parts.length >= 2 ? parts[parts.length - 1] : undefined;
    return property?.type === 'identifier' ? { object: parts[0] ?? null, property: property.text } : undefined;
  },
  callee(node) {
    if (node.type === 'constructor_invocation') return namedChildren(node).find((c) => c.type === 'user_type') ?? null;
    if (isLambdaHead(node)) return null;
    const first = node.namedChild(0);
    // (`client.post(url) { setBody(x) }`: the outer call is named by its head, `client.post`, which is itself a lambda
    // head and so has no name of its own.)
    if (first && isLambdaApplication(node)) return headCallee(first);
    return headCallee(node);
  },
  callArguments(node) {
    const head = isLambdaApplication(node) ? node.namedChild(0)! : node;
    const args = namedChildren(head).find((c) => c.type === 'value_arguments');
    const values = args ? namedChildren(args).map(argumentValue) : [];
    const lambda = lambdaOf(node);
    const literal = lambda ? namedChildren(lambda).find((c) => c.type === 'lambda_literal') : undefined;
    return literal ? [...values, literal] : values;
  },
  operatorOf(node) {
    // `code in 500..599`, `code !in RETRYABLE` (Python's spelling, which the readers know)
    if (node.type === 'in_expression') return unnamedOperator(node) === '!in' ? 'not in' : 'in';
    return node.childForFieldName('operator')?.type ?? '';
  },
  caseSubject(node) {
    // when (response.code) { 429, 503 -> … } / when (val c = r.code) { … }
    const subject = node.parent?.type === 'when_expression' ? namedChildren(node.parent).find((c) => c.type === 'when_subject') : undefined;
    if (!subject) return null;
    const inner = namedChildren(subject);
    return inner.length > 1 ? inner[inner.length - 1] : inner[0] ?? null;
  },
  pairName(node) {
    const parts = namedChildren(node);
    if (node.type === 'value_argument') return parts.length === 2 && parts[0].type === 'identifier' ? parts[0].text : undefined;
    // `"status" to 429`
    if (parts.length !== 3 || parts[1].text !== 'to') return undefined;
    return parts[0].type === 'string_literal' ? kotlinAdapter.stringContent(parts[0])?.text : parts[0].text;
  },
  pairValue: (node) => namedChildren(node).pop() ?? null,
  assignTarget(node) {
    if (node.type === 'assignment') return node.childForFieldName('left');
    const declaration = namedChildren(node).find((c) => c.type === 'variable_declaration');
    return declaration ? namedChildren(declaration)[0] ?? null : null;
  },
  stringContent(node) {
    if (namedChildren(node).some((c) => c.type === 'interpolation') || /\$[\w{]/.test(node.text)) return undefined;
    return quotedContent(node);
  },
};
