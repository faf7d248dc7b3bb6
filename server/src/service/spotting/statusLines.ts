import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { SyntaxAdapter } from './syntaxAdapter';
import { inTestCode } from './testCode';
import { followedByOwnPhrase } from './reasonPhraseSearches';

/**
 * A raw HTTP status line written in a string: `"HTTP/1.1 503 Service Unavailable\r\n…"`. Tests that stand up a bare TCP
 * listener as a fake server (Rust `stream.write_all(b"HTTP/1.1 200 OK\r\n\r\n")`, OkHttp's MockWebServer
 * `.status("HTTP/1.1 500 Internal Server Error")`) answer with it, so there it is what the test makes the server send
 * (`test-assert`); outside a test, a string handed to a write is a response the program sends by hand (`server-sets`).
 * Anywhere else (a parser comparing a line it read, a log) it is not reported.
 *
 * Also here: a status named inside a longer string that a failure's message is searched for (`statusInSearchedPhrase`).
 */

/** The protocol before the status: `HTTP/1.1 `, `HTTP/1.0 `, `HTTP/2 `. */
const PROTOCOL_BEFORE = /HTTP\/[12](?:\.[01])? $/;
/** What may follow the status: a reason phrase, a line end (written or escaped), the string's end. */
const AFTER = /^(?: [A-Za-z]|\\r|\\n|\r|\n|["'`]|$)/;
/** Calls that put bytes on a connection. */
const WRITE_CALL = /^(write|write_all|writeAll|send|sendall|send_all|Write|WriteString|print|println|end)$/;

/** The role of the status at `start` when it is the code of a status line written in a string, else undefined. */
export function statusLineRole(node: Node, start: number, text: string, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): OccurrenceRole | undefined {
  if (!PROTOCOL_BEFORE.test(text.slice(Math.max(0, start - 9), start)) || !AFTER.test(text.slice(start + 3, start + 5))) return undefined;
  let literal: Node | null = node;
  for (let depth = 0; literal && !s.strings.has(literal.type) && depth < 3; depth++) literal = literal.parent;
  if (!literal || !s.strings.has(literal.type)) return undefined;
  if (inTestCode(literal)) return 'test-assert';
  return handedToWrite(literal, s, lastName) ? 'server-sets' : undefined;
}

/** The string (or a `format!`/`.as_bytes()`/`.to_string()` of it) is an argument of a write to a connection. */
function handedToWrite(literal: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): boolean {
  let child = literal;
  for (let up = literal.parent, depth = 0; up && depth < 6; child = up, up = up.parent, depth++) {
    if (!s.calls.has(up.type)) continue;
    const callee = s.callee(up);
    // (`"…".as_bytes()`: the string is the receiver, the call only converts it.)
    if (callee && callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex) continue;
    if (WRITE_CALL.test(lastName(callee) ?? '')) return true;
  }
  return false;
}

/** Words a message puts before the status it reports: `HTTP status 429`, `Response Code: 404`, `"code": 401`, `error 503`. */
const STATUS_WORD_BEFORE = /(?:status|code|http|error)["']?[ \t]*[:=#]?[ \t]*$/i;

/**
 * The string literal (longer than the status) in which the three digits at `start` follow a word naming a status:
 * `"Response Code: 404"`, `"returned HTTP error 429"`. Searched for in a failure's message, it is read as the search of
 * the bare status is (the caller classifies the string).
 */
export function statusInSearchedPhrase(node: Node, start: number, text: string, s: SyntaxAdapter): Node | undefined {
  // (The words around it first: most numbers are not in a phrase, and the tree is not asked for them.)
  // (`"404 Not Found"`: the status followed by its own reason phrase names it as surely as a word before it does.)
  const phrased = followedByOwnPhrase(text.slice(start, start + 3), text.slice(start + 3, start + 70));
  if (!phrased && !STATUS_WORD_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return undefined;
  const strings = s.strings;
  let literal: Node | null = node;
  for (let depth = 0; literal && !strings.has(literal.type) && depth < 3; depth++) literal = literal.parent;
  if (!literal || !strings.has(literal.type) || literal.endIndex - literal.startIndex > 120) return undefined;
  const content = s.stringContent(literal);
  if (!content || content.text.length <= 3) return undefined;
  const before = text.slice(Math.max(content.start, start - 24), start);
  return (phrased || STATUS_WORD_BEFORE.test(before)) && !/^\d/.test(text.slice(start + 3, start + 4)) ? literal : undefined;
}
