/**
 * The role of a string (or a number) that reads as an API's own error code, by the syntax around it: compared with or
 * switched on a field that holds an error code, a member of a list or an enum named for error codes, bound to such a
 * field or key, a constant named for one, or handed to a call (vendorCodeCalls.ts). The string scan: vendorCodes.ts.
 */
import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import { COLLECTION_CONSTRUCTORS, DEFAULT_OPERATORS, isComparisonOperator } from './names';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { errorEnumMember, errorHolderMember, errorTypeMember } from './errorEnums';
import { errorLabelsBeside } from './caseLabels';
import { codeMapKeyRole } from './codeMaps';
import { fieldStrength, keyStrength, namedForErrorCode, namesAnErrorCode, namesErrorInfoReason, type Strength } from './codeFields';
import { rustAssertedField } from './rustAssertions';
import { codeShape, ERROR_WORDS, hasErrorWord } from './codeShapes';
import { callRole } from './vendorCodeCalls';

/** Go named types that hold error codes: `type ErrorCode string`, `ErrCode` (not a `FinishReason` or a `DiscardReason`). */
const CODE_TYPE = /Err|Code$/;
/** Constants named for an error code: `QUOTA_ERROR`, `ERR_RATE_LIMITED`, `rateLimitError`, `RATE_LIMIT_ERROR_CODE`. */
const ERROR_CONSTANT_NAME = /^(ERR|ERROR)_|_(ERR|ERROR|ERROR_CODE|ERR_CODE)$|Error$|ErrorCode$|^err[A-Z]|^error[A-Z]|^ERROR_CODE_|_(ERR|ERROR)_CODE_/;
/** Placeholders a project gives a missing code (`API_ERR_CODE_UNKNOWN = "UNKNOWN"`): no code an API answers with. */
const PLACEHOLDER = /^(unknown|none|null|undefined|other|default|n\/a|na)$/i;
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
/** Pattern nodes a C# `is` test wraps its constants in: `ex.ErrorCode is "A" or "B"`. */
const PATTERN_WRAPPERS = /^(constant_pattern|or_pattern|and_pattern|parenthesized_pattern|not_pattern)$/;

/** Subjects of a switch whose labels may vouch for each other: a bare code or reason (`switch (code)`, `when (e.reason)`). */
const CODE_SUBJECT = /^(code|reason|getCode|getReason)$/i;

/** Shapes that are a code only with an error word in them, even in a field or a list named for error codes. */
const NEEDS_ERROR_WORD: ReadonlySet<string> = new Set(['word', 'kebab', 'dotted']);

