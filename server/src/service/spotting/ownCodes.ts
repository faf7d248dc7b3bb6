import type { Node, Tree } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';
import type { StatusContext } from './statusContext';
import { EXPECTED_STATUS_NAME, PREFIXED_STATUS_NAME, STATUS_CONSTANT_NAME } from './names';
import { namesReasonPhrase } from './reasonPhraseNames';
import { positionalRowRole } from './tableRows';
import { codeTables } from './codeTables';

/**
 * The status codes a project declares itself and uses by name: `enum HttpCodes { TooManyRequests = 429 }` then
 * `HttpCodes.TooManyRequests`, `static final int STATUS_CODE_SERVICE_UNAVAILABLE = 503;` then
 * `code == STATUS_CODE_SERVICE_UNAVAILABLE`, Python `RATE_LIMITED_STATUS_CODE = 429`.
 *
 * A text pass proposes the declarations (a name, `=` or `:`, a three-digit number) whose name says status the way
 * the classifier's `constant` role does (a reason phrase for that very code, `HTTP_STATUS_…`, `…StatusCode`); the
 * syntax tree confirms each one lazily, the first time a use of its name is met. The table is plain data
 * (name → code), so a workspace index can later add the declarations of other files (issue #16) through `extra`.
 */
export interface OwnCode {
  code: string;
  /**
   * The name says nothing about statuses (`RATE_LIMIT_EXCEEDED = 429`, `API_RATE_EXCEEDED = 503`): only its uses
   * where a status is read (`when (response.code) { RATE_LIMIT_EXCEEDED -> … }`) say it is one.
   */
  byUse?: boolean;
  /** Offsets of the declared number(s) in the current text. */
  valueAt: number[];
  /** Offsets of the declared name(s), which are declarations and not uses. */
  nameAt: number[];
  /** Declared in a code table (see `codeTables`): confirmed by its type's name; its declaration is spotted with it. */
  table?: boolean;
  /** A WebSocket close code (a close-code table's member), not an HTTP status. */
  kind?: 'websocket';
}

export type OwnCodeTable = ReadonlyMap<string, OwnCode>;

/** A three-digit value after `=` or `:`; the name before it is read backwards (a match per number, not per word). */
const VALUE = /[=:][ \t]*([1-5]\d\d)(?![\w.])/g;

/** The declarations of a text, by name; a name declared with two different codes is left out. */
export function ownCodeTable(text: string): Map<string, OwnCode> {
  const table = new Map<string, OwnCode>();
  const conflicting = new Set<string>();
  for (const m of text.matchAll(VALUE)) {
    const declared = nameBefore(text, m.index);
    if (!declared) continue;
    const code = m[1];
    const { name, at: nameAt } = declared;
    if (conflicting.has(name)) continue;
    const byUse = !namesStatus(name, code);
    // A constant's name (upper case, as constants are written) whose uses may still say it is a status.
    if (byUse && !CONSTANT_CASE.test(name)) continue;
    const valueAt = m.index + m[0].length - 3;
    const known = table.get(name);
    if (!known) table.set(name, { code, valueAt: [valueAt], nameAt: [nameAt], ...(byUse ? { byUse } : {}) });
    else if (known.code === code) {
      known.valueAt.push(valueAt);
      known.nameAt.push(nameAt);
    } else {
      table.delete(name);
      conflicting.add(name);
    }
  }
  // Members of a type named for codes (`enum GatewayCloseType { RateLimited = 4008 }`, `enum ApiStatus { Unavailable = 503 }`).
  for (const member of codeTables(text)) {
    const { name, code } = member;
    if (conflicting.has(name)) continue;
    const known = table.get(name);
    const kind = member.kind === 'websocket' ? { kind: 'websocket' as const } : {};
    if (!known || (known.byUse && known.code === code)) table.set(name, { code, valueAt: [member.valueAt], nameAt: [member.nameAt], table: true, ...kind });
    else if (known.code === code && known.table) {
      known.valueAt.push(member.valueAt);
      known.nameAt.push(member.nameAt);
    } else if (known.code !== code) {
      table.delete(name);
      conflicting.add(name);
    }
  }
  return table;
}

