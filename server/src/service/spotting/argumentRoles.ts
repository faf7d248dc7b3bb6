import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import {
  ASSERT_CALLS,
  ERROR_CONSTRUCTOR,
  HTTP_ERROR_CONSTRUCTOR,
  MATCHER_METHODS,
  MEMBERSHIP_METHODS,
  METHOD_ONLY_SETTERS,
  SPRING_BUILDER_IMPORT,
  STATUS_ARGUMENT_INDEX,
  PREFIXED_STATUS_NAME,
  STATUS_KEYS,
  STATUS_NAME,
  STATUS_SETTERS,
} from './names';
import { AssertionReader } from './assertionReader';
import { targetParameter, testDataTarget } from './testDataSources';
import { HelperParameters } from './helperParameters';
import type { ValueKind } from './statusExpressions';
import { inKtorCallScope, inKtorMockEngine, inKtorStatusPages, inMockMvcStatusBlock, inRestAssuredThen, inSinatraRoute } from './statusScopes';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { inTestCode } from './testCode';
import { argumentParameterUse } from './parameterCollections';
import { httptestResponder } from './mockAnswers';
import { isLibraryAssertion } from './libraryAssertions';
import { assertsSetterStatus } from './spyAssertions';
import { chainedCallArguments, chainNamesAssertion, cypressStatusAssertion, CONTAINS_MATCHER, PROPERTY_ASSERTION, PROPERTY_MATCHER, STATUS_PROPERTY_PATH } from './assertionMatchers';
import {
  ERROR_FACTORY,
  ERROR_HANDLER_REGISTRATION,
  ERROR_REPLY,
  ERROR_TEXT,
  GO_ERROR_TEXT,
  LOGGER,
  MESSAGE_SEARCH,
  MOCK_REPLY,
  MOCK_STATUS_CALL,
  NOT_A_STATUS_CALL,
  RESPOND_HELPER,
  RESPONSE_BUILDER_CALL,
  RESPONSE_WRITER,
  RETRY_LIST_CALL,
  RETRY_STATUS_CALL,
  REVERSE_MEMBERSHIP,
  SPEAKEASY_MATCHER,
  STATUS_ASSERT_CALL,
  STATUS_ASSERT_HELPER,
  STATUS_MATCHER_NAME,
  STUBBED_STATUS_GETTER,
  STUB_RETURN,
  STUB_SERVER_ANSWER,
  FETCH_MOCK_ROUTE,
  TEST_DATA_ATTRIBUTE,
  TEST_STATUS_PARAMETER,
  TYPE_TEST_CALL,
} from './argumentCallNames';

/** Static factories of an exception class: `WebClientResponseException.create(500, …)`, `HttpClientErrorException.of(…)`. */
const ERROR_FACTORY_METHOD = /^(create|of|valueOf)$/;
/** A status type's factory from its number: Ktor `HttpStatusCode.fromValue(429)`, Spring `HttpStatus.valueOf(503)` / `resolve(503)`. */
const STATUS_CONVERSION = /^(fromValue|valueOf|resolve)$/;
/** Calls that open an expectation on their argument. */
const ASSERTION_SUBJECT_CALL = /^(expect|Expect|assertThat|assert_that)$/;

/**
 * The role of a status (or an error code) handed to a call as one of its arguments: asserted, checked, retried on,
 * sent as a response's status, or given to one of the file's own helpers (read through that helper's parameter).
 */
export abstract class ArgumentRoles extends AssertionReader {
  /** The file's own functions, to read a helper's status parameter (none for a context without a file). */
  private readonly helpers?: HelperParameters;
  protected responseEntityBuilders?: boolean;
  protected readonly root?: Node;

  constructor(syntax: SyntaxAdapter, root?: Node) {
    super(syntax);
    this.root = root;
    if (root) this.helpers = new HelperParameters(root);
  }

