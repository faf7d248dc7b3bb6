import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import { isLibraryAssertion } from './libraryAssertions';
import { ASSERT_CALLS, COLLECTION_CONSTRUCTORS, DEFAULT_OPERATORS, isComparisonOperator, MEMBERSHIP_METHODS } from './names';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { errorEnumMember, errorTypeMember } from './errorEnums';
import { errorLabelsBeside } from './caseLabels';
import { codeMapKeyRole } from './codeMaps';
import { helperSetsCode } from './helperCodeParameters';
import { errorish, fieldStrength, keyStrength, namedForErrorCode, namesErrorInfoReason, type Strength } from './codeFields';
import { rustAssertedField } from './rustAssertions';
import { codeShape, ERROR_WORDS, hasErrorWord, SNAKE, UPPER, WORD } from './codeShapes';

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
 * the keys of a table of error messages: codeMaps.ts.
 */

/**
 * Constructors of the language's own exceptions: their first argument is a message, not an API's code. (WordPress's
 * `WP_Error('webfinger_missing_links', …)` takes a code the plugin makes up for its own callers, no API's either.)
 */
const BUILTIN_ERRORS = /^(WP_Error|Error|TypeError|RangeError|SyntaxError|ReferenceError|Exception|ValueError|KeyError|RuntimeError|AssertionError|NotImplementedError|AttributeError|IllegalArgumentException|IllegalStateException|RuntimeException|UnsupportedOperationException|ArgumentException|ArgumentNullException|InvalidOperationException|NotSupportedException|NotImplementedException|OSError|IOError|IOException|UncheckedIOException|InterruptedException|TimeoutException|NullPointerException|SystemException|ApplicationException|AssertionFailedError)$/;
/** The text just before a built-in exception's message. */
const BUILTIN_CALL = new RegExp(`\\b${BUILTIN_ERRORS.source.replace(/^\^|\$$/g, '')}\\s*\\(\\s*$`);
/** An API error's constructor: `new AirtableError(…)`, `ApiError(…)`, `StripeException(…)`. */
const ERROR_CONSTRUCTOR = /^[A-Z]\w*(Error|Exception|Fault)$/;
/** Go named types that hold error codes: `type ErrorCode string`, `ErrCode` (not a `FinishReason` or a `DiscardReason`). */
const CODE_TYPE = /Err|Code$/;
/** Constants named for an error code: `QUOTA_ERROR`, `ERR_RATE_LIMITED`, `rateLimitError`, `RATE_LIMIT_ERROR_CODE`. */
const ERROR_CONSTANT_NAME = /^(ERR|ERROR)_|_(ERR|ERROR|ERROR_CODE|ERR_CODE)$|Error$|ErrorCode$|^err[A-Z]|^error[A-Z]|^ERROR_CODE_/;
/** Names that end in "error code": `INVALID_PARAM_ERROR_CODE`, `quotaErrorCode`. */
const ENDS_IN_ERROR_CODE = /_(ERROR|ERR)_CODE$|[a-z]ErrorCode$/;
/** …unless the name says it holds something else: a field or header name, a message, a setting. */
const NOT_A_CODE_NAME = /message|msg|text|description|desc|field|key|param|header|env|property|prop|handling|feature|name|path|url|uri|status|format|template|prefix|label|title/i;
/**
 * Names of a list of an API's error codes: `fatalErrors`, `RETRYABLE_ERRORS`, `retryableErrorCodes`, `ignored_error_types`,
 * `TRANSIENT_CODES` (matched on the lower-cased name without separators).
 */
