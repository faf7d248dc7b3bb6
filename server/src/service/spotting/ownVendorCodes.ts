import type { Node } from 'web-tree-sitter';
import type { ConstantFamily } from '../catalog/catalogRegistry';
import type { OccurrenceRole } from '../types';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';
import { useSite } from './ownCodes';
import { vendorCodeRole } from './vendorCodeRoles';
import { namesErrorEnum } from './errorEnums';
import { hasErrorWord } from './codeShapes';

/**
 * An API's own error codes that a file declares as constants and then uses by name: Go
 * `TooManyRequestsErrorCode ErrorCode = "TOOMANYREQUESTS"` then `map[ErrorCode]struct{}{TooManyRequestsErrorCode: {}}`,
 * Python `QUOTA_ERROR = "insufficient_quota"` then `if err.code == QUOTA_ERROR`. As with a file's own status codes
 * (ownCodes.ts), a text pass proposes the declarations and the syntax tree confirms each the first time a use of
 * its name is met: the declaration must be one vendorCodes.ts reads as an error-code constant.
 */
export interface OwnVendorCode {
  code: string;
  /** Offsets of the declared string's content. */
  valueAt: number[];
  /** Offsets of the declared name. */
  nameAt: number[];
}

export type OwnVendorCodeTable = ReadonlyMap<string, OwnVendorCode>;

