import type { Node } from 'web-tree-sitter';
import errnoMessages from '../../../data/errno-messages.json';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import { isComparisonOperator } from './names';
import { inRetryPredicate } from './retryPredicates';
import type { SyntaxAdapter } from './syntaxAdapter';
import { inTestCode } from './testCode';

/**
 * Network errors found by the text a runtime gives them, where code cannot read the errno and searches the error's
 * message instead (data: server/data/errno-messages.json): Go `strings.Contains(err.Error(), "connection reset by
 * peer")`, Ruby `e.message.include?('Connection reset by peer')`, Python `"connection refused" in str(e)`, a constant
 * holding one (`MSG_CONNECTION_RESET = "Connection reset"`). The whole string must be one of the texts (case-folded, a
 * final period or colon dropped), and it must be searched for, compared or declared as a constant: a log line or a
 * message shown to a user that happens to say "Connection refused" is no code read. (Nor a list of texts: such lists
 * mix the runtime's texts with a tool's own — curl's "Couldn't connect to server" — and are matched as patterns.)
 */
const MESSAGES = new Map(Object.entries((errnoMessages as { messages: Record<string, string> }).messages));
/** The texts anywhere in a file (a cheap test, and where to look). */
const ANY_MESSAGE = new RegExp(
  [...MESSAGES.keys()]
    .sort((a, b) => b.length - a.length)
    .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'gi',
);
/** Calls that search a text for a part of it, or compare it whole. */
const SEARCH = /^(includes|include\?|includes\?|contains|Contains|ContainsAny|containsMatchIn|indexOf|IndexOf|index|find|search|match|match\?|startsWith|StartsWith|startswith|start_with\?|endsWith|endswith|HasPrefix|HasSuffix|EqualFold|equals|Equals|equalsIgnoreCase|contentEquals)$/;
/** Constants: `MSG_CONNECTION_RESET`, Go's and Kotlin's camel-case `errConnReset`. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/;
const MAX_CLIMB = 8;

export interface ErrnoMessageSite {
  /** The errno name the text stands for (`ECONNRESET`). */
  code: string;
  /** The string's content. */
  start: number;
  end: number;
  role: OccurrenceRole;
}

/** False when no text of the table is in the file. */
export function mayHoldErrnoMessages(text: string): boolean {
  ANY_MESSAGE.lastIndex = 0;
  return ANY_MESSAGE.test(text);
}

/** A declaration's name before `= "text"` (a type between them allowed: Go `errReset string = …`, Kotlin `X: String = …`). */
const DECLARED = new RegExp(`([A-Za-z_$][\\w$]*)[^=\\n]{0,40}=\\s*["'\`](?:${ANY_MESSAGE.source})[.:]?["'\`]`, 'gi');

/**
 * A comparable key of the constants a file declares with one of the texts: an edit that changes one re-spots the whole
 * file, whose uses of it may stand outside the edited function.
 */
export function errnoConstantsKey(text: string): string {
  if (!mayHoldErrnoMessages(text)) return '';
  return [...text.matchAll(DECLARED)].map((m) => m[0].replace(/\s+/g, ' ')).join('|');
}

/** Calls `found` for each string in [from, to) that is one of the texts and stands where an error's text is read. */
export function findErrnoMessages(
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  taken: (start: number) => boolean,
  found: (site: ErrnoMessageSite) => boolean,
): void {
  const constants = new Map<string, { code: string; at: number }>();
  const pattern = new RegExp(ANY_MESSAGE.source, 'gi');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    let literal: Node | null = root.descendantForIndex(m.index, m.index + m[0].length);
    for (let depth = 0; literal && !s.strings.has(literal.type) && depth < 2; depth++) literal = literal.parent;
    if (!literal || !s.strings.has(literal.type)) continue;
    const content = s.stringContent(literal);
    const code = content && MESSAGES.get(content.text.trim().toLowerCase().replace(/[.:]$/, ''));
    if (!content || !code) continue;
    const role = messageRole(literal, reader, s);
    if (role === 'constant') {
      const name = declaredName(literal, reader, s);
      if (name) constants.set(name, { code, at: content.start });
    }
    if (!role || content.start < from || content.start >= to || taken(content.start)) continue;
    if (!found({ code, start: content.start, end: content.start + content.text.length, role })) return;
  }
  // Uses of a constant declared above: `msg == MSG_CONNECTION_RESET`, `strings.Contains(err.Error(), errReset)`.
  for (const [name, { code }] of constants) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'g'))) {
      if (m.index < from || m.index >= to || taken(m.index)) continue;
      const node = root.descendantForIndex(m.index, m.index + name.length);
      if (!node || node.startIndex !== m.index || node.endIndex !== m.index + name.length || !/identifier|^constant$/.test(node.type)) continue;
      const role = messageRole(node, reader, s);
      if (role && role !== 'constant' && !found({ code, start: m.index, end: m.index + name.length, role })) return;
    }
  }
}

/** The name a constant's declaration gives the string. */
function declaredName(literal: Node, reader: ExpressionReader, s: SyntaxAdapter): string | undefined {
  for (let up = literal.parent, depth = 0; up && depth < MAX_CLIMB; up = up.parent, depth++) {
    if (s.assignments.has(up.type)) {
      const target = s.assignTarget(up);
      const name = target ? (reader.lastName(target) ?? target.text) : '';
      return /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
    }
  }
  return undefined;
}

/** The role of a string holding a connection failure's text, or undefined where no error's text is read with it. */
function messageRole(literal: Node, reader: ExpressionReader, s: SyntaxAdapter): OccurrenceRole | undefined {
  const read = (): OccurrenceRole => (inTestCode(literal) ? 'test-assert' : inRetryPredicate(literal, reader, s) ? 'retry-config' : 'client-check');
  let child = literal;
  for (let parent = literal.parent, climbed = 0; parent && climbed < MAX_CLIMB; child = parent, parent = parent.parent, climbed++) {
    if (s.transparent.has(parent.type) && parent.type !== 'argument_list' && parent.type !== 'arguments') continue;
    if (parent.type === 'argument' && s.pairName(parent) === undefined) continue;
    if (parent.type === 'expression_list' && parent.namedChildCount === 1) continue; // Go `const errReset = "…"`
    if (s.binaries.has(parent.type) || parent.type === 'comparison_operator') {
      return isComparisonOperator(s.operatorOf(parent)) ? read() : undefined;
    }
    if (s.cases.has(parent.type) || (parent.parent && s.cases.has(parent.parent.type) && /pattern|label/.test(parent.type))) return read();
    const call = s.calls.has(parent.type) ? parent : /argument/.test(parent.type) && parent.parent && s.calls.has(parent.parent.type) ? parent.parent : undefined;
    if (call) {
      const callee = s.callee(call);
      if (callee && callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex) return undefined;
      return SEARCH.test(reader.lastName(callee) ?? '') ? read() : undefined;
    }
    if (s.assignments.has(parent.type)) {
      const target = s.assignTarget(parent);
      if (!target || target.id === child.id) return undefined;
      return CONSTANT_NAME.test(reader.lastName(target) ?? target.text) ? 'constant' : undefined;
    }
    return undefined;
  }
  return undefined;
}