const ERROR_LIST_NAME = /(error|err)(s|codes?|types?|reasons?)$|(retry|retriable|retryable|transient|throttl|fatal|permanent|recoverable)\w*(codes?|errors?|reasons?)$/;
/** Collection builders besides the status classifier's (COLLECTION_CONSTRUCTORS): Kotlin `arrayOf(…)`, PHP `array(…)`. */
const ARRAY_CALL = /^(arrayOf|array)$/;
/** Predicates that ask an error for one code: Ruby `is_error?(e, "INVALID_RESOURCE_ID")`, C# `exception.IsMatch("timeout")`, `hasErrorCode(err, "x")`. */
const ERROR_PREDICATE = /^(is|has|matches)(api)?(error|err)(code|type|reason)?\??$|^ismatch\??$/;
/** Pattern nodes a C# `is` test wraps its constants in: `ex.ErrorCode is "A" or "B"`. */
const PATTERN_WRAPPERS = /^(constant_pattern|or_pattern|and_pattern|parenthesized_pattern|not_pattern)$/;
/** Equality methods: Java `"OK".equals(status)`, C# `code.Equals("x")`, `Objects.equals(a, b)`, `string.Equals(a, b)`. */
const EQUALS = /^(equals|Equals|equalsIgnoreCase|EqualsIgnoreCase|contentEquals|isEqual)$/;
/** Calls that search a text for a part of it. */
const CONTAINS = /^(includes|contains|Contains|include\?|includes\?|ContainsAny)$/;
/** Receivers that are a module whose function takes the text as an argument (`strings.Contains(s, sub)`). */
const MODULE_RECEIVER = /^(strings|bytes|StringUtils|Strings|_|lodash)$/;

/** Subjects of a switch whose labels may vouch for each other: a bare code or reason (`switch (code)`, `when (e.reason)`). */
const CODE_SUBJECT = /^(code|reason|getCode|getReason)$/i;

/** Shapes that are a code only with an error word in them, even in a field or a list named for error codes. */
const NEEDS_ERROR_WORD: ReadonlySet<string> = new Set(['word', 'kebab', 'dotted']);

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
    // One lower-case word is a code only with an error word in it (`ratelimited`) or as a known code (`econnreset`).
    if (WORD.test(token) && !ERROR_WORDS.test(token) && known(token.toUpperCase()) === undefined) continue;
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

