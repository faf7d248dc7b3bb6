import type { Node } from 'web-tree-sitter';
import type { Occurrence } from '../types';
import type { GrammarSupport } from './adapters';
import { isBodyOwnCode } from './bodyOwnCodes';
import { inExcludedList } from './excludedLists';
import { entry, type SpanSpotting } from './spotEntries';
import { statusInSearchedPhrase, statusLineRole } from './statusLines';
import { positionalRowRole } from './tableRows';
import { isFailureText, patternSearchedText } from './failureTexts';

/**
 * Not part of a longer number or name, nor of a decimal; a range's bounds count (Ruby `500..599`, `400...500`); a regex's
 * word boundary around it is no part of a name (`\b429\b`).
 */
const STATUS_NUMBER = /(?:(?<![\w$])|(?<=\\b))(?<!(?<!\.)\.)(?:[1-5]\d\d|600)(?:(?![\w])|(?=\\b))(?!\.(?![.*]))/g;
/** The upper bounds of status classes and ranges (`c <= 299`, `status < 600`): no status of their own, sites when compared. */
const RANGE_BOUND = /^([1-5]99|600)$/;

/** The three-digit numbers of the span that stand as statuses: literals, quoted statuses, a status line, a regex's alternatives. */
export function spotStatusNumbers(span: SpanSpotting): void {
  const { text, lines, root, support, registry, context, from, to, numbers, overBudget } = span;
  const status = STATUS_NUMBER;
  status.lastIndex = from;
  for (let match = status.exec(text); match && match.index < to; match = status.exec(text)) {
    if (overBudget()) break;
    const start = match.index;
    const bound = registry.httpStatus(match[0]).length === 0;
    if (bound && !RANGE_BOUND.test(match[0])) continue;
    const node = root.descendantForIndex(start, start + 3);
    if (!node) continue;
    // `"HTTP/1.1 503 Service Unavailable\r\n"`: the status line of a response a fake server (or a hand-made one) writes.
    const lineRole = bound ? undefined : statusLineRole(node, start, text, support.adapter, (n) => context.lastName(n));
    if (lineRole) {
      numbers.set(start, entry(match[0], 'http-status', lineRole, start, start + 3, match[0], lines));
      continue;
    }
    // `err.message.includes("Response Code: 404")`, Go `strings.Contains(msg, "returned HTTP error 429")`: a status named
    // inside the text a failure's message is searched for, read as the search of the status itself is.
    const phrase = bound ? undefined : statusInSearchedPhrase(node, start, text, support.adapter);
    if (phrase) {
      const phraseRole = context.classify(phrase, 'status');
      // (Read as anything else — a test's status line, `"404 NOT FOUND"` compared — the readers below decide.)
      if (phraseRole === 'client-check') {
        numbers.set(start, entry(match[0], 'http-status', phraseRole, start, start + 3, match[0], lines));
        continue;
      }
    }
    const quoted = quotedStatus(node, start, support);
    if (quoted) {
      // `retryCodes: ["429", "503"]`: a status written as a string counts only in a list a retry reads.
      // Ruby's Net::HTTP gives the status as a string: `res.code == "429"`, `when "503"` on `res.code`; so do
      // projects' own fetch helpers (`res['code'] == "429"`) and code that stringifies it (`str(r.status_code) == "503"`).
      const quotedRole = bound ? undefined : context.classify(quoted, 'status');
      // (A test asserts it the same way: `assert_equal "404", response.code`, `expect(res.code).to eq("500")` — one string
      // compared, not a row of test data, where a quoted number is as often a vendor's code: `("1", "101", "Firetext")`.)
      const asserted = quotedRole === 'test-assert' && !/^1/.test(match[0]) && !support.adapter.collections.has(quoted.parent?.type ?? '');
      if (quotedRole === 'retry-config' || quotedRole === 'client-check' || asserted) numbers.set(start, entry(match[0], 'http-status', quotedRole, start, start + 3, match[0], lines));
      continue;
    }
    // `rv.status == "404 NOT FOUND"` (Flask, WebTest), Go `Status: "200 OK"`, CherryPy's `assertStatus('200 OK')`, WSGI
    // `start_response("503 Service Unavailable", headers)`: a status with its reason phrase, where a status goes.
    // (Not the message an error is built with, `HTTPError("500 Server Error")`: a text that reports the status.)
    const phrased = bound ? undefined : phrasedStatus(node, start, support);
    if (phrased && messageOfError(phrased, support, (n) => context.lastName(n))) continue;
    if (phrased) {
      const phrasedRole = context.classify(phrased, 'status');
      if (phrasedRole === 'client-check' || phrasedRole === 'test-assert' || phrasedRole === 'server-sets') numbers.set(start, entry(match[0], 'http-status', phrasedRole, start, start + 3, match[0], lines));
      continue;
    }
    // `/500|502|503|504|server error/i.test(errorMessage)`: statuses looked for in a failure's text by a regex.
    if (!bound && node.type === 'regex_pattern' && regexAlternative(node, start) && context.searchesFailureText(node.parent)) {
      numbers.set(start, entry(match[0], 'http-status', 'client-check', start, start + 3, match[0], lines));
      continue;
    }
    // Python `re.search(r"\b429\b", str(e))`, PHP `preg_match('/429|503/', $msg)`, Ruby `e.message =~ /503/`: the same
    // search in the languages whose regexes are strings or literals of their own.
    const pattern = bound ? undefined : patternLiteral(node, support);
    if (pattern) {
      if (regexAlternative(pattern.content, start) && isFailureText(patternSearchedText(pattern.literal, context, support.adapter) ?? null, context, support.adapter)) {
        numbers.set(start, entry(match[0], 'http-status', 'client-check', start, start + 3, match[0], lines));
      }
      continue;
    }
    // The number literal is exactly the match (not `4290`, not a part of a string or a name).
    if (node.startIndex !== start || node.endIndex !== start + 3 || !support.adapter.numbers.has(node.type)) continue;
    // `(HttpStatusCode)429` names its type like a constant does.
    const role = bound ? boundRole(context.classify(node, 'status')) : context.classify(node, 'status') ?? (context.isStatusCast(node) ? 'constant' : positionalRowRole(node));
    // `{ "status": 101, "msg": "queued" }`: a payload's own state, not an HTTP status.
    if (role && !isBodyOwnCode(node, support.adapter)) {
      const spotted = entry(match[0], 'http-status', role, start, start + 3, match[0], lines);
      // `doNotRetry: [400, 401]`, `NON_RETRYABLE = {400, 404}`: configures the retry, but names codes it does not retry.
      if (role === 'retry-config' && inExcludedList(node, support.adapter)) spotted.occurrence.roleForRules = 'constant';
      numbers.set(start, spotted);
    }
  }
  status.lastIndex = 0;
}

