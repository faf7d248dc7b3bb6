import type { Node } from 'web-tree-sitter';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { raisesForRetryDecorator } from './retryDecorated';

/**
 * Retry predicates: functions whose boolean result decides whether a request is retried — named for it
 * (`shouldRetry`, `isRetryable`, `IsRetryableStatusCode`, `isPermanentFailure`, `canRetry`, `_retryable_error`, a socket's
 * `ShouldReconnect(closeType)`, a go-retryablehttp
 * `CheckRetry` such as `DefaultRetryPolicy(resp, err) (bool, error)`), or a lambda handed to a
 * retry mechanism or stored where one reads it (`retryIf: (e) => …`, `ShouldRetry = (…) => …`, Failsafe
 * `handleResultIf(r -> r.code() == 429)`, Polly `HandleResult<…>(r => …)` and `Handle<ApiException>(e => …)`). A status test inside one is part of the
 * retry's configuration (role `retry-config`); the occurrence keeps a marker so the rules still read it as a client test.
 */

/** Names of functions that decide a retry. */
const PREDICATE_NAME =
  /^_*(should_?retry\w*|should_?reconnect\w*|can_?reconnect\w*|should_?(re)?(connect|try|send)_?again|is_?retry|is_?retr[iy]able\w*|retr[iy]able\w*|can_?retry\w*|needs?_?retry|is_?transient\w*|transient_?only|is_?permanent\w*|is_?temporary\w*|is_?recoverable\w*|retry_?if|retry_?condition|retry_?predicate|retry_?\w*_?filter|\w*retry_?policy|check_?(for_?)?retry|should_?give_?up|\w*_give_?up|give_?up_?\w*)\??$/i;
/** Names of the variables and settings a retry predicate is stored in: `defaultRetryPredicate`, `retryCondition`, `isRetryable`. */
const PREDICATE_SLOT = /retry_?predicate|retry_?condition|retry_?if|retr[iy]able|should_?retry|can_?retry/i;
/** Calls a lambda is handed to when it decides a retry. */
const RETRY_SINK =
  /^(?:add_?|set_?)?(retry_?if\w*|retry_?on\w*|retry_?when|retryWhen|handleResultIf|handleIf|abortIf|HandleResult|OrResult|HandleTransientHttpError|retry_?condition|should_?retry|with_?retry_?condition)$/i;
/** Function-like node types. */
const FUNCTION_LIKE =
  /^(function_declaration|function_definition|function_expression|function|method_declaration|method_definition|arrow_function|func_literal|local_function_statement|lambda_expression|lambda|lambda_literal|anonymous_method_expression|generator_function_declaration|function_item|closure_expression|method|singleton_method|anonymous_function|anonymous_function_creation_expression)$/;
/** Declarations whose body bounds the search (a test inside a class body but outside any function decides nothing). */
const STOP = /^(class_declaration|class_definition|class_body|class|declaration_list|program|module|source_file|compilation_unit)$/;

/** Words without which a file holds no retry predicate (a cheap test before any climbing). */
const ANY_PREDICATE = /retr[iy]|reconnect|again|give_?up|back_?off|transient|permanent|temporary|recoverable|OrResult|HandleResult|handleResultIf|handleIf/i;

const MAX_CLIMB = 80;

/** False when no function of the text can be a retry predicate. */
export function mayHoldRetryPredicates(text: string): boolean {
  return ANY_PREDICATE.test(text);
}
const MAX_FUNCTIONS = 3;

