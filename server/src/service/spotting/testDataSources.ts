import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { parameterUses, parametersOf } from './helperParameters';

/*
 * Values a test framework hands to a test, one case at a time: xUnit/NUnit/MSTest `[InlineData(429)]`,
 * `[TestCase(503)]`, `[DataRow(502)]` on the method; JUnit `@ValueSource(ints = {429, 502, 503})`; Jest/Vitest
 * `it.each([429, 502, 503])('…', (code) => …)`. The value becomes the test's parameter at its place; whether it is a
 * status is for that parameter to say (its name, or what the test does with it), not for the number alone.
 */

/** The test that receives a value, and the place of the parameter it is bound to. */
export interface TestDataTarget {
  fn: Node;
  position: number;
}

/** .NET attributes whose arguments are one test case's parameters, in order. */
const CASE_ATTRIBUTE = /^(InlineData|InlineAutoData|TestCase|DataRow|Arguments)$/;
/** JUnit 5 sources of single values for a one-parameter test. */
const VALUE_SOURCE = /^ValueSource$/;
const EACH_CALL = /^(it|test|describe|bench)\.(?:only\.|skip\.|concurrent\.)?each$/;
const FUNCTION_TYPES = /^(method_declaration|function_declaration|local_function_statement)$/;

/**
 * The test parameter `literal` is bound to when it is written in a test-data source: `call` is the attribute,
 * annotation or `each` call holding it, `name` its name and `index` the argument holding the literal.
 */
export function testDataTarget(literal: Node, call: Node, name: string, index: number, s: SyntaxAdapter): TestDataTarget | undefined {
  // (Asked for every status literal handed to a call: the name decides before any node is read.)
  const caseAttribute = CASE_ATTRIBUTE.test(name) && call.type === 'attribute';
  const valueSource = VALUE_SOURCE.test(name) && call.type === 'annotation';
  if (!caseAttribute && !valueSource && name !== 'each') return undefined;
  const args = s.callArguments(call);
  if (index < 0 || index >= args.length) return undefined;
  if (caseAttribute) {
    if (unwrapped(args[index], s)?.id !== literal.id) return undefined;
    const fn = attributedMethod(call);
    return fn ? { fn, position: index } : undefined;
  }
  if (valueSource) {
    // `@ValueSource(ints = {429, 503})`: every element is the one parameter's value.
    const list = literal.parent;
    if (!list || !/array_initializer/.test(list.type)) return undefined;
    const fn = annotatedMethod(call);
    return fn ? { fn, position: 0 } : undefined;
  }
  const callee = s.callee(call);
  if (callee && EACH_CALL.test(callee.text.replace(/\s+/g, ''))) {
    // `it.each([429, 503])(title, (code) => …)`: a flat list, each element the callback's first parameter.
    const list = literal.parent;
    if (!list || list.type !== 'array' || args[index].id !== list.id) return undefined;
    const outer = call.parent;
    if (!outer || !s.calls.has(outer.type) || s.callee(outer)?.id !== call.id) return undefined;
    const fn = s.callArguments(outer).find((a) => /function|arrow/.test(a.type));
    return fn ? { fn, position: 0 } : undefined;
  }
  return undefined;
}

/** The parameter a target names, and its uses in the test's body (at most a few). */
export function targetParameter(target: TestDataTarget): { name: string; uses: Node[] } | undefined {
  const param = parametersOf(target.fn)[target.position];
  return param ? { name: param.text, uses: parameterUses(target.fn, param.text) } : undefined;
}

function unwrapped(argument: Node, s: SyntaxAdapter): Node | undefined {
  let node: Node | undefined = argument;
  while (node && !s.numbers.has(node.type) && namedChildren(node).length === 1) node = namedChildren(node)[0];
  return node;
}

/** C#: `[InlineData(429)] public async Task Retries(int status)` — the attribute list's method. */
function attributedMethod(attribute: Node): Node | undefined {
  const list = attribute.parent;
  const fn = list?.type === 'attribute_list' ? list.parent : undefined;
  return fn && FUNCTION_TYPES.test(fn.type) ? fn : undefined;
}

/** Java: `@ValueSource(ints = {…}) void retries(int status)` — the annotation sits in the method's modifiers. */
function annotatedMethod(annotation: Node): Node | undefined {
  const modifiers = annotation.parent;
  const fn = modifiers?.type === 'modifiers' ? modifiers.parent : undefined;
  return fn && FUNCTION_TYPES.test(fn.type) ? fn : undefined;
}