/** The role of a string literal whose content `token` reads as an API's own error code, or undefined. */
export function vendorCodeRole(literal: Node, token: string, reader: ExpressionReader, s: SyntaxAdapter, knownFolded = false): OccurrenceRole | undefined {
  const numeric = /^\d+$/.test(token);
  const shape = codeShape(token);
  if (!shape || token.length > (shape === 'dotted' ? 96 : 64)) return undefined;
  // A catalog code written in lower case (`err.code.toLowerCase() === "econnreset"`) reads like one with an error word.
  const worded = knownFolded || hasErrorWord(token);
  const accepts = (strength: Strength | undefined, field?: Node): boolean => {
    if (!strength) return false;
    // A number says nothing of itself: only a field named for error codes (`errorCode`, `error_code`) makes it one.
    // An error's bare `code` holds small numbers of other schemes too (`SystemExit.code` 2, an errno, a DOMException's
    // 23): there only a code of four digits or more (`error.code == 10007`) counts.
    // (Nor do `errors`, a count or a list: `if errors > 1`.)
    if (numeric) return strength === 'strong' && !/^err(or)?s$/i.test(reader.lastName(field ?? null) ?? '') && (field === undefined || namedForErrorCode(field, reader) || token.length >= 4);
    // In a text only a token of two words or more with an error word in it (`rate_limit_exceeded`, `quotaExceeded`) is a
    // code: not a word of prose (`"ERROR"`, `"timed-out"`).
    if (strength === 'text') return worded && (shape === 'snake' || shape === 'camel' || (shape === 'upper' && token.includes('_')));
    // `"OK"` is a reason phrase or a job state unless the same field is also compared with an API's error codes.
    if (/^(OK|SUCCESS|SUCCEEDED)$/i.test(token)) return shape === 'upper' && field !== undefined && comparedWithErrorWord(field);
    // (kebab-case is also how slugs, CSS classes and file names are spelled: an error word is needed everywhere.)
    if (shape === 'kebab') return worded;
    if (shape === 'dotted') return strength === 'strong' && worded;
    if (strength === 'strong') return shape !== 'word' || worded;
    if (shape === 'word') return false;
    // `status == "OK"` beside `status == "OVER_QUERY_LIMIT"` in the same function: the field holds the API's codes.
    return worded || (shape === 'upper' && field !== undefined && comparedWithErrorWord(field));
  };
  // A member of an enum named for error codes (`enum ExpoErrorType: string { case MessageRateExceeded = '…' }`,
  // `enum ApiErrorCode { RateLimited = 'rate_limited' }`, `class ErrorCode(str, Enum)`, Java `RATE_LIMITED("…")`).
  if (!numeric && (!NEEDS_ERROR_WORD.has(shape ?? '') || worded) && (errorEnumMember(literal) || errorTypeMember(literal))) return 'constant';
  // (A number there too, `enum AcoustIdErrorCode { TooManyRequests = 14 }`: the enum's name says what its values are.)
  if (numeric && token !== '0' && errorEnumMember(literal)) return 'constant';
  // Rust `assert_eq!(err.status, "invalid-credentials")`: a macro's tokens are not parsed as expressions.
  if (literal.parent?.type === 'token_tree' && literal.parent.parent?.type === 'macro_invocation') {
    const compared = rustAssertedField(literal, reader, s);
    return compared && accepts(compared.strength, compared.field) ? 'test-assert' : undefined;
  }
  let child = literal;
  let inCollection = false;
  let defaulted = false;
  for (let parent = literal.parent, climbed = 0; parent && climbed < 8; child = parent, parent = parent.parent, climbed++) {
    if (s.transparent.has(parent.type) && parent.type !== 'argument_list' && parent.type !== 'arguments') continue;
    if (PATTERN_WRAPPERS.test(parent.type)) continue;
    if (parent.type === 'array_element_initializer' && parent.namedChildCount === 1) continue; // PHP `['A', 'B']`
    if (parent.type === 'is_pattern_expression') {
      // C# `ex.ErrorCode is "PathNotFound" or "BlobNotFound"`
      const tested = parent.childForFieldName('expression') ?? parent.namedChild(0);
      return accepts(fieldStrength(tested, reader, s), numeric ? tested ?? undefined : undefined) ? 'client-check' : undefined;
    }
    if (parent.type === 'argument' && s.pairName(parent) === undefined) continue; // a C# positional argument
    if (isCollectionCall(parent, child, reader, s)) {
      // `listOf("rate_limited", "overloaded")`, `Set.of("x")`: the call builds a collection of its arguments.
      inCollection = true;
      continue;
    }
    if (parent.type === 'expression_list' && parent.namedChildCount === 1) continue; // Go `X ErrorCode = "…"`: one value
    // Go `case "DependencyViolation", "AuthFailure":`: each value of the list is a label of the case.
    if (parent.type === 'expression_list' && parent.parent && s.cases.has(parent.parent.type)) continue;
    if (s.collections.has(parent.type) && parent.type !== 'expression_list') {
      inCollection = true;
      continue;
    }
    if ((s.binaries.has(parent.type) || parent.type === 'boolean_operator') && DEFAULT_OPERATORS.has(s.operatorOf(parent).trim())) {
      defaulted = true; // `type ?? 'UNEXPECTED_ERROR'`
      continue;
    }
    if (s.binaries.has(parent.type) || parent.type === 'comparison_operator') {
      if (!isComparisonOperator(s.operatorOf(parent))) return undefined;
      // JavaScript `'error_description' in body`: a key the object is asked for, not a code compared.
      if (parent.type === 'binary_expression' && s.operatorOf(parent).trim() === 'in' && namedChildren(parent)[0]?.id === child.id) return undefined;
      const others = namedChildren(parent).filter((n) => n.id !== child.id);
      return others.some((o) => accepts(fieldStrength(o, reader, s), o)) ? 'client-check' : undefined;
    }
    if (s.cases.has(parent.type) || (parent.parent && s.cases.has(parent.parent.type) && /pattern|label/.test(parent.type))) {
      const clause = s.cases.has(parent.type) ? parent : parent.parent!;
      // Only the label of a case names a code the subject is compared with, not its body (`else -> "error"`).
      if (afterArrow(clause, child)) return undefined;
      const subject = s.caseSubject(clause);
      const strength = fieldStrength(subject, reader, s);
      if (accepts(strength, numeric ? subject ?? undefined : undefined)) return 'client-check';
      // A bare `code` or `reason` whose other labels are codes with an error word (not a `status` or a `type`: job
      // states and event names gather failure words too).
      const vouched = strength === 'weak' && !numeric && shape !== 'word' && CODE_SUBJECT.test(reader.lastName(subject) ?? '');
      return vouched && errorLabelsBeside(clause, token, s) ? 'client-check' : undefined;
    }
    if (s.members.has(parent.type) && inCollection) {
      // `['rate_limited', 'overloaded'].includes(body.error)`
      const call = parent.parent;
      return call && s.calls.has(call.type) ? callRole(call, parent, token, inCollection, accepts, reader, s) : undefined;
    }
    if (parent.type === 'argument_list' || parent.type === 'arguments' || s.calls.has(parent.type)) {
      const call = s.calls.has(parent.type) ? parent : parent.parent;
      return call && s.calls.has(call.type) ? callRole(call, child, token, inCollection, accepts, reader, s) : undefined;
    }
    if (s.pairs.has(parent.type)) {
      const key = s.pairName(parent);
      // `$errorDescriptions = [29 => 'Rate limit exceeded']`: a numbered code as the key of its message.
      // (A string key only in UPPER_SNAKE or with an error word: `'ZERO_RESULTS' => __('No route…')`.)
      if (!inCollection && s.pairValue(parent)?.id !== child.id && (numeric || shape === 'upper' || (worded && !NEEDS_ERROR_WORD.has(shape)))) return codeMapKeyRole(parent, child, reader, s);
      if (key === undefined || inCollection || s.pairValue(parent)?.id !== child.id) return undefined;
      return accepts(keyStrength(key, parent, s)) ? 'server-sets' : undefined;
    }
    if (s.assignments.has(parent.type)) {
      const target = s.assignTarget(parent);
      if (!target || target.id === child.id) return undefined;
      // `$code = $data['error_code'] ?? 'UNKNOWN_ERROR'`: a placeholder for a missing code, which no API sent.
      if (defaulted && !inCollection) return undefined;
      if (inCollection) return errorListRole(reader.lastName(target) ?? target.text, shape, worded);
      const typeName = parent.type === 'const_spec' || parent.type === 'var_spec' ? reader.lastName(parent.childForFieldName('type')) : undefined;
      // Go `BlobUnknownErrorCode ErrorCode = "BLOB_UNKNOWN"`: a typed error-code constant. (A plain `string` says nothing:
      // `const AccessDeniedError string = "AccessDenied"` is read by its name, as an untyped constant is.)
      if (typeName !== undefined && typeName !== 'string') return CODE_TYPE.test(typeName) && !NEEDS_ERROR_WORD.has(shape) ? 'constant' : undefined;
      const name = reader.lastName(target) ?? '';
      // (Ruby's constants are `constant` nodes: `REQUEST_LIMIT_ERROR_CODE = "SSS_REQUEST_LIMIT_EXCEEDED"`.)
      if (/identifier|^constant$/.test(target.type) && !/^(Code|ErrorCode|Error|Type|Reason)$/.test(name)) {
        // `QUOTA_ERROR = "insufficient_quota"`: a constant named for an error code (not `ERROR_CODE = "errorCode"`, a field's name).
        const sameWords = name.toLowerCase().replace(/_/g, '') === token.toLowerCase().replace(/_/g, '');
        // (A number needs a name that says which error: `INVALID_PARAM_ERROR_CODE = 60200`, not a bare `ERROR_CODE = 32601`.)
        const says = shape !== 'number' || name.replace(/err(or)?|code|[_$]/gi, '').length > 0;
        // (Nor a dotted or kebab-case string, a message key: `INVALID_EMAIL_ERROR = "errors.invalid_email"`.)
        // (A name that ends in "error code" says so whatever words come before: `INVALID_PARAM_ERROR_CODE`.)
        const codeNamed = ERROR_CONSTANT_NAME.test(name) && (ENDS_IN_ERROR_CODE.test(name) || !NOT_A_CODE_NAME.test(name));
        // A number under a name of its own error and "code": `TOO_MANY_REQUESTS_CODE = 20429`.
        const numberNamed = shape === 'number' && /(_CODE|[a-z]Code)$/.test(name) && hasErrorWord(name.replace(/_?code$/i, ''));
        // `ReasonSessionNotFound = "SESSION_NOT_FOUND"` beside an ErrorInfo: the reason a service's error carries.
        const reasonNamed = namesErrorInfoReason(name, shape === 'upper', literal);
        return (codeNamed || numberNamed || reasonNamed) && !sameWords && !NEEDS_ERROR_WORD.has(shape) && says ? 'constant' : undefined;
      }
      // `err.code = 'E_QUOTA'`, C# `{ Code = "activityLimitReached" }`: the code an error is given.
      return accepts(fieldStrength(target, reader, s), numeric ? target : undefined) ? 'server-sets' : undefined;
    }
    return undefined;
  }
  return undefined;
}