/** True when `node` stands inside a retry predicate (its own function, or up to two enclosing lambdas out). */
export function inRetryPredicate(node: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  let functions = 0;
  for (let up = node.parent, climbed = 0; up && climbed < MAX_CLIMB; up = up.parent, climbed++) {
    if (STOP.test(up.type)) return false;
    // Go's `switch status.Code(err) { case codes.Unavailable: return err; default: return backoff.Permanent(err) }`.
    if (PERMANENT_CHOICE.has(up.type) && functions === 0 && marksPermanent(up)) return true;
    if (!FUNCTION_LIKE.test(up.type)) continue;
    const name = up.childForFieldName('name')?.text;
    if (name !== undefined) {
      if (RETRY_DECISION_TYPE.test(resultType(up)?.text ?? '')) return true;
      if ((PREDICATE_NAME.test(name) || calledToDecideRetry(up, name, reader, s)) && answersYesOrNo(up)) return true;
      if (DELAY_FUNCTION_NAME.test(name) && answersADelay(up)) return true;
      // `@retry(retry=retry_if_exception_type(TryAgain))` on the function, `if e.status in (…): raise TryAgain`.
      if (raisesForRetryDecorator(node, up)) return true;
      return WRAPPER_NAME.test(name) && !inCatchHeader(node, up) && insideRetryDecorator(up);
    }
    if (lambdaDecidesRetry(up, reader, s)) return true;
    if (++functions >= MAX_FUNCTIONS) return false;
  }
  return false;
}

/**
 * A function that computes a retry's wait from the failure: go-retryablehttp's `Backoff` (`func backoffPolicy(min, max
 * time.Duration, attemptNum int, resp *http.Response) time.Duration`), `GetRetryAfter(response)`, `nextBackOffMillis`.
 * A status it tests chooses the wait of a retry (a 429 waits longer): part of the retry's configuration.
 */
const DELAY_FUNCTION_NAME = /^_*(get_?|compute_?|calc(ulate)?_?)?(retry_?after|next_?back_?off\w*|\w*back_?off(_?policy|_?delay|_?duration|_?time|_?millis)?|retry_?(delay|wait|interval))$/i;

/** The declared result, where there is one, is a wait: a duration, a number of (milli)seconds, an optional one. */
function answersADelay(fn: Node): boolean {
  const result = resultType(fn);
  return !result || /Duration|TimeSpan|int|long|float|double|Long|Int|Double|number|u64|u32|f64|Option|Optional|\?$/.test(result.text);
}

/** A decorator named for retrying: `def retry_on_rate_limit(func)`, `def api_error_retries()`. */
/** The function a decorator wraps the decorated one in: `wrapper`, `_wrapper`, `wrapped`, `inner`, `decorated_function`. */
const WRAPPER_NAME = /^_*(\w*_)?(wrap|wrapper|wrapped|inner|decorated\w*)$/i;
/** Clauses that catch a failure: their header (the types caught) is no test of the failure. */
const CATCH_CLAUSE = /^(except_clause|catch_clause|rescue)$/;

/** `node` names a type a catch clause of `fn` catches (`except ApiException as e:`), not a test in its body. */
function inCatchHeader(node: Node, fn: Node): boolean {
  for (let child: Node = node, up = node.parent; up && up.id !== fn.id; child = up, up = up.parent) {
    if (CATCH_CLAUSE.test(up.type)) return !/block|body|statement/.test(child.type);
  }
  return false;
}

/**
 * Go retry operations mark the failures that must not go round: cenkalti/backoff's `backoff.Permanent(err)`, retry-go's
 * `retry.Unrecoverable(err)`. A switch of the operation that wraps the error so in one arm and returns it plain
 * in another chooses, arm by arm, what is retried (https://pkg.go.dev/github.com/cenkalti/backoff/v4#Permanent).
 * (Only a switch: an if whose one arm gives up says no more than a check does.)
 */