/** `= "TOKEN"` (or Go `:= "TOKEN"`): the names before it are read backwards. */
const VALUE = /=[ \t]*(["'`])([A-Za-z][A-Za-z0-9_]{1,63})\1/g;

/** `NAME: 'token'`: a member of an object of constants, named in constant case (UPPER_SNAKE or PascalCase). */
const MEMBER_VALUE = /(?<![\w$.])([A-Z][A-Z0-9_]*|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)[ \t]*:[ \t]*(["'`])([A-Za-z][A-Za-z0-9_]{1,63})\2/g;

/** `= 14`: a number declared by a name, kept where the name or the enum around it is named for error codes. */
const NUMBER_VALUE = /=[ \t]*(\d{1,6})(?![\w.])/g;
/** An enum's body (`enum AcoustIdErrorCode { … }`, `enum class ApiErrorCode(…) { … }`): its name, where its members start and end. */
const ENUM_BODY = /\benum\s+(?:class\s+)?(\w+)[^{;]*\{([^}]*)\}/g;
const ERROR_CODE_NAME = /err(or)?_?code|errcode/i;

/** A name for a numbered code: `QUOTA_ERROR_CODE`, or an error's own words and "code" (`TOO_MANY_REQUESTS_CODE`). */
function namesNumberedCode(name: string): boolean {
  return ERROR_CODE_NAME.test(name) || (/(_CODE|[a-z]Code)$/.test(name) && hasErrorWord(name.replace(/_?code$/i, '')));
}

/** Declarations by name; a name declared with two different codes is left out. */
export function ownVendorCodeTable(text: string, family: ConstantFamily): Map<string, OwnVendorCode> {
  const table = new Map<string, OwnVendorCode>();
  const conflicting = new Set<string>();
  // Numbers are codes only in an enum named for error codes, or under a name that says so (`QUOTA_ERROR_CODE = 40001`).
  const errorEnums: Array<[number, number]> = [];
  if (/\benum\b/.test(text)) for (const e of text.matchAll(ENUM_BODY)) if (namesErrorEnum(e[1])) errorEnums.push([e.index, e.index + e[0].length]);
  const numbers = [...text.matchAll(NUMBER_VALUE)].filter((m) => errorEnums.some(([a, b]) => m.index > a && m.index < b) || namesNumberedCode(declaredName(text, m.index, family)?.name ?? ''));
  const declarations: Array<{ index: number; length: number; code: string; name?: { name: string; at: number } }> = [
    ...[...text.matchAll(VALUE)].map((m) => ({ index: m.index, length: m[0].length, code: m[2] })),
    ...numbers.map((m) => ({ index: m.index, length: m[0].length, code: m[1] })),
    // The members of a JavaScript object of constants: `TOO_MANY: 'too_many_requests'` (the object's name decides).
    ...[...text.matchAll(MEMBER_VALUE)].map((m) => ({ index: m.index, length: m[0].length, code: m[3], name: { name: m[1], at: m.index } })),
  ];
  for (const m of declarations) {
    const declared = m.name ?? declaredName(text, m.index, family);
    if (!declared || conflicting.has(declared.name)) continue;
    const code = m.code;
    // (A string's content ends before its closing quote; a number ends the match.)
    const valueAt = m.index + m.length - (/^\d+$/.test(code) ? 0 : 1) - code.length;
    const known = table.get(declared.name);
    if (!known) table.set(declared.name, { code, valueAt: [valueAt], nameAt: [declared.at] });
    else if (known.code === code) {
      known.valueAt.push(valueAt);
      known.nameAt.push(declared.at);
    } else {
      table.delete(declared.name);
      conflicting.add(declared.name);
    }
  }
  return table;
}

/** A comparable key of a table (names and codes only). */
export function ownVendorCodesKey(table: OwnVendorCodeTable): string {
  return table.size === 0 ? '' : [...table].map(([name, c]) => `${name}=${c.code}`).sort().join(',');
}

const isWord = (c: string | undefined): boolean => c !== undefined && /[\w$]/.test(c);

/** `NAME: Type ` just before a `=`: a type annotation (`Final`, `str`, `&'static str`, `String`, `Final[str]`). */
const ANNOTATED = /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*:[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][\w.]*(?:\[[\w. ]*\])?[ \t]*$/;

/**
 * The name a `=` at `at` declares: the last word before it (`QUOTA_ERROR = …`, Java `String ERR_QUOTA = …`), or in
 * Go the first of two (`QuotaErrorCode ErrorCode = …`, the second word is the type). Not `==`, `!=`, `<=`, a member.
 */
function declaredName(text: string, at: number, family: ConstantFamily): { name: string; at: number } | undefined {
  let i = at - 1;
  if (text[i] === ':') i--;
  else if (/[=!<>+\-*/%&|^]/.test(text[i] ?? '')) return undefined;
  // An annotation between the name and `=`: Python `X: Final = "…"`, Rust `const X: &str = "…"`, TS `X: string = "…"`.
  const window = Math.max(0, at - 120);
  const annotated = ANNOTATED.exec(text.slice(window, at));
  if (annotated) return { name: annotated[1], at: window + annotated.index };
  const words: Array<{ name: string; at: number }> = [];
  while (words.length < 2) {
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    const end = i + 1;
    while (i >= 0 && isWord(text[i])) i--;
    if (i + 1 === end || /\d/.test(text[i + 1])) break;
    words.unshift({ name: text.slice(i + 1, end), at: i + 1 });
    if (text[i] === '.' || text[i] !== ' ' && text[i] !== '\t') break;
  }
  if (words.length === 0 || text[words[0].at - 1] === '.') return undefined;
  // Go `const Region = "EU"`, `var x = …`: a keyword, not a name
  if (family === 'go' && words.length === 2 && !/^(const|var)$/.test(words[0].name)) return words[0];
  return words[words.length - 1];
}

const WORD = /[A-Za-z_$][\w$]*/g;

export interface OwnVendorCodeUse {
  code: string;
  node: Node;
  role: OccurrenceRole;
}

/** Calls `found` for each confirmed use in [from, to) that the context reads as an error code; stops when it returns false. */
export function findOwnVendorCodeUses(
  text: string,
  root: Node,
  syntax: SyntaxAdapter,
  context: StatusContext,
  table: OwnVendorCodeTable,
  from: number,
  to: number,
  found: (use: OwnVendorCodeUse) => boolean,
): void {
  if (table.size === 0) return;
  const confirmed = new Map<string, boolean>();
  const word = new RegExp(WORD.source, 'g');
  word.lastIndex = from;
  while (word.lastIndex > 0 && word.lastIndex < text.length && /[\w$]/.test(text[word.lastIndex - 1])) word.lastIndex++;
  for (let m = word.exec(text); m && m.index < to; m = word.exec(text)) {
    const own = table.get(m[0]);
    if (!own || own.nameAt.includes(m.index)) continue;
    let ok = confirmed.get(m[0]);
    if (ok === undefined) {
      ok = confirmOwnVendorCode(root, own, syntax, context, m[0]);
      confirmed.set(m[0], ok);
    }
    if (!ok) continue;
    const node = root.descendantForIndex(m.index, m.index + m[0].length);
    const site = node && node.startIndex === m.index && node.endIndex === m.index + m[0].length ? useSite(node, syntax) : undefined;
    const role = site ? ownVendorCodeUseRole(site, syntax, context, own.code) : undefined;
    if (site && role && !found({ code: own.code, node: site, role })) return;
  }
}

/**
 * The syntax tree confirms a declaration the text pass proposed: one vendorCodes.ts reads as an error-code constant, or
 * (`name` given) a constant whose name says nothing but whose uses in the file compare it whole with an error's code
 * (`RATE_LIMITED = "rate_limited"` then `if code == Codes.RATE_LIMITED`; see `confirmedByUse`).
 */
export function confirmOwnVendorCode(root: Node, own: OwnVendorCode, syntax: SyntaxAdapter, context: StatusContext, name?: string): boolean {
  return own.valueAt.some((at) => isDeclaration(root, at, own.code, syntax, context)) || (name !== undefined && confirmedByUse(root, name, own, syntax, context));
}

/** Names written as constants: `RATE_LIMITED`, `MAXLAG`, C#'s `RateLimited`, Go's `codeThrottled` (two words at least). */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$|^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$|^[a-z]+(?:[A-Z][a-z0-9]*)+$/;

/**
 * A constant (named in constant case, holding a code-shaped string) that a use in the file compares whole with an
 * error's code: a case label or an equality on `err.code`, `error.get("code")`, a local taken from one. Its declaration
 * and its uses are then the API's code, as the context reads them.
 */
export function confirmedByUse(root: Node, name: string, own: OwnVendorCode, syntax: SyntaxAdapter, context: StatusContext): boolean {
  if (!CONSTANT_NAME.test(name) || /^\d+$/.test(own.code) || !declaredAsConstant(root, own, syntax)) return false;
  const text = root.text;
  for (const m of text.matchAll(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))) {
    if (own.nameAt.includes(m.index)) continue;
    const node = root.descendantForIndex(m.index, m.index + name.length);
    const site = node && node.startIndex === m.index && node.endIndex === m.index + name.length ? useSite(node, syntax) : undefined;
    const role = site ? readAsItsCode(site, own.code, syntax, context) : undefined;
    if (role === 'client-check' || role === 'retry-config') return true;
  }
  return false;
}

/**
 * A constant other files may compare with an error's code (`RATE_LIMITED = "rate_limited"` imported elsewhere): written
 * as a constant, holding a code-shaped string with an error word in it or under such a name. Its uses there decide.
 */
export function mayBeCodeByUse(root: Node, name: string, own: OwnVendorCode, syntax: SyntaxAdapter): boolean {
  return CONSTANT_NAME.test(name) && !/^\d+$/.test(own.code) && (hasErrorWord(own.code) || hasErrorWord(name)) && declaredAsConstant(root, own, syntax);
}

/** The role of a use of a constant known only by its uses: where it is compared whole with an error's code. */
export function byUseRole(site: Node, code: string, syntax: SyntaxAdapter, context: StatusContext): OccurrenceRole | undefined {
  return readAsItsCode(site, code, syntax, context);
}

/** Every declared value is a whole string of a declaration (not a message, not an argument): the constant holds the code. */
function declaredAsConstant(root: Node, own: OwnVendorCode, syntax: SyntaxAdapter): boolean {
  return own.valueAt.every((at) => {
    const node = root.descendantForIndex(at, at + own.code.length);
    const literal = node && (syntax.strings.has(node.type) ? node : node.parent && syntax.strings.has(node.parent.type) ? node.parent : undefined);
    const content = literal ? syntax.stringContent(literal) : undefined;
    if (!literal || !content || content.text !== own.code) return false;
    let up = literal.parent;
    while (up && (syntax.transparent.has(up.type) || up.type === 'expression_list')) up = up.parent;
    return !!up && (syntax.assignments.has(up.type) || /^(variable_declarator|const_element|property_declaration|const_item|static_item|const_spec|pair|field_declaration)$/.test(up.type));
  });
}

/** The declarations of `table` whose uses confirm them (`confirmedByUse`), whose values start in [from, to). */
export function findUseConfirmedDeclarations(root: Node, syntax: SyntaxAdapter, context: StatusContext, table: OwnVendorCodeTable, from: number, to: number, found: (start: number, code: string) => void): void {
  for (const [name, own] of table) {
    if (!own.valueAt.some((at) => at >= from && at < to)) continue;
    if (own.valueAt.some((at) => isDeclaration(root, at, own.code, syntax, context)) || !confirmedByUse(root, name, own, syntax, context)) continue;
    for (const at of own.valueAt) if (at >= from && at < to) found(at, own.code);
  }
}

/** The role of a use of a declared API code (`site`, from `useSite`), or undefined where the context reads no error code. */
export function ownVendorCodeUseRole(site: Node, syntax: SyntaxAdapter, context: StatusContext, code?: string): OccurrenceRole | undefined {
  return context.classify(site, 'error-code') ?? (comparedWithItself(site, syntax) ? 'client-check' : givenToErrorInfo(site, syntax) ? 'server-sets' : code !== undefined ? readAsItsCode(site, code, syntax, context) : undefined);
}

/**
 * A use read as the code it holds would be where the code is read, not written: `strings.Contains(err.Error(),
 * errRateLimited)`, `"x".equals(code)` through the constant (the declaration already vouched for the code).
 */
function readAsItsCode(site: Node, code: string, syntax: SyntaxAdapter, context: StatusContext): OccurrenceRole | undefined {
  const role = vendorCodeRole(site, code, context, syntax);
  return role === 'client-check' || role === 'test-assert' || role === 'retry-config' ? role : undefined;
}

/** The receiver an enum's own methods compare with its members: PHP `$this`, Kotlin and Java `this`, Python `self`. */
const ITSELF = /^(\$this|this|self)$/;

/**
 * An error enum's own predicate asks its value for one of its codes: PHP `return $this === self::DeviceNotRegistered;`,
 * Kotlin `fun isRetryable() = this == RATE_LIMITED`.
 */
function comparedWithItself(site: Node, syntax: SyntaxAdapter): boolean {
  const parent = site.parent;
  if (!parent || !syntax.binaries.has(parent.type) || !/^(==|===|!=|!==|is)$/.test(syntax.operatorOf(parent).trim())) return false;
  return parent.namedChildren.some((n) => n !== null && n.id !== site.id && ITSELF.test(n.text));
}

/** Calls and types that build a google.rpc.ErrorInfo: `withErrorInfoDetails(st, reason, md)`, `&errdetails.ErrorInfo{…}`. */
const ERROR_INFO = /ErrorInfo/;

/**
 * A reason handed to the ErrorInfo a service answers with: an argument of a call named for one
 * (`withErrorInfoDetails(st, ReasonAborted, md)`), or the `Reason` of one built (`&errdetails.ErrorInfo{Reason: …}`).
 */
function givenToErrorInfo(site: Node, syntax: SyntaxAdapter): boolean {
  let node = site;
  while (node.parent && (syntax.transparent.has(node.parent.type) || node.parent.type === 'literal_element') && node.parent.type !== 'argument_list') node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'argument_list' || parent.type === 'arguments') {
    const call = parent.parent;
    return !!call && syntax.calls.has(call.type) && ERROR_INFO.test(syntax.callee(call)?.text ?? '');
  }
  if (!syntax.pairs.has(parent.type) || syntax.pairValue(parent)?.id !== node.id || !/^"?Reason"?$/i.test(syntax.pairName(parent) ?? '')) return false;
  const built = parent.parent?.parent;
  return !!built && ERROR_INFO.test(built.childForFieldName('type')?.text ?? '');
}

function isDeclaration(root: Node, at: number, code: string, syntax: SyntaxAdapter, context: StatusContext): boolean {
  const node = root.descendantForIndex(at, at + code.length);
  if (node && /^\d+$/.test(code)) return syntax.numbers.has(node.type) && node.startIndex === at && vendorCodeRole(node, code, context, syntax) === 'constant';
  const literal = node && (syntax.strings.has(node.type) ? node : node.parent && syntax.strings.has(node.parent.type) ? node.parent : undefined);
  return !!literal && vendorCodeRole(literal, code, context, syntax) === 'constant';
}
