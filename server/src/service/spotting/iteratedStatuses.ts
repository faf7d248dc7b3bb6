import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/**
 * Statuses a loop or a test table walks through: `for status in (429, 503):`, `for (const code of [500, 502])`,
 * Go `for _, code := range []int{429, 503}`, Ruby `[429, 503].each do |error_code|`, `[500, 502].forEach((status) =>`,
 * pytest `@pytest.mark.parametrize("status_code", [429, 503])`. The name the value is bound to says it is a status;
 * inside a test (a `test…` function, an RSpec/Jest block, a parametrize) the list drives the test's cases.
 */
const STATUS_VARIABLE = /^(status|status_?code|http_?status|http_?code|response_?code|code|error_?code|statusCode|errorCode)s?\d?$/i;
const EACH = /^(each|forEach|for_each|each_with_index|map|flatMap)$/;
const TEST_BLOCK = /^(it|test|describe|context|specify|scenario|feature)$/;
const TEST_FUNCTION = /^(test|Test)|_test$|Test$|Tests$/;

/** The role of a status in `collection` when `parent` iterates it, or undefined. */
export function iteratedStatusRole(collection: Node, parent: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): OccurrenceRole | undefined {
  const variable = boundVariable(collection, parent, s, lastName);
  if (variable === undefined) return undefined;
  if (variable === 'parametrize') return 'test-assert';
  if (!STATUS_VARIABLE.test(variable)) return undefined;
  return inTest(parent, s, lastName) ? 'test-assert' : 'constant';
}

function boundVariable(collection: Node, parent: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): string | undefined {
  // Python `for x in (…)`, JS `for (const x of […])`, C# `foreach (var x in new[] {…})`
  if (/^(for_statement|for_in_statement|foreach_statement|for_each_statement)$/.test(parent.type)) {
    const right = parent.childForFieldName('right') ?? parent.childForFieldName('value');
    if (right?.id !== collection.id) return undefined;
    const left = parent.childForFieldName('left');
    return left ? lastIdentifier(left) : undefined;
  }
  // Go `for _, code := range []int{…}`
  if (parent.type === 'range_clause' && parent.childForFieldName('right')?.id === collection.id) {
    const left = parent.childForFieldName('left');
    return left ? lastIdentifier(left) : undefined;
  }
  // `[…].each do |code|`, `[…].forEach((status) => …)`: the collection is the receiver of an iterating call.
  const call = s.members.has(parent.type) ? parent.parent : parent;
  if (call && s.calls.has(call.type) && EACH.test(lastName(s.callee(call)) ?? '') && receiverIs(call, collection, s)) {
    const block = namedChildren(call).find((c) => /block|lambda|closure/.test(c.type)) ?? s.callArguments(call).find((a) => /function|lambda|arrow/.test(a.type));
    const params = block && namedChildren(block).find((c) => /parameters|formal_parameters|block_parameters/.test(c.type));
    const first = params ? namedChildren(params)[0] : block?.childForFieldName('parameter');
    return first ? lastIdentifier(first) : undefined;
  }
  // pytest `@pytest.mark.parametrize("status_code", [429, 503])`
  if (s.calls.has(parent.type) && lastName(s.callee(parent)) === 'parametrize') {
    const names = s.callArguments(parent)[0]?.text ?? '';
    return /status|code/i.test(names) ? 'parametrize' : undefined;
  }
  return undefined;
}

function receiverIs(call: Node, collection: Node, s: SyntaxAdapter): boolean {
  const callee = s.callee(call);
  const object = callee && s.members.has(callee.type) ? s.memberParts(callee)?.object : call.childForFieldName('receiver');
  return object?.id === collection.id;
}

function lastIdentifier(node: Node): string | undefined {
  if (/identifier/.test(node.type)) return node.text;
  const ids = node.descendantsOfType(['identifier', 'simple_identifier']).filter((n): n is Node => n !== null);
  return ids.length ? ids[ids.length - 1].text : undefined;
}

/** Inside a test: a function named `test…`, or an RSpec/Jest block (`it "…" do`, `describe(…, () => …)`). */
function inTest(node: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): boolean {
  for (let up: Node | null = node; up; up = up.parent) {
    const name = up.childForFieldName('name')?.text;
    if (name && /function|method/.test(up.type) && TEST_FUNCTION.test(name)) return true;
    if (s.calls.has(up.type) && TEST_BLOCK.test(lastName(s.callee(up)) ?? (up.childForFieldName('method')?.text ?? ''))) return true;
  }
  return false;
}
