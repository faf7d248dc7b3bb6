/**
 * Name patterns that decide whether an expression holds an HTTP status, an error code, or a
 * retry configuration. Kept in one place so every language and rule agrees.
 */

/** `status`, `status_code`, `StatusCode`, `statusCode()`, `getStatusCode`, `getResponseCode`, `rawStatusCode`, `exceptionHttpCode`… */
export const STATUS_NAME =
  /^(get_?)?(http_?|raw_?|response_?|resp_?)?(status|status_?code|statuscode|status_?code_?value|status_?value|response_?code|resp_?code)(_?int|_?number)?$|^(get_?)?\w*http_?code$/i;

/**
 * Names that hold a status under a qualifying prefix: `expected_status_code`, `ForbiddenStatusCode`,
 * `wantStatus`, `ERROR_HTTP_STATUS`. A literal assigned to one is a status, but not one sent or checked.
 */
export const PREFIXED_STATUS_NAME = /^(?:expected|expect|want|wanted)_?(?:[a-z0-9]+_?)?status$|[a-z0-9_](?:status_?code|http_?status(?:_?code)?)$/i;

/**
 * Constants named after one status: `HTTP_STATUS_TOO_MANY_REQUESTS = 429` (Node's http2 spelling copied into
 * an app), `STATUS_CODE_NOT_FOUND = 404`, `HttpStatusServiceUnavailable = 503`. Case-sensitive on purpose:
 * `httpTimeout = 300` or `STATUS_BAR_HEIGHT = 200` are no statuses.
 */
export const STATUS_CONSTANT_NAME = /^(HTTP_STATUS|HTTP_STATUS_CODE|STATUS_CODE|HTTP_CODE)_[A-Z][A-Z0-9_]*$|^(Http|HTTP)Status(Code)?[A-Z][A-Za-z0-9]*$/;

/**
 * Names of a table of HTTP statuses, its members named after reason phrases: axios's `HttpStatusCode` enum, Netty's
 * `HttpResponseStatus`, a project's own `StatusCodes` object or `HttpStatus` enum. `Status` alone is left out (an order's `Status.Accepted`), and so
 * is `StatusCode`, gRPC's name for its own codes (`StatusCode.NotFound` is gRPC's NOT_FOUND in C#).
 */
export const STATUS_TABLE_NAME = /^(?:Http|HTTP)_?(?:Status|StatusCodes?|Codes?|ResponseCodes?|ResponseStatus)$|^(?:StatusCodes|HTTP_STATUS(?:_CODES?)?|HTTP_STATUS_CODES?)$/;

/**
 * Error-code fields that carry an HTTP status in APIs that wrap errors in an envelope (Telegram's `{ok: false,
 * error_code: 429, parameters: {retry_after: 5}}`, `error_code === 401`). Other APIs put their own numbering there
 * (Graph API `error.code == 200` is a permissions error, 190 an expired token, 368 a block, 506 a duplicate post), so
 * only the 4xx statuses and the transient 5xx — which no such scheme reuses — are read as a status.
 */
export const ENVELOPE_ERROR_CODE_FIELD = /^(error_?code|errorCode|ErrorCode)$/;
export const ENVELOPE_STATUSES = new Set(['400', '401', '403', '404', '405', '408', '409', '410', '413', '415', '422', '423', '429', '500', '502', '503', '504']);

/** Of those, the ones a test states its expectation with: `expected_status_code = 204`, `wantStatus: 429`. */
export const EXPECTED_STATUS_NAME = /^(expected|expect|want|wanted)_?/i;

/**
 * A test's expected status under a name that says `code`: Go tables' `wantCode: 401`, `ExpectedCode: 200`,
 * `expected_http_code = 404`. (A leading underscore, `_expected_status=404` of a test helper's keyword, is read past
 * where these names are tested.)
 */
export const EXPECTED_CODE_NAME = /^(expected|expect|want|wanted)_?(http_?|response_?|resp_?|status_?)?code$/i;

/** `code` means a status only on something that looks like a response or an HTTP error. */
export const CODE_NAME = /^(get_?)?code$/i;
export const RESPONSE_OR_ERROR_OBJECT =
  /^(r|res|resp|rsp|response|result|reply|http_?response|\w*response|\w*resp|e|err|error|exc|ex|exception|\w*error|\w*err|\w*exception|t|throwable|cause|rec|recorder|rr|rw|w|writer)$/i;

