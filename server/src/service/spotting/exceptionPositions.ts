import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { ExpressionReader } from './expressionReader';
import { ASSERT_CALLS, COLLECTION_CONSTRUCTORS } from './names';
import { inRubyExample } from './rubyStatuses';
import { isRetryDecisionTable, tableOfKey } from './retryDecisionTables';
import { inTestCode } from './testCode';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/**
 * Where an exception class name (`HttpRequestException`, `openai.RateLimitError`, `SocketTimeoutException.class`)
 * stands as a code: caught, tested with `instanceof`/`is`/`isinstance`, handed to a retry, asserted by a test.
 * Anywhere else (an import, a declaration, a log line, `throw new …`) it is not reported, so precision holds.
 */

/** Nodes that spell a type by its qualified name: Java `java.net.ConnectException`, C# `System.Net.Http.HttpRequestException`, Kotlin `user_type`. */
const QUALIFIED = new Set(['scoped_type_identifier', 'qualified_name', 'nested_type_identifier', 'member_type', 'generic_type', 'user_type']);
/** Catch clauses and their exception-type slots. */
/** (Ruby's `rescue A, B` holds its types in `exceptions`; PHP's `catch (A | B $e)` in a `catch_clause`'s type list.) */
const CATCH = new Set(['except_clause', 'except_group_clause', 'catch_type', 'catch_formal_parameter', 'catch_declaration', 'catch_block', 'exceptions', 'catch_clause']);
/** Type tests: Java `t instanceof X`, C# `ex is X` / `ex is X or Y`, Kotlin `e is X`. */
const TYPE_TESTS = new Set(['instanceof_expression', 'is_pattern_expression', 'is_expression']);
/** Kotlin's safe cast `(e as? X)?.response` tests the type (a TypeScript `as` only asserts it, so only `as?` counts). */
const SAFE_CAST = 'as_expression';
/** Kotlin's `when (e) { is X -> … }`: the entry holds only the type. */
const WHEN_TYPE_TEST = 'type_test';
/** Groupings a type passes through on its way to a catch or a test. */
const TYPE_GROUPS = new Set([
  'parenthesized_expression',
  'parenthesized_statements',
  'as_pattern',
  'or_pattern',
  'and_pattern',
  'constant_pattern',
  'type_pattern',
  'declaration_pattern',
  'parenthesized_pattern',
  'recursive_pattern',
  'negated_pattern',
  'union_type',
  'class_literal',
  'typeof_expression',
  'argument',
  'argument_list',
  'arguments',
  'type_argument_list',
  'type_arguments',
  'annotation_argument_list',
  'named_type',
  'type_list',
  // (Kotlin's arguments: `onErrorMap(WebClientResponseException::class.java) { … }`.)
  'value_argument',
  'value_arguments',
]);
/** Collections of exception types: `(A, B)`, `[A, B]`, `new[] { typeof(A) }`. */
const LISTS = new Set(['tuple', 'list', 'set', 'array', 'array_initializer', 'element_value_array_initializer', 'expression_list', 'initializer_expression', 'array_creation_expression', 'implicit_array_creation_expression', 'collection_expression']);
/**
 * Calls whose exception-type arguments say what a retry acts on: tenacity `retry_if_exception_type`, backoff
 * `on_exception`, Failsafe `handle`/`retryOn`, Polly `Handle<T>()`/`Or<T>()`, resilience4j `retryExceptions`, Spring `retryFor`.
 */
