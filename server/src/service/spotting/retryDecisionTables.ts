import type { Node } from 'web-tree-sitter';
import { MAP_ENTRIES } from './statusTables';
import { namedChildren, type SyntaxAdapter } from './syntaxAdapter';

/*
 * A table deciding what a client does about each failure, keyed by status or by exception class, with values that
 * name the decision: `{429: Resolution(action=Action.RETRY), 404: Resolution(action=Action.IGNORE)}`, Go
 * `map[int]Decision{429: Retry, 502: Retry, 404: Fail}`, `{ 503: 'retry', 400: 'fail' }`,
 * `{ConnectTimeout: RETRY, InvalidURL: FAIL}`. Every key of such a table configures the retry (the ones it does not
 * retry too: the table is where that is decided). A lookup of delays (`{1: 200, 2: 400}`) names no retry and a table
 * of retry delays by attempt (`{100: retry_after(1), 200: …}`) has no client- or server-error keys, so neither counts.
 */

/** A value that names a retry decision: `Action.RETRY`, `'retry'`, `Retry`, `retryable=True`, `ShouldRetry`. */
const NAMES_RETRY = /retr(y|ies|iable|yable)/i;
/** A key that is a status number. */
const STATUS_KEY = /^[1-5]\d\d$/;
/** A key that is a failure status (what a decision table is about). */
const FAILURE_STATUS_KEY = /^[45]\d\d$/;
/** A key that names a class: `InvalidURL`, `requests.exceptions.ConnectTimeout`, `Faraday::TimeoutError`. */
const CLASS_KEY = /^(?:[A-Za-z_]\w*(?:\.|::))*[A-Z]\w*$/;
/** Values read past this length are not looked at further (a long record is read by its start). */
const VALUE_TEXT = 300;

const decided = new WeakMap<Node['tree'], Map<number, boolean>>();

/**
 * True when `table` (a map literal) is a retry decision table: at least two keys, every key a status number or a class
 * name, at least two failure statuses or class names among them, and at least one value naming a retry.
 */
export function isRetryDecisionTable(table: Node, s: SyntaxAdapter): boolean {
  let known = decided.get(table.tree);
  if (!known) decided.set(table.tree, (known = new Map()));
  const cached = known.get(table.startIndex);
  if (cached !== undefined) return cached;
  const answer = decide(table, s);
  known.set(table.startIndex, answer);
  return answer;
}

function decide(table: Node, s: SyntaxAdapter): boolean {
  let failures = 0;
  let retried = false;
  let rows = 0;
  for (const entry of namedChildren(table)) {
    if (entry.type === 'comment') continue;
    if (!MAP_ENTRIES.has(entry.type)) return false;
    const key = entry.childForFieldName('key') ?? entry.namedChild(0);
    const value = s.pairValue(entry);
    if (!key || !value) return false;
    const keyText = key.text.trim();
    if (FAILURE_STATUS_KEY.test(keyText) || (!STATUS_KEY.test(keyText) && CLASS_KEY.test(keyText))) failures++;
    else if (!STATUS_KEY.test(keyText)) return false;
    if (NAMES_RETRY.test(value.text.slice(0, VALUE_TEXT))) retried = true;
    rows++;
  }
  return rows >= 2 && failures >= 2 && retried;
}

/** True when the row whose key is `key` (a key `tableOfKey` accepted) names a retry in its value. */
export function rowRetries(key: Node): boolean {
  const entry = key.parent?.type === 'literal_element' ? key.parent.parent : key.parent;
  const value = entry?.namedChild(entry.namedChildCount - 1);
  return value !== null && value !== undefined && NAMES_RETRY.test(value.text.slice(0, VALUE_TEXT));
}

/** The map literal a key node stands in, when it is the key of one of its entries (Go wraps keys in `literal_element`). */
export function tableOfKey(key: Node, s: SyntaxAdapter): Node | undefined {
  let at = key;
  if (at.parent?.type === 'literal_element') at = at.parent;
  const entry = at.parent;
  if (!entry || !MAP_ENTRIES.has(entry.type) || s.pairValue(entry)?.id === at.id) return undefined;
  const first = entry.childForFieldName('key') ?? entry.namedChild(0);
  return first?.id === at.id ? entry.parent ?? undefined : undefined;
}