/** Functions and methods that send a status from server code, by their last name. */
export const STATUS_SETTERS = new Set([
  // Python
  'abort', 'HTTPException', 'HttpResponse', 'JsonResponse', 'JSONResponse', 'PlainTextResponse', 'Response',
  'make_response', 'send_error', 'send_response', 'set_status', 'HTTPError', 'HTTPStatusError', 'json_response',
  'start_response', // WSGI `start_response("503 Service Unavailable", headers)`
  // JavaScript / TypeScript
  'status', 'sendStatus', 'writeHead', 'code', 'throw', 'HttpException', 'createError', 'HttpError', 'httpError',
  'HttpCode', 'redirect',
  // Go
  'WriteHeader', 'Error', 'AbortWithStatus', 'AbortWithStatusJSON', 'JSON', 'String', 'Status', 'NoContent',
  'StatusCode', 'SendStatus', 'NewHTTPError', 'AbortWithError', 'Redirect',
  // Java
  'setStatus', 'sendError', 'ResponseStatusException', 'valueOf', 'withStatus', 'statusCode', 'ResponseStatus',
  'ResponseEntity', 'HttpClientErrorException', 'HttpServerErrorException', 'WebApplicationException',
  'sendResponseHeaders', // JDK com.sun.net.httpserver.HttpExchange
  'forStatus', 'forStatusAndDetail', 'ErrorResponseException', // Spring's RFC 9457 ProblemDetail
  // C#
  'StatusCodeResult', 'ObjectResult', 'Problem', 'SetStatusCode', 'ProducesResponseType', 'ProducesErrorResponseType',
  'HttpResponseMessage',
  // Ruby: Rails `head 503`, Sinatra `halt 503`, Grape `error!(body, 429)`
  'head', 'halt', 'error!',
  // PHP: Symfony `setStatusCode(503)`, `http_response_code(503)`, Laravel `response($body, 429)`, `response()->json($data, 429)`, `abort_if($cond, 503)`
  'setStatusCode', 'http_response_code', 'response', 'json', 'abort_if', 'abort_unless',
  // Kotlin: Ktor `call.respond(HttpStatusCode.ServiceUnavailable, body)`
  'respond',
  // Test servers' response builders: MockServer `response().withStatusCode(502)`, WireMock.Net `Response.Create().WithStatusCode(500)`
  'withStatusCode', 'WithStatusCode',
]);

/** Setter names too generic to trust as a bare function call: only `x.String(200, ...)`, `res.status(404)`. */
export const METHOD_ONLY_SETTERS = new Set([
  'status', 'code', 'throw', 'String', 'JSON', 'Error', 'Status', 'NoContent', 'valueOf', 'statusCode', 'SendStatus',
  'sendStatus', 'writeHead', 'WriteHeader', 'setStatus', 'sendError', 'withStatus', 'send_error', 'send_response',
  'set_status', 'AbortWithStatus', 'AbortWithStatusJSON', 'redirect', 'AbortWithError', 'Redirect', 'sendResponseHeaders',
  'forStatus', 'forStatusAndDetail',
  'setStatusCode', 'json', 'respond', 'withStatusCode', 'WithStatusCode',
]);

/** Setters whose status is not the first argument: name → argument index. */
export const STATUS_ARGUMENT_INDEX: Record<string, number | 'last' | 'none' | 'redirect'> = {
  Error: 2, // Go http.Error(w, msg, code)
  json_response: 1,
  make_response: 1,
  HttpException: 1, // NestJS new HttpException(body, status)
  Response: 1, // Flask/Starlette Response(body, status)
  HttpResponse: 'none', // Django: status only as a keyword
  JsonResponse: 'none',
  JSONResponse: 1,
  PlainTextResponse: 1,
  ResponseEntity: 'last', // Spring new ResponseEntity<>(body, [headers,] status)
  ProducesResponseType: 'last', // ASP.NET Core [ProducesResponseType(typeof(T), 404)]
  'error!': 1, // Grape error!(message, status)
  response: 1, // Laravel response($content, $status)
  json: 1, // Laravel response()->json($data, $status)
  abort_if: 1, // Laravel abort_if($condition, $status)
  abort_unless: 1,
  Redirect: 'redirect', // Go http.Redirect(w, r, url, code) — but gin/echo c.Redirect(code, url)
};

/** Calls that only wrap a literal list into a collection: `new Set([429, 503])`, `Set.of(...)`, `frozenset(...)`. */
export const COLLECTION_CONSTRUCTORS =
  /^(Set|set|frozenset|tuple|list|of|asList|listOf|setOf|mutableSetOf|mutableListOf|hashSetOf|HashSet|ArrayList|List|LinkedList|ImmutableSet|ImmutableList|copyOf|unmodifiableSet|unmodifiableList|from|ReadOnlySet|FrozenSet|ToHashSet|ToFrozenSet|EnumSet|freeze|to_set)$/;

/**
 * Constructors of an application's own HTTP errors: `new RestException(HttpStatusCode.NotFound, ...)`,
 * `ApiError(404, "...")`. A symbolic status passed to any `*Exception`/`*Error` is sent; a bare number
 * only when the class name itself says HTTP.
 */
export const ERROR_CONSTRUCTOR = /(Exception|Error|Fault)$/;
export const HTTP_ERROR_CONSTRUCTOR = /^(Http|HTTP|Rest|REST|Api|API|Status|Web|Response|Request|Client|Server)\w*(Exception|Error)$|^[A-Z]\w*(Http|HTTP|Api|API|Client)\w*(Exception|Error)$/;

