/**
 * The role of an API's error code handed to a call: compared through an equality method, searched for in an error's
 * text, asked of an error by a predicate, tested for membership, asserted, given to an API error's constructor or to
 * the file's own helper that writes it (read by vendorCodeRoles.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import { isLibraryAssertion } from './libraryAssertions';
import { ASSERT_CALLS, MEMBERSHIP_METHODS } from './names';
import type { SyntaxAdapter } from './syntaxAdapter';
import { helperSetsCode } from './helperCodeParameters';
import { errorish, fieldStrength, type Strength } from './codeFields';
import { SNAKE, UPPER } from './codeShapes';

/**
 * Constructors of the language's own exceptions: their first argument is a message, not an API's code. (WordPress's
 * `WP_Error('webfinger_missing_links', …)` takes a code the plugin makes up for its own callers, no API's either.)
 */
export const BUILTIN_ERRORS = /^(WP_Error|Error|TypeError|RangeError|SyntaxError|ReferenceError|Exception|ValueError|KeyError|RuntimeError|AssertionError|NotImplementedError|AttributeError|IllegalArgumentException|IllegalStateException|RuntimeException|UnsupportedOperationException|ArgumentException|ArgumentNullException|InvalidOperationException|NotSupportedException|NotImplementedException|OSError|IOError|IOException|UncheckedIOException|InterruptedException|TimeoutException|NullPointerException|SystemException|ApplicationException|AssertionFailedError)$/;
/** An API error's constructor: `new AirtableError(…)`, `ApiError(…)`, `StripeException(…)`. */
const ERROR_CONSTRUCTOR = /^[A-Z]\w*(Error|Exception|Fault)$/;
/** Predicates that ask an error for one code: Ruby `is_error?(e, "INVALID_RESOURCE_ID")`, C# `exception.IsMatch("timeout")`, `hasErrorCode(err, "x")`. */
const ERROR_PREDICATE = /^(is|has|matches)(api)?(error|err)(code|type|reason)?\??$|^ismatch\??$/;
/** Equality methods: Java `"OK".equals(status)`, C# `code.Equals("x")`, `Objects.equals(a, b)`, `string.Equals(a, b)`. */
const EQUALS = /^(equals|Equals|equalsIgnoreCase|EqualsIgnoreCase|contentEquals|isEqual)$/;
/** Calls that search a text for a part of it. */
const CONTAINS = /^(includes|contains|Contains|include\?|includes\?|ContainsAny)$/;
/** Receivers that are a module whose function takes the text as an argument (`strings.Contains(s, sub)`). */
const MODULE_RECEIVER = /^(strings|bytes|StringUtils|Strings|_|lodash)$/;

/** The role a call gives a code handed to it (as an argument, or as the receiver of an equality method), or undefined. */
export function callRole(
  call: Node,
  child: Node,
  token: string,
  inCollection: boolean,
  accepts: (strength: Strength | undefined, field?: Node, compared?: Node) => boolean,
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
    return others.some((o) => accepts(fieldStrength(o, reader, s), o, o)) ? 'client-check' : undefined;
  }
  if (inCollection && MEMBERSHIP_METHODS.has(name)) {
    // `['rate_limited', 'overloaded'].includes(body.error)`
    return args.some((a) => accepts(fieldStrength(a, reader, s), /^\d+$/.test(token) ? a : undefined, a)) ? 'client-check' : undefined;
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

/** `expect(x)` in `expect(x).toBe(…)`: the first argument of the call a chain starts from. */
function firstCallArgument(receiver: Node | null, s: SyntaxAdapter): Node | undefined {
  if (!receiver || !s.calls.has(receiver.type)) return undefined;
  return s.callArguments(receiver)[0];
}
