import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { ERROR_WORDS, WORD } from './codeShapes';
import { BUILTIN_ERRORS } from './vendorCodeCalls';
import { vendorCodeRole } from './vendorCodeRoles';

/**
 * An API's own error codes written as strings (`'TOO_MANY_REQUESTS'`, `"rate_limit"`, `"ratelimited"`,
 * `"context_length_exceeded"`): no catalog knows them, so the context has to say that the string is an error code.
 * It counts when compared with (or switched on, or tested for membership in) a field that holds an error code
 * (`err.error`, `error.code`, `body['error']['type']`, `.Code ==`), given to such a field (`{ error: 'NOT_FOUND' }`,
 * `Code = "activityLimitReached"`), passed first to an API error's constructor (`new ApiError('SERVER_ERROR', …)`), or
 * declared as a typed error-code constant (Go `X ErrorCode = "BLOB_UNKNOWN"`).
 *
 * How sure the field is decides what the string must look like: a field named for errors (`error`, `error_code`,
 * `err.type`) takes any code-shaped token; a weaker field (`status`, `reason`, a bare `code`) only a token with an
 * error word in it (`OVER_QUERY_LIMIT`, `keyInvalid`), so job states (`"succeeded"`), English words and enum names stay silent.
 * How sure a field is: codeFields.ts; the shapes of a code: codeShapes.ts; a switch's labels read together: caseLabels.ts;
 * the keys of a table of error messages: codeMaps.ts; the role the syntax around a string gives it: vendorCodeRoles.ts,
 * the calls it is handed to: vendorCodeCalls.ts.
 */

/** The text just before a built-in exception's message. */
const BUILTIN_CALL = new RegExp(`\\b${BUILTIN_ERRORS.source.replace(/^\^|\$$/g, '')}\\s*\\(\\s*$`);

/** A quoted token without spaces: the candidates (the syntax tree then says whether it is a whole string literal). */
const QUOTED = /(["'`])([A-Za-z][A-Za-z0-9_-]{1,63}(?:\.[A-Za-z][A-Za-z0-9_]{0,40}){0,5})\1/g;

export interface VendorCodeSite {
  start: number;
  end: number;
  /** The code as the catalogs key it: the token, or a known code's own spelling (`"econnreset"` → `ECONNRESET`). */
  code: string;
  role: OccurrenceRole;
}

/**
 * Calls `found` for each string literal starting in [from, to) that reads as an API's own error code; stops when it
 * returns false. `known` gives a catalog code's spelling for a token (a lower-cased `"econnreset"`); offsets the catalog
 * path already spotted are `taken`.
 */
export function scanVendorCodes(
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  known: (token: string) => string | undefined,
  taken: (start: number) => boolean,
  found: (site: VendorCodeSite) => boolean,
): void {
  const pattern = new RegExp(QUOTED.source, 'g');
  pattern.lastIndex = Math.max(0, from - 1);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + 1;
    if (start < from) continue;
    if (start >= to) break;
    const token = match[2];
    pattern.lastIndex = start + token.length; // the closing quote may open the next string
    if (taken(start) || !worthParsing(text, match.index, start + token.length + 1)) continue;
    // A file system's error (`e.code === 'ENOENT'` after `fs.lstat`): no request failed. Nor does the name of one of the
    // language's own exceptions (`error_type == "ValueError"`).
    if (FILE_SYSTEM_ERRNO.test(token) || BUILTIN_ERRORS.test(token)) continue;
    // One lower-case word is a code only with an error word in it (`ratelimited`), as a known code (`econnreset`), or
    // where an error is named near it (`error.get("code") == "maxlag"`: vendorCodeRoles.ts decides by the field).
    if (WORD.test(token) && !ERROR_WORDS.test(token) && known(token.toUpperCase()) === undefined && !nearErrorName(text, match.index, start + token.length + 1)) continue;
    const node = root.descendantForIndex(start, start + token.length);
    const literal = node && (s.strings.has(node.type) ? node : node.parent && s.strings.has(node.parent.type) ? node.parent : undefined);
    const content = literal ? s.stringContent(literal) : undefined;
    if (!literal || !content || content.text !== token || content.start !== start) continue;
    // A catalog code the catalog path passed over (a quoted gRPC "NOT_FOUND" or "OK" it cannot place) may still be an API's own.
    const catalogCode = known(token) ?? known(token.toUpperCase());
    const role = vendorCodeRole(literal, token, reader, s, catalogCode !== undefined && token === token.toLowerCase());
    if (role && !found({ start, end: start + token.length, code: catalogCode ?? token, role })) return;
  }
}

/** POSIX errors of the file system (`ENOENT`, `EISDIR`, `ELOOP`): a missing file or a full disk, never a failed call. */
const FILE_SYSTEM_ERRNO = /^E(NOENT|EXIST|ISDIR|NOTDIR|ROFS|LOOP|NOTEMPTY|MFILE|NFILE|NOSPC|XDEV|NAMETOOLONG|DQUOT)$/;

/** Words one of which stands near every context a vendor code is read in (a cheap test before the syntax tree is asked). */
const CONTEXT_HINT = /err|code|type|status|reason|kind|state|body|json|text|retr|equals|case|exception|fault|includes|contains|assert|expect|tobe|\bin\b/i;

/**
 * How far the cheap test looks for a context word, before and after the string: far enough that the last members of a
 * long list (`in_array($code, ['A', 'B', 'C', 'D'])`, one a line) or of a `when` still see the field they are tested on.
 */
const HINT_BEFORE = 240;
const HINT_AFTER = 120;

/** A `case` whose list of labels is still open (no brace or semicolon since), and how far back it is looked for. */
const CASE_OPEN = /\bcase\b[^{};]*$/;
const CASE_BEFORE = 2000;

/** The opening of a map literal given to a name with an error or a retry in it, not yet closed. */
const ERROR_TABLE_OPEN = /(?:err|retr)\w*\s*(?::[^=\n]*)?=\s*\{[^;{}]*$/i;

/** An error named just before or after a string (`err`, `error`, `apiErr`): a plain word there may be an error's code. */
function nearErrorName(text: string, open: number, after: number): boolean {
  return /err/i.test(text.slice(Math.max(0, open - HINT_BEFORE), open)) || /err/i.test(text.slice(after, after + HINT_AFTER));
}

/** False for strings that cannot be a vendor code by their surroundings: an object key (`{"name": …`), a subscript key (`x["error"]`). */
function worthParsing(text: string, open: number, after: number): boolean {
  const before = text.slice(Math.max(0, open - HINT_BEFORE), open);
  if (BUILTIN_CALL.test(before)) return false; // `new Error('unavailable')`: a message
  const next = text.slice(after, after + HINT_AFTER);
  // (Not the last label of a case list, `case "A", "B":`, which a colon follows too.)
  // (Nor a key of a table named for errors, `ERROR_MESSAGES = {"RATE_LIMITED": "…"}`: codeMaps.ts reads those.)
  // (The `case` of a long list, one label a line, may stand further back than the hint window.)
  if (/^\s*:(?!:)/.test(next) && /[{,]\s*$/.test(before) && !CASE_OPEN.test(text.slice(Math.max(0, open - CASE_BEFORE), open)) && !ERROR_TABLE_OPEN.test(before)) return false;
  if (/^\s*\]/.test(next) && /[\w)\]]\s*\[\s*$/.test(before)) return false;
  return CONTEXT_HINT.test(before) || CONTEXT_HINT.test(next);
}