/** Zero-argument calls that open an assertion chain in HTTP test DSLs: RestAssured `.then().statusCode(200)`,
 * `.then().assertThat().statusCode(...)`, `.expect().statusCode(...)`, WebTestClient `.expectStatus().isEqualTo(...)`. */
export const ASSERTION_CHAIN_OPENERS = /^(then|assertThat|expect|expectStatus)$/;

/** Logical operators that supply a default (`err.status || 500`, `status ?? 503`, `code or 500`). */
export const DEFAULT_OPERATORS = new Set(['||', '??', 'or']);

/** Methods a status-valued receiver is asserted with: `status().is(429)`, `StatusCode.Should().Be(...)`, Shouldly `ShouldBe(429)`. */
export const MATCHER_METHODS = /^(is|isEqualTo|IsEqualTo|toBe|toEqual|toStrictEqual|Be|BeEquivalentTo|equals|eq|should|shouldBe|ShouldBe|ShouldNotBe|expect)$/;

/** Keyword / named arguments and object keys that carry a status. */
export const STATUS_KEYS = /^:?(status|status_?code|statusCode|http_?status|code)$/i;

/** Names of lists that configure which statuses are retried. */
export const RETRY_CONFIG_NAME =
  /(status_?force_?list|retry_?(on_?)?(status|statuses|codes?|status_?codes?|errors?)|retr[iy]able_?(status|statuses|codes|status_?codes|errors?|error_?codes)|status_?codes|statuses|retry_?codes|retryOnStatus|retryStatusCodes|error_?codes|http_?(errors|codes)$|transient_?(errors?|codes|statuses)|do_?not_?retry|dont_?retry|never_?retry|no_?retry)/i;

/**
 * Calls that assert in tests, by their last name. Beside equality: Node's `deepStrictEqual`, Chai's `eql`, testify's
 * `Equalf` / `EqualValues` / `Exactly` (github.com/stretchr/testify/assert), unittest's membership and ordering
 * assertions (`assertIn(r.status_code, (200, 204))`, `assertGreaterEqual`), PHPUnit's `assertContains`, Minitest's
 * `assert_includes`, Chai's `oneOf`.
 */
export const ASSERT_CALLS =
  /^(expect|assert|assert_?equals?|assertEqual|assertEquals|assertSame|assertNotSame|assertThat|assert_that|toBe|IsEqualTo|IsNotEqualTo|toEqual|toStrictEqual|toHaveStatus|equal|strictEqual|deepEqual|deepStrictEqual|notDeepStrictEqual|eql|Equal|Equalf|EqualValues|EqualValuesf|Exactly|Exactlyf|NotEqualf|NotEqualValues|NotEqualValuesf|AreEqual|isEqualTo|hasStatus|should|require|assertStatus|assert_status|expectStatus|status_is|assert_status_code|NotEqual|AreNotEqual|assertNotEquals|assertNotEqual|notEqual|notStrictEqual|assert_not_equal|assertTrue|assertFalse|True|False|verify|So|assertIn|assertNotIn|assertGreater|assertGreaterEqual|assertLess|assertLessEqual|assertContains|assertNotContains|assert_includes|oneOf|toBeOneOf)$/;

/** Membership tests: `[429, 503].includes(x)`, `RETRYABLE.contains(x)`. */
export const MEMBERSHIP_METHODS = new Set(['includes', 'contains', 'Contains', 'has', 'indexOf', '__contains__', 'include?', 'cover?', 'member?', 'in_array']);

/** Fields that hold an error's code: `err.code`, `e.response.data.error.type`, `ex.ErrorCode`. */
export const ERROR_CODE_FIELD =
  /^(code|type|name|errno|error|error_?code|errorCode|ErrorCode|reason|status|Code|kind|error_?type|errorType|getCode|getErrorCode|getStatus|syscall|sqlstate|SqlState|pgcode|cause)$/i;

export const COMPARISON_OPERATORS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not']);

/** True for a comparison operator, including Python's chained comparisons (`200 <= r.status_code < 300` reads `<= <`). */
export function isComparisonOperator(operator: string): boolean {
  const op = operator.replace(/\s+/g, ' ').trim();
  if (COMPARISON_OPERATORS.has(op)) return true;
  const tokens = op.split(' ');
  return tokens.length > 1 && tokens.every((t) => ['==', '!=', '<', '<=', '>', '>=', 'in', 'not', 'is'].includes(t)) && tokens.some((t) => t !== 'not' && t !== 'is');
}

/**
 * A static import of Spring's `ResponseEntity` builders (`import static org.springframework.http.ResponseEntity.*;`,
 * Kotlin's without `static`): they are then called bare, `notFound().build()`, `status(CONFLICT)`.
 */
export const SPRING_BUILDER_IMPORT =
  /^[ \t]*import[ \t]+(?:static[ \t]+)?org\.springframework\.http\.ResponseEntity\.(?:\*|status|ok|created|accepted|noContent|badRequest|notFound|unprocessableEntity|internalServerError)[ \t]*;?[ \t]*$/m;
