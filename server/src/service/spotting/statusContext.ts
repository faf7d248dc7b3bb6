import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { ENVELOPE_ERROR_CODE_FIELD, ENVELOPE_STATUSES, isComparisonOperator, MEMBERSHIP_METHODS, PREFIXED_STATUS_NAME, STATUS_NAME } from './names';
import { BindingRoles } from './bindingRoles';
import { namesReasonPhrase } from './reasonPhraseNames';
import { inErrorClassConstructor, returnedAsErrorClassStatus } from './errorClassStatus';
import { iteratedStatusRole, tableRowRole } from './iteratedStatuses';
import type { ValueKind } from './statusExpressions';
import { inExceptionHandler, isCatchClause, letStatus } from './statusScopes';
import { EXCEPTION_CLASS, isRackTriple, isStatusMessageTable, MAP_ENTRIES, MAP_LITERALS, namesErrorClass } from './statusTables';
import { namedChildren } from './syntaxAdapter';
import { defaultParameterUse } from './parameterCollections';
import { mockkAnswer, replyCallbackStatus } from './mockAnswers';
import { inTestCode } from './testCode';
import { wrapsExpectedValue } from './assertionMatchers';
import { isRetryDecisionTable } from './retryDecisionTables';
import { isFailureText, searchedText } from './failureTexts';
import { keysStatusTable } from './statusTableRows';

/** Kotlin infix functions that assert equality in tests (kotest, Kluent, Strikt's infix forms). */
const INFIX_ASSERTION = /^(shouldBe|shouldNotBe|shouldEqual|shouldNotEqual|shouldBeEqualTo|shouldNotBeEqualTo|eq)$/;
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

const MAX_CLIMB = 64;

/**
 * Decides from the syntax around a literal (or a constant) whether it stands as an HTTP status or an
 * error code, and in which role. Returns undefined when the context says it is some other number.
 */
export class StatusContext extends BindingRoles {
  /** The file names a Spring exception handler (read once, only when a constant status asks). */
  private springHandlers?: boolean;

