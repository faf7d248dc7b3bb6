import type { Node } from 'web-tree-sitter';
import httpStatusCatalog from '../../../data/catalogs/http-status.json';
import formerPhrases from '../../../data/former-reason-phrases.json';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import { isFailureText, searchedText } from './failureTexts';
import { isComparisonOperator } from './names';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/*
 * A failure status found by its reason phrase, where code has only a failure's text to go by: Python
 * `"Too Many Requests" in str(e)`, Go `strings.Contains(err.Error(), "Service Unavailable")`, Ruby
 * `response["description"].include? "Forbidden"`, `e.message === 'Not Found'`, `r.reason == "Bad Gateway"`. The whole
 * string must be the phrase of a client or server error (RFC 9110's, or an earlier RFC's: `Unprocessable Entity`), and
 * it must be searched for in a failure's text or compared with it or with a response's reason phrase: the same words
 * written into a message, a log line or a response the program sends are no status read, and where the file writes the
 * phrase into a string of its own as well (`throw new Error("Too many requests")`), the text it looks for is its own
 * wording. A phrase of three words or more is matched in any case (`"too many requests"`); a shorter one (`Forbidden`,
 * `Not Found`) only as RFC 9110 spells it.
 */

/** Phrases of 4xx and 5xx statuses (the registered range, not the unofficial 520s or nginx's 49x), by their folded text. */
const PHRASES = new Map<string, { code: string; spelled: string | undefined }>();
const officialFailure = (code: string): boolean => /^(4[0-2]\d|431|451|50\d|510|511)$/.test(code);
for (const { code, phrase } of [
  ...(httpStatusCatalog as { codes: Array<{ code: string; name?: string }> }).codes.map((e) => ({ code: e.code, phrase: e.name ?? '' })),
  ...(formerPhrases as { phrases: Array<{ code: string; phrase: string }> }).phrases,
]) {
  if (!officialFailure(code) || /unused|teapot/i.test(phrase) || phrase.length < 4) continue;
  const key = fold(phrase);
  // (A phrase of one or two words is common prose in any case — `not found`, `conflict` — so only RFC 9110's spelling counts.)
  if (!PHRASES.has(key)) PHRASES.set(key, { code, spelled: phrase.trim().split(/\s+/).length >= 3 ? undefined : phrase.trim() });
}

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, ' ');
}

/** The status a string's whole content names by its reason phrase, or undefined. */
export function statusOfPhrase(content: string): string | undefined {
  const known = PHRASES.get(fold(content));
  if (!known || (known.spelled !== undefined && content.trim() !== known.spelled)) return undefined;
  return known.code;
}

/** True when `after` (what follows a status's digits) begins with that status's own phrase: `404 Not Found`. */
export function followedByOwnPhrase(code: string, after: string): boolean {
  const head = /^ ([A-Za-z][A-Za-z' -]{2,60}?)(?=$|["'`.,:;)\]}]|\\[rn]| [-–(:])/.exec(after);
  if (!head) return false;
  // The longest run of its words that is the phrase (`404 Not Found - try again`): drop a word at a time from the end.
  const words = head[1].trim().split(/\s+/);
  for (let n = words.length; n > 0; n--) {
    if (PHRASES.get(fold(words.slice(0, n).join(' ')))?.code === code) return true;
  }
  return false;
}

/** True when a message begins with the phrase of `code`, in any case: `"Service unavailable"`, `"Unauthorized, check the token"`. */
export function phraseBeginsWithOwn(code: string, message: string): boolean {
  const words = message.trim().split(/[^A-Za-z']+/).filter((w) => w.length > 0).slice(0, 8);
  for (let n = words.length; n > 0; n--) {
    if (PHRASES.get(fold(words.slice(0, n).join(' ')))?.code === code) return true;
  }
  return false;
}

/** Quoted strings that may be a phrase (letters, spaces and hyphens). */
const QUOTED = /(["'`])([A-Za-z][A-Za-z' -]{3,60})\1/g;

/** Fields that hold a response's reason phrase. */
const REASON_FIELD = /^(reason|reason_phrase|reasonPhrase|ReasonPhrase|getReasonPhrase|statusText|status_text|StatusText|statusMessage|status_message|getStatusText|message|Message)$/;

export interface PhraseSite {
  code: string;
  start: number;
  end: number;
  role: OccurrenceRole;
}

/** Calls `found` for each string in [from, to) whose content is a failure's reason phrase, read as a status check. */
export function findReasonPhraseSearches(
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  taken: (start: number) => boolean,
  found: (site: PhraseSite) => boolean,
): void {
  const pattern = new RegExp(QUOTED.source, 'g');
  pattern.lastIndex = Math.max(0, from - 1);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + 1;
    if (start < from) continue;
    if (start >= to) break;
    pattern.lastIndex = start + m[2].length;
    const code = statusOfPhrase(m[2]);
    if (!code || taken(start)) continue;
    const literal = literalAt(root, start, m[2], s);
    if (!literal || !readAsStatus(literal, reader, s) || ownWording(text, root, m[2], literal, reader, s)) continue;
    if (!found({ code, start, end: start + m[2].length, role: 'client-check' })) return;
  }
}

/** The string literal whose whole content is `content`, starting at `start`. */
function literalAt(root: Node, start: number, content: string, s: SyntaxAdapter): Node | undefined {
  const node = root.descendantForIndex(start, start + content.length);
  const literal = node && (s.strings.has(node.type) ? node : node.parent && s.strings.has(node.parent.type) ? node.parent : undefined);
  const inside = literal ? s.stringContent(literal) : undefined;
  return literal && inside && inside.start === start && inside.text === content ? literal : undefined;
}

/** The file writes the phrase into another string that is not itself a search or comparison of it (a message it throws or logs). */
function ownWording(text: string, root: Node, phrase: string, read: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  // (In the case the phrase is matched in: `errors.forbidden`, a message key, is not the phrase `Forbidden`.)
  const words = phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  const pattern = new RegExp(`(?<![\\w])${words}(?![\\w])`, PHRASES.get(fold(phrase))?.spelled === undefined ? 'gi' : 'g');
  for (const m of text.matchAll(pattern)) {
    if (m.index >= read.startIndex && m.index < read.endIndex) continue;
    let literal: Node | null = root.descendantForIndex(m.index, m.index + m[0].length);
    for (let depth = 0; literal && !s.strings.has(literal.type) && depth < 2; depth++) literal = literal.parent;
    if (!literal || !s.strings.has(literal.type)) continue;
    const inside = s.stringContent(literal);
    if (inside && inside.text === m[0] && readAsStatus(literal, reader, s)) continue;
    return true;
  }
  return false;
}

/** The phrase is searched for in a failure's text, or compared whole with that text or with a reason phrase field. */
function readAsStatus(literal: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  if (isFailureText(searchedText(literal, reader, s) ?? null, reader, s)) return true;
  let child = literal;
  let parent = literal.parent;
  while (parent && s.transparent.has(parent.type) && parent.type !== 'argument_list' && parent.type !== 'arguments') {
    child = parent;
    parent = parent.parent;
  }
  if (!parent || !(s.binaries.has(parent.type) || parent.type === 'comparison_operator') || !isComparisonOperator(s.operatorOf(parent))) return false;
  if (/^(in|not in|!in|<|>|<=|>=)$/.test(s.operatorOf(parent).trim())) return false;
  return namedChildren(parent).some((o) => o.id !== child.id && (isFailureText(o, reader, s) || REASON_FIELD.test(reader.lastName(o) ?? '')));
}
