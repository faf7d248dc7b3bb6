/**
 * Names of the calls, receivers and parameters that say what a status (or an error code) handed to a call as an
 * argument is for — a retry's list, a response being built, a stand-in server's answer, a text searched for a status,
 * a stubbed status getter — read by ArgumentRoles (argumentRoles.ts).
 */
/** Calls whose name says they take the statuses a retry acts on. */
export const RETRY_STATUS_CALL = /retr(y|ies)\w*(status|code)|(status|code)\w*retr(y|ies)/i;
/** Retry mechanisms built from a list of codes: `GenericRetryStrategy`, `RetryPolicy`, `retryable_statuses(…)`. */
export const RETRY_LIST_CALL = /retr(y|ies|yable|iable)/i;
/** A project's own helpers that answer a request: `respondError`, `writeJSON`, `sendProblem`, `renderError`. */
export const RESPOND_HELPER = /^(respond|reply|render|write|send)(With)?(Error|Err|JSON|Json|Status|Problem|Response|Text|Result|Message|Body)?\w*$|^(http|json|api|send|return)_?error(_?response|_?reply)?$/i;
/** Arguments that are the response being written: Go's `w`, Express's `res`, a framework context. */
export const RESPONSE_WRITER = /^(w|rw|res|resp|response|writer|responseWriter|ctx|c)$/;
/** Response matchers of Speakeasy-generated TypeScript SDKs, whose first argument is the status (or statuses) matched. */
export const SPEAKEASY_MATCHER = /^(json|jsonErr|jsonl|jsonlErr|nil|nilErr|text|textErr|sse|sseErr|stream|streamErr|bytes|bytesErr|fail)$/;
/** Factories of error classes that take a code, a message and the HTTP status: Directus `createError(code, message, status)`. */
export const ERROR_FACTORY = /^create(Http)?Error$/;
/** Failure replies of a response helper, message first and status last: `res.error("Not found", 404)`. */
export const ERROR_REPLY = /^(error|fail|failure|errorResponse|sendFailure|jsonError)$/;
/** Receivers that log rather than answer. */
export const LOGGER = /^(log|logger|console|logging|winston|pino|_?log|_?logger)$/i;
/** Searches of a text: `includes`, `contains`, `startsWith`. */
export const MESSAGE_SEARCH = /^(includes|contains|Contains|startsWith|StartsWith)$/;
/** A failure's text: its message, its string form, a response body read as text. */
export const ERROR_TEXT = /^(message|Message|msg|errorMessage|error_message|err|error|e|ex|reason|String|toString|stderr|getMessage)$/;
/** Go's text of an error: `err.Error()`, or a local holding it (`errStr`, `errMsg`, `errText`). */
export const GO_ERROR_TEXT = /^(Error|err|msg|message|errStr|errMsg|errText|errString|errorString|errorMessage|errorText)$/;
/** What a stubbed method answers: PHPUnit, Mockery, Mockito/BDDMockito, Moq, RSpec `and_return`, Mocha `returns`. */
export const STUB_RETURN = /^(willReturn|andReturn|thenReturn|willReturnOnConsecutiveCalls|andReturnValues|Returns|ReturnsAsync|and_return|returns)$/;
/** The stubbed method is a response's status getter (named in the stub's chain). */
export const STUBBED_STATUS_GETTER = /\b(?:get_?)?(?:raw_?|http_?|response_?)?(?:status_?code|status|response_?code|code)(?:_?value)?\b/i;
/** Methods that set the status a mock server answers with. */
export const MOCK_STATUS_CALL = /^setResponseCode$/;
/** A test parameter named for a status: `status`, `statusCode`, `expected_status`, `code`, `httpCode`. */
export const TEST_STATUS_PARAMETER = /^(expected_?|want_?|given_?)?(status|status_?code|http_?status|http_?code|response_?code|code)$/i;
/** Attributes that feed a parametrised test its data. */
export const TEST_DATA_ATTRIBUTE = /^(InlineData|InlineAutoData|TestCase|DataRow|Arguments)$/;
/** A stand-in server or response (a test's, or a client's fake for a failure), by the call's receiver and name: `MockServer.retryTimes`, `Mockresponse`, `fake_response`. */
export const MOCK_REPLY = /(mock|fake|stub)\w*(response|server|reply|http|error|failure|returning)|(response|reply|server)\w*(mock|fake|stub)|(mock|fake|stub)\w*\.(intercept|reply|replyOnce|respond\w*)$|^\.?intercept$/i;
/** Calls of such a stand-in whose numbers are waits, ports or sizes. */
export const NOT_A_STATUS_CALL = /delay|sleep|wait|timeout|port|size|latency|after/i;
/** Registrations of a server's handler for an error status. */
export const ERROR_HANDLER_REGISTRATION = /^(errorhandler|app_errorhandler|register_error_handler|exception_handler)$/;
/** Calls that build a response (real or mock) from the arguments. */
export const RESPONSE_BUILDER_CALL = /(Http|Mock|Fake|Stub|Basic|Test|JSON|Json|Text|String|Bytes)?(Response|Respond|Responder)(Must|OrPanic)?$/;
/**
 * Stand-in servers' answers built with the status among the arguments: Gomega's ghttp `RespondWith(500, body)`,
 * `RespondWithJSONEncoded(429, v)` (onsi.github.io/gomega/#ghttp-testing-http-clients), Flurl's `HttpTest`
 * `RespondWith("busy", 503)`, `RespondWithJson(obj, 429)` (flurl.dev/docs/testable-http).
 */
