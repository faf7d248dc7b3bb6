import type { Node } from 'web-tree-sitter';
import { namesReasonPhrase } from './reasonPhraseNames';
import { phraseBeginsWithOwn } from './reasonPhraseSearches';
import { EXCEPTION_CLASS, MAP_ENTRIES, namesErrorClass } from './statusTables';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/*
 * A table a project keys by status, in whichever form its language writes one: a map literal (`{404: NotFound}`, PHP
 * `[429 => RateLimitException::class]`), Kotlin `mapOf(429 to "Slow down")`, Java `Map.of(401, "…", 429, "…")` and
 * `Map.entry(…)`, C# `{ [429] = "…" }` and `{ { 404, "…" } }`, a list of pairs (`[[202, "already done"], [503, "…"]]`,
 * Rust `&[(429, "…")]`). Its keys are statuses when the rows say so together: one row whose value names its own status
 * (an error class, a constant or a message named for it: `429: TooManyRequests`, `[503, "Service unavailable"]`) vouches
 * for the rest (`429: Throttled` beside `404: NotFound`), as do three rows of messages or a table named for statuses or
 * errors. Two numbers with words beside them (`{100: "small", 500: "large"}`) are no such table.
 */

export interface TableRow {
  key: Node;
  value: Node;
}

/** Java/Kotlin map builders whose arguments are the rows. */
const MAP_BUILDER = /^(mapOf|mutableMapOf|hashMapOf|linkedMapOf|sortedMapOf|persistentMapOf|of|ofEntries|entries|entry|immutableEntry|Pair|pair|SimpleEntry|SimpleImmutableEntry|KeyValuePair|tuple|to)$/;
/** Names of a table of statuses or their errors: `ERROR_MESSAGES`, `statusText`, `HTTP_ERRORS`, `responseReasons`. */
const TABLE_NAME = /status|http|errors?$|err(or)?s?_?(map|table|messages?|by|for|classes|types)|reason|response/i;
const STATUS_KEY = /^[1-5]\d\d$/;

/** True when `literal` (a number) keys a row of a table whose rows say they are keyed by status. */
export function keysStatusTable(literal: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): boolean {
  if (!STATUS_KEY.test(literal.text)) return false;
  const table = tableOf(literal, s);
  if (!table || table.rows.length < 2) return false;
  if (table.rows.some((r) => !STATUS_KEY.test(r.key.text) || !s.numbers.has(r.key.type))) return false;
  if (table.rows.some((r) => vouches(r, s, lastName))) return true;
  const messages = table.rows.every((r) => s.strings.has(r.value.type));
  // (A list of pairs is a list of anything, `[(100, "small"), (200, "medium"), (300, "large")]`: it needs a row's word.)
  if (messages && table.rows.length >= 3 && !table.pairs) return true;
  const classes = table.rows.every((r) => errorClassName(r.value, lastName) !== undefined);
  return (messages || classes) && table.name !== undefined && TABLE_NAME.test(table.name);
}

/** The row's value names the status it is keyed by: an error class, a constant named for the status, its phrase. */
function vouches(row: TableRow, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): boolean {
  const name = errorClassName(row.value, lastName);
  if (name !== undefined && (EXCEPTION_CLASS.test(name) || /^Err[A-Z]/.test(name) || namesReasonPhrase(name, row.key.text))) return true;
  if (s.strings.has(row.value.type)) return phraseBeginsWithOwn(row.key.text, s.stringContent(row.value)?.text ?? '');
  return namesErrorClass(row.value, s, lastName);
}

/** The class or constant a value names: `NotFound`, `errors.RateLimited`, PHP `X::class`, Java `X.class`, Kotlin `X::class`. */
function errorClassName(value: Node, lastName: (n: Node | null) => string | undefined): string | undefined {
  const text = value.text.replace(/\s+/g, '');
  const classLiteral = /^(?:[\w\\]+[.\\:])*?([A-Z]\w*)(?:::class(?:\.java)?|\.class)$/.exec(text);
  if (classLiteral) return classLiteral[1];
  if (!/^[A-Za-z_][\w.:]*$/.test(text)) return undefined;
  const name = lastName(value);
  return name && /^[A-Z]/.test(name) ? name : undefined;
}

