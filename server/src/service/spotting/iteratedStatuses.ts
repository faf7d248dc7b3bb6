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

const FOR_LOOP_TYPES = ['for_statement', 'for_in_statement', 'foreach_statement', 'for_each_statement', 'for_expression'];
const FOR_LOOPS = new Set(FOR_LOOP_TYPES);
const ROWS = /^(tuple|tuple_expression|list|array|array_expression|parenthesized_expression)$/;

/**
 * A test table of rows walked by a loop: `cases = [(502, True), (404, False)]` then `for status, retry in cases:`,
 * Rust `let cases = [(500, true), (400, false)]; for (status, retry) in cases { … }` — the literal's place in its row
 * picks the loop variable it is bound to, and that name says it is a status. The table may be written in the loop
 * (`for status, retry in [(500, True)]`) or bound to a local of the same function first.
 */
export function tableRowRole(literal: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): OccurrenceRole | undefined {
  const row = literal.parent;
  if (!row || !ROWS.test(row.type)) return undefined;
  const index = namedChildren(row).findIndex((c) => c.id === literal.id);
  const table = row.parent;
  if (index < 0 || !table || !/^(list|array|array_expression|tuple|tuple_expression|array_creation_expression)$/.test(table.type)) return undefined;
  const holder = table.parent;
  if (!holder) return undefined;
  // Jest/Vitest `it.each([[429, true], [400, false]])('…', (code, retry) => …)`: the row's place picks the parameter.
  const eachParam = eachParameter(holder, index, s, lastName);
  if (eachParam !== undefined) return STATUS_VARIABLE.test(eachParam) ? 'test-assert' : undefined;
  const loops: Node[] = [];
  if (FOR_LOOPS.has(holder.type) && iterableOf(holder)?.id === table.id) loops.push(holder);
  else {
    const name = boundName(holder, table);
    const scope = name ? enclosingScope(holder) : undefined;
    if (scope) for (const loop of scope.descendantsOfType(FOR_LOOP_TYPES)) if (loop && loop.startIndex > holder.endIndex && iterableOf(loop)?.text === name) loops.push(loop);
  }
  for (const loop of loops) {
    const pattern = loop.childForFieldName('left') ?? loop.childForFieldName('pattern');
    const parts = pattern ? namedChildren(pattern).filter((c) => /identifier/.test(c.type)) : [];
    const variable = parts.length > index ? parts[index].text : undefined;
    if (variable && STATUS_VARIABLE.test(variable)) return inTest(loop, s, lastName) ? 'test-assert' : 'constant';
  }
  return undefined;
}

function iterableOf(loop: Node): Node | null {
  return loop.childForFieldName('right') ?? loop.childForFieldName('value');
}

/** `cases = [...]`, `let cases = [...]`, `const cases = [...]`: the plain local the table is bound to. */
function boundName(holder: Node, table: Node): string | undefined {
  const target = holder.childForFieldName('left') ?? holder.childForFieldName('pattern') ?? holder.childForFieldName('name');
  const value = holder.childForFieldName('right') ?? holder.childForFieldName('value');
  return target && value?.id === table.id && /^identifier$/.test(target.type) ? target.text : undefined;
}

function enclosingScope(node: Node): Node | undefined {
  for (let up = node.parent; up; up = up.parent) if (/function|method|closure|lambda|module|source_file|program/.test(up.type)) return up;
  return undefined;
}

const EACH_TABLE = /^(it|test|describe|bench)\.(?:only\.|skip\.|concurrent\.)?each$/;

/** The name of the callback parameter at `index` when `args` are the arguments of `it.each(table)` and the call goes on. */
function eachParameter(args: Node, index: number, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): string | undefined {
  const call = args.parent;
  if (!call || args.type !== 'arguments' || !s.calls.has(call.type)) return undefined;
  const callee = s.callee(call);
  if (!callee || !EACH_TABLE.test(callee.text.replace(/\s+/g, ''))) return undefined;
  const outer = call.parent;
  if (!outer || !s.calls.has(outer.type) || s.callee(outer)?.id !== call.id) return undefined;
  const callback = s.callArguments(outer).find((a) => /function|arrow/.test(a.type));
  const params = callback?.childForFieldName('parameters') ?? callback?.childForFieldName('parameter');
  if (!params) return undefined;
  const names = /identifier/.test(params.type) ? [params] : namedChildren(params);
  const param = names[index];
  return param ? (lastName(param) ?? param.text) : undefined;
}