/** The role of a string literal whose content `token` reads as an API's own error code, or undefined. */
export function vendorCodeRole(literal: Node, token: string, reader: ExpressionReader, s: SyntaxAdapter, knownFolded = false): OccurrenceRole | undefined {
  const numeric = /^\d+$/.test(token);
  const shape = codeShape(token);
  if (!shape || token.length > (shape === 'dotted' ? 96 : 64)) return undefined;
  // A catalog code written in lower case (`err.code.toLowerCase() === "econnreset"`) reads like one with an error word.
  const worded = knownFolded || hasErrorWord(token);
  const accepts = (strength: Strength | undefined, field?: Node, compared?: Node): boolean => {
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
    // One plain word (`"maxlag"`, `"badtoken"`) only where it is compared whole (`compared`: an equality, a case label, a
    // list's member, not a search of a text) with an error's code read by name (`error.get("code")`, `apiErr.Code`, a
    // local taken from `body["error"]["code"]`), and is no word the file writes as a value of its own (a state it reports).
    if (strength === 'strong') return shape !== 'word' || worded || (compared !== undefined && plainWordCode(token) && namesAnErrorCode(compared, reader, s) && !writtenAsValue(literal, token));
    if (shape === 'word') return false;
    // `status == "OK"` beside `status == "OVER_QUERY_LIMIT"` in the same function: the field holds the API's codes.
    return worded || (shape === 'upper' && field !== undefined && comparedWithErrorWord(field));
  };
  // A member of an enum named for error codes (`enum ExpoErrorType: string { case MessageRateExceeded = '…' }`,
  // `enum ApiErrorCode { RateLimited = 'rate_limited' }`, `class ErrorCode(str, Enum)`, Java `RATE_LIMITED("…")`).
  if (!numeric && (!NEEDS_ERROR_WORD.has(shape ?? '') || worded) && (errorEnumMember(literal) || errorTypeMember(literal))) return 'constant';
  // A constant of a class, module or object named for error codes (`class ErrorCodes { static final String X = "…"; }`).
  if (!numeric && (!NEEDS_ERROR_WORD.has(shape ?? '') || worded) && !PLACEHOLDER.test(token) && errorHolderMember(literal)) return 'constant';
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
      return accepts(fieldStrength(tested, reader, s), numeric ? tested ?? undefined : undefined, tested ?? undefined) ? 'client-check' : undefined;
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
      // (`"connection" in error_type`: a text searched, not a code compared whole.)
      const whole = inCollection || !/^(in|not in|!in)$/.test(s.operatorOf(parent).trim());
      return others.some((o) => accepts(fieldStrength(o, reader, s), o, whole ? o : undefined)) ? 'client-check' : undefined;
    }
    if (s.cases.has(parent.type) || (parent.parent && s.cases.has(parent.parent.type) && /pattern|label/.test(parent.type))) {
      const clause = s.cases.has(parent.type) ? parent : parent.parent!;
      // Only the label of a case names a code the subject is compared with, not its body (`else -> "error"`).
      if (afterArrow(clause, child)) return undefined;
      const subject = s.caseSubject(clause);
      const strength = fieldStrength(subject, reader, s);
      if (accepts(strength, numeric ? subject ?? undefined : undefined, subject ?? undefined)) return 'client-check';
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
        return (codeNamed || numberNamed || reasonNamed) && !sameWords && !NEEDS_ERROR_WORD.has(shape) && says && !PLACEHOLDER.test(token) ? 'constant' : undefined;
      }
      // `err.code = 'E_QUOTA'`, C# `{ Code = "activityLimitReached" }`: the code an error is given.
      return accepts(fieldStrength(target, reader, s), numeric ? target : undefined) ? 'server-sets' : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** Words that say nothing went wrong, or that nothing is there: never an API's error code on their own. */
const NOTHING_WORDS = /^(none|null|nil|true|false|undefined|empty|success|successful|ok|okay|yes|no|done|pending|active|unknown|other|default|string|object|number)$/;

/** A plain lower-case word that may be an API's own code (`maxlag`, `badtoken`), not a word saying nothing failed. */
function plainWordCode(token: string): boolean {
  return token.length >= 4 && !NOTHING_WORDS.test(token);
}

/** The file also writes the word as a value (`{ status: "disconnected" }`, `state = "disconnected"`): its own vocabulary. */
function writtenAsValue(literal: Node, token: string): boolean {
  let words = valueWords.get(literal.tree);
  if (!words) {
    words = new Set([...literal.tree.rootNode.text.matchAll(VALUE_WORD)].map((m) => m[1]));
    valueWords.set(literal.tree, words);
  }
  return words.has(token);
}

/**
 * A plain word written as a value: after `:`, `=`, `=>` or `->`, not after a comparison (`==`, `!=`, `<=`), nor as the
 * value of a constant (`MAXLAG = "maxlag"`, which names the code rather than reports a state).
 */
const VALUE_WORD = /(?<![=!<>])(?<![A-Z][A-Z0-9_]*[ \t]*)(?::|=>|->|=)(?!=)[ \t]*["'`]([a-z]{3,})["'`]/g;
const valueWords = new WeakMap<object, Set<string>>();

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