  override classify(node: Node, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    // RSpec `let(:status) { 429 }`, `let(:code) { 404 }`: the example's own status, given to what it tests.
    if (kind === 'status' && letStatus(node)) return 'test-assert';
    // `"429" in str(e)`, `e.message.include?("503")`, `str_contains($msg, '429')`: a status looked for in a failure's text.
    if (kind === 'status' && s.strings.has(node.type) && isFailureText(searchedText(node, this, s) ?? null, this, s)) return 'client-check';
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
      } else if (kind === 'status' && wrapsExpectedValue(parent, child, s, (n) => this.lastName(n), (c) => this.receiverOf(c))) {
        // Hamcrest `assertThat(r.getStatus(), is(404))`, Gomega `Expect(code).To(Equal(503))`, NUnit `Is.EqualTo(429)`,
        // RestAssured `.statusCode(anyOf(is(200), is(201)))`: the expected value stands where its matcher stands.
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
    // `{429: Resolution(action=Action.RETRY), 404: Resolution(action=Action.FAIL)}`: the table decides what is retried.
    const table = kind === 'status' && mapValue && !role ? mapValue.parent?.parent : undefined;
    if (table && isRetryDecisionTable(table, s)) role = 'retry-config';
    // A status → exception table (`{404: NotFound, 429: RateLimited}`) is a mapping: `constant`.
    // `{404: NotFound, 429: TooManyRequests}`: a status keying an error class, named for errors or for the status itself
    if (!role && kind === 'status' && mapValue && (EXCEPTION_CLASS.test(this.lastName(mapValue) ?? '') || namesReasonPhrase(this.lastName(mapValue) ?? '', node.text))) role = 'constant';
    // `{400: {"raise_exception": BadRequestError, "message": "…"}}`: each status keys a record naming the error it raises.
    if (!role && kind === 'status' && mapValue && namesErrorClass(mapValue, s, (n) => this.lastName(n))) role = 'constant';
    // `{400: "Bad request", 401: "Unauthorized", 429: "Rate limited"}`: a table of what each status means.
    if (!role && kind === 'status' && mapValue && mapLiteral && isStatusMessageTable(mapLiteral, s)) role = 'constant';
    // `{400: BadRequest, 429: Throttled}`, `mapOf(401 to "…", 429 to "…")`, `[[202, "…"], [503, "Service unavailable"]]`:
    // a table whose rows together say it is keyed by status.
    if (!role && kind === 'status' && s.numbers.has(node.type) && keysStatusTable(node, s, (n) => this.lastName(n))) role = 'constant';
    if (role === 'client-check' && this.insideAssertion(parent)) return 'test-assert';
    // A status written in a Spring exception handler (`@ExceptionHandler` method, or a method of a
    // `@ControllerAdvice` class) is the answer the server sends for that failure, whatever helper it is handed to.
    if ((role === 'constant' || (role === undefined && !/^\d/.test(node.text))) && kind === 'status' && !inCollection && this.inSpringFile() && inExceptionHandler(node)) return 'server-sets';
    return role;
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

  /**
   * `values` is the right side of a Go declaration of several names in test code (`got, want := rr.Code, 503`), and
   * another of its values reads a status.
   */
  private wantedBesideGot(values: Node, literal: Node): boolean {
    const declaration = values.parent;
    if (!declaration || !/^(short_var_declaration|assignment_statement)$/.test(declaration.type) || declaration.childForFieldName('right')?.id !== values.id) return false;
    const others = namedChildren(values).filter((v) => !(v.startIndex <= literal.startIndex && literal.endIndex <= v.endIndex));
    return others.length > 0 && others.some((v) => this.isStatusLike(v)) && (inTestCode(declaration) || this.insideAssertion(declaration));
  }

  private inSpringFile(): boolean {
    this.springHandlers ??= !!this.root && /@ExceptionHandler\b|@(?:Rest)?ControllerAdvice\b/.test(this.root.text);
    return this.springHandlers;
  }

  private roleFrom(literal: Node, child: Node, parent: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    const matches = (expr: Node | null) => (kind === 'status' ? this.isStatusLike(expr) : this.isErrorCodeLike(expr));

    // `except requests.exceptions.Timeout:`, `except (ConnectionError, Timeout) as e:`: catching it is handling it.
    if (kind === 'error-code' && isCatchClause(parent)) return 'client-check';
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
    // MockK `every { resp.code } returns 503`: the status a test double answers with.
    if (kind === 'status' && mockkAnswer(parent, child)) return 'test-assert';
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
    // `def check(resp, good_status=(201, 200)):` … `if resp.status_code not in good_status`: a default the function tests statuses against.
    if (kind === 'status' && inCollection) {
      const use = defaultParameterUse(parent, child, s, (n) => this.isStatusLike(n));
      if (use) return use === 'retry' ? 'retry-config' : 'client-check';
    }
    // JUnit `@ValueSource(ints = {429, 503})`: the annotation's named list feeds the test's parameter.
    const annotation = parent.type === 'element_value_pair' ? parent.parent?.parent : undefined;
    if (kind === 'status' && inCollection && annotation?.type === 'annotation' && this.testDataRole(literal, annotation, this.lastName(s.callee(annotation)) ?? '', 0)) return 'test-assert';
    // Go `if got, want := rr.Code, 503; got != want { t.Errorf(…) }`: the status a test wants, beside the one it got.
    if (kind === 'status' && inCollection && child.type === 'expression_list' && this.wantedBesideGot(child, literal)) return 'test-assert';
    if (s.pairs.has(parent.type)) return this.pairRole(literal, child, parent, inCollection, kind);
    if (s.assignments.has(parent.type)) return this.assignmentRole(literal, child, parent, inCollection, kind);
    // `constructor(message = 'Server error', statusCode = 500)` of an error class: the status the class stands for by default.
    if (kind === 'status' && !inCollection && /parameter/.test(parent.type) && parent.childForFieldName('value')?.id === child.id) {
      const param = this.lastName(parent.childForFieldName('pattern') ?? parent.childForFieldName('name') ?? parent.namedChild(0)) ?? '';
      if ((STATUS_NAME.test(param) || PREFIXED_STATUS_NAME.test(param)) && inErrorClassConstructor(parent)) return 'constant';
    }
    // nock / axios-mock-adapter `.reply(() => [503, body])`: the status a stub's callback answers with.
    if (kind === 'status' && inCollection && replyCallbackStatus(literal, s, (n) => this.lastName(n))) return 'test-assert';
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
}