function callRole(
  call: Node,
  child: Node,
  token: string,
  inCollection: boolean,
  accepts: (strength: Strength | undefined, field?: Node) => boolean,
  reader: ExpressionReader,
  s: SyntaxAdapter,
): OccurrenceRole | undefined {
  const callee = s.callee(call);
  const name = reader.lastName(callee) ?? '';
  const args = s.callArguments(call);
  const index = args.findIndex((a) => a.startIndex <= child.startIndex && child.endIndex <= a.endIndex);
  const receiver = reader.receiverOf(call);
  const isReceiver = receiver !== null && receiver.startIndex <= child.startIndex && child.endIndex <= receiver.endIndex;
  if (EQUALS.test(name)) {
    // `"OVER_QUERY_LIMIT".equals(status)`, `ex.Data["code"].Equals("context_length_exceeded")`, `Objects.equals(code, "x")`
    const others = isReceiver ? args : index >= 0 ? [...args.filter((_, i) => i !== index), ...(receiver && args.length === 1 ? [receiver] : [])] : [];
    return others.some((o) => accepts(fieldStrength(o, reader, s), o)) ? 'client-check' : undefined;
  }
  if (inCollection && MEMBERSHIP_METHODS.has(name)) {
    // `['rate_limited', 'overloaded'].includes(body.error)`
    return args.some((a) => accepts(fieldStrength(a, reader, s), /^\d+$/.test(token) ? a : undefined)) ? 'client-check' : undefined;
  }
  if (inCollection && ERROR_PREDICATE.test(name.toLowerCase().replace(/_/g, ''))) {
    // Go `HasErrorCode(err.Error(), []string{"not_implemented_yet", "api_not_enabled"})`: the error asked for any of them.
    const others = [...args, ...(receiver ? [receiver] : [])];
    return others.some((o) => errorish(o, reader, s) || accepts(fieldStrength(o, reader, s), o)) ? 'client-check' : undefined;
  }
  if (index < 0 || inCollection) return undefined;
  if (CONTAINS.test(name) && !/^\d+$/.test(token)) {
    // `error.message?.includes('RATE_LIMIT_EXCEEDED')`, Go `strings.Contains(err.Error(), "RequestLimitExceeded")`: an
    // error's text searched for the code it carries (a field named for errors, or a message with a code-shaped token).
    const others = [...args.filter((_, i) => i !== index), ...(receiver && !MODULE_RECEIVER.test(receiver.text) ? [receiver] : [])];
    return others.some((o) => accepts(fieldStrength(o, reader, s), o)) ? 'client-check' : undefined;
  }
  if (ERROR_PREDICATE.test(name.toLowerCase().replace(/_/g, ''))) {
    // `is_error?(e, "INVALID_RESOURCE_ID")`, `exception.IsMatch("generalException")`: the error is asked for a code.
    const others = [...args.filter((_, i) => i !== index), ...(receiver ? [receiver] : [])];
    return others.some((o) => errorish(o, reader, s)) ? 'client-check' : undefined;
  }
  if (ASSERT_CALLS.test(name) || isLibraryAssertion(name, receiver?.text, args[0]?.text)) {
    // `assertEqual(err.code, "quota_exceeded")`, `expect(body.error).toBe('NOT_FOUND')`
    const subject = firstCallArgument(receiver, s);
    return [...args.filter((_, i) => i !== index), ...(subject ? [subject] : [])].some((o) => accepts(fieldStrength(o, reader, s), /^\d+$/.test(token) ? o : undefined)) ? 'test-assert' : undefined;
  }
  if (index === 0 && ERROR_CONSTRUCTOR.test(name) && !BUILTIN_ERRORS.test(name)) {
    // `new AirtableError('TOO_MANY_REQUESTS', message, status)`, `raise ApiError("UNKNOWN_ERROR", …)`: a code given to an API error.
    return UPPER.test(token) || SNAKE.test(token) ? 'constant' : undefined;
  }
  // `$this->error('invalid_client_metadata', '…')`: a code handed to the file's own helper that writes it as its error body's code.
  if ((UPPER.test(token) || SNAKE.test(token)) && helperSetsCode(call, name, receiver, index, s)) return 'server-sets';
  return undefined;
}

