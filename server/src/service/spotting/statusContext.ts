import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import {
  ASSERT_CALLS,
  ASSERTION_CHAIN_OPENERS,
  COLLECTION_CONSTRUCTORS,
  ERROR_CONSTRUCTOR,
  EXPECTED_STATUS_NAME,
  HTTP_ERROR_CONSTRUCTOR,
  isComparisonOperator,
  PREFIXED_STATUS_NAME,
  DEFAULT_OPERATORS,
  ENVELOPE_ERROR_CODE_FIELD,
  ENVELOPE_STATUSES,
  ERROR_CODE_FIELD,
  MATCHER_METHODS,
  METHOD_ONLY_SETTERS,
  MEMBERSHIP_METHODS,
  RETRY_CONFIG_NAME,
  SPRING_BUILDER_IMPORT,
  STATUS_ARGUMENT_INDEX,
  STATUS_CONSTANT_NAME,
  STATUS_KEYS,
  STATUS_NAME,
  STATUS_SETTERS,
} from './names';
import { ExpressionReader } from './expressionReader';
import { HelperParameters } from './helperParameters';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namesReasonPhrase } from './reasonPhraseNames';
import { inErrorClassConstructor, returnedAsErrorClassStatus } from './errorClassStatus';
import { iteratedStatusRole, tableRowRole } from './iteratedStatuses';
import { inTestCode } from './testCode';
import { collectionTestedAgainstStatus } from './testedCollections';

/** Kotlin infix functions that assert equality in tests (kotest, Kluent, Strikt's infix forms). */
const INFIX_ASSERTION = /^(shouldBe|shouldNotBe|shouldEqual|shouldNotEqual|shouldBeEqualTo|shouldNotBeEqualTo|eq)$/;

/** Calls whose name says they take the statuses a retry acts on. */
const RETRY_STATUS_CALL = /retr(y|ies)\w*(status|code)|(status|code)\w*retr(y|ies)/i;
/** Retry mechanisms built from a list of codes: `GenericRetryStrategy`, `RetryPolicy`, `retryable_statuses(…)`. */
const RETRY_LIST_CALL = /retr(y|ies|yable|iable)/i;
/** A project's own helpers that answer a request: `respondError`, `writeJSON`, `sendProblem`, `renderError`. */
const RESPOND_HELPER = /^(respond|reply|render|write|send)(With)?(Error|Err|JSON|Json|Status|Problem|Response|Text|Result|Message|Body)?\w*$|^(http|json|api|send|return)_?error(_?response|_?reply)?$/i;
/** Arguments that are the response being written: Go's `w`, Express's `res`, a framework context. */
const RESPONSE_WRITER = /^(w|rw|res|resp|response|writer|responseWriter|ctx|c)$/;
/** Map entry node types whose key may be a code (JS/Python `pair`, Go `keyed_element`, PHP `500 => …`). */
const MAP_ENTRIES = new Set(['pair', 'keyed_element', 'array_element_initializer']);
/** Map literals whose keys are read as their elements. */
const MAP_LITERALS = new Set(['dictionary', 'object', 'array_creation_expression', 'hash']);
/** Conditional expressions: `a ? b : c`, Python `b if a else c`, Kotlin `if (a) b else c`, Ruby `a ? b : c`. */
const CHOICES = new Set(['ternary_expression', 'conditional_expression', 'if_expression', 'conditional']);

/** `child` is the condition of the conditional expression `choice`, not one of its arms. */
function isChoiceCondition(choice: Node, child: Node): boolean {
  const condition = choice.childForFieldName('condition');
  if (condition) return condition.id === child.id;
  // Python's `b if a else c` names no fields: the condition is its second child; Kotlin's is the first.
  const parts = namedChildren(choice);
  return choice.type === 'conditional_expression' && parts.length === 3 ? parts[1].id === child.id : parts[0]?.id === child.id;
}
/** Values of a status → exception table: `NotFound`, `errors.RateLimitError`, `ServerError`. */
/** (A class name may start with a lower-case prefix, as generated clients name theirs: `freshdeskBadRequestError`.) */
const EXCEPTION_CLASS = /^(?=[A-Z]|[a-z][a-z0-9]*[A-Z])\w*(Error|Exception|Fault|NotFound|Conflict|Forbidden|Unauthorized|Redirect|TooLarge|TooLong|Unavailable|BadRequest)$/;
/** Code sets named for what is not retried: successes, expectations, ignored statuses. */
const NOT_RETRIED_SET = /^(success|successful|ok|accepted|expected|ignored?|valid)_?|(success|successful|ok)_?(status|statuses|codes|status_?codes)$/i;
/** A constant (upper snake case) named for one status: `EMPTY_REPO_ERROR_STATUS`, `RATE_LIMIT_STATUS`. */
const CONSTANT_STATUS_NAME = /^[A-Z][A-Z0-9_]*_STATUS$/;
/** Settings naming the status a rate limiter or a guard answers with when it refuses a request. */
const REJECTION_STATUS_NAME = /^(rejection|rejected|reject|throttled?|quota_?exceeded|limit_?exceeded|rate_?limited|blocked|over_?limit)_?(status|status_?code|http_?status|http_?status_?code)$/i;
/** Response matchers of Speakeasy-generated TypeScript SDKs, whose first argument is the status (or statuses) matched. */
const SPEAKEASY_MATCHER = /^(json|jsonErr|jsonl|jsonlErr|nil|nilErr|text|textErr|sse|sseErr|stream|streamErr|bytes|bytesErr|fail)$/;
/** Names that say no more than "statuses": `STATUS_CODES`, `statuses`, `ERROR_CODES`, `_status_codes`. */
const GENERIC_STATUS_LIST = /^_?(status_?codes|statuses|error_?codes|http_?status_?codes|codes)$/i;
/** `[429, "Too Many Requests"]`: a two-element list of the status (`literal`, first) and a string. */
function statusWithPhrase(list: Node, literal: Node, s: SyntaxAdapter): boolean {
  const items = namedChildren(list);
  return items.length === 2 && items[0].startIndex <= literal.startIndex && literal.endIndex <= items[0].endIndex && s.strings.has(items[1].type);
}

/** The one value of an RSpec `let`/`let!`/`subject` block named for a status (`let(:code) { 404 }`, `let(:status_code) { 503 }`). */
function letStatus(node: Node): boolean {
  const body = node.parent;
  const block = body?.type === 'block_body' && body.namedChildCount === 1 ? body.parent : undefined;
  const call = block?.type === 'block' ? block.parent : undefined;
  if (call?.type !== 'call' || !/^(let!?|subject)$/.test(call.childForFieldName('method')?.text ?? '')) return false;
  const symbol = call.childForFieldName('arguments')?.namedChild(0);
  return symbol?.type === 'simple_symbol' && (STATUS_NAME.test(symbol.text.slice(1)) || /^(code|http_code)$/.test(symbol.text.slice(1)));
}