const RETRY_CALL = /retr(y|ies|iable|yable)|backoff|^on_?exception$|^(handle|Handle|HandleInner|Or|OrInner|abortOn|handleIf)$/i;
/** Calls that assert an exception type: pytest `raises`, JUnit `assertThrows`, xUnit `Throws<T>`/`IsType<T>`, AssertJ `isInstanceOf`, Jest `toThrow`. */
const ASSERT_TYPE_CALL =
  /^(raises|assertRaises|assertRaisesRegexp?|assertThrows|assertThrowsExactly|expectThrows|assertIsInstance|assertInstanceOf|isInstanceOf|isExactlyInstanceOf|hasCauseInstanceOf|hasRootCauseInstanceOf|isInstanceOfAny|assertThatExceptionOfType|Throws|ThrowsAsync|ThrowsAny|ThrowsAnyAsync|IsType|IsAssignableFrom|IsInstanceOfType|IsInstanceOf|ThrowAsync|ThrowExactly|ThrowExactlyAsync|Catch|CatchAsync|toThrow|toThrowError|rejects|toBeInstanceOf|expectException)$/;
/**
 * Python's and Ruby's type tests: `isinstance(e, X)`, `e.is_a?(Faraday::ClientError)`, `e.kind_of?(X)`; and Python's
 * `contextlib.suppress(asyncio.TimeoutError)`, which catches what it names.
 */
const TYPE_TEST_CALL = /^(isinstance|issubclass|is_a\?|kind_of\?|instance_of\?|suppress)$/;
/** Test helpers that feed exceptions to a test: pytest `parametrize`, a mock's `side_effect`, Mockito `thenThrow`, Moq `Throws`. */
/** (PHP: Mockery's `andThrow`, PHPUnit's `willThrowException`.) */
const TEST_FEED = /^(parametrize|side_effect|thenThrow|doThrow|willThrow|ThrowsAsync|Throws|mockRejectedValue|mockRejectedValueOnce|rejects|to_raise|and_raise|andThrow|andThrows|willThrowException)$/;
/** Reactive error operators that take the error type they handle (Reactor, RxJava). */
const ERROR_ROUTE_CALL = /^(onErrorResume|onErrorMap|onErrorReturn|onErrorContinue|onErrorComplete|doOnError|onErrorResumeNext|onErrorReturnItem)$/;
/** Names of settings and lists that a retry reads. */
const RETRY_NAME = /retr|transient/i;
/** Names that are assertions although `ASSERT_CALLS` does not list them: `assertFalse`, `assertTrue`, `Assert.True`. */
const ASSERT_PREFIX = /^(assert|Assert|expect|verify|check_?that)/;

const MAX_CLIMB = 12;

export interface ExceptionSite {
  /** The whole spelling of the type: `openai.RateLimitError`, `java.net.ConnectException` (without `.class`). */
  site: Node;
  role: OccurrenceRole;
  /** Built only because test code builds it (no assertion or mock reads it): its bare name needs the library's import. */
  builtInTest?: boolean;
}

/** The role of the exception class name at `name` (an identifier), or undefined when it does not stand as an exception type. */
export function exceptionPosition(name: Node, reader: ExpressionReader, s: SyntaxAdapter): ExceptionSite | undefined {
  let site = name;
  // `openai.RateLimitError`, `telegram.error.BadRequest`, `java.net.ConnectException`: the name is the last part.
  for (let up = site.parent; up; up = up.parent) {
    // (Not Kotlin's class reference `X::class`, a navigation that ends the name.)
    if (s.members.has(up.type) && s.memberParts(up)?.property === name.text && lastNamed(up)?.endIndex === site.endIndex && !/::\s*class$/.test(up.text)) site = up;
    else if (QUALIFIED.has(up.type) && up.endIndex === site.endIndex) site = up;
    else break;
  }
  const parent = site.parent;
  if (!parent) return undefined;
  // `new SocketTimeoutException()`, `requests.exceptions.ReadTimeout()`: constructed, not caught.
  if (s.calls.has(parent.type) && s.callee(parent)?.id === site.id) {
    // (In a test, or a test double, an exception built is one the test makes happen: `raise requests.HTTPError("…")` in a
    // `FakeResponse.raise_for_status`, `body=requests.ConnectionError()` handed to a mocked endpoint.)
    const role = constructionRole(parent, reader, s);
    if (role) return { site, role };
    return inTestCode(parent) ? { site, role: 'test-assert', builtInTest: true } : undefined;
  }
  const role = positionRole(site, reader, s);
  return role ? { site, role } : undefined;
}