/** A range bound counts where a status is compared with it or a retry reads it (`RetryStatusInterval(500, 600)`). */
function boundRole(role: Occurrence['role'] | undefined): Occurrence['role'] | undefined {
  return role === 'client-check' || role === 'retry-config' || role === 'test-assert' ? role : undefined;
}

/** The three digits at `start` are a whole alternative of the regex pattern: `500|502`, `(429|503)`, `\b503\b`, `.*429.*`. */
function regexAlternative(pattern: { startIndex: number; text: string }, start: number): boolean {
  const text = pattern.text;
  const at = start - pattern.startIndex;
  const before = text.slice(Math.max(0, at - 3), at);
  const after = text.slice(at + 3, at + 6);
  return /(^|\||\(|\\b|\^|\(\?:|\.\*|\/)$/.test(at === 0 ? '' : before) && /^($|\||\)|\\b|\$|\.\*|\/)/.test(after);
}

/** The string or regex literal whose content holds the digits at `node`, when the content is longer than them (a pattern). */
function patternLiteral(node: Node, support: GrammarSupport): { literal: Node; content: { startIndex: number; text: string } } | undefined {
  let literal: Node | null = node;
  for (let depth = 0; literal && depth < 3 && !(support.adapter.strings.has(literal.type) || literal.type === 'regex'); depth++) literal = literal.parent;
  if (!literal || literal.endIndex - literal.startIndex > 200) return undefined;
  if (literal.type === 'regex') {
    // (Between the delimiters: Ruby splits `/\b502\b/` into escapes and contents.)
    const close = literal.text.lastIndexOf('/');
    return close > 4 ? { literal, content: { startIndex: literal.startIndex + 1, text: literal.text.slice(1, close) } } : undefined;
  }
  const content = support.adapter.stringContent(literal);
  return content && content.text.length > 3 ? { literal, content: { startIndex: content.start, text: content.text } } : undefined;
}

/** The string literal whose whole content is the three digits at `start`, if any. */
function quotedStatus(node: Node, start: number, support: GrammarSupport): Node | undefined {
  const strings = support.adapter.strings;
  const literal = strings.has(node.type) ? node : node.parent && strings.has(node.parent.type) ? node.parent : undefined;
  if (!literal || literal.endIndex - literal.startIndex > 8) return undefined;
  const content = support.adapter.stringContent(literal);
  return content && content.start === start && content.text.length === 3 ? literal : undefined;
}

/** A status followed by its reason phrase, the whole of a short string: `"200 OK"`, `'404 NOT FOUND'`, `"400 BadRequest"`. */
const PHRASED_STATUS = /^[1-5]\d\d [A-Za-z][A-Za-z' -]{1,40}$/;

/** The string literal whose content is the status at `start` and a reason phrase, if any. */
function phrasedStatus(node: Node, start: number, support: GrammarSupport): Node | undefined {
  const strings = support.adapter.strings;
  const literal = strings.has(node.type) ? node : node.parent && strings.has(node.parent.type) ? node.parent : undefined;
  if (!literal || literal.endIndex - literal.startIndex > 50) return undefined;
  const content = support.adapter.stringContent(literal);
  return content && content.start === start && PHRASED_STATUS.test(content.text) ? literal : undefined;
}

/** The string is an argument of an error's or exception's constructor (`HTTPError("404 Not Found")`). */
function messageOfError(literal: Node, support: GrammarSupport, lastName: (n: Node | null) => string | undefined): boolean {
  const s = support.adapter;
  let up = literal.parent;
  for (let depth = 0; up && s.transparent.has(up.type) && depth < 3; depth++) up = up.parent;
  return !!up && s.calls.has(up.type) && /(Error|Exception)$/.test(lastName(s.callee(up)) ?? '');
}
