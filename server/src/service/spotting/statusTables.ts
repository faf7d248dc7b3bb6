import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { namedChildren, type SyntaxAdapter } from './syntaxAdapter';

/*
 * Maps, records and lists a status stands in: a table keyed by status (`{404: NotFound}`, `{400: "Bad request"}`),
 * a record with a `code` key, a status paired with its phrase, Rack's `[status, headers, body]`.
 */

/** Map entry node types whose key may be a code (JS/Python `pair`, Go `keyed_element`, PHP `500 => …`). */
export const MAP_ENTRIES = new Set(['pair', 'keyed_element', 'array_element_initializer']);
/** Map literals whose keys are read as their elements. */
export const MAP_LITERALS = new Set(['dictionary', 'object', 'array_creation_expression', 'hash']);
/** Values of a status → exception table: `NotFound`, `errors.RateLimitError`, `ServerError`. */
/** (A class name may start with a lower-case prefix, as generated clients name theirs: `freshdeskBadRequestError`.) */
export const EXCEPTION_CLASS = /^(?=[A-Z]|[a-z][a-z0-9]*[A-Z])\w*(Error|Exception|Fault|NotFound|Conflict|Forbidden|Unauthorized|Redirect|TooLarge|TooLong|Unavailable|BadRequest)$/;

/** A record naming the error a status raises: `{"raise_exception": BadRequestError, "message": "…"}`. */
export function namesErrorClass(record: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): boolean {
  if (!/^(dictionary|object|hash|array_creation_expression|map_literal)$/.test(record.type)) return false;
  return namedChildren(record).some((entry) => MAP_ENTRIES.has(entry.type) && EXCEPTION_CLASS.test(lastName(s.pairValue(entry)) ?? ''));
}

/**
 * A map literal whose every key is a number of the status range (at least three of them) and whose every value is
 * a string: a table of messages keyed by status. (A lookup of sizes or thresholds has keys past 599 or values
 * that are not text.)
 */
export function isStatusMessageTable(map: Node, s: SyntaxAdapter): boolean {
  let rows = 0;
  for (const entry of namedChildren(map)) {
    if (entry.type === 'comment') continue;
    if (!MAP_ENTRIES.has(entry.type)) return false;
    const key = entry.childForFieldName('key') ?? entry.namedChild(0);
    const value = s.pairValue(entry);
    // (Ruby may name each status's reason with a symbol: `{ 401 => :incorrect_auth, 404 => :repo_not_found }`.)
    if (!key || !value || !/^[1-5]\d\d$/.test(key.text) || !(s.strings.has(value.type) || value.type === 'simple_symbol')) return false;
    rows++;
  }
  return rows >= 3;
}

/** `[429, "Too Many Requests"]`: a two-element list of the status (`literal`, first) and a string. */
export function statusWithPhrase(list: Node, literal: Node, s: SyntaxAdapter): boolean {
  const items = namedChildren(list);
  return items.length === 2 && items[0].startIndex <= literal.startIndex && literal.endIndex <= items[0].endIndex && s.strings.has(items[1].type);
}

/** Ruby's Rack response triple: `[status, headers, body]` with the literal first and a headers hash (or a name saying headers) second. */
export function isRackTriple(list: Node, literal: Node): boolean {
  if (list.type !== 'array') return false;
  const parts = namedChildren(list);
  if (parts.length !== 3 || parts[0].id !== literal.id) return false;
  const headers = parts[1];
  return headers.type === 'hash' || (headers.type === 'identifier' && /headers?$/i.test(headers.text));
}

/**
 * `{code: 429}` means a status only beside status-ish siblings (an error's message, or the response it describes:
 * `{resp: body, code: 200}`) or inside a status setter call. In a table of such records (a test's cases), one row
 * that says so says it for the column: `{resp: "{}", code: 200}` beside `{resp: "…", code: 404, err: "…"}`.
 */
export function codeKeyRole(pair: Node, s: SyntaxAdapter): OccurrenceRole | undefined {
  const object = pair.parent;
  if (!object) return undefined;
  if (describesStatus(object, s)) return 'server-sets';
  const key = s.pairName(pair);
  const row = tableRowOf(object);
  if (!row || !key) return undefined;
  const rows = namedChildren(row.table).map((r) => tableRecord(r, s)).filter((r): r is Node => !!r);
  return rows.some((r) => r.id !== object.id && namedChildren(r).some((p) => s.pairName(p) === key) && describesStatus(r, s)) ? 'server-sets' : undefined;
}

function describesStatus(object: Node, s: SyntaxAdapter): boolean {
  const siblings = namedChildren(object).map((n) => s.pairName(n) ?? '');
  return siblings.some((n) => /^(message|error|err|msg|detail|description|resp|response|body|response_?body)$/i.test(n));
}

/** The list of records `object` is one row of (a Go `literal_value` element, a JS/Python list of objects). */
function tableRowOf(object: Node): { table: Node } | undefined {
  let up = object.parent;
  if (up?.type === 'literal_element') up = up.parent;
  return up && /^(literal_value|array|list|array_initializer|collection_expression)$/.test(up.type) ? { table: up } : undefined;
}

/** The record a row of such a list holds. */
function tableRecord(row: Node, s: SyntaxAdapter): Node | undefined {
  const inner = row.type === 'literal_element' ? row.namedChild(0) : row;
  return inner && namedChildren(inner).some((p) => s.pairs.has(p.type)) ? inner : undefined;
}