export const STUB_SERVER_ANSWER = /^RespondWith(JSONEncoded|JSONEncodedPtr|Ptr|Json)?$/;
/**
 * fetch-mock's routes, whose second argument is the answer and a number is its status: `fetchMock.get(url, 404)`,
 * `fetchMock.mock(url, 500)`, `fetchMock.once(url, 503)` (www.wheresrhys.co.uk/fetch-mock/docs/API/route).
 */
export const FETCH_MOCK_ROUTE = /^(mock|route|get|post|put|patch|delete|head|once|getOnce|postOnce|putOnce|patchOnce|deleteOnce|headOnce|sticky|any|anyOnce|catch)$/;
/** Calls on a value that test it against their arguments (Ruby/Rails): `code.between?(200, 299)`, `status.in?([401, 403])`. */
export const REVERSE_MEMBERSHIP = /^(between\?|in\?)$/;
/**
 * Calls whose first argument is the status a response must have: rspec-rails `have_http_status`, Rails `assert_response`,
 * Gomega's `HaveHTTPStatus(404)` (onsi.github.io/gomega, "Working with HTTP responses"); testify's
 * `assert.HTTPStatusCode(t, handler, "GET", url, nil, 404)`, whose status is the last argument.
 */
export const STATUS_ASSERT_CALL = /^(have_http_status|assert_response|have_status|assertStatus|assertResponseStatusCodeSame|HaveHTTPStatus|HTTPStatusCode|HTTPStatusCodef)$/;
/**
 * A test's own helper named for the status it asserts, given the status: `AssertHttpError(404, act)`,
 * `assert_get_response_status(200)`, `assertResponseCode(resp, 201)`, `expectApiError(401, …)`, `verifyStatusCode(503)`.
 */
export const STATUS_ASSERT_HELPER = /^(assert|expect|verify)_?\w*?(http_?error|api_?error|status|status_?code|response_?code|http_?code)(_?is|_?equals?)?$/i;
/** An RSpec matcher of the project's named for a status: `expect(resp).to party_status(200)`, `have_response_status(404)`. */
export const STATUS_MATCHER_NAME = /^(have_|be_)?\w*_status$/;
/** Ruby's type tests. */
export const TYPE_TEST_CALL = /^(is_a\?|kind_of\?|instance_of\?)$/;