/** Function-like nodes whose text bounds the sibling comparisons of a field. */
const FUNCTION_LIKE = /^(function_declaration|function_definition|function_expression|function|method_declaration|method_definition|arrow_function|func_literal|local_function_statement|lambda_expression|constructor_declaration|class_declaration|class_definition)$/;

/** True when the function around `field` also compares the same field with an upper-case code that has an error word. */
function comparedWithErrorWord(field: Node): boolean {
  let scope: Node | null = field.parent;
  for (let depth = 0; scope && !FUNCTION_LIKE.test(scope.type) && depth < 40; depth++) scope = scope.parent;
  if (!scope) return false;
  const name = field.text.replace(/\s+/g, '');
  if (!/^[\w.]{1,60}$/.test(name)) return false;
  const escaped = name.replace(/\./g, '\\s*\\.\\s*');
  const code = `["']([A-Z][A-Z0-9_]*)["']`;
  const pattern = new RegExp(`(?<![\\w.])${escaped}\\s*(?:==|===|!=|!==)\\s*${code}|${code}\\s*\\.\\s*equals\\s*\\(\\s*${escaped}\\s*\\)`, 'g');
  for (const m of scope.text.matchAll(pattern)) {
    const token = m[1] ?? m[2];
    if (token && ERROR_WORDS.test(token.toLowerCase().replace(/_/g, ''))) return true;
  }
  return false;
}

