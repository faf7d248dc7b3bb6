import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { ERROR_CODE_FIELD, EXPECTED_CODE_NAME, EXPECTED_STATUS_NAME, MEMBERSHIP_METHODS, PREFIXED_STATUS_NAME, RETRY_CONFIG_NAME, STATUS_CONSTANT_NAME, STATUS_KEYS, STATUS_NAME } from './names';
import { ArgumentRoles } from './argumentRoles';
import { namesReasonPhrase } from './reasonPhraseNames';
import type { ValueKind } from './statusExpressions';
import { enclosingTypeName, inErrorClassSuperCall, inRescueList } from './statusScopes';
import { codeKeyRole, MAP_ENTRIES, MAP_LITERALS, statusWithPhrase } from './statusTables';
import { namedChildren } from './syntaxAdapter';
import { collectionTestedAgainstStatus } from './testedCollections';

/** Code sets named for what is not retried: successes, expectations, ignored statuses. */
const NOT_RETRIED_SET = /^(success|successful|ok|accepted|expected|ignored?|valid|good)_?|(success|successful|ok|good)_?(status|statuses|codes|status_?codes)$|(^|_|[a-z])(success|successes)$/i;
/** Options that hand a client the statuses it accepts: Excon's `expects:`, `expected_statuses:`, `success_codes:`. */
const ACCEPTED_STATUSES_OPTION = /^:?(expects|expected_?(status|statuses|codes|status_?codes)|success_?(codes|statuses|status_?codes)|ok_?(codes|statuses))$/i;
/** A constant (upper snake case) named for one status: `EMPTY_REPO_ERROR_STATUS`, `RATE_LIMIT_STATUS`. */
const CONSTANT_STATUS_NAME = /^[A-Z][A-Z0-9_]*_STATUS$/;
/** Settings naming the status a rate limiter or a guard answers with when it refuses a request. */
const REJECTION_STATUS_NAME = /^(rejection|rejected|reject|throttled?|quota_?exceeded|limit_?exceeded|rate_?limited|blocked|over_?limit)_?(status|status_?code|http_?status|http_?status_?code)$/i;
/** Names that say no more than "statuses": `STATUS_CODES`, `statuses`, `ERROR_CODES`, `_status_codes`. */
const GENERIC_STATUS_LIST = /^_?(status_?codes|statuses|error_?codes|http_?status_?codes|codes)$/i;
/** Names of lists of waits (a retry's schedule), whatever else they say: `retryDelaysMs`, `BACKOFF_SECONDS`, `basicRetriesAttempt`. */
const WAIT_LIST_NAME = /delay|wait|interval|sleep|timeout|pause|jitter|schedule|millis|seconds|secs|minutes|duration|Ms$|_ms$|Attempts?$|_attempts?$|Times$|_times$/i;
/** Function bodies that bound a local. */
const LOCAL_SCOPE = /^(method|function_definition|function_declaration|method_declaration|method_definition|arrow_function|function_expression|function|func_literal|lambda_literal|local_function_statement|function_item|closure_expression)$/;
/** Reads of a local looked at to see where its status goes. */
const MAX_LOCAL_READS = 8;

/**
 * The role of a status bound to a name: a key or named argument (`status: 429`, `retry_statuses: [503]`), an assignment
 * (`res.statusCode = 404`, `RETRY_CODES = [429, 503]`), and the later reads of a local that carries it.
 */
export abstract class BindingRoles extends ArgumentRoles {
  /** A status as the value of a key or a named argument: `{ status: 429 }`, `retry_statuses: [503]`, `@ResponseStatus(code = …)`. */
  protected pairRole(literal: Node, child: Node, parent: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
    const name = s.pairName(parent);
    if (name === undefined) return undefined;
    // Excon/fog `connection.request(method: :get, expects: [200, 204])`, `request(…, success_codes: [200])`: the statuses
    // the called client accepts, raising on any other — a check of the response it gets.
    if (inCollection && kind === 'status' && ACCEPTED_STATUSES_OPTION.test(name) && this.isCallArgument(parent)) return 'client-check';
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
    if (kind === 'status' && !inCollection && inErrorClassSuperCall(parent, s)) return 'constant';
    // `wantCode: 401`, `ExpectedCode: 200`, `_expected_status=404`: the status a test expects.
    const bare = name.replace(/^_+(?=[a-zA-Z])/, '');
    if (kind === 'status' && !inCollection && (EXPECTED_CODE_NAME.test(bare) || (bare !== name && EXPECTED_STATUS_NAME.test(bare) && PREFIXED_STATUS_NAME.test(bare)))) return 'test-assert';
    if (kind === 'status' && !inCollection && STATUS_KEYS.test(name)) return name === 'code' ? codeKeyRole(parent, s) : 'server-sets';
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

  /** A status assigned to a name: `res.statusCode = 404`, `RETRY_CODES = [429, 503]`, `let code = 500`. */
  protected assignmentRole(literal: Node, child: Node, parent: Node, inCollection: boolean, kind: ValueKind): OccurrenceRole | undefined {
    const s = this.syntax;
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
      return GENERIC_STATUS_LIST.test(name) || /retr/i.test(enclosingTypeName(parent) ?? '') ? 'retry-config' : 'constant';
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
    // `wantCode := 409`, `expected_code = 404`: the status a test expects.
    if (EXPECTED_CODE_NAME.test(name)) return 'test-assert';
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

  /** A key or named argument written among a call's arguments (not in a hash or map bound to a name). */
  private isCallArgument(pair: Node): boolean {
    // (Ruby's braces-less `request(method: :get, expects: [200])` puts the pairs straight in the argument list; a hash
    // may be merged first: `options.merge!({ expects: [200] }.deep_merge(extra))`.)
    let up = pair.parent;
    for (let depth = 0; up && depth < 3 && /^(hash|object|dictionary|call)$/.test(up.type); depth++) {
      if (up.type === 'call' && up.childForFieldName('receiver')?.id !== pair.parent?.id) break;
      up = up.parent;
    }
    return !!up && /^(argument_list|arguments|value_arguments)$/.test(up.type);
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
}