const isWord = (c: string | undefined): boolean => c !== undefined && /[\w$]/.test(c);

/** Number types an annotation gives a status constant: TS `number`, Python `int`, Kotlin `Int`, Rust `u16`, Go `int`. */
const NUMBER_TYPE = /^(int|number|Int|Integer|u16|u32|u64|i16|i32|i64|usize|isize|uint|uint16|uint32|int16|int32|int64)$/;

/**
 * Names written as constants: `RATE_LIMIT_EXCEEDED`, `API_RATE_EXCEEDED`, one upper-case word (`THROTTLED`), and Go's,
 * C#'s and Kotlin's constants in camel case, `StatusRateLimitExceeded`, `tooManyRequestsErrorCode` (two words at least).
 * (Such a name counts only where its uses compare it with a status.)
 */
const CONSTANT_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]+)+$|^[A-Z]{4,}$/;

/**
 * The name declared by the `=`/`:` at `at`: `NAME = 429`, `NAME: 429`, Go `NAME := 429`, TS `NAME: number = 429`.
 * Not a comparison (`==`, `<=`, `!=`), not a member (`this.x = 429`).
 */
function nameBefore(text: string, at: number): { name: string; at: number } | undefined {
  let i = at - 1;
  if (text[at] === '=') {
    if (text[i] === ':') i--; // Go `:=`
    else if (/[=!<>+\-*/%&|^]/.test(text[i] ?? '')) return undefined;
  }
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  // An annotation: TS / Python / Kotlin / Rust `NAME: number = 429`, `NAME: int = 429`, `TOO_MANY: u16 = 429`; Go's
  // type after the name, `statusTooMany int = 429`.
  if (text[at] === '=' && isWord(text[i])) {
    let j = i;
    while (j >= 0 && isWord(text[j])) j--;
    const word = text.slice(j + 1, i + 1);
    let k = j;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
    if (NUMBER_TYPE.test(word) && text[k] === ':') {
      i = k - 1;
      while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    } else if (NUMBER_TYPE.test(word) && k < j && isWord(text[k]) && k + 1 < j + 1) {
      // Go `statusTooMany int = 429` (not Java's `int X = 429`, where the type comes first and the name is the word before `=`)
      let n = k;
      while (n >= 0 && isWord(text[n])) n--;
      const before = text.slice(n + 1, k + 1);
      if (!/^(const|var|static|final|public|private|protected|let|val)$/.test(before)) i = k;
    }
  }
  const end = i + 1;
  while (i >= 0 && isWord(text[i])) i--;
  const start = i + 1;
  if (start === end || /[\d]/.test(text[start]) || text[i] === '.') return undefined;
  return { name: text.slice(start, end), at: start };
}

/** A comparable key of a table (names and codes only: offsets move with every edit). */
export function ownCodesKey(table: OwnCodeTable): string {
  if (table.size === 0) return '';
  return [...table].map(([name, c]) => `${name}=${c.code}`).sort().join(',');
}

/** A name that stands for a status constant: the same test the classifier gives the `constant` role by. */
function namesStatus(name: string, code: string): boolean {
  if (EXPECTED_STATUS_NAME.test(name)) return false;
  return STATUS_CONSTANT_NAME.test(name) || PREFIXED_STATUS_NAME.test(name) || namesReasonPhrase(name, code);
}

const WORD = /[A-Za-z_$][\w$]*/g;

/** A use of a declared code: where it stands (the identifier, or `Table.Name` around it) and its role. */
export interface OwnCodeUse {
  name: string;
  code: string;
  kind?: 'websocket';
  node: Node;
  role: NonNullable<ReturnType<StatusContext['classify']>>;
}