/** `expect(x)` in `expect(x).toBe(…)`: the first argument of the call a chain starts from. */
function firstCallArgument(receiver: Node | null, s: SyntaxAdapter): Node | undefined {
  if (!receiver || !s.calls.has(receiver.type)) return undefined;
  return s.callArguments(receiver)[0];
}

/** True when `child` of a Kotlin `when` entry or a C# switch-expression arm stands after its arrow: the arm's value. */
function afterArrow(clause: Node, child: Node): boolean {
  for (let i = 0; i < clause.childCount; i++) {
    const token = clause.child(i);
    if (token && !token.isNamed && (token.type === '->' || token.type === '=>')) return child.startIndex >= token.endIndex;
  }
  return false;
}

/** A call that builds a collection of its arguments (`listOf("a", "b")`, `Set.of(…)`), seen from one of them. */
function isCollectionCall(parent: Node, child: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  const call = s.calls.has(parent.type) ? parent : parent.parent && s.calls.has(parent.parent.type) && /argument|call_suffix/.test(parent.type) ? parent.parent : undefined;
  if (!call) return false;
  const callee = s.callee(call);
  if (!callee || (callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex)) return false;
  const name = reader.lastName(callee) ?? '';
  if (!COLLECTION_CONSTRUCTORS.test(name) && !ARRAY_CALL.test(name)) return false;
  if (!/^(of|copyOf|asList)$/.test(name)) return true;
  return /^(List|Set|Arrays|ImmutableList|ImmutableSet|Stream|EnumSet|Collections)$/.test(reader.lastName(reader.receiverOf(call)) ?? '');
}

/** The role of a collection of codes given to a name: `fatalErrors = ["fatal_error", …]`, `RETRYABLE_ERRORS = (…)`. */
function errorListRole(name: string, shape: string, worded: boolean): OccurrenceRole | undefined {
  const key = name.toLowerCase().replace(/[_$]/g, '');
  if (!ERROR_LIST_NAME.test(key) || NOT_A_CODE_NAME.test(name)) return undefined;
  if (NEEDS_ERROR_WORD.has(shape) && !worded) return undefined;
  // Numbers only in a list named for error codes (`IGNORABLE_ERROR_CODES = [10041, 10042]`), not any list of errors.
  if (shape === 'number' && !/codes?$/.test(key)) return undefined;
  if (/retr|transient|throttl|recoverable/.test(key)) return 'retry-config';
  // (A list of numbers is a table the code consults later: a constant until a test reads it.)
  return shape === 'number' ? 'constant' : 'client-check';
}

