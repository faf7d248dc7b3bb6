import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, lastSegment, typeSet } from './flowGrammar';

/** Calls whose trailing lambda runs a fixed number of times (`repeat(3) { attempt -> … }`). */
const REPEATING = /^repeat$/;
/** Calls whose trailing lambda runs once per element. */
const ITERATING = /^(forEach|forEachIndexed|map|mapNotNull|flatMap|filter|onEach|associate\w*|groupBy|sumOf|count|any|all|none|first|firstOrNull|find|fold|reduce)$/;

/** The name of the call a trailing lambda belongs to: `repeat` in `repeat(3) { … }`, `forEach` in `xs.forEach { … }`. */
function lambdaCallName(lambda: Node): string {
  const call = lambda.parent;
  if (call?.type !== 'call_expression') return '';
  let head = call.namedChild(0);
  if (head?.type === 'call_expression') head = head.namedChild(0);
  if (!head) return '';
  if (head.type === 'navigation_expression') return head.namedChild(head.namedChildCount - 1)?.text ?? '';
  return head.type === 'identifier' ? head.text : '';
}

function lambdaParameter(lambda: Node): string | undefined {
  const literal = lambda.namedChildren.find((c) => c?.type === 'lambda_literal');
  const params = literal?.namedChildren.find((c) => c?.type === 'lambda_parameters');
  return params?.namedChildren[0]?.text ?? (literal ? 'it' : undefined);
}

/** `for (attempt in 1..3)`, `for (i in 0 until n)`, `for (i in 5 downTo 1)`: a counted loop over a range of numbers. */
function overRange(node: Node): boolean {
  const range = node.namedChildren.find((c) => c !== null && c.type !== 'variable_declaration' && c.type !== 'multi_variable_declaration' && c.type !== 'block');
  if (!range) return false;
  const inner = range.type === 'parenthesized_expression' ? range.namedChild(0) : range;
  if (inner?.type === 'range_expression') return true;
  return inner?.type === 'infix_expression' && /^(until|downTo|step)$/.test(inner.namedChild(1)?.text ?? '');
}

/**
 * Kotlin's control flow. Loops are `for`/`while`/`do … while` and the trailing lambda of `repeat(n) { … }` (counted)
 * or of `forEach`/`map`… (data); other trailing lambdas (`use { }`, `let { }`, `apply { }`) are the enclosing code,
 * inline as Kotlin runs them, so a `return` in them leaves the function. `break`/`continue` are names in this grammar;
 * `return@repeat` / `return@forEach` goes on with the next round.
 */
export const kotlinFlow: FlowGrammar = {
  functions: typeSet('function_declaration', 'anonymous_function', 'secondary_constructor', 'getter', 'setter'),
  ifs: typeSet('if_expression'),
  cases: typeSet('when_entry'),
  loops: typeSet('for_statement', 'while_statement', 'do_while_statement', 'annotated_lambda'),
  raises: typeSet('throw_expression'),
  returns: typeSet('return_expression'),
  continues: typeSet(),
  breaks: typeSet(),
  jumpWords: { node: 'identifier', continues: 'continue', breaks: 'break' },
  increments: typeSet('assignment', 'unary_expression'),
  imports: typeSet('import'),
  comments: typeSet('line_comment', 'block_comment'),
  strings: typeSet('string_content', 'identifier'),
  exitCalls: typeSet('exitProcess', 'exit'),
  // `error("…")` throws IllegalStateException
  raiseCalls: typeSet('error', 'TODO'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators(fn) {
    const modifiers = fn.namedChildren.find((c) => c?.type === 'modifiers');
    return (modifiers?.namedChildren ?? [])
      .filter((c): c is Node => c !== null && c.type === 'annotation')
      .map((a) => lastSegment(a.text.replace(/^@/, '').replace(/^\w+:/, '')));
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence(node) {
    const condition = node.childForFieldName('condition');
    return node.namedChildren.find((c) => c !== null && c.id !== condition?.id && !c.type.includes('comment')) ?? null;
  },
  isLoop(node) {
    if (node.type !== 'annotated_lambda') return true;
    const name = lambdaCallName(node);
    return REPEATING.test(name) || ITERATING.test(name);
  },
  loopBody(node) {
    if (node.type === 'annotated_lambda') return node.namedChildren.find((c) => c?.type === 'lambda_literal') ?? null;
    return node.namedChildren.find((c) => c?.type === 'block') ?? node.namedChildren[node.namedChildCount - 1] ?? null;
  },
  loopKind(node) {
    switch (node.type) {
      case 'while_statement':
        return { kind: isConstantTrue(node.childForFieldName('condition')) ? 'infinite' : 'conditional' };
      case 'do_while_statement':
        return { kind: isConstantTrue(node.childForFieldName('condition')) ? 'infinite' : 'conditional' };
      case 'for_statement': {
        if (!overRange(node)) return { kind: 'collection' };
        const counter = node.namedChildren.find((c) => c?.type === 'variable_declaration')?.namedChild(0)?.text;
        return counter ? { kind: 'counted', counterVar: counter } : { kind: 'counted' };
      }
      default: {
        if (!REPEATING.test(lambdaCallName(node))) return { kind: 'collection' };
        const param = lambdaParameter(node);
        return param ? { kind: 'counted', counterVar: param } : { kind: 'counted' };
      }
    }
  },
  jumpKind(node) {
    if (node.type === 'identifier') return node.text === 'continue' ? 'continue' : node.text === 'break' ? 'break' : undefined;
    // `return@repeat` / `return@forEach`: the lambda's round ends, the loop goes on.
    const label = node.type === 'return_expression' ? node.childForFieldName('label')?.text : undefined;
    return label && (REPEATING.test(label) || ITERATING.test(label)) ? 'continue' : undefined;
  },
  importModules: (node) => [node.text.replace(/^import\s+/, '').replace(/\s+as\s+\w+$/, '').replace(/[;\s]/g, '')],
};