/** Factories of error classes that take a code, a message and the HTTP status: Directus `createError(code, message, status)`. */
const ERROR_FACTORY = /^create(Http)?Error$/;
/** Failure replies of a response helper, message first and status last: `res.error("Not found", 404)`. */
const ERROR_REPLY = /^(error|fail|failure|errorResponse|sendFailure|jsonError)$/;
/** Receivers that log rather than answer. */
const LOGGER = /^(log|logger|console|logging|winston|pino|_?log|_?logger)$/i;
/** Methods that set the status a mock server answers with. */
/** Searches of a text: `includes`, `contains`, `startsWith`. */
const MESSAGE_SEARCH = /^(includes|contains|Contains|startsWith|StartsWith)$/;
/** A failure's text: its message, its string form, a response body read as text. */
const ERROR_TEXT = /^(message|Message|msg|errorMessage|error_message|err|error|e|ex|reason|String|toString|stderr|getMessage)$/;
/** Go's text of an error: `err.Error()`, or a local holding it (`errStr`, `errMsg`, `errText`). */
const GO_ERROR_TEXT = /^(Error|err|msg|message|errStr|errMsg|errText|errString|errorString|errorMessage|errorText)$/;
/** What a stubbed method answers: PHPUnit, Mockery, Mockito/BDDMockito, Moq. */
const STUB_RETURN = /^(willReturn|andReturn|thenReturn|willReturnOnConsecutiveCalls|andReturnValues|Returns|ReturnsAsync)$/;
/** The stubbed method is a response's status getter (named in the stub's chain). */
const STUBBED_STATUS_GETTER = /\b(getStatusCode|statusCode|getStatus|getResponseCode|status_code|StatusCode|code)\b/;
const MOCK_STATUS_CALL = /^setResponseCode$/;
/** Attributes that feed a parametrised test its data. */
const TEST_DATA_ATTRIBUTE = /^(InlineData|InlineAutoData|TestCase|DataRow|Arguments)$/;
/** Types a number is cast to when it is a status: C# `(HttpStatusCode)429`. */
const STATUS_TYPE = /^(HttpStatusCode|HttpStatus|StatusCode)$/;
/** Names of lists of waits (a retry's schedule), whatever else they say: `retryDelaysMs`, `BACKOFF_SECONDS`, `basicRetriesAttempt`. */
const WAIT_LIST_NAME = /delay|wait|interval|sleep|timeout|pause|jitter|schedule|millis|seconds|secs|minutes|duration|Ms$|_ms$|Attempts?$|_attempts?$|Times$|_times$/i;
/** A stand-in server or response (a test's, or a client's fake for a failure), by the call's receiver and name: `MockServer.retryTimes`, `Mockresponse`, `fake_response`. */
const MOCK_REPLY = /(mock|fake|stub)\w*(response|server|reply|http)|(response|reply|server)\w*(mock|fake|stub)|(mock|fake|stub)\w*\.(intercept|reply|replyOnce|respond\w*)$|^\.?intercept$/i;
/** Calls of such a stand-in whose numbers are waits, ports or sizes. */
const NOT_A_STATUS_CALL = /delay|sleep|wait|timeout|port|size|latency|after/i;
/** Names of a failure's text: its message, the error itself, a text made of it (`errorMessage`, `errText`, `String(err)`). */
const FAILURE_TEXT = /^(message|msg|err|error|e|ex|reason|errorMessage|error_message|errMsg|errText|errorText|errStr|errorString|String|toString|stderr|text|body|details?)$/i;
/** Registrations of a server's handler for an error status. */
const ERROR_HANDLER_REGISTRATION = /^(errorhandler|app_errorhandler|register_error_handler|exception_handler)$/;
/** Calls that build a response (real or mock) from the arguments. */
const RESPONSE_BUILDER_CALL = /(Http|Mock|Fake|Stub|Basic|Test|JSON|Json|Text|String|Bytes)?(Response|Respond|Responder)(Must)?$/;
/** Calls whose first argument is the status a response must have: rspec-rails `have_http_status`, Rails `assert_response`. */
/** RSpec matchers that compare with their argument: `eq(200)`, `eql(429)`, `equal(503)`, `be(204)`. */
const RSPEC_MATCHER = /^(eq|eql|equal|be)$/;
/** Calls on a value that test it against their arguments (Ruby/Rails): `code.between?(200, 299)`, `status.in?([401, 403])`. */
const REVERSE_MEMBERSHIP = /^(between\?|in\?)$/;
const STATUS_ASSERT_CALL = /^(have_http_status|assert_response|have_status|assertStatus|assertResponseStatusCodeSame)$/;
/** Ruby's type tests. */
const TYPE_TEST_CALL = /^(is_a\?|kind_of\?|instance_of\?)$/;
import { namedChildren } from './syntaxAdapter';

