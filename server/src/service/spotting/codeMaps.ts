import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { codeShape, hasErrorWord } from './codeShapes';

/*
 * An API's numbered error codes as the keys of a table of their messages: Last.fm's `$errorDescriptions = [29 => 'Rate
 * limit exceeded', …]`, a payment gateway's `ERRORS = {11: "…", 54: "…"}`. The table's name says its values describe
 * errors; its keys are then the codes the API answers with (a constant until a lookup reads them). String keys count
 * when shaped like codes (vendorCodes.ts decides): a form's `errors = {"email": "is invalid"}` names fields, not codes.
 * A retry table's string keys are codes it retries (`$retryMap = ['rateLimitExceeded' => self::TASK_RETRY_ALWAYS]`).
 */

/**
 * Names of a table from error codes to what they mean (lower-cased, without separators): `ERRORS`, `errorMessages`,
 * `ERROR_TYPE_MAPPING`, `errorCodeMap`.
 */
const CODE_MAP_NAME = /(error|err)(s|codes?|descriptions?|messages?|msgs?|texts?|map|table|names?)$|(error|err)(codes?|types?)(maps?|mappings?|table|lookup)$/;
/** Names of a table of what a retry retries, and how: `$retryMap`, `RETRYABLE_ERRORS`, `retry_policy` (lower-cased, no separators). */
const RETRY_MAP_NAME = /^(retry|retriable|retryable)(map|table|codes|errors|reasons|policy|policies|rules)?$/;
/** Map literals the collections do not list: Python's dict, JavaScript's object, Ruby's hash, Go's literal value. */
const MAPS = /^(dictionary|object|hash|literal_value)$/;
/** Nodes between a table and the name it is given: Go's one-value list, a parenthesised value. */
const BETWEEN = /^(expression_list|parenthesized_expression|composite_literal|as_expression|satisfies_expression)$/;

/**
 * The role of a code that is the key of `pair` (a number, or a string the caller found code-shaped: Google's
 * `$element_errors = ['ZERO_RESULTS' => __('No route…')]`), or undefined when the pair's table is not one of error messages.
 */
export function codeMapKeyRole(pair: Node, key: Node, reader: ExpressionReader, s: SyntaxAdapter): OccurrenceRole | undefined {
  let table = pair.parent;
  if (!table || !(s.collections.has(table.type) || MAPS.test(table.type))) return undefined;
  let holder = table.parent;
  // (Ruby freezes a constant table: `ERRORS = { … }.freeze`.)
  while (holder && (BETWEEN.test(holder.type) || (holder.type === 'call' && /\.\s*freeze$/.test(holder.text)))) {
    table = holder;
    holder = holder.parent;
  }
  if (!holder || !s.assignments.has(holder.type)) return undefined;
  const target = s.assignTarget(holder);
  if (!target || target.id === table.id) return undefined;
  const name = (reader.lastName(target) ?? target.text).toLowerCase().replace(/[_$]/g, '');
  // A retry table's keys are what it retries, whatever the values say (`'rateLimitExceeded' => self::RETRY_ALWAYS`);
  // its numbers may be another scheme's (curl's errno 28), so only strings.
  if (RETRY_MAP_NAME.test(name)) return s.strings.has(key.type) ? 'retry-config' : undefined;
  // The value is a message: a string, or one given to a translation call (`__('Unknown error.', 'domain')`).
  const value = s.pairValue(pair);
  const message = value && (s.calls.has(value.type) ? s.callArguments(value)[0] : value);
  if (!message || !s.strings.has(message.type)) return undefined;
  return CODE_MAP_NAME.test(name) ? 'constant' : undefined;
}

/** A map literal given to a name (a cheap text pass): `ERROR_TYPES = {`, `const ERROR_TYPE_MAPPING: Record<…> = {`. */
const MAP_OPEN = /([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n;{]*)?=[ \t]*\{/g;
/** What every match of MAP_OPEN ends with. */
const ASSIGNED_BRACE = /=[ \t]*\{/g;

/**
 * The matches of MAP_OPEN in `text` (name, start, length), read only on the lines that have an `= {`: a match never
 * crosses a line and has no anchor or look-around, so each line reads alone as in the whole text. (MAP_OPEN tried at
 * every letter of every name is what a file-wide pass cost.)
 */
function mapOpenings(text: string): Array<{ name: string; index: number; length: number }> {
  const found: Array<{ name: string; index: number; length: number }> = [];
  ASSIGNED_BRACE.lastIndex = 0;
  for (let c = ASSIGNED_BRACE.exec(text); c; c = ASSIGNED_BRACE.exec(text)) {
    const lineStart = text.lastIndexOf('\n', c.index) + 1;
    const newline = text.indexOf('\n', c.index);
    const lineEnd = newline < 0 ? text.length : newline;
    for (const m of text.slice(lineStart, lineEnd).matchAll(MAP_OPEN)) found.push({ name: m[1], index: lineStart + m.index, length: m[0].length });
    ASSIGNED_BRACE.lastIndex = lineEnd;
  }
  return found;
}
/** Keys written as bare words: JavaScript's `rate_limit_error:` (a `property_identifier`), Ruby's `rate_limited:` symbol. */
const BARE_KEYS = new Set(['property_identifier', 'hash_key_symbol']);

export interface CodeKeySite {
  start: number;
  end: number;
  code: string;
  role: OccurrenceRole;
}

/**
 * The bare-word keys of a table named for error codes (`const ERROR_TYPE_MAPPING = { rate_limit_error: "RateLimitError" }`,
 * Ruby `ERRORS = { quota_exceeded: "…" }`): codes when shaped like one with an error word in it (`rate_limit_error`,
 * `QUOTA_EXCEEDED`), as the quoted keys of such a table are (the string scan of vendorCodes.ts reads those).
 */
export function scanBareCodeKeys(
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  taken: (start: number) => boolean,
  found: (site: CodeKeySite) => boolean,
): void {
  for (const m of mapOpenings(text)) {
    if (!CODE_MAP_NAME.test(m.name.toLowerCase().replace(/[_$]/g, ''))) continue;
    const open = m.index + m.length - 1;
    const table = root.descendantForIndex(open, open + 1)?.parent;
    if (!table || table.startIndex !== open || table.startIndex >= to || table.endIndex <= from) continue;
    for (const pair of namedChildren(table)) {
      const key = pair.namedChild(0);
      if (!s.pairs.has(pair.type) || !key || !BARE_KEYS.has(key.type) || key.startIndex < from || key.startIndex >= to || taken(key.startIndex)) continue;
      const token = key.text.replace(/^:/, '');
      const shape = codeShape(token);
      if (!shape || !hasErrorWord(token) || !(shape === 'snake' || shape === 'camel' || shape === 'upper')) continue;
      // `ErrorCodes = { EXPIRED: 'token_expired' }`: a constant's name over the code it holds (errorEnums.ts reads the value).
      const value = s.pairValue(pair);
      const held = value && s.strings.has(value.type) ? s.stringContent(value)?.text ?? '' : '';
      if (shape === 'upper' && /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(held)) continue;
      const role = codeMapKeyRole(pair, key, reader, s);
      if (role && !found({ start: key.endIndex - token.length, end: key.endIndex, code: token, role })) return;
    }
  }
}