const PERMANENT_CHOICE = new Set(['expression_switch_statement', 'type_switch_statement']);
const PERMANENT_MARK = /\b(backoff\.Permanent|retry\.Unrecoverable)\s*\(/;

function marksPermanent(choice: Node): boolean {
  return PERMANENT_MARK.test(choice.text);
}

const RETRY_DECORATOR_NAME = /retr(y|ies)|backoff/i;

/**
 * The function is the wrapper a retry decorator returns (`def retry_on_rate_limit(func): def wrapper(*a): …`, one or two
 * functions in): its tests of a caught failure decide which calls go round, as a predicate's do.
 */
function insideRetryDecorator(fn: Node): boolean {
  let functions = 0;
  for (let up = fn.parent, climbed = 0; up && climbed < MAX_CLIMB; up = up.parent, climbed++) {
    if (STOP.test(up.type)) return false;
    if (!FUNCTION_LIKE.test(up.type)) continue;
    if (RETRY_DECORATOR_NAME.test(up.childForFieldName('name')?.text ?? '')) return true;
    if (++functions >= 2) return false;
  }
  return false;
}

/**
 * A declared result type, where the language has one, says boolean (`bool`, `boolean`, `Task<bool>`, Go `(retry bool, …)`)
 * or names a retry decision (Rust reqwest-retry's `Option<Retryable>`, a `RetryCheck`, a `RetryDecision`).
 */
function answersYesOrNo(fn: Node): boolean {
  const result = resultType(fn);
  return !result || /bool/i.test(result.text) || RETRY_DECISION_TYPE.test(result.text);
}

function resultType(fn: Node): Node | null {
  return fn.childForFieldName('returns') ?? fn.childForFieldName('result') ?? fn.childForFieldName('type') ?? fn.childForFieldName('return_type');
}

/** A result type that is a retry's decision whatever the function is named: `-> Option<Retryable>`, `-> RetryCheck`. */
const RETRY_DECISION_TYPE = /\bRetr(y|yable|iable)(Check|Decision|Action|Verdict|Outcome)?\b/;

/** A local predicate handed to a retry call later in the same function: `p := func(err error) bool {…}; retry.Retry(f, p, bo)`. */
function handedToRetry(name: string, assignment: Node): boolean {
  let scope: Node | null = assignment.parent;
  for (let depth = 0; scope && !FUNCTION_LIKE.test(scope.type) && depth < 20; depth++) scope = scope.parent;
  if (!scope) return false;
  return new RegExp(`\\b\\w*[Rr]etr(y|ies)\\w*\\s*\\([^()]*\\b${name}\\b`).test(scope.text.slice(assignment.endIndex - scope.startIndex));
}

/**
 * A call whose function argument decides a retry: a retry sink (`retryIf { … }`, resilience4j `retryOnResult { … }`), a
 * predicate-named call, or the `filter` of a Reactor retry spec (`Retry.backoff(3, delay).filter { it is X }`).
 */
function callDecidesRetry(call: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  const name = reader.lastName(s.callee(call)) ?? '';
  if (RETRY_SINK.test(name) || PREDICATE_NAME.test(name)) return true;
  // Polly's `Policy.Handle<ApiException>(e => e.StatusCode == 429)`, `.Or<HttpRequestException>(…)`: the exception type
  // it handles, narrowed by the predicate (the type argument tells Polly's generic method from any `Handle(…)`).
  if (POLLY_EXCEPTION_FILTER.test(name) && /<[\w.\s,]+>\s*$/.test(s.callee(call)?.text ?? '')) return true;
  return name === 'filter' && REACTOR_RETRY_SPEC.test(s.callee(call)?.text ?? '');
}

/** Polly's exception filters, which take the type as a type argument and a predicate over the exception. */
const POLLY_EXCEPTION_FILTER = /^(Handle|Or|HandleInner|OrInner)$/;

/** A Reactor retry spec the chain starts from: `Retry.backoff(…)`, `Retry.fixedDelay(…)`, `Retry.max(…)`. */
const REACTOR_RETRY_SPEC = /\bRetry\s*\.\s*(backoff|fixedDelay|max|maxInARow|indefinitely)\s*\(|\b\w*(?:[Bb]ackoff|[Rr]etry)Spec\s*\(/;

/**
 * A named function that a retry decision calls or is handed (`Retry.backoff(3, d).filter { isTimeout(it) }`,
 * `retryIf(::isTransient)`): its answer decides the retry, as a predicate named for it does. Answered once per function.
 */
function calledToDecideRetry(fn: Node, name: string, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  let answers = decidingFunctions.get(fn.tree);
  if (!answers) decidingFunctions.set(fn.tree, (answers = new Map()));
  let answer = answers.get(fn.startIndex);
  if (answer === undefined) answers.set(fn.startIndex, (answer = usedToDecideRetry(fn, name, reader, s)));
  return answer;
}

const decidingFunctions = new WeakMap<Node['tree'], Map<number, boolean>>();
/** A tree's text where it names a place a decision is handed to, else null. */
const treeTexts = new WeakMap<Node['tree'], string | null>();
/** What a file must say for a function of it to be handed to a retry decision (RETRY_SINK, PREDICATE_NAME, a Reactor spec). */
/** Settings that take a function answering whether a failure ends a retry: backoff's `giveup=`. */
const GIVE_UP_SLOT = /^give_?up$/i;
const DECISION_HINT = /give_?up\s*=|retry_?(if|on|when|condition|predicate|policy)|retryWhen|handleResultIf|handleIf|abortIf|HandleResult|OrResult|HandleTransientHttpError|should_?retry|retr[iy]able|can_?retry|needs?_?retry|is_?(transient|permanent|temporary|recoverable)|\bRetry\s*\.\s*(backoff|fixedDelay|max|indefinitely)/i;

function usedToDecideRetry(fn: Node, name: string, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  if (!/^\w+$/.test(name)) return false;
  // (Read once per tree: a file with no retry sink, no predicate-named call and no Reactor retry spec hands nothing on.)
  let text = treeTexts.get(fn.tree);
  if (text === undefined) {
    const whole = fn.tree.rootNode.text;
    treeTexts.set(fn.tree, (text = DECISION_HINT.test(whole) ? whole : null));
  }
  if (text === null) return false;
  const root = fn.tree.rootNode;
  const use = new RegExp(`\\b${name}\\b`, 'g');
  for (let m = use.exec(text); m; m = use.exec(text)) {
    if (m.index >= fn.startIndex && m.index < fn.endIndex) continue; // the declaration itself (or a recursive call)
    let child = root.descendantForIndex(m.index, m.index + name.length);
    if (!child) continue;
    for (let up = child.parent, depth = 0; up && depth < 8; child = up, up = up.parent, depth++) {
      if (FUNCTION_LIKE.test(up.type)) {
        if (lambdaDecidesRetry(up, reader, s)) return true;
        break;
      }
      // backoff's `@backoff.on_exception(backoff.expo, X, giveup=is_fatal)`: the function answers which failures stop the retry.
      if (s.pairs.has(up.type) && GIVE_UP_SLOT.test(s.pairName(up) ?? '')) return true;
      if (!s.calls.has(up.type)) continue;
      const callee = s.callee(up);
      if (callee && callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex) continue; // `isTimeout(it)` itself
      if (callDecidesRetry(up, reader, s)) return true;
    }
  }
  return false;
}

/** A lambda stored under a predicate's name or handed to a retry sink. */
function lambdaDecidesRetry(lambda: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  let child = lambda;
  let parent = lambda.parent;
  while (parent && (s.transparent.has(parent.type) || parent.type === 'argument') && !s.pairName(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === 'expression_list' && parent.namedChildCount === 1 && parent.parent) {
    child = parent; // Go `p := func(err error) bool {…}`
    parent = parent.parent;
  }
  if (s.pairs.has(parent.type)) return PREDICATE_SLOT.test(s.pairName(parent) ?? '') || RETRY_SINK.test(s.pairName(parent) ?? '');
  if (s.assignments.has(parent.type)) {
    const target = s.assignTarget(parent);
    if (!target || target.id === child.id) return false;
    const name = reader.lastName(target) ?? '';
    return PREDICATE_SLOT.test(name) || (/^\w+$/.test(name) && handedToRetry(name, parent));
  }
  const call = s.calls.has(parent.type) ? parent : parent.parent && s.calls.has(parent.parent.type) ? parent.parent : undefined;
  if (!call) return false;
  if (callDecidesRetry(call, reader, s)) return true;
  // `retryHelper.execute(() => attempt(), (err) => …)`, `withRetry(send, (e) => …)`: a retrying call handed the
  // operation first and then a function that answers whether a failure goes round.
  const callee = s.callee(call)?.text ?? '';
  if (!/retr(y|ier|ies)/i.test(callee)) return false;
  const fns = s.callArguments(call).filter((a) => FUNCTION_LIKE.test(a.type));
  return fns.length >= 2 && fns[0].id !== lambda.id && fns.some((f) => f.id === lambda.id);
}