const MAX_CLIMB = 64;
/** Function bodies that bound a local. */
const LOCAL_SCOPE = /^(method|function_definition|function_declaration|method_declaration|method_definition|arrow_function|function_expression|function|func_literal|lambda_literal|local_function_statement|function_item|closure_expression)$/;
/** Reads of a local looked at to see where its status goes. */
const MAX_LOCAL_READS = 8;
/** Calls that give a status's reason phrase: http-status-codes `getReasonPhrase`/`getStatusText`, Go `http.StatusText`. */
const REASON_PHRASE_CALL = /^(getReasonPhrase|getStatusText|StatusText)$/;
/** A Go test failing when an `if` holds: `t.Errorf(…)`, `t.Fatal(…)` as the branch's first statement. */
const GO_TEST_FAILURE = /^\{\s*(t|tb|b)\.(Errorf?|Fatalf?|Fail|FailNow)\(/;

/** Ruby's Rack response triple: `[status, headers, body]` with the literal first and a headers hash (or a name saying headers) second. */
export function isRackTriple(list: Node, literal: Node): boolean {
  if (list.type !== 'array') return false;
  const parts = namedChildren(list);
  if (parts.length !== 3 || parts[0].id !== literal.id) return false;
  const headers = parts[1];
  return headers.type === 'hash' || (headers.type === 'identifier' && /headers?$/i.test(headers.text));
}

/** What sort of value a literal is being compared with or passed as. */
export type ValueKind = 'status' | 'error-code';

/**
 * Decides from the syntax around a literal (or a constant) whether it stands as an HTTP status or an
 * error code, and in which role. Returns undefined when the context says it is some other number.
 */
export class StatusContext extends ExpressionReader {
  /** The file's own functions, to read a helper's status parameter (none for a context without a file). */
  private readonly helpers?: HelperParameters;

  /** The file names a Spring exception handler (read once, only when a constant status asks). */
  private springHandlers?: boolean;
  private responseEntityBuilders?: boolean;
  private readonly root?: Node;

  constructor(syntax: SyntaxAdapter, root?: Node) {
    super(syntax);
    this.root = root;
    if (root) this.helpers = new HelperParameters(root);
  }

  /** `parent` is a call that turns its one argument, `child`, into the status's reason phrase. */
  private isReasonPhraseOf(parent: Node, child: Node): boolean {
    const s = this.syntax;
    if (!s.calls.has(parent.type)) return false;
    const callee = s.callee(parent);
    if (!callee || (callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex)) return false;
    const args = s.callArguments(parent);
    return args.length === 1 && REASON_PHRASE_CALL.test(this.lastName(callee) ?? '');
  }

  /** The reason-phrase call is an argument of a call whose status argument the server sends. */
  private besideStatusSent(phrase: Node): boolean {
    const s = this.syntax;
    let up = phrase.parent;
    while (up && (s.transparent.has(up.type) || (s.pairs.has(up.type) && s.pairName(up) === undefined))) up = up.parent;
    const call = up && !s.calls.has(up.type) && up.parent && s.calls.has(up.parent.type) ? up.parent : up;
    if (!call || !s.calls.has(call.type)) return false;
    return s.callArguments(call).some((arg) => !(arg.startIndex <= phrase.startIndex && phrase.endIndex <= arg.endIndex) && /^[1-5]\d\d$|status/i.test(arg.text) && arg.text.length < 80 && this.classify(arg, 'status') === 'server-sets');
  }

  /** A message handed as an argument: a string or template literal, or a local named for one (`message`, `errorMsg`). */
  private isMessage(node: Node | undefined): boolean {
    const arg = this.unwrap(node ?? null);
    if (!arg) return false;
    if (this.syntax.strings.has(arg.type) || arg.type === 'template_string') return true;
    return /identifier/.test(arg.type) && /^(message|msg|\w*(Message|Msg|_message|_msg))$/.test(arg.text);
  }

  classify(node: Node, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    // RSpec `let(:status) { 429 }`, `let(:code) { 404 }`: the example's own status, given to what it tests.
    if (kind === 'status' && letStatus(node)) return 'test-assert';
    let child = node;
    let parent = node.parent;
    let inCollection = false;
    let viaDefault = false;
    let mapValue: Node | null = null;
    let mapLiteral: Node | null = null;
    let climbed = 0;
    let phrase: Node | null = null;
    while (parent) {
      // Each `parent` costs a walk from the root: give up on absurd nesting (thousands of parens).
      if (++climbed > MAX_CLIMB) return undefined;
      // (a C# positional `argument`, a PHP array element without a key: they only group their value)
      if (s.transparent.has(parent.type) || (s.pairs.has(parent.type) && s.pairName(parent) === undefined && (parent.type === 'argument' || parent.type === 'array_element_initializer'))) {
        // keep climbing
      } else if (kind === 'status' && this.isReasonPhraseOf(parent, child)) {
        // `getReasonPhrase(StatusCodes.NOT_FOUND)` (http-status-codes), Go `http.StatusText(http.StatusNotFound)`: the
        // status's phrase goes where the call goes — into the response it sends, the exception it raises.
        phrase = parent;
        child = parent;
        parent = parent.parent;
        continue;
      } else if (MAP_ENTRIES.has(parent.type) && s.pairValue(parent) && s.pairValue(parent)?.id !== child.id) {
        // a map's key: `{400: InvalidRequest}`, Go `map[int]struct{}{http.StatusTooManyRequests: {}}` — an element of the map
        inCollection = true;
        mapValue = s.pairValue(parent);
      } else if (mapValue && MAP_LITERALS.has(parent.type)) {
        // the map around a key: its name says what the table is for
        mapLiteral ??= parent;
      } else if (CHOICES.has(parent.type) && !isChoiceCondition(parent, child)) {
        // `respond(ok ? 200 : 503, body)`, Kotlin `respond(if (healthy) OK else ServiceUnavailable, body)`: either arm
        // stands where the choice goes.
      } else if (parent.type === 'control_structure_body' && namedChildren(parent).length === 1 && parent.parent?.type === 'if_expression') {
        // (Kotlin: an arm of an if-expression, one expression long.)
      } else if (parent.type === 'expression_list' && namedChildren(parent).length === 1) {
        // Go `want := http.StatusTooManyRequests`: a one-value list is no collection
      } else if (s.collections.has(parent.type) || (parent.type === 'infix_expression' && /^(until|downTo)$/.test(parent.namedChild(1)?.text ?? ''))) {
        // (Kotlin's `200 until 400` is a range as `200..399` is.)
        inCollection = true;
      } else if (this.isCollectionConstructor(parent, child)) {
        // `new Set([429, 503])`, `Set.of(429, 503)`, `frozenset({429, 503})`
        inCollection = true;
      } else if (inCollection && this.isDefaultOperator(parent)) {
        // `retryCodes: options.retryCodes || ["429", "503"]`: the list is the default of a setting
      } else if (this.isStatusDefault(parent, child, kind)) {
        // `err.status || 500`: the literal stands where the status would
        viaDefault = true;
      } else {
        break;
      }
      child = parent;
      parent = parent.parent;
    }
    if (!parent) return undefined;
    let role = this.roleFrom(node, child, parent, inCollection, kind) ?? (viaDefault ? 'server-sets' : undefined);
    // `http.Error(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)`, `new HttpException(getReasonPhrase(S), S)`:
    // the phrase is the message of the response the status beside it sets.
    if (phrase && (role === undefined || role === 'constant') && this.besideStatusSent(phrase)) role = 'server-sets';
    // A status → exception table (`{404: NotFound, 429: RateLimited}`) is a mapping: `constant`.
    // `{404: NotFound, 429: TooManyRequests}`: a status keying an error class, named for errors or for the status itself
    if (!role && kind === 'status' && mapValue && (EXCEPTION_CLASS.test(this.lastName(mapValue) ?? '') || namesReasonPhrase(this.lastName(mapValue) ?? '', node.text))) role = 'constant';
    // `{400: {"raise_exception": BadRequestError, "message": "…"}}`: each status keys a record naming the error it raises.
    if (!role && kind === 'status' && mapValue && this.namesErrorClass(mapValue)) role = 'constant';
    // `{400: "Bad request", 401: "Unauthorized", 429: "Rate limited"}`: a table of what each status means.
    if (!role && kind === 'status' && mapValue && mapLiteral && this.isStatusMessageTable(mapLiteral)) role = 'constant';
    if (role === 'client-check' && this.insideAssertion(parent)) return 'test-assert';
    // A status written in a Spring exception handler (`@ExceptionHandler` method, or a method of a
    // `@ControllerAdvice` class) is the answer the server sends for that failure, whatever helper it is handed to.
    if ((role === 'constant' || (role === undefined && !/^\d/.test(node.text))) && kind === 'status' && !inCollection && this.inSpringFile() && inExceptionHandler(node)) return 'server-sets';
    return role;
  }

  /** `import static org.springframework.http.ResponseEntity.*;` (Kotlin: without `static`): its builders are called bare. */
  private importsResponseEntityBuilders(): boolean {
    this.responseEntityBuilders ??= !!this.root && SPRING_BUILDER_IMPORT.test(this.root.text);
    return this.responseEntityBuilders;
  }

  private inSpringFile(): boolean {
    this.springHandlers ??= !!this.root && /@ExceptionHandler\b|@(?:Rest)?ControllerAdvice\b/.test(this.root.text);
    return this.springHandlers;
  }

  /**
   * A map literal whose every key is a number of the status range (at least three of them) and whose every value is
   * a string: a table of messages keyed by status. (A lookup of sizes or thresholds has keys past 599 or values
   * that are not text.)
   */
  private namesErrorClass(record: Node): boolean {
    if (!/^(dictionary|object|hash|array_creation_expression|map_literal)$/.test(record.type)) return false;
    return namedChildren(record).some((entry) => MAP_ENTRIES.has(entry.type) && EXCEPTION_CLASS.test(this.lastName(this.syntax.pairValue(entry)) ?? ''));
  }

  private isStatusMessageTable(map: Node): boolean {
    const s = this.syntax;
    let rows = 0;
    for (const entry of namedChildren(map)) {
      if (entry.type === 'comment') continue;
      if (!MAP_ENTRIES.has(entry.type)) return false;
      const key = entry.childForFieldName('key') ?? entry.namedChild(0);
      const value = s.pairValue(entry);
      // (Ruby may name each status's reason with a symbol: `{ 401 => :incorrect_auth, 404 => :repo_not_found }`.)
      if (!key || !value || !/^[1-5]\d\d$/.test(key.text) || !(s.strings.has(value.type) || value.type === 'simple_symbol')) return false;
      rows++;
    }
    return rows >= 3;
  }

  private helperDepth = 0;

  /**
   * The role a helper gives its status parameter: where it first reads it, unless a later read says more
   * (`body.code(status.toString())` then `return new ResponseEntity<>(body, status)` sets it); `constant` when none says.
   */
  private helperRole(uses: readonly Node[]): OccurrenceRole {
    this.helperDepth++;
    try {
      let first: OccurrenceRole | undefined;
      for (const [i, use] of uses.entries()) {
        const role = this.classify(use, 'status');
        if (i === 0) first = role;
        if (role && role !== 'constant') return role;
      }
      return first ?? 'constant';
    } finally {
      this.helperDepth--;
    }
  }

  /**
   * `invocation` hands its arguments to the base constructor of an error class: JavaScript/Ruby/Java `super(…)`, Java and
   * Kotlin `this(…)`, Python `super().__init__(…)`, PHP `parent::__construct(…)`, C# `: base(…)`, Kotlin's
   * `: ApiException(message, 401)` in the class header — in a class named for an error, or deriving from one.
   */
  private handedToErrorBase(invocation: Node): boolean {
    const head = invocation.text.replace(/^:\s*/, '').split('(')[0].trim();
    const delegates = /^(super|this|base|parent::__construct|super\.__init__)$/.test(head.replace(/^super\(\s*[^)]*\)\.__init__$/, 'super.__init__'))
      || (invocation.type === 'constructor_invocation' && invocation.parent?.type === 'delegation_specifier');
    if (!delegates) return false;
    const cls = this.classAround(invocation, 12);
    if (!cls) return false;
    const body = cls.childForFieldName('body');
    const header = body ? cls.text.slice(0, body.startIndex - cls.startIndex) : cls.text.split('{')[0];
    return /(Error|Exception)\b/.test(header);
  }

  /** The class or module around `node` (Ruby `class Retry < Faraday::Middleware`, a Python/Java/C# class). */
  private enclosingTypeName(node: Node): string | undefined {
    for (let up = node.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
      if (/^(class_declaration|class_definition|record_declaration|class|module|object_declaration)$/.test(up.type)) return up.childForFieldName('name')?.text ?? up.namedChild(0)?.text;
    }
    return undefined;
  }

  /** The name of the class around a node (asked of Java's `this(…)` constructor calls). */
  private enclosingClassName(node: Node): string | undefined {
    return this.classAround(node)?.childForFieldName('name')?.text;
  }

  /** A keyword argument of the base-constructor call (`super().__init__(…)`, `super(…)`) of an error or exception class. */
  private inErrorClassSuperCall(pair: Node): boolean {
    const call = pair.parent?.parent;
    if (!call || !this.syntax.calls.has(call.type) || !/^super\b/.test(this.syntax.callee(call)?.text ?? '')) return false;
    for (let up = call.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
      if (!/^(class_declaration|class_definition|class)$/.test(up.type)) continue;
      const heads = `${up.childForFieldName('name')?.text ?? ''} ${(up.childForFieldName('superclasses') ?? up.childForFieldName('superclass'))?.text ?? ''}`;
      return /(Error|Exception|Fault)\b/.test(heads);
    }
    return false;
  }

  /**
   * A regex literal (`regex`, the pattern's parent) tested against a failure's text: `/503|server error/i.test(msg)`,
   * `err.message.match(/429|rate limit/)`, `String(error).search(/5\d\d/)`.
   */
  searchesFailureText(regex: Node | null): boolean {
    const s = this.syntax;
    if (!regex || regex.type !== 'regex') return false;
    const member = regex.parent;
    // `/…/.test(text)`
    if (member && s.members.has(member.type) && s.memberParts(member)?.property === 'test' && member.parent && s.calls.has(member.parent.type)) {
      const text = s.callArguments(member.parent)[0];
      return !!text && FAILURE_TEXT.test(this.lastName(text) ?? text.text);
    }
    // `text.match(/…/)`, `text.search(/…/)`
    const call = regex.parent?.type === 'arguments' ? regex.parent.parent : undefined;
    if (call && s.calls.has(call.type) && /^(match|search|matchAll)$/.test(this.lastName(s.callee(call)) ?? '')) {
      const receiver = this.receiverOf(call);
      return !!receiver && FAILURE_TEXT.test(this.lastName(receiver) ?? receiver.text);
    }
    return false;
  }

  /** A status written as a cast to a status type: C# `(HttpStatusCode)429`. */
  isStatusCast(literal: Node): boolean {
    let up = literal.parent;
    // A few parentheses at most: each `parent` walks from the root, and files nest thousands deep.
    for (let depth = 0; up && up.type === 'parenthesized_expression' && depth < 4; depth++) up = up.parent;
    if (!up || up.type !== 'cast_expression') return false;
    return STATUS_TYPE.test(this.lastName(up.childForFieldName('type')) ?? '');
  }

  private isCollectionConstructor(call: Node, child: Node): boolean {
    const s = this.syntax;
    if (!s.calls.has(call.type)) return false;
    const callee = s.callee(call);
    if (!callee || callee.id === child.id || (callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex)) return false;
    return COLLECTION_CONSTRUCTORS.test(this.lastName(callee) ?? '');
  }

  private isDefaultOperator(binary: Node): boolean {
    const s = this.syntax;
    return (s.binaries.has(binary.type) || binary.type === 'boolean_operator') && DEFAULT_OPERATORS.has(s.operatorOf(binary).trim());
  }

  private isStatusDefault(binary: Node, child: Node, kind: ValueKind): boolean {
    const s = this.syntax;
    if (kind !== 'status' || !(s.binaries.has(binary.type) || binary.type === 'boolean_operator')) return false;
    if (!DEFAULT_OPERATORS.has(s.operatorOf(binary).trim())) return false;
    return namedChildren(binary).some((n) => n.id !== child.id && this.isStatusLike(n));
  }

  private roleFrom(literal: Node, child: Node, parent: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    const matches = (expr: Node | null) => (kind === 'status' ? this.isStatusLike(expr) : this.isErrorCodeLike(expr));

    // `except requests.exceptions.Timeout:`, `except (ConnectionError, Timeout) as e:`: catching it is handling it.
    if (kind === 'error-code' && this.isCatchClause(parent)) return 'client-check';
    // `class NotFound extends ApiError { constructor(m) { super(m, 404); } }`: the status an error class of the project carries.
    if (kind === 'status' && !inCollection && this.handedToErrorBase(parent)) return 'constant';
    // `for status in (429, 503):`, `[500, 502].each do |code|`: statuses walked through one by one.
    if (kind === 'status' && inCollection) {
      const walked = iteratedStatusRole(child, parent, s, (n) => this.lastName(n));
      if (walked) return walked;
    }
    // `cases = [(502, True), (404, False)]` … `for status, retry in cases:`: a row of a table a loop walks.
    if (kind === 'status') {
      const row = tableRowRole(literal, s, (n) => this.lastName(n));
      if (row) return row;
    }
    // Kotlin's infix assertions (kotest `response.status shouldBe HttpStatusCode.NotFound`, `code shouldBe 404`).
    if (kind === 'status' && parent.type === 'infix_expression' && INFIX_ASSERTION.test(parent.namedChild(1)?.text ?? '')) {
      const other = namedChildren(parent).find((n, i) => i !== 1 && n.id !== child.id);
      return other && matches(other) ? 'test-assert' : undefined;
    }
    if (s.binaries.has(parent.type) && isComparisonOperator(s.operatorOf(parent))) {
      const others = namedChildren(parent).filter((n) => n.id !== child.id);
      if (others.some(matches)) return 'client-check';
      // A symbolic status names itself: `t.Code == http.StatusTooManyRequests` checks a status whatever the field is called.
      if (kind === 'status' && this.isSymbolic(literal) && others.some((o) => !this.isPlainValue(o))) return 'client-check';
      // `failed.ErrorCode != 429`: an error envelope carrying the HTTP status (see ENVELOPE_ERROR_CODE_FIELD).
      if (kind === 'status' && ENVELOPE_STATUSES.has(literal.text) && others.some((o) => ENVELOPE_ERROR_CODE_FIELD.test(this.lastName(o) ?? ''))) return 'client-check';
      return undefined;
    }
    if (s.members.has(parent.type) && inCollection) {
      // `[429, 503].includes(res.status)`
      const parts = s.memberParts(parent);
      const call = parent.parent;
      if (parts && MEMBERSHIP_METHODS.has(parts.property) && call && s.calls.has(call.type)) {
        return s.callArguments(call).some(matches) ? 'client-check' : undefined;
      }
      return undefined;
    }
    if (s.calls.has(parent.type)) return this.roleAsArgument(literal, parent, inCollection, kind);
    // `this(maxRetries, interval, Arrays.asList(429, 503))` in a retry strategy's constructor: the codes it retries.
    if (parent.type === 'explicit_constructor_invocation' && inCollection) return /retr/i.test(this.enclosingClassName(parent) ?? '') ? 'retry-config' : undefined;
    // `get code(): number { switch (this.cause) { case RATE_LIMIT: return 419; … } }`, Python `@property def status_code(self):
    // return 404` in an error class: the status the class stands for.
    if (kind === 'status' && !inCollection && s.returns.has(parent.type) && returnedAsErrorClassStatus(parent)) return 'constant';
    if (s.cases.has(parent.type) || s.cases.has(parent.parent?.type ?? '')) {
      const clause = s.cases.has(parent.type) ? parent : parent.parent!;
      const subject = s.caseSubject(clause);
      if (matches(subject)) return 'client-check';
      return kind === 'status' && this.isSymbolic(literal) && subject && !this.isPlainValue(subject) ? 'client-check' : undefined;
    }
    if (s.pairs.has(parent.type)) {
      const name = s.pairName(parent);
      if (name === undefined) return undefined;
      if (inCollection && RETRY_CONFIG_NAME.test(name)) return NOT_RETRIED_SET.test(name) ? 'constant' : 'retry-config';
      // WebMock `to_return(status: [429, "Too Many Requests"])`: a status with its reason phrase, one answer.
      if (kind === 'status' && inCollection && /^:?status$/.test(name) && statusWithPhrase(child, literal, s)) return 'server-sets';
      // A single status given to a retry option (`retry_statuses: 504`, `{ retryOnStatus: 503 }`).
      if (kind === 'status' && !inCollection && /retr/i.test(name) && RETRY_CONFIG_NAME.test(name) && !NOT_RETRIED_SET.test(name)) return 'retry-config';
      if (parent.type === 'subpattern') {
        // C# property pattern `{ StatusCode: HttpStatusCode.ServiceUnavailable }`
        return (kind === 'status' ? STATUS_NAME.test(name) : ERROR_CODE_FIELD.test(name)) ? 'client-check' : undefined;
      }
      if (kind === 'status' && !inCollection && /^(value|code)$/.test(name) && this.isStatusSetterCall(parent.parent?.parent ?? null)) {
        // Spring `@ResponseStatus(value = HttpStatus.NOT_FOUND)` / `@ResponseStatus(code = ...)`
        return 'server-sets';
      }
      // `super().__init__(status=429, …)` in an error class: the class declares the status it stands for.
      if (kind === 'status' && !inCollection && this.inErrorClassSuperCall(parent)) return 'constant';
      if (kind === 'status' && !inCollection && STATUS_KEYS.test(name)) return name === 'code' ? this.codeKeyRole(parent) : 'server-sets';
      // A rate limiter's answer when it refuses: `{ RejectionStatusCode = 429 }`, `rejectedStatusCode: 503`.
      if (kind === 'status' && !inCollection && REJECTION_STATUS_NAME.test(name)) return 'server-sets';
      // `response_status=500`, `{ httpStatus: 503 }`, `responseCode: 429`: a status given to whatever is called.
      // (Ruby `rescue GH::Error(:response_status => 401) => e`: a matcher of the rescued error's status, a check.)
      if (kind === 'status' && !inCollection && STATUS_NAME.test(name)) return inRescueList(parent) ? 'client-check' : 'server-sets';
      if (kind === 'status' && !inCollection && (PREFIXED_STATUS_NAME.test(name) || STATUS_CONSTANT_NAME.test(name) || namesReasonPhrase(name, literal.text))) {
        // `expected_status_code=429` (a test's expectation), `{ fallbackStatusCode: 503 }` (a setting)
        return EXPECTED_STATUS_NAME.test(name) && !namesReasonPhrase(name, literal.text) ? 'test-assert' : 'constant';
      }

      if (kind === 'error-code' && !inCollection && ERROR_CODE_FIELD.test(name)) return 'server-sets';
      return undefined;
    }
    if (s.assignments.has(parent.type)) {
      const target = s.assignTarget(parent);
      if (!target || target.id === child.id) return undefined;
      const name = this.lastName(target) ?? '';
      if (inCollection) {
        // `expected = [400, 404]` then `expected.include?(response_status)`: a local list is the inline one spelled in
        // two steps, and the test reads the status against it. (A constant keeps its own role below.)
        // (Not a table keyed by status, `failure_messages = {401: "…"}`, which maps each status to something.)
        if (kind === 'status' && !MAP_ENTRIES.has(child.type) && !MAP_LITERALS.has(child.type) && child.type !== 'hash' && /identifier/.test(target.type) && /^[a-z_]/.test(name) && !/retr|transient/i.test(name) && this.localTestedAgainstStatus(target, parent)) return 'client-check';
        // `SUCCESS_STATUSES = {200, 201}` names statuses but no retry reads it
        if (NOT_RETRIED_SET.test(name)) return kind === 'status' ? 'constant' : undefined;
        // `realtimeRetryDelaysMs = [200, 300, 500, 1_000]`, `retryAttemptSeconds = [5, 30, 300, 600]`: a retry's waits.
        // (`TIMEOUT_STATUS_CODES = [408, 504]` names statuses, whatever else it says.)
        if (WAIT_LIST_NAME.test(name) && !/status|code|error/i.test(name)) return undefined;
        if (/retr|transient|temporary|force_?list|backoff|throttl/i.test(name)) return 'retry-config';
        // `STATUS_CODES = [429, 503]` may be what a retry reads, and so may `DEFAULT_ERROR_CODES` in a class `Retry`;
        // `usefulStatusCodes = [400, 404, 500]` (which responses to log) is not: its qualifier names another purpose.
        if (!RETRY_CONFIG_NAME.test(name)) {
          // `SERVER_FAILURES = {500, 502, 503, 504}` … `resp.status in SERVER_FAILURES`: named for nothing, tested as statuses.
          const shared = /^[A-Z][A-Z0-9_]*$/.test(target.text) || /^(self|this)\.\w+$/.test(target.text);
          const plain = !MAP_ENTRIES.has(child.type) && !MAP_LITERALS.has(child.type) && child.type !== 'hash';
          const use = kind === 'status' && this.root && shared && plain ? collectionTestedAgainstStatus(this.root, target.text, s, (n) => this.isStatusLike(n)) : undefined;
          return use === 'retry' ? 'retry-config' : use === 'check' ? 'constant' : undefined;
        }
        return GENERIC_STATUS_LIST.test(name) || /retr/i.test(this.enclosingTypeName(parent) ?? '') ? 'retry-config' : 'constant';
      }
      if (kind !== 'status') return undefined;
      // `let code = 204; … catch { code = 500 } … res.status(code).json(…)`: a local that carries the status to the
      // response the function sends.
      if (/identifier/.test(target.type) && /^[a-z_]\w*$/.test(name) && !/^[A-Z0-9_]+$/.test(name) && this.localSentAsStatus(target, parent)) return 'server-sets';
      // ASP.NET Core `options.RejectionStatusCode = StatusCodes.Status429TooManyRequests`: what the limiter answers.
      // (A constant's name in upper snake case, `RATE_LIMITED_STATUS = 429` at module level, declares the code.)
      if (REJECTION_STATUS_NAME.test(name)) return /identifier/.test(target.type) && /^[A-Z][A-Z0-9_]*$/.test(name) ? 'constant' : 'server-sets';
      // `EMPTY_REPO_ERROR_STATUS = 409`, `NOT_FOUND_STATUS = 404`: a constant named for the status it holds.
      if (/identifier|constant/.test(target.type) && CONSTANT_STATUS_NAME.test(name)) return 'constant';
      if (!STATUS_NAME.test(name) && (PREFIXED_STATUS_NAME.test(name) || STATUS_CONSTANT_NAME.test(name) || namesReasonPhrase(name, literal.text))) {
        // `expected_status_code = 204`, `private const int ForbiddenStatusCode = 403;`
        return EXPECTED_STATUS_NAME.test(name) && !namesReasonPhrase(name, literal.text) ? 'test-assert' : 'constant';
      }
      // C# `public int StatusCode { get; set; } = 429;`: a setting's default, not a response being sent
      if (parent.type === 'property_declaration') return STATUS_NAME.test(name) ? 'constant' : undefined;
      // `const err = new Error('Rate limited'); err.status = 429; throw err;`: a client building the error it throws
      // (to a retry helper, to its caller) gives it the status it received; no response is being sent.
      // (Express's `err.status = 404; next(err)` hands it to the error handler that answers with it: a response.)
      if (!/identifier/.test(target.type) && this.isStatusLike(target) && this.setsStatusOfThrownError(target, parent)) return 'constant';
      // `res.statusCode = 404`, `ctx.Response.StatusCode = 410`, `status = 500`, `{ StatusCode = 409 }`
      if (/identifier/.test(target.type) ? STATUS_NAME.test(name) : this.isStatusLike(target)) return 'server-sets';
      return undefined;
    }
    // `constructor(message = 'Server error', statusCode = 500)` of an error class: the status the class stands for by default.
    if (kind === 'status' && !inCollection && /parameter/.test(parent.type) && parent.childForFieldName('value')?.id === child.id) {
      const param = this.lastName(parent.childForFieldName('pattern') ?? parent.childForFieldName('name') ?? parent.namedChild(0)) ?? '';
      if ((STATUS_NAME.test(param) || PREFIXED_STATUS_NAME.test(param)) && inErrorClassConstructor(parent)) return 'constant';
    }
    // A Rack response `[503, { "retry-after" => "30" }, ["busy"]]` (Ruby: returned or the method's last value)
    if (kind === 'status' && inCollection && literal.parent && isRackTriple(literal.parent, literal)) return 'server-sets';
    if (s.returns.has(parent.type) && kind === 'status' && inCollection) {
      // Flask: `return body, 429` / `return jsonify(x), 503, headers`
      const values = namedChildren(child);
      const index = values.findIndex((v) => v.startIndex <= literal.startIndex && literal.endIndex <= v.endIndex);
      // a mock callback's `(status, headers, body)`: responses' `add_callback`, `return (429, {}, "")`
      // (also with the headers the callback was handed: httpretty's `return (200, headers, body)`)
      if (index === 0 && values.length === 3 && (values[1].type === 'dictionary' || /^(response_)?headers$/.test(values[1].text))) return 'server-sets';
      return index > 0 ? 'server-sets' : undefined;
    }
    return undefined;
  }

  /** Depth guard: a local read through another local is not followed. */
  private localDepth = 0;

  /** A later read of the local `target` in its function is the status of a response sent (`res.status(code)`, `WriteHeader(code)`). */
  private localSentAsStatus(target: Node, assignment: Node): boolean {
    if (this.localDepth > 0) return false;
    let fn: Node | null = assignment.parent;
    for (let depth = 0; fn && !LOCAL_SCOPE.test(fn.type); depth++) fn = depth > 24 ? null : fn.parent;
    if (!fn) return false;
    this.localDepth++;
    try {
      let read = 0;
      for (const use of fn.descendantsOfType(target.type)) {
        if (!use || use.startIndex <= assignment.endIndex || use.text !== target.text) continue;
        // (Not another assignment to it: `code = 500` later is a value of its own.)
        const up = use.parent;
        if (up && this.syntax.assignments.has(up.type) && this.syntax.assignTarget(up)?.id === use.id) continue;
        if (++read > MAX_LOCAL_READS) break;
        if (this.classify(use, 'status') === 'server-sets') return true;
      }
      return false;
    } finally {
      this.localDepth--;
    }
  }

  /**
   * The local `target` names, later in its function, is a list a status is tested against: `name.include?(status)`,
   * `name.includes(res.status)`, `status in name`, `name.contains(code)`.
   */
  private localTestedAgainstStatus(target: Node, assignment: Node): boolean {
    const s = this.syntax;
    let fn: Node | null = assignment.parent;
    for (let depth = 0; fn && !/^(method|function_definition|function_declaration|method_declaration|method_definition|arrow_function|function_expression|lambda_literal)$/.test(fn.type); depth++) fn = depth > 24 ? null : fn.parent;
    if (!fn) return false;
    for (const use of fn.descendantsOfType(target.type)) {
      if (!use || use.startIndex <= assignment.endIndex || use.text !== target.text) continue;
      const up = use.parent;
      if (!up) continue;
      if (s.members.has(up.type) || up.type === 'call') {
        // `name.include?(x)`: Ruby's `call` holds the receiver and the method; elsewhere a member inside the call.
        const call = up.type === 'call' ? up : up.parent;
        const method = up.type === 'call' ? up.childForFieldName('method')?.text : s.memberParts(up)?.property;
        if (call && s.calls.has(call.type) && MEMBERSHIP_METHODS.has(method ?? '') && s.callArguments(call).some((a) => this.isStatusLike(a))) return true;
      }
      if ((s.binaries.has(up.type) || up.type === 'comparison_operator') && /^(in|!in|not in)$/.test(s.operatorOf(up).trim()) && namedChildren(up).some((n) => n.id !== use.id && this.isStatusLike(n))) return true;
    }
    return false;
  }

  /**
   * `err.status = 429` where `err` is bound in the same function to a new error object (`new Error(…)`, `new
   * ApiError(…)`) that the function throws, not handed to `next(…)`.
   */
  private setsStatusOfThrownError(target: Node, assignment: Node): boolean {
    const owner = /^([A-Za-z_$][\w$]*)\s*(?:\?\.|\.)/.exec(target.text)?.[1];
    if (!owner) return false;
    let fn: Node | null = assignment.parent;
    while (fn && !/function|method|arrow|lambda/.test(fn.type)) fn = fn.parent;
    if (!fn) return false;
    const body = fn.text;
    const bound = new RegExp(`\\b${owner}\\b\\s*=\\s*new\\s+(?:[A-Z]\\w*)?(?:Error|Exception)\\s*\\(`).test(body);
    return bound && new RegExp(`\\bthrow\\s+${owner}\\b`).test(body) && !new RegExp(`\\bnext\\s*\\(\\s*${owner}\\b`).test(body);
  }

  private roleAsArgument(literal: Node, head: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    // (Kotlin's `status(X) { … }` is a call of the head `status(X)` with a lambda: the outer call carries the name.)
    const outer = head.parent;
    const call = s.callee(head) === null && outer && s.calls.has(outer.type) && outer.namedChild(0)?.id === head.id ? outer : head;
    const name = this.lastName(s.callee(call)) ?? '';
    const args = s.callArguments(call);
    const index = args.findIndex((a) => a.startIndex <= literal.startIndex && literal.endIndex <= a.endIndex);
    const matches = (e: Node | null) => (kind === 'status' ? this.isStatusLike(e) : this.isErrorCodeLike(e));
    const others = args.filter((_, i) => i !== index);
    // Speakeasy-generated SDKs: `M.json(200, schema)`, `M.jsonErr(422, schema)`, `M.nil([204, 205], …)` match a response
    // by its status (`import * as M from "../lib/matchers.js"`).
    if (kind === 'status' && SPEAKEASY_MATCHER.test(name) && this.lastName(this.receiverOf(call)) === 'M' && index === 0) return 'client-check';
    // Python `if resp.status_code in range(200, 300):`: the bounds of a range the status is tested against.
    if (kind === 'status' && name === 'range' && index >= 0 && call.parent?.type === 'comparison_operator' && /\bin\b/.test(s.operatorOf(call.parent))) {
      return namedChildren(call.parent).some((n) => n.id !== call.id && matches(n)) ? 'client-check' : undefined;
    }
    // Ruby `response.code.between?(200, 299)`, `response.status.in?([401, 403])`, `status.in?(200..399)`: the status
    // that receives the call is tested against its arguments.
    if (kind === 'status' && index >= 0 && REVERSE_MEMBERSHIP.test(name) && matches(this.receiverOf(call))) return 'client-check';
    if (ASSERT_CALLS.test(name) || this.chainStartsWithAssert(call)) {
      if (others.some(matches) || matches(this.assertionSubject(call))) return 'test-assert';
    }
    // A named argument the adapter reads through (Kotlin `respondError(status = HttpStatusCode.ServiceUnavailable)`):
    // a status handed to whatever is called, as `{ status: 503 }` is.
    const argumentName = kind === 'status' && !inCollection ? this.namedArgumentOf(literal, call) : undefined;
    if (argumentName && argumentName !== 'code' && STATUS_KEYS.test(argumentName)) return 'server-sets';
    const receiver = this.receiverOf(call);
    if (kind === 'status' && index === 0 && receiver && s.calls.has(receiver.type) && ((name === 'expect' && args.length > 1) || name === 'reply')) {
      // supertest `request(app).get('/').expect(500, /boom/, done)`, nock `nock(url).get('/x').reply(429, body)`
      return 'test-assert';
    }
    // Flask's `@app.errorhandler(404)` / `register_error_handler(404, fn)`, FastAPI's `@app.exception_handler(404)`: the
    // handler's answer to that status.
    if (kind === 'status' && index === 0 && ERROR_HANDLER_REGISTRATION.test(name)) return 'server-sets';
    // (Flask-Testing's `self.assertStatus(response, 200)` names the response first.)
    if ((index === 0 || (index === args.length - 1 && others.length > 0)) && STATUS_ASSERT_CALL.test(name)) return kind === 'status' ? 'test-assert' : undefined;
    // Ruby `res.is_a?(Net::HTTPTooManyRequests)`: a type test of the response is a status check
    if (index === 0 && TYPE_TEST_CALL.test(name) && this.isSymbolic(literal)) return 'client-check';
    if (MATCHER_METHODS.test(name) && args.length === 1 && receiver) {
      // `status().is(429)`, `response.StatusCode.Should().Be(...)`, supertest `request(app).get('/').expect(429)`
      if (matches(receiver) || (name === 'expect' && kind === 'status' && index === 0 && s.calls.has(receiver.type))) return 'test-assert';
      // WebTestClient `.expectStatus().isEqualTo(503)`
      if (kind === 'status' && s.calls.has(receiver.type) && this.lastName(receiver) === 'expectStatus') return 'test-assert';
    }
    if (kind === 'status' && index === 0 && MESSAGE_SEARCH.test(name) && receiver && s.strings.has(this.unwrap(args[0])?.type ?? '') && ERROR_TEXT.test(this.lastName(receiver) ?? receiver.text)) {
      // `error.message?.includes("503")`, `String(err).includes('429')`: the status looked for in a failure's text.
      return 'client-check';
    }
    if (kind === 'status' && index === 1 && MESSAGE_SEARCH.test(name) && receiver && /^(strings|bytes)$/.test(receiver.text) && s.strings.has(this.unwrap(args[1])?.type ?? '') && GO_ERROR_TEXT.test(this.lastName(args[0]) ?? args[0].text)) {
      // Go `strings.Contains(err.Error(), "429")`, `strings.Contains(errStr, "503")`: the same search, as a function.
      return 'client-check';
    }
    if (kind === 'status' && index === 0 && STUB_RETURN.test(name) && receiver && STUBBED_STATUS_GETTER.test(receiver.text)) {
      // A mock's status getter stubbed: PHPUnit `$r->method('getStatusCode')->willReturn(503)`, Mockery
      // `shouldReceive('getStatusCode')->andReturn(429)`, Mockito `when(resp.statusCode()).thenReturn(503)`.
      return 'test-assert';
    }
    if (kind === 'status' && index === 0 && name === 'error' && /^(retrofit2\.)?Response$/.test(this.lastName(receiver) ?? '')) {
      // Retrofit `Response.error(503, body)` in a test: the stub a double answers with. (Elsewhere a synthetic response
      // built by hand, a decoy: spotting fixtures, Kotlin.)
      return inTestCode(literal) ? 'test-assert' : undefined;
    }
    if (kind === 'status' && index === 0 && MOCK_STATUS_CALL.test(name) && receiver) {
      // OkHttp MockWebServer `new MockResponse().setResponseCode(429)`: what a stub server answers in a test
      return 'test-assert';
    }
    if (kind === 'status' && index >= 0 && TEST_DATA_ATTRIBUTE.test(name) && this.isSymbolic(literal)) {
      // xUnit `[InlineData(HttpStatusCode.GatewayTimeout)]`, `[InlineData((HttpStatusCode)429)]`: a test's input.
      return 'test-assert';
    }
    // A code list handed to a retry's constructor or call: Symfony `new GenericRetryStrategy([429, 503], 1000)`.
    if (inCollection && kind === 'status' && index >= 0 && RETRY_LIST_CALL.test(name)) return 'retry-config';
    if (inCollection) {
      // Go `slices.Contains([]int{429, 503}, resp.StatusCode)`
      return MEMBERSHIP_METHODS.has(name) && others.some(matches) ? 'client-check' : undefined;
    }
    if (kind === 'error-code') {
      // Go `errors.Is(err, syscall.ECONNRESET)`; an SDK's own test of an error's code: `hcloud.IsError(err, hcloud.ErrorCodeConflict)`
      return /^(is|Is|isError|IsError|is_error|isErrorCode|IsErrorCode|hasErrorCode|HasErrorCode)$/.test(name) && index >= 1 ? 'client-check' : undefined;
    }
    if (STATUS_SETTERS.has(name) && receiver && this.inAssertionChain(receiver)) {
      // RestAssured `.then().statusCode(200)`: the response is checked, not built
      return index === 0 ? 'test-assert' : undefined;
    }
    if (kind === 'status' && index >= 0 && !inCollection && /^[2-5]\d\d$/.test(literal.text) && MOCK_REPLY.test(`${this.lastName(receiver) ?? ''}.${name}`) && !NOT_A_STATUS_CALL.test(name)) {
      // A stand-in answering with it: `Mockresponse(400, {})`, `MockServer.retryTimes(100, 429, 1d)`, `fake_response(598, …)` —
      // a response built (in a test file, the test's own data: see languageService's asTestData).
      return 'server-sets';
    }
    if (kind === 'status' && index >= 0) {
      // `RetryStatuses(500, 503)`, `retryOnStatusCodes(429)`: the codes a retry acts on.
      if (RETRY_STATUS_CALL.test(name)) return 'retry-config';
      // `new BasicHttpResponse(429, "…")`, `MockResponse(body, 503)`, `JSONRespondMust(200, …)`: a response built with it.
      if (RESPONSE_BUILDER_CALL.test(name)) return 'server-sets';
      // Rust's constructor of a response type: `ureq::Response::new(500, "Internal Server Error", "")`.
      if (name === 'new' && index === 0 && RESPONSE_BUILDER_CALL.test(this.lastName(this.receiverOf(call)) ?? '')) return 'server-sets';
      // A response type's factory handed the status first: `ProxyResponse.error(HttpStatusCode.NotFound, "gone")`,
      // `ApiResponse.of(404, body)`.
      if (index === 0 && receiver && /^[A-Z]\w*Response$/.test(receiver.text) && /^(error|of|create|with\w*|status|fail\w*|make|build)$/.test(name)) return 'server-sets';
    }
    if (kind === 'status' && index >= 0 && RESPOND_HELPER.test(name) && others.some((a) => /identifier/.test(a.type) && RESPONSE_WRITER.test(a.text))) {
      // A project's own response helper handed the writer and a status: `respondError(w, http.StatusBadRequest, msg)`.
      return 'server-sets';
    }
    if (kind === 'status' && index >= 0 && this.helpers && this.helperDepth < 2 && (!receiver || /^(this|self|base|super)$/.test(receiver.text))) {
      // `doWithRetry(429, …)` where the file declares `doWithRetry(int status, …)`: the role the helper gives it.
      const param = this.helpers.statusParameter(name, index);
      if (param) return this.helperRole(param.uses);
    }
    if (kind === 'status' && index >= 1 && index === args.length - 1 && ERROR_REPLY.test(name) && receiver && !LOGGER.test(this.lastName(receiver) ?? '') && this.isMessage(args[0])) {
      // A response helper's failure reply with its message first: `new Response(ctx).error("Not found", 404)`,
      // `reply.fail(message, 503)`.
      return 'server-sets';
    }
    if (kind === 'status' && index === 2 && args.length === 3 && ERROR_FACTORY.test(name) && /^[45]\d\d$/.test(literal.text) && s.strings.has(this.unwrap(args[0])?.type ?? '')) {
      // An error class made by a factory with its code, message and status: Directus `createError('LOCKED', 'Locked', 503)`.
      return 'server-sets';
    }
    if (!STATUS_SETTERS.has(name)) {
      // `throw new RestException(HttpStatusCode.NotFound, ...)`, `raise ApiError(404, "...")`
      const symbolic = s.members.has(literal.type);
      if (index < 0 || !/throw|raise/.test(call.parent?.type ?? '')) return undefined;
      return (symbolic ? ERROR_CONSTRUCTOR.test(name) : index === 0 && HTTP_ERROR_CONSTRUCTOR.test(name)) ? 'server-sets' : undefined;
    }
    // `String(500)` is no `c.String(500, ...)` — but Ktor's `respond(HttpStatusCode.NotFound, body)` inside an
    // `ApplicationCall` extension or a route handler answers the call it runs on.
    // (Spring's `status(CONFLICT)` where the file imports ResponseEntity's builders statically starts a response too.)
    // (And Ktor StatusPages' `status(HttpStatusCode.Unauthorized) { call, status -> call.respond(status, body) }`: the
    // handler answers every response of that status with its own body.)
    if (METHOD_ONLY_SETTERS.has(name) && !receiver && !(name === 'respond' && this.inKtorCallScope(call)) && !(name === 'status' && (this.importsResponseEntityBuilders() || inKtorStatusPages(call)))) return undefined;
    if (name === 'valueOf' && !/Status/.test(this.lastName(receiver) ?? '')) return undefined; // `HttpStatus.valueOf(429)`, not `Integer.valueOf(404)`
    const expected = Object.hasOwn(STATUS_ARGUMENT_INDEX, name) ? STATUS_ARGUMENT_INDEX[name] : 0; // not `valueOf` from the prototype
    const wanted =
      expected === 'last' ? args.length - 1 : expected === 'none' ? -2 : expected === 'redirect' ? (args.length === 4 ? 3 : 0) : expected;
    return index === wanted ? 'server-sets' : undefined;
  }

  /** Kotlin code whose implicit receiver is a Ktor call: an `ApplicationCall`/`RoutingCall` extension function. */
  private inKtorCallScope(call: Node): boolean {
    for (let up: Node | null = call.parent; up; up = up.parent) {
      if (up.type === 'function_declaration') return /^\s*(?:[\w@]+\s+)*fun\s+(?:<[^>]*>\s*)?(ApplicationCall|RoutingCall|RoutingContext|PipelineContext<[^>]*>)\./.test(up.text.slice(0, 300));
    }
    return false;
  }

  /** A status written by name (`http.StatusTooManyRequests`, a statically imported `CONFLICT`), not as a number. */
  private isSymbolic(literal: Node): boolean {
    return this.syntax.members.has(literal.type) || /identifier/.test(literal.type) || this.isStatusCast(literal);
  }

  /** A literal value or another symbolic constant: nothing that is read at run time. */
  private isPlainValue(expr: Node): boolean {
    const node = this.unwrap(expr);
    if (!node) return true;
    if (/integer|number|int_literal|decimal|float|string|null|nil|none|true|false|boolean/i.test(node.type)) return true;
    return this.syntax.members.has(node.type) && /^[A-Z]/.test(this.syntax.memberParts(node)?.property ?? '') && /^(http|HttpStatus|HttpStatusCode|HTTPStatus|status|StatusCodes)$/.test(this.lastName(this.syntax.memberParts(node)?.object ?? null) ?? '');
  }

  /** The exception list of an `except`/`catch` clause (through a tuple or an `as` binding). */
  private isCatchClause(node: Node): boolean {
    if (/^(except_clause|catch_clause|catch_type|catch_declaration|catch_formal_parameter)$/.test(node.type)) return true;
    return node.type === 'as_pattern' && node.parent?.type === 'except_clause';
  }

  /** True for a call to a status setter: `@ResponseStatus(...)`, `res.status(...)`. */
  private isStatusSetterCall(node: Node | null): boolean {
    return node !== null && this.syntax.calls.has(node.type) && STATUS_SETTERS.has(this.lastName(this.syntax.callee(node)) ?? '');
  }

  /** True when a call chain passes through a zero-argument assertion opener: `.then()`, `.assertThat()`, `.expectStatus()`. */
  private inAssertionChain(start: Node): boolean {
    const s = this.syntax;
    let node: Node | null = start;
    while (node) {
      if (s.calls.has(node.type)) {
        if (ASSERTION_CHAIN_OPENERS.test(this.lastName(s.callee(node)) ?? '') && s.callArguments(node).length === 0) return true;
        node = this.receiverOf(node);
      } else if (s.members.has(node.type)) {
        node = s.memberParts(node)?.object ?? null;
      } else {
        return false;
      }
    }
    return false;
  }

  /** The name of the named argument of `call` that holds `node`, when the adapter reads through named arguments. */
  private namedArgumentOf(node: Node, call: Node): string | undefined {
    for (let up = node.parent; up && up.id !== call.id; up = up.parent) {
      if (this.syntax.pairs.has(up.type) && this.syntax.transparent.has(up.type)) return this.syntax.pairName(up);
    }
    return undefined;
  }

  /**
   * `{code: 429}` means a status only beside status-ish siblings (an error's message, or the response it describes:
   * `{resp: body, code: 200}`) or inside a status setter call. In a table of such records (a test's cases), one row
   * that says so says it for the column: `{resp: "{}", code: 200}` beside `{resp: "…", code: 404, err: "…"}`.
   */
  private codeKeyRole(pair: Node): OccurrenceRole | undefined {
    const object = pair.parent;
    if (!object) return undefined;
    if (this.describesStatus(object)) return 'server-sets';
    const key = this.syntax.pairName(pair);
    const row = this.tableRowOf(object);
    if (!row || !key) return undefined;
    const rows = namedChildren(row.table).map((r) => this.tableRecord(r)).filter((r): r is Node => !!r);
    return rows.some((r) => r.id !== object.id && namedChildren(r).some((p) => this.syntax.pairName(p) === key) && this.describesStatus(r)) ? 'server-sets' : undefined;
  }

  private describesStatus(object: Node): boolean {
    const siblings = namedChildren(object).map((n) => this.syntax.pairName(n) ?? '');
    return siblings.some((n) => /^(message|error|err|msg|detail|description|resp|response|body|response_?body)$/i.test(n));
  }

  /** The list of records `object` is one row of (a Go `literal_value` element, a JS/Python list of objects). */
  private tableRowOf(object: Node): { table: Node } | undefined {
    let up = object.parent;
    if (up?.type === 'literal_element') up = up.parent;
    return up && /^(literal_value|array|list|array_initializer|collection_expression)$/.test(up.type) ? { table: up } : undefined;
  }

  /** The record a row of such a list holds. */
  private tableRecord(row: Node): Node | undefined {
    const inner = row.type === 'literal_element' ? row.namedChild(0) : row;
    return inner && namedChildren(inner).some((p) => this.syntax.pairs.has(p.type)) ? inner : undefined;
  }

  /** `expect(res.status).toBe(429)`: the argument of the first call in the chain. */
  private assertionSubject(call: Node): Node | null {
    let node: Node | null = this.rspecExpectation(call) ?? call;
    while (node) {
      const callee: Node | null = this.syntax.calls.has(node.type) ? this.syntax.callee(node) : null;
      const receiver = this.receiverOf(node);
      const calleeName = callee ? this.lastName(callee) ?? '' : '';
      if (/^(expect|assertThat|assert_that)$/.test(calleeName)) return this.syntax.callArguments(node)[0] ?? null;
      // TUnit / NUnit constraint style `Assert.That(x).IsEqualTo(...)`
      if (calleeName === 'That' && receiver && this.lastName(receiver) === 'Assert') return this.syntax.callArguments(node)[0] ?? null;
      if (calleeName === 'Should' && receiver) return receiver; // FluentAssertions `x.Should().Be(...)`
      node = receiver && this.syntax.calls.has(receiver.type) ? receiver : receiver && this.syntax.members.has(receiver.type) ? this.syntax.memberParts(receiver)?.object ?? null : null;
    }
    return null;
  }

  /**
   * RSpec's `expect(res.status).to eq(429)`: a matcher (`eq(429)`) is the argument of `to`/`not_to`, whose
   * receiver is the expectation; the `to` call stands for the matcher.
   */
  private rspecExpectation(call: Node): Node | null {
    if (!RSPEC_MATCHER.test(this.lastName(this.syntax.callee(call)) ?? '')) return null;
    let up: Node | null = call.parent;
    while (up && this.syntax.transparent.has(up.type)) up = up.parent;
    if (!up || !this.syntax.calls.has(up.type) || !/^(to|not_to|to_not)$/.test(this.lastName(this.syntax.callee(up)) ?? '')) return null;
    return up;
  }

  private chainStartsWithAssert(call: Node): boolean {
    return this.assertionSubject(call) !== null;
  }

  private insideAssertion(start: Node): boolean {
    for (let node: Node | null = start; node; node = node.parent) {
      if (this.syntax.asserts.has(node.type)) return true;
      if (this.syntax.calls.has(node.type) && ASSERT_CALLS.test(this.lastName(this.syntax.callee(node)) ?? '')) return true;
      // Go's test idiom: `if resp.StatusCode != http.StatusTooManyRequests { t.Errorf(…) }`
      if (node.type === 'if_statement') return GO_TEST_FAILURE.test(node.childForFieldName('consequence')?.text.slice(0, 200) ?? '');
      if (/statement|declaration|block|body/.test(node.type)) return false;
    }
    return false;
  }


}

/** Java/Kotlin: the node is in a method annotated `@ExceptionHandler`, or in a class annotated `@ControllerAdvice` / `@RestControllerAdvice`. */
/** `node` stands in the class list of a Ruby `rescue` (within a few levels: a matcher call and its arguments). */
function inRescueList(node: Node): boolean {
  for (let up = node.parent, depth = 0; up && depth < 5; up = up.parent, depth++) if (up.type === 'exceptions') return true;
  return false;
}

/** A Kotlin call with a trailing lambda inside Ktor's `install(StatusPages) { … }` configuration block. */
function inKtorStatusPages(call: Node): boolean {
  if (call.type !== 'call_expression' || !call.namedChildren.some((c) => c?.type === 'annotated_lambda')) return false;
  for (let up = call.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
    if (up.type === 'call_expression' && /^install\s*\(\s*(?:[\w.]+\.)?StatusPages\s*\)/.test(up.text.slice(0, 80))) return true;
  }
  return false;
}

function inExceptionHandler(node: Node): boolean {
  for (let n = node.parent, depth = 0; n && depth < 60; n = n.parent, depth++) {
    if (/^(method_declaration|function_declaration|class_declaration)$/.test(n.type)) {
      const modifiers = namedChildren(n).find((c) => c.type === 'modifiers');
      const annotations = modifiers?.text ?? '';
      if (n.type !== 'class_declaration' && /@ExceptionHandler\b/.test(annotations)) return true;
      if (n.type === 'class_declaration') return /@(Rest)?ControllerAdvice\b/.test(annotations);
    }
  }
  return false;
}