  /** The role the syntax around `node` gives it as a value of `kind`; undefined when it is some other number. */
  abstract classify(node: Node, kind: ValueKind): OccurrenceRole | undefined;

  /** The role of a value bound to a key or a named argument (see BindingRoles). */
  protected abstract pairRole(literal: Node, child: Node, parent: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined;

  /** A string key naming a status: `"http_status"`, `"http.status_code"`, `"http.response.status_code"`, `"statusCode"`. */
  private namesStatusKey(arg: Node | undefined): boolean {
    const key = this.unwrap(arg ?? null);
    if (!key || !this.syntax.strings.has(key.type)) return false;
    const content = this.syntax.stringContent(key)?.text ?? '';
    if (!/^[\w.]{4,40}$/.test(content)) return false;
    const last = content.split('.').pop() ?? '';
    const joined = content.replace(/\./g, '_');
    return (STATUS_NAME.test(last) && last.toLowerCase() !== 'status') || PREFIXED_STATUS_NAME.test(joined) || /^http_?status$/i.test(joined) || /(^|_)http_(response_)?status_code$/i.test(joined);
  }

  /** `import static org.springframework.http.ResponseEntity.*;` (Kotlin: without `static`): its builders are called bare. */
  private importsResponseEntityBuilders(): boolean {
    this.responseEntityBuilders ??= !!this.root && SPRING_BUILDER_IMPORT.test(this.root.text);
    return this.responseEntityBuilders;
  }

  private helperDepth = 0;

  /**
   * The role a helper gives its status parameter: where it first reads it, unless a later read says more
   * (`body.code(status.toString())` then `return new ResponseEntity<>(body, status)` sets it); `constant` when none says.
   */
  private helperRole(uses: readonly Node[]): OccurrenceRole {
    const { definite, first } = this.rolesOfUses(uses);
    return definite ?? first ?? 'constant';
  }

  /**
   * A test case's value (`[InlineData(429)]`, `@ValueSource(ints = {429, 503})`, `it.each([502, 503])`): a status when
   * the parameter it becomes is named for one or is used as one.
   */
  protected testDataRole(literal: Node, call: Node, name: string, index: number): 'test-assert' | undefined {
    if (!/^[1-5]\d\d$/.test(literal.text)) return undefined;
    const target = testDataTarget(literal, call, name, index, this.syntax);
    const param = target ? targetParameter(target) : undefined;
    return param && (TEST_STATUS_PARAMETER.test(param.name) || this.roleByUse(param.uses)) ? 'test-assert' : undefined;
  }

  /** The role a use of a parameter of any name gives it, when one use is a status's place (none when none is). */
  private roleByUse(uses: readonly Node[]): OccurrenceRole | undefined {
    return this.rolesOfUses(uses).definite;
  }

  /** The first use's role, and the first role other than `constant` among the uses (read in order, up to that one). */
  private rolesOfUses(uses: readonly Node[]): { definite?: OccurrenceRole; first?: OccurrenceRole } {
    this.helperDepth++;
    try {
      let first: OccurrenceRole | undefined;
      for (const [i, use] of uses.entries()) {
        const role = this.classify(use, 'status');
        if (i === 0) first = role;
        if (role && role !== 'constant') return { definite: role, first };
      }
      return { first };
    } finally {
      this.helperDepth--;
    }
  }

  /** The call is the matcher handed to RSpec's `to` / `not_to`. */
  private handedToExpectation(call: Node): boolean {
    let up = call.parent;
    while (up && this.syntax.transparent.has(up.type)) up = up.parent;
    return !!up && this.syntax.calls.has(up.type) && /^(to|not_to|to_not)$/.test(this.lastName(this.syntax.callee(up)) ?? '');
  }

  /** A string naming a status property, or a path ending in one: `'status'`, `'response.status'`. */
  private namesStatusProperty(arg: Node | undefined): boolean {
    const literal = this.unwrap(arg ?? null);
    if (!literal || !this.syntax.strings.has(literal.type)) return false;
    const content = this.syntax.stringContent(literal);
    return !!content && STATUS_PROPERTY_PATH.test(content.text);
  }

  /** `doReturn(x).when(mock).getStatusCode()`: a later call of the chain is a status getter. */
  private stubbedGetterAbove(call: Node): boolean {
    let node: Node | null = call.parent;
    for (let depth = 0; node && depth < 6; depth++, node = node.parent) {
      if (this.syntax.calls.has(node.type) && STUBBED_STATUS_GETTER.test(this.lastName(this.syntax.callee(node)) ?? '')) return true;
    }
    return false;
  }

  protected roleAsArgument(literal: Node, head: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    // (Kotlin's `status(X) { … }` is a call of the head `status(X)` with a lambda: the outer call carries the name.)
    const outer = head.parent;
    const call = s.callee(head) === null && outer && s.calls.has(outer.type) && outer.namedChild(0)?.id === head.id ? outer : head;
    const name = this.lastName(s.callee(call)) ?? '';
    const args = s.callArguments(call);
    const index = args.findIndex((a) => a.startIndex <= literal.startIndex && literal.endIndex <= a.endIndex);
    const matches = (e: Node | null) => (kind === 'status' ? this.isStatusLike(e) : this.isErrorCodeLike(e));
    const others = args.filter((_, i) => i !== index);
    // Ktor `HttpStatusCode.fromValue(429)`, Spring `HttpStatus.valueOf(503)`: the status made from the number stands where
    // the call stands (`respond(body, HttpStatusCode.fromValue(429))`, `assertEquals(HttpStatus.valueOf(404), r.statusCode)`).
    const receiverName = this.lastName(this.receiverOf(call)) ?? '';
    if (kind === 'status' && index === 0 && args.length === 1 && STATUS_CONVERSION.test(name) && /^(HttpStatusCode|HttpStatus)$/.test(receiverName)) {
      const outer = this.classify(call, 'status');
      if (outer) return outer;
    }
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
    if (ASSERT_CALLS.test(name) || this.chainStartsWithAssert(call) || isLibraryAssertion(name, this.receiverOf(call)?.text, args[0]?.text)) {
      if (others.some(matches) || matches(this.assertionSubject(call))) return 'test-assert';
      // `expect([502, 503]).toContain(res.status)`, RSpec `expect([200, 201]).to include(response.status)`: the statuses
      // a status is asserted to be among, written as the subject.
      if (kind === 'status' && inCollection && index === 0 && ASSERTION_SUBJECT_CALL.test(name)) {
        const chained = chainedCallArguments(call, s, (n) => this.lastName(n), (c) => this.receiverOf(c));
        if (chained.some((c) => CONTAINS_MATCHER.test(c.name) && c.args.some(matches))) return 'test-assert';
      }
    }
    // `expect(res.sendStatus).toHaveBeenCalledWith(403)`, `sinon.assert.calledWith(res.status, 404)`: what a setter's spy received.
    if (kind === 'status' && assertsSetterStatus(call, name, index, this.assertionSubject(call), s, (n) => this.lastName(n), (c) => this.receiverOf(c))) return 'test-assert';
    // Cypress `cy.request(url).its('status').should('eq', 200)`, `.should('have.property', 'status', 404)`.
    if (kind === 'status' && cypressStatusAssertion(call, name, index, s, (n) => this.lastName(n), (c) => this.receiverOf(c))) return 'test-assert';
    // Jest `toHaveProperty('status', 404)`, Chai `expect(res).to.have.property('statusCode', 409)`: a property named for
    // the status, asserted to hold the value.
    if (kind === 'status' && index === 1 && PROPERTY_ASSERTION.test(name) && this.namesStatusProperty(args[0]) && (PROPERTY_MATCHER.test(name) || chainNamesAssertion(this.receiverOf(call), s, (n) => this.lastName(n), (c) => this.receiverOf(c)))) return 'test-assert';
    // A named argument the adapter reads through (Kotlin `respondError(status = HttpStatusCode.ServiceUnavailable)`):
    // a status handed to whatever is called, as `{ status: 503 }` is.
    const argumentName = kind === 'status' && !inCollection ? this.namedArgumentOf(literal, call) : undefined;
    if (argumentName && argumentName !== 'code' && STATUS_KEYS.test(argumentName)) return 'server-sets';
    const receiver = this.receiverOf(call);
    if (kind === 'status' && index === 0 && receiver && s.calls.has(receiver.type) && ((name === 'expect' && args.length > 1) || name === 'reply' || name === 'replyOnce' || name === 'Reply')) {
      // supertest `request(app).get('/').expect(500, /boom/, done)`, nock `nock(url).get('/x').reply(429, body)`,
      // Go's gock `gock.New(url).Get("/x").Reply(503)`
      return 'test-assert';
    }
    // Flask's `@app.errorhandler(404)` / `register_error_handler(404, fn)`, FastAPI's `@app.exception_handler(404)`: the
    // handler's answer to that status.
    if (kind === 'status' && index === 0 && ERROR_HANDLER_REGISTRATION.test(name)) return 'server-sets';
    // (Flask-Testing's `self.assertStatus(response, 200)` names the response first.)
    if ((index === 0 || (index === args.length - 1 && others.length > 0)) && STATUS_ASSERT_CALL.test(name)) return kind === 'status' ? 'test-assert' : undefined;
    // `AssertHttpError(404, act)`, `assert_get_response_status(200)`: a test's helper named for the status it asserts;
    // RSpec `expect(resp).to party_status(200)`: a matcher of the project's named for one.
    if (kind === 'status' && index >= 0 && this.unwrap(args[index])?.id === literal.id && (STATUS_ASSERT_HELPER.test(name) || (STATUS_MATCHER_NAME.test(name) && !receiver && this.handedToExpectation(call)))) return 'test-assert';
    // Ruby `res.is_a?(Net::HTTPTooManyRequests)`: a type test of the response is a status check
    if (index === 0 && TYPE_TEST_CALL.test(name) && this.isSymbolic(literal)) return 'client-check';
    if (MATCHER_METHODS.test(name) && args.length === 1 && receiver) {
      // `status().is(429)`, `response.StatusCode.Should().Be(...)`, supertest `request(app).get('/').expect(429)`
      // (Java's `e.getStatusCode().equals(HttpStatus.NOT_FOUND)` is a comparison: a check, an assertion's only inside one.)
      if (matches(receiver) && name === 'equals') return 'client-check';
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
    if (kind === 'status' && index === 0 && name === 'doReturn' && this.stubbedGetterAbove(call)) {
      // Mockito's other order: `doReturn(503).when(response).getStatusCode()`.
      return 'test-assert';
    }
    if (kind === 'status' && index === 0 && name === 'error' && /^(retrofit2\.)?Response$/.test(this.lastName(receiver) ?? '')) {
      // Retrofit `Response.error(503, body)` in a test: the stub a double answers with. (Elsewhere a synthetic response
      // built by hand, a decoy: spotting fixtures, Kotlin.)
      return inTestCode(literal) ? 'test-assert' : undefined;
    }
    // ghttp `RespondWith(500, body)`, Flurl `httpTest.RespondWith("busy", 503)`: a stand-in server's answer.
    if (kind === 'status' && index >= 0 && STUB_SERVER_ANSWER.test(name) && /^[1-5]\d\d$/.test(literal.text) && this.unwrap(args[index])?.id === literal.id) return 'test-assert';
    // fetch-mock `fetchMock.get(url, 404)`, `fetchMock.catch(503)`: a route answering with that status.
    if (kind === 'status' && receiver && /^fetchMock$/i.test(this.lastName(receiver) ?? '') && FETCH_MOCK_ROUTE.test(name) && index === (/^(any|anyOnce|catch)$/.test(name) ? 0 : 1) && this.unwrap(args[index])?.id === literal.id) return 'test-assert';
    // Rust httptest `respond_with(status_code(500))`: the status a test server answers with.
    if (kind === 'status' && index === 0 && httptestResponder(call, name, args.length, s, this.root)) return 'test-assert';
    if (kind === 'status' && index === 0 && MOCK_STATUS_CALL.test(name) && receiver) {
      // OkHttp MockWebServer `new MockResponse().setResponseCode(429)`: what a stub server answers in a test
      return 'test-assert';
    }
    if (kind === 'status' && index >= 0 && TEST_DATA_ATTRIBUTE.test(name) && this.isSymbolic(literal)) {
      // xUnit `[InlineData(HttpStatusCode.GatewayTimeout)]`, `[InlineData((HttpStatusCode)429)]`: a test's input.
      return 'test-assert';
    }
    if (kind === 'status' && this.testDataRole(literal, call, name, index)) return 'test-assert';
    // A code list handed to a retry's constructor or call: Symfony `new GenericRetryStrategy([429, 503], 1000)`.
    if (inCollection && kind === 'status' && index >= 0 && RETRY_LIST_CALL.test(name)) return 'retry-config';
    if (inCollection) {
      // Go `slices.Contains([]int{429, 503}, resp.StatusCode)`
      if (MEMBERSHIP_METHODS.has(name) && others.some(matches)) return 'client-check';
      // `call.expectCodes(setOf(200, 204))` where the file's `expectCodes(successCodes: Set<Int>)` tests `code in successCodes`.
      // (Kotlin's arguments are their values: the named argument is the value's parent.)
      const pair = index < 0 ? undefined : [args[index], args[index].parent].find((n) => n && s.pairs.has(n.type) && s.pairName(n) !== undefined) ?? undefined;
      const named = pair ? s.pairName(pair) : undefined;
      // A named argument the adapter reads through (Kotlin `Config(retryCodes = setOf(429, 503))`): read as a key's value.
      const paired = pair ? this.pairRole(literal, pair.id === args[index].id ? (s.pairValue(pair) ?? pair) : args[index], pair, true, kind) : undefined;
      if (paired) return paired;
      const fn = kind === 'status' && index >= 0 ? this.helpers?.functionNamed(name) : undefined;
      const use = fn ? argumentParameterUse(fn, index, named, s, (n) => this.isStatusLike(n)) : undefined;
      return use === 'retry' ? 'retry-config' : use === 'check' ? 'client-check' : undefined;
    }
    if (kind === 'error-code') {
      // Go `errors.Is(err, syscall.ECONNRESET)`; an SDK's own test of an error's code: `hcloud.IsError(err, hcloud.ErrorCodeConflict)`
      return /^(is|Is|isError|IsError|is_error|isErrorCode|IsErrorCode|hasErrorCode|HasErrorCode)$/.test(name) && index >= 1 ? 'client-check' : undefined;
    }
    // The MockMvc Kotlin DSL: `andExpect { status { isEqualTo(429) } }`.
    if (kind === 'status' && index === 0 && !receiver && /^(isEqualTo|is)$/.test(name) && inMockMvcStatusBlock(call)) return 'test-assert';
    // RestAssured's Kotlin extensions: `When { get(url) } Then { statusCode(200) }`.
    if (name === 'statusCode' && !receiver && inRestAssuredThen(call)) return index === 0 ? 'test-assert' : undefined;
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
      // Whatever the parameter is called, a use that is a status says it is one: `make_reply(500)` where
      // `def make_reply(code): r.status_code = code`; `stubFail(502)` where `const stubFail = (n) => ({ status: n })`.
      const keyword = this.namedArgumentOf(literal, call);
      const written = keyword === undefined ? this.unwrap(args[index]) : literal;
      if (written?.id === literal.id && /^[1-5]\d\d$/.test(literal.text)) {
        const any = this.helpers.parameter(name, index, keyword);
        const role = any ? this.roleByUse(any.uses) : undefined;
        if (role) return role;
      }
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
    if (kind === 'status' && index === 1 && args.length === 2 && this.namesStatusKey(args[0])) {
      // A status recorded under a key naming it: OpenTelemetry `attribute.Int("http_status", 200)`, `span.set_attribute(
      // "http.status_code", 503)`, zap `zap.Int("status_code", 429)` — a record of it, not a response nor a check.
      return 'constant';
    }
    if (!STATUS_SETTERS.has(name)) {
      // `throw new RestException(HttpStatusCode.NotFound, ...)`, `raise ApiError(404, "...")`
      // (`throw new HttpClientError('HTTP Error Occurred', 500)`: the message first, the status after it.)
      const symbolic = s.members.has(literal.type);
      if (index < 0) return undefined;
      const numbered = index === 0 || (index === 1 && args.length === 2 && this.isMessage(args[0]));
      if (/throw|raise/.test(call.parent?.type ?? '')) return (symbolic ? ERROR_CONSTRUCTOR.test(name) : numbered && HTTP_ERROR_CONSTRUCTOR.test(name)) ? 'server-sets' : undefined;
      // `WebClientResponseException.create(500, "Internal Server Error", …)`, `new WebClientResponseException(404, …)` built
      // and not thrown here (a test's failure to stub with, an error handed on): an HTTP error made with its status.
      // (Python's `side_effect=RemnaWaveAPIError('not found', 404)` constructs one the same way, message first.)
      // (Where a class is constructed with `new`, a call without it is a method: C#'s `this.CreateAPIError(404, …)`.)
      const constructs = /new|object_creation/.test([...s.calls].join(' '));
      const constructed = HTTP_ERROR_CONSTRUCTOR.test(name) && (!constructs || /new|object_creation/.test(call.type));
      const made = constructed || (ERROR_FACTORY_METHOD.test(name) && HTTP_ERROR_CONSTRUCTOR.test(this.lastName(receiver) ?? ''));
      return !symbolic && numbered && made && this.unwrap(args[index])?.id === literal.id ? 'constant' : undefined;
    }
    // `String(500)` is no `c.String(500, ...)` — but Ktor's `respond(HttpStatusCode.NotFound, body)` inside an
    // `ApplicationCall` extension or a route handler answers the call it runs on.
    // (Spring's `status(CONFLICT)` where the file imports ResponseEntity's builders statically starts a response too.)
    // (And Ktor StatusPages' `status(HttpStatusCode.Unauthorized) { call, status -> call.respond(status, body) }`: the
    // handler answers every response of that status with its own body.)
    // (A named argument is no position: `Http::response(body: 'x', delay: 500)` hands no status.)
    if (argumentName !== undefined) return undefined;
    if (METHOD_ONLY_SETTERS.has(name) && !receiver && !(name === 'respond' && (inKtorCallScope(call) || inKtorMockEngine(call))) && !(name === 'status' && (this.importsResponseEntityBuilders() || inKtorStatusPages(call) || inSinatraRoute(call)))) return undefined;
    // Ktor's client `MockEngine { respond(content, status, headers) }`: the status is the second argument there.
    if (name === 'respond' && !receiver && inKtorMockEngine(call)) return index === 1 ? 'server-sets' : undefined;
    if (name === 'valueOf' && !/Status/.test(this.lastName(receiver) ?? '')) return undefined; // `HttpStatus.valueOf(429)`, not `Integer.valueOf(404)`
    const expected = Object.hasOwn(STATUS_ARGUMENT_INDEX, name) ? STATUS_ARGUMENT_INDEX[name] : 0; // not `valueOf` from the prototype
    const wanted =
      expected === 'last' ? args.length - 1 : expected === 'none' ? -2 : expected === 'redirect' ? (args.length === 4 ? 3 : 0) : expected;
    return index === wanted ? 'server-sets' : undefined;
  }
}