/** The table `literal` keys a row of, with its rows and the name it is given; undefined when it keys none. */
function tableOf(literal: Node, s: SyntaxAdapter): { rows: TableRow[]; name?: string; pairs?: boolean } | undefined {
  let key = literal;
  while (key.parent && s.transparent.has(key.parent.type) && key.parent.type !== 'argument_list' && key.parent.type !== 'arguments') key = key.parent;
  // (Go wraps a keyed element's key in a `literal_element`.)
  if (key.parent?.type === 'literal_element' && key.parent.parent?.type === 'keyed_element') key = key.parent;
  const parent = key.parent;
  if (!parent) return undefined;
  // A map literal's entry: `{404: NotFound}`, PHP `400 => X::class`, Ruby `429 => :throttled`, Go `429: ErrX`.
  const entered = MAP_ENTRIES.has(parent.type) ? entryKey(parent, s) : null;
  if (entered && entered.startIndex === key.startIndex && entered.endIndex === key.endIndex && s.pairValue(parent)) {
    const map = parent.parent;
    return map ? withName({ rows: rowsOfMap(map, s) }, map, s) : undefined;
  }
  // Kotlin `429 to "Slow down"` among a call's arguments.
  if (parent.type === 'infix_expression' && parent.namedChild(0)?.id === key.id && parent.namedChild(1)?.text === 'to') {
    const call = enclosingCall(parent, s);
    return call ? withName({ rows: s.callArguments(call).map((a) => infixPair(a)).filter((r): r is TableRow => !!r) }, call, s) : undefined;
  }
  // C# `{ [429] = "…" }` and `{ { 404, "…" } }`.
  if (parent.type === 'argument' && parent.parent?.type === 'element_binding_expression') {
    const assignment = parent.parent.parent;
    const initializer = assignment?.type === 'assignment_expression' ? assignment.parent : undefined;
    return initializer?.type === 'initializer_expression' ? withName({ rows: namedChildren(initializer).map(bindingPair).filter((r): r is TableRow => !!r) }, initializer, s) : undefined;
  }
  if (parent.type === 'initializer_expression' && namedChildren(parent).length === 2 && namedChildren(parent)[0].id === key.id && parent.parent?.type === 'initializer_expression') {
    const outer = parent.parent;
    return withName({ rows: namedChildren(outer).map((row) => listPair(row, s)).filter((r): r is TableRow => !!r) }, outer, s);
  }
  // A list of pairs: `[[202, "…"], [503, "…"]]`, `((429, "…"), …)`, Rust `[(429, "…")]`, `new Map([[429, '…']])`.
  const pair = listPair(parent, s);
  if (pair && pair.key.id === key.id) {
    const list = parent.type === 'array_element_initializer' ? parent.parent?.parent : parent.parent;
    if (!list || !(s.collections.has(list.type) || /^(array_expression|array_creation_expression)$/.test(list.type))) return undefined;
    const rows = namedChildren(list).map((row) => listPair(row.type === 'array_element_initializer' ? row.namedChild(0) ?? row : row, s));
    return rows.every((r) => r) ? withName({ rows: rows as TableRow[], pairs: true }, list, s) : undefined;
  }
  // Java `Map.of(401, "…", 429, "…")`: keys at the even places of a map builder's arguments.
  const call = parent.type === 'argument_list' ? parent.parent : undefined;
  if (call && s.calls.has(call.type) && /^(Map|ImmutableMap)\.of$/.test(calleeText(call, s))) {
    const args = s.callArguments(call);
    const rows: TableRow[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) rows.push({ key: args[i], value: args[i + 1] });
    return args.length % 2 === 0 && rows.some((r) => r.key.id === key.id) ? withName({ rows }, call, s) : undefined;
  }
  // Java `Map.entry(404, "…")` among `Map.ofEntries(…)`.
  if (call && s.calls.has(call.type) && MAP_BUILDER.test(calleeText(call, s).split('.').pop() ?? '') && s.callArguments(call).length === 2 && s.callArguments(call)[0].id === key.id) {
    const builder = enclosingCall(call, s);
    const rows = builder ? s.callArguments(builder).map((a) => (s.calls.has(a.type) && s.callArguments(a).length === 2 ? { key: s.callArguments(a)[0], value: s.callArguments(a)[1] } : undefined)) : [];
    return builder && rows.every((r) => r) ? withName({ rows: rows as TableRow[] }, builder, s) : undefined;
  }
  return undefined;
}