/**
 * Calls `found` for each use in [from, to) of a name in `table` whose declaration the tree confirms: a bare
 * identifier or the member of a qualified access, never the declaration itself, an assignment to it, a key, a
 * callee or an import.
 */
export function findOwnCodeUses(
  text: string,
  tree: Tree,
  syntax: SyntaxAdapter,
  context: StatusContext,
  table: OwnCodeTable,
  from: number,
  to: number,
  found: (use: OwnCodeUse) => boolean,
): void {
  if (table.size === 0) return;
  const confirmed = new Map<string, boolean>();
  const root = tree.rootNode;
  const word = new RegExp(WORD.source, 'g');
  word.lastIndex = from;
  while (word.lastIndex > 0 && word.lastIndex < text.length && /[\w$]/.test(text[word.lastIndex - 1])) word.lastIndex++;
  for (let m = word.exec(text); m && m.index < to; m = word.exec(text)) {
    const name = m[0];
    const own = table.get(name);
    if (!own || own.nameAt.includes(m.index)) continue;
    let ok = confirmed.get(name);
    if (ok === undefined) {
      ok = confirmOwnCode(root, own, syntax, context);
      confirmed.set(name, ok);
    }
    if (!ok) continue;
    const node = root.descendantForIndex(m.index, m.index + name.length);
    const site = node && node.startIndex === m.index && node.endIndex === m.index + name.length ? useSite(node, syntax) : undefined;
    const role = site && ownCodeUseRole(site, own, syntax, context);
    if (!site || !role) continue;
    if (!found({ name, code: own.code, node: site, role, ...(own.kind ? { kind: own.kind } : {}) })) return;
  }
}

/** The syntax tree confirms a declaration the text pass proposed: a number, declared as a status constant unless a table or its uses say so. */
export function confirmOwnCode(root: Node, own: OwnCode, syntax: SyntaxAdapter, context: StatusContext): boolean {
  if (own.table) return own.valueAt.some((at) => isNumber(root.descendantForIndex(at, at + own.code.length), syntax));
  return own.valueAt.some((at) => (own.byUse ? isNumber : isDeclaration)(root.descendantForIndex(at, at + 3), syntax, context));
}

/**
 * The role of a use of a declared code (`site`, from `useSite`), or undefined where it is no use of a code: a name
 * that says nothing about statuses (`byUse`) counts only where its use reads as a status check.
 */
export function ownCodeUseRole(site: Node, own: Pick<OwnCode, 'byUse' | 'kind'>, syntax: SyntaxAdapter, context: StatusContext): OwnCodeUse['role'] | undefined {
  const classified = context.classify(site, 'status');
  if (own.byUse && (classified !== 'client-check' || !comparedWithStatus(site, syntax, context))) return undefined;
  return (own.kind === 'websocket' ? closeTableRole(site, syntax) : undefined) ?? classified ?? positionalRowRole(site) ?? 'constant';
}

/**
 * A constant whose name says nothing about statuses (`RATE_LIMIT_EXCEEDED = 429`) but whose uses in the file read it
 * as one (`response.code == RATE_LIMIT_EXCEEDED`): its declaration is then a status constant too. Asked per name over
 * the whole text, so a pass over one region answers as a pass over the file does.
 */
export function usedAsStatus(text: string, root: Node, syntax: SyntaxAdapter, context: StatusContext, name: string, own: OwnCode): boolean {
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  for (const m of text.matchAll(word)) {
    if (own.nameAt.includes(m.index)) continue;
    const node = root.descendantForIndex(m.index, m.index + name.length);
    const site = node && node.startIndex === m.index && node.endIndex === m.index + name.length ? useSite(node, syntax) : undefined;
    if (site && context.classify(site, 'status') === 'client-check' && comparedWithStatus(site, syntax, context)) return true;
  }
  return false;
}