function positionRole(site: Node, reader: ExpressionReader, s: SyntaxAdapter): OccurrenceRole | undefined {
  let child = site;
  let parent = site.parent;
  let inList = false;
  for (let climbed = 0; parent && climbed < MAX_CLIMB; climbed++, child = parent, parent = parent.parent) {
    if (CATCH.has(parent.type)) return child.type === 'block' ? undefined : 'client-check';
    if (TYPE_TESTS.has(parent.type)) return namedChildren(parent)[0]?.id === child.id ? undefined : 'client-check';
    if (parent.type === WHEN_TYPE_TEST) return 'client-check';
    // C#'s `exception switch { ApiException e => …, HttpRequestException => … }` and `case HttpRequestException http:`.
    if ((parent.type === 'switch_expression_arm' || parent.type === 'switch_section') && /pattern/.test(child.type)) return 'client-check';
    // Ruby's `case e when HTTP::ConnectionError, HTTP::TimeoutError`: a class in a `when` is matched with `===`, a type test.
    if (parent.type === 'pattern' && parent.parent?.type === 'when') return 'client-check';
    if (parent.type === SAFE_CAST) return namedChildren(parent)[0]?.id !== child.id && /\bas\?/.test(parent.text) ? 'client-check' : undefined;
    if (s.binaries.has(parent.type)) {
      const operator = s.operatorOf(parent).trim();
      if (operator === 'instanceof') return namedChildren(parent)[0]?.id === child.id ? undefined : 'client-check';
      // C# `ex is A or B || ex is C` parses the tail as a boolean inside the pattern (nested, for `e is A || e is B || e is C`).
      if (/^(\|\||&&)$/.test(operator) && inPatternBoolean(parent, s)) continue;
      // `DEFAULT_EXCEPTIONS + [A, B]`, `(A, B) + EXTRA`: a list joined to another is still the list its name holds.
      if (operator === '+' && inList) continue;
      // Python's `type(e) is Forbidden`, `type(ex) == ClientError`, Ruby's `ex.class == HTTP::ConnectionError`: the exact type tested.
      if (/^(is|==|!=|is not|in|not in)$/.test(operator.replace(/\s+/g, ' ')) && namedChildren(parent).some((side) => side.id !== child.id && /^type\(|^[\w.@]+\.class$/.test(side.text))) return 'client-check';
      return undefined;
    }
    if (parent.type === 'generic_name') {
      // Polly `Policy.Handle<HttpRequestException>()`, xUnit `Assert.ThrowsAsync<ApiException>(…)`
      const generic = parent.namedChild(0)?.text ?? '';
      if (ASSERT_TYPE_CALL.test(generic)) return 'test-assert';
      return RETRY_CALL.test(generic) ? 'retry-config' : undefined;
    }
    if (LISTS.has(parent.type)) {
      inList = true;
      continue;
    }
    if (TYPE_GROUPS.has(parent.type)) continue;
    // Python's `except A or B as e:` (which catches A alone, but names both as what it means to catch).
    if (parent.type === 'boolean_operator' && parent.childForFieldName('operator')?.text === 'or') continue;
    // PHP's class name constant `ServerException::class` (`$this->expectException(ServerException::class)`).
    if (parent.type === 'class_constant_access_expression' && /::\s*class$/.test(parent.text)) continue;
    // Kotlin's class reference `WebClientResponseException::class.java` (a navigation through `::class`).
    if (parent.type === 'navigation_expression' && /^[\w.]+::class(\.java)?$/.test(parent.text)) continue;
    // Spring `@ExceptionHandler(WebClientResponseException.class)`: the handler is chosen by the failure's type.
    if (parent.type === 'annotation') return /(^|\.)ExceptionHandler$/.test(parent.childForFieldName('name')?.text ?? '') ? 'client-check' : undefined;
    if (s.calls.has(parent.type)) {
      // (Kotlin's `x.onErrorMap(A::class.java) { … }`: the call holding the arguments is the head of a trailing-lambda
      // call, which carries the name.)
      const callee = s.callee(parent) ?? (parent.parent && s.calls.has(parent.parent.type) ? s.callee(parent.parent) : null);
      if (callee && callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex) return undefined;
      const name = reader.lastName(callee) ?? '';
      if (TYPE_TEST_CALL.test(name) || name === 'rescue_from') return 'client-check';
      if (ASSERT_TYPE_CALL.test(name) || TEST_FEED.test(name)) return 'test-assert';
      // Ruby `allow(api).to receive(:get) { raise Faraday::TimeoutError }` in an rspec example: the test makes it happen.
      if (name === 'raise' && inRubyExample(parent)) return 'test-assert';
      // Ruby's `(HTTP_ERRORS + [Faraday::Error, SocketError]).freeze`: still the list.
      if (inList && /^(freeze|dup|uniq|flatten|compact)$/.test(name)) continue;
      if (RETRY_CALL.test(name) || name === 'discard_on') return 'retry-config';
      // Reactor's and RxJava's error routes chosen by the failure's type: `onErrorResume(WebClientResponseException.class, …)`.
      if (ERROR_ROUTE_CALL.test(name)) return 'client-check';
      if (COLLECTION_CONSTRUCTORS.test(name)) {
        // `Arrays.asList(ConnectException.class, …)`, `List.of(…)`, `frozenset({…})`
        inList = true;
        continue;
      }
      return undefined;
    }
    if (parent.type === 'explicit_constructor_invocation') {
      // `this(maxRetries, interval, Arrays.asList(InterruptedIOException.class, …))` in a retry strategy's constructor
      return inList && RETRY_NAME.test(enclosingTypeName(parent) ?? '') ? 'retry-config' : undefined;
    }
    if (s.pairs.has(parent.type)) {
      // `{InvalidURL: Resolution(action=Action.RETRY), 429: …}`: a class keying a retry decision table.
      const table = child.id === site.id ? tableOfKey(site, s) : undefined;
      if (table) return isRetryDecisionTable(table, s) ? 'retry-config' : undefined;
      const key = s.pairName(parent);
      if (key === undefined) continue; // a plain C# argument
      if (RETRY_NAME.test(key)) return 'retry-config';
      // Spring `@Retryable(include = {…}, exclude = {…})`: what it retries and what it leaves alone are both its configuration
      if (/^(include|exclude|value|retryFor|noRetryFor|notRecoverable)$/.test(key) && /retr/i.test(enclosingCallName(parent, reader, s))) return 'retry-config';
      if (TEST_FEED.test(key)) return 'test-assert';
      continue; // `exceptions=(A, B)` inside a call: the call decides
    }
    if (s.assignments.has(parent.type)) {
      const target = s.assignTarget(parent);
      if (!target || target.id === child.id) return undefined;
      const name = reader.lastName(target) ?? '';
      if (TEST_FEED.test(name)) return 'test-assert';
      if (!inList) return undefined;
      return RETRY_NAME.test(name) ? 'retry-config' : (namedListUse(parent, name) ?? 'constant');
    }
    return undefined;
  }
  return undefined;
}

/**
 * What the file does with a list of exception types it names (`HTTP_ERRORS = [Timeout::Error, Errno::ECONNRESET]`):
 * handed to a retry (`retry_on(*ERRORS)`, Faraday `exceptions: ERRORS`, retriable `on: ERRORS`) it configures the retry;
 * rescued (`rescue SocketError, *HTTP_ERRORS => e`, Python `except NETWORK_ERRORS:`) its types are caught. Undefined
 * when the name is used neither way (a list that is only kept, or read elsewhere), which stays a constant.
 */
function namedListUse(assignment: Node, name: string): OccurrenceRole | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  let uses = listUses.get(assignment.tree);
  if (!uses) listUses.set(assignment.tree, (uses = new Map()));
  if (uses.has(name)) return uses.get(name);
  const text = assignment.tree.rootNode.text;
  // The name itself, splatted or not, and not the start of another (`ERRORS::X`, `ERRORS.size`, `ERRORS = …`).
  const named = `(?<![\\w:.$])\\*?${name}\\b(?!\\s*(?:=[^=>~]|::|\\.))`;
  // `retry_on(*ERRORS)`, `discard_on *ERRORS`, `exceptions: ERRORS`, `on: ERRORS`, `retry_if_exception_type(ERRORS)`
  const retried = new RegExp(`\\b(?:retry_on|discard_on|retry_if_exception_type)\\b[^\\n]*${named}|\\b(?:exceptions|on|retry_exceptions|retriable_exceptions|retry_on_exceptions?)(?::|\\s*=>|\\s*=(?!=))\\s*${named}`);
  let role: OccurrenceRole | undefined;
  if (retried.test(text)) role = 'retry-config';
  else if (new RegExp(`^[ \\t]*(?:rescue|except)\\b[^\\n]*${named}`, 'm').test(text)) role = 'client-check';
  uses.set(name, role);
  return role;
}