function entryKey(entry: Node, s: SyntaxAdapter): Node | null {
  const key = entry.childForFieldName('key') ?? entry.namedChild(0);
  // (Go wraps a keyed element's key in a `literal_element`.)
  return key && s.transparent.has(key.type) ? key.namedChild(0) : key;
}

function rowsOfMap(map: Node, s: SyntaxAdapter): TableRow[] {
  const rows: TableRow[] = [];
  for (const entry of namedChildren(map)) {
    if (entry.type === 'comment') continue;
    const key = MAP_ENTRIES.has(entry.type) ? entryKey(entry, s) : null;
    const value = MAP_ENTRIES.has(entry.type) ? s.pairValue(entry) : null;
    if (!key || !value) return [];
    rows.push({ key: key.type === 'literal_element' ? key.namedChild(0) ?? key : key, value: value.type === 'literal_element' ? value.namedChild(0) ?? value : value });
  }
  return rows;
}

function infixPair(arg: Node): TableRow | undefined {
  const infix = arg.type === 'value_argument' ? arg.namedChild(0) : arg;
  if (infix?.type !== 'infix_expression' || infix.namedChild(1)?.text !== 'to') return undefined;
  const key = infix.namedChild(0);
  const value = infix.namedChild(2);
  return key && value ? { key, value } : undefined;
}

function bindingPair(assignment: Node): TableRow | undefined {
  if (assignment.type !== 'assignment_expression') return undefined;
  const [binding, value] = namedChildren(assignment);
  const key = binding?.type === 'element_binding_expression' ? binding.namedChild(0)?.namedChild(0) : undefined;
  return key && value ? { key, value } : undefined;
}

/** A two-element list, tuple or initializer: `[202, "…"]`, `(429, "…")`, PHP `[202, '…']`, C# `{ 404, "…" }`. */
function listPair(row: Node, s: SyntaxAdapter): TableRow | undefined {
  if (!(s.collections.has(row.type) || /^(tuple_expression|initializer_expression|array_creation_expression|array|list|tuple)$/.test(row.type))) return undefined;
  const items = namedChildren(row).map((n) => (n.type === 'array_element_initializer' ? n.namedChild(0) : n)).filter((n): n is Node => !!n && n.type !== 'comment');
  return items.length === 2 ? { key: items[0], value: items[1] } : undefined;
}

/** A call's callee as written, with the object of a Java method call: `Map.of`, `Map.entry`. */
function calleeText(call: Node, s: SyntaxAdapter): string {
  const object = call.type === 'method_invocation' ? call.childForFieldName('object') : null;
  const callee = s.callee(call)?.text ?? '';
  return (object ? `${object.text}.${callee}` : callee).replace(/\s+/g, '');
}

function enclosingCall(node: Node, s: SyntaxAdapter): Node | undefined {
  for (let up = node.parent, depth = 0; up && depth < 4; up = up.parent, depth++) if (s.calls.has(up.type)) return up;
  return undefined;
}

/** The table with the name it is assigned to (through a wrapping call: `new Map([...])`, `Map.of(...)`, `.freeze`). */
function withName<T extends { rows: TableRow[] }>(table: T, node: Node, s: SyntaxAdapter): T & { name?: string } {
  let up: Node | null = node;
  for (let depth = 0; up && depth < 5; depth++, up = up.parent) {
    const holder: Node | null = up.parent;
    if (!holder) break;
    if (s.assignments.has(holder.type) || /^(variable_declarator|property_declaration|const_element|const_item|static_item|let_declaration)$/.test(holder.type)) {
      const target = s.assignments.has(holder.type) ? s.assignTarget(holder) : holder.childForFieldName('name') ?? holder.namedChild(0);
      const name = target?.text.replace(/^\$/, '');
      return name && name.length < 80 ? { ...table, name } : table;
    }
  }
  return table;
}