/**
 * Calls that close a socket with a code: `ws.close(CloseCode.SessionExpired)`, `socket.CloseAsync(…)`, a client's own
 * `DisconnectAsync(closeType: …)` or `Reconnect(CloseType.UnknownError)` (closes, then connects again).
 */
const CLOSE_CALL = /^(close|Close|CloseAsync|CloseOutputAsync|closeWith|terminate|disconnect|Disconnect|DisconnectAsync|reconnect|Reconnect|ReconnectAsync)$/;

/**
 * The role of a close-code table's member where it is used: the code a close call sends, or one a comparison or a
 * case tests (the table's name already says what it is, whatever the other side is called).
 */
function closeTableRole(site: Node, syntax: SyntaxAdapter): OwnCodeUse['role'] | undefined {
  let child = site;
  for (let up = site.parent, depth = 0; up && depth < 4; child = up, up = up.parent, depth++) {
    if (syntax.transparent.has(up.type) || /argument/.test(up.type)) continue;
    if (syntax.calls.has(up.type)) return syntax.callee(up)?.id !== child.id && CLOSE_CALL.test((syntax.callee(up)?.text ?? '').split(/[.:>]/).pop() ?? '') ? 'server-sets' : undefined;
    if (syntax.binaries.has(up.type) || syntax.cases.has(up.type) || (up.parent && syntax.cases.has(up.parent.type))) return 'client-check';
    return undefined;
  }
  return undefined;
}

/** The use is compared with (or is a case label on) an expression that reads a status: `== response.code`, `when (res.code)`. */
function comparedWithStatus(site: Node, syntax: SyntaxAdapter, context: StatusContext): boolean {
  let child = site;
  for (let up = site.parent, depth = 0; up && depth < 4; child = up, up = up.parent, depth++) {
    if (syntax.binaries.has(up.type)) return up.namedChildren.some((n) => n !== null && n.id !== child.id && context.isStatusLike(n));
    if (syntax.cases.has(up.type)) return context.isStatusLike(syntax.caseSubject(up));
    if (up.parent && syntax.cases.has(up.parent.type)) return context.isStatusLike(syntax.caseSubject(up.parent));
  }
  return false;
}

function isNumber(node: Node | null, syntax: SyntaxAdapter): boolean {
  return !!node && syntax.numbers.has(node.type);
}

function isDeclaration(node: Node | null, syntax: SyntaxAdapter, context: StatusContext): boolean {
  return !!node && syntax.numbers.has(node.type) && context.classify(node, 'status') === 'constant';
}

/** The expression a name stands in when it is read as a value, or undefined. */
export function useSite(node: Node, syntax: SyntaxAdapter): Node | undefined {
  // A value, not a type (`: NotFound`, `new NotFound()`) nor a label.
  if (!/^(identifier|property_identifier|field_identifier|constant|name)$/.test(node.type)) return undefined;
  let site = node;
  const parent = node.parent;
  if (!parent) return undefined;
  if (syntax.members.has(parent.type)) {
    const parts = syntax.memberParts(parent);
    // `Codes.TooManyRequests`, not `TooManyRequests.description`
    if (!parts || parts.property !== node.text || parts.object?.id === node.id) return undefined;
    site = parent;
  }
  const holder = site.parent;
  if (!holder) return undefined;
  if (syntax.calls.has(holder.type) && syntax.callee(holder)?.id === site.id) return undefined;
  if (syntax.assignments.has(holder.type) && syntax.assignTarget(holder)?.id === site.id) return undefined;
  if (syntax.pairs.has(holder.type) && syntax.pairValue(holder)?.id !== site.id) return undefined;
  for (let up: Node | null = holder, depth = 0; up && depth < 4; up = up.parent, depth++) {
    if (/import|using_directive|parameter|enum_member|enum_assignment|field_declaration_list/.test(up.type)) return undefined;
  }
  return site;
}
