import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';

/*
 * An API's numbered error codes as the keys of a table of their messages: Last.fm's `$errorDescriptions = [29 => 'Rate
 * limit exceeded', …]`, a payment gateway's `ERRORS = {11: "…", 54: "…"}`. The table's name says its values describe
 * errors; its keys are then the codes the API answers with (a constant until a lookup reads them). String keys count
 * when shaped like codes (vendorCodes.ts decides): a form's `errors = {"email": "is invalid"}` names fields, not codes.
 * A retry table's string keys are codes it retries (`$retryMap = ['rateLimitExceeded' => self::TASK_RETRY_ALWAYS]`).
 */

/** Names of a table from error codes to what they mean (lower-cased, without separators). */
const CODE_MAP_NAME = /(error|err)(s|codes?|descriptions?|messages?|msgs?|texts?|map|table|names?)$/;
/** Names of a table of what a retry retries, and how: `$retryMap`, `RETRYABLE_ERRORS`, `retry_policy` (lower-cased, no separators). */
const RETRY_MAP_NAME = /^(retry|retriable|retryable)(map|table|codes|errors|reasons|policy|policies|rules)?$/;
/** Map literals the collections do not list: Python's dict, JavaScript's object, Ruby's hash, Go's literal value. */
const MAPS = /^(dictionary|object|hash|literal_value)$/;
/** Nodes between a table and the name it is given: Go's one-value list, a parenthesised value. */
const BETWEEN = /^(expression_list|parenthesized_expression|composite_literal)$/;

/**
 * The role of a code that is the key of `pair` (a number, or a string the caller found code-shaped: Google's
 * `$element_errors = ['ZERO_RESULTS' => __('No route…')]`), or undefined when the pair's table is not one of error messages.
 */
export function codeMapKeyRole(pair: Node, key: Node, reader: ExpressionReader, s: SyntaxAdapter): OccurrenceRole | undefined {
  let table = pair.parent;
  if (!table || !(s.collections.has(table.type) || MAPS.test(table.type))) return undefined;
  let holder = table.parent;
  while (holder && BETWEEN.test(holder.type)) {
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