const listUses = new WeakMap<Node['tree'], Map<string, OccurrenceRole | undefined>>();

/** A constructed exception counts where a test feeds it in or asserts with it (a mock's `side_effect`, `assertFalse(retry(…, new X()))`). */
function constructionRole(call: Node, reader: ExpressionReader, s: SyntaxAdapter): OccurrenceRole | undefined {
  let child = call;
  for (let up = call.parent, climbed = 0; up && climbed < MAX_CLIMB; child = up, up = up.parent, climbed++) {
    if (s.calls.has(up.type)) {
      const callee = s.callee(up);
      if (callee && callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex) return undefined;
      const name = reader.lastName(callee) ?? '';
      if (ASSERT_CALLS.test(name) || ASSERT_PREFIX.test(name) || ASSERT_TYPE_CALL.test(name) || TEST_FEED.test(name)) return 'test-assert';
      continue;
    }
    if (up.type === 'decorator') return /parametrize/.test(up.text.slice(0, 60)) ? 'test-assert' : undefined;
    if (s.pairs.has(up.type)) {
      if (TEST_FEED.test(s.pairName(up) ?? '')) return 'test-assert';
      continue;
    }
    if (s.assignments.has(up.type)) {
      const target = s.assignTarget(up);
      return target && target.id !== child.id && TEST_FEED.test(reader.lastName(target) ?? '') ? 'test-assert' : undefined;
    }
    if (LISTS.has(up.type) || TYPE_GROUPS.has(up.type) || s.transparent.has(up.type)) continue;
    return undefined;
  }
  return undefined;
}

/** A `||`/`&&` whose chain of booleans ends in a pattern (C#'s `e is A || e is B` parses the tail inside `A`'s pattern). */
function inPatternBoolean(binary: Node, s: SyntaxAdapter): boolean {
  let up = binary.parent;
  for (; up && s.binaries.has(up.type) && /^(\|\||&&)$/.test(s.operatorOf(up).trim()); up = up.parent);
  return up !== null && /pattern/.test(up.type);
}

/** The name of the call (or annotation) a keyword argument belongs to. */
function enclosingCallName(pair: Node, reader: ExpressionReader, s: SyntaxAdapter): string {
  for (let up = pair.parent, depth = 0; up && depth < 3; up = up.parent, depth++) if (s.calls.has(up.type)) return reader.lastName(s.callee(up)) ?? '';
  return '';
}

function lastNamed(node: Node): Node | null {
  return node.namedChild(node.namedChildCount - 1);
}

/** The name of the class (or struct) around a node. */
function enclosingTypeName(node: Node): string | undefined {
  for (let up = node.parent; up; up = up.parent) {
    if (/^(class_declaration|class_definition|struct_declaration|record_declaration|class)$/.test(up.type)) return up.childForFieldName('name')?.text;
  }
  return undefined;
}
