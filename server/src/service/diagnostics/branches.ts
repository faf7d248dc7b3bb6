import type { Node } from 'web-tree-sitter';
import { escapeRegExp } from './regexText';
import { assignedOntoError, handsOverTested, KEEPS_FAILURE, recordFields, statusAttached, topLevelParts, withoutCast } from './handedValues';
import type { Occurrence } from '../types';
import type { DiagContext } from './context';
import { calleeOf, enclosingFn, type FnInfo } from './flow/flowModel';
import { callWaits } from './functionSummaries';
import { isContinue, isLoopNode } from './flow/flowGrammar';
import { rustBranchFinal } from './rustValues';
import { armValueFinal } from './valueArms';
import { GRAMMAR_SUPPORT } from '../spotting/adapters';
import { statusClassRead } from '../spotting/statusClasses';

/** How an occurrence is tested, and which branch runs when the test holds. */
export interface StatusTest {
  occ: Occurrence;
  /** The comparison, membership call or case label naming the code. */
  test: Node;
  /** `==`, `!=`, `>=`, `in`, `case`, `includes`… */
  op: string;
  /** The statement guarded (if statement or case clause), when there is one. */
  guard: Node | null;
  /** What runs when the test holds: the if's consequence or the case clause. */
  branch: Node | null;
  /** The tested expression's text (`r.status_code`). */
  subject?: string;
  /** True when the guarded branch runs for the code (equality/membership/case, not negated). */
  positive: boolean;
  /** The test sits under a `not`/`!` on its way up to the if. */
  negated?: boolean;
  /** The code is a class digit compared with the status divided by 100, rounded down (`resp.StatusCode/100 != 2`). */
  flooredClass?: boolean;
}

const BOOLEAN = /^(boolean_operator|binary_expression|parenthesized_expression|not_operator|unary_expression|prefix_unary_expression|unary_op_expression|prefix_expression|condition|binary|unary|parenthesized_statements)$/;

/** The node types of the grammars' prefix operators, among them `not` and `!` (Kotlin: prefix_expression; PHP: unary_op_expression). */
export const PREFIX_OPERATOR = /^(not_operator|unary_expression|prefix_unary_expression|unary|unary_op_expression|prefix_expression)$/;

export function statusTest(ctx: DiagContext, occ: Occurrence): StatusTest | undefined {
  const node = ctx.nodeOf(occ);
  if (!node) return undefined;
  const { adapter, grammar } = ctx.flow;
  let test: Node | undefined;
  let op = '';
  let subject: Node | null | undefined;
  // (Climbing stops at large nodes, except at the arm of a switch the code is the label of: an arm may be long.)
  for (let n: Node | null = node; n && (n.endIndex - n.startIndex < 400 || grammar.cases.has(n.type) || adapter.cases.has(n.type)); n = n.parent) {
    const chained = chainedLink(n, node);
    if (chained) {
      ({ test, op, subject } = chained);
      break;
    }
    if (adapter.binaries.has(n.type) && /^(==|!=|===|!==|<|<=|>|>=|in|not in|is|is not)$/.test(adapter.operatorOf(n).trim())) {
      test = n;
      op = adapter.operatorOf(n).trim();
      subject = n.namedChildren.find((c) => c !== null && !(c.startIndex <= node.startIndex && node.endIndex <= c.endIndex));
      break;
    }
    // (PHP `in_array($status, [429, 503])`: the needle comes first, as the subject of a method call does.)
    if (adapter.calls.has(n.type) && /^(includes|contains|Contains|has|__contains__|include\?|cover\?|member\?|in_array)$/.test(calleeOf(n, adapter).name)) {
      test = n;
      op = 'in';
      subject = adapter.callArguments(n)[0];
      break;
    }
    if (grammar.cases.has(n.type) || adapter.cases.has(n.type)) {
      // (An arm of a C# switch expression is its own clause: `HttpStatusCode.TooManyRequests => Task.Delay(d)`.)
      const clause = grammar.cases.has(n.type) || n.type === 'switch_expression_arm' ? n : n.parent;
      return { occ, test: node, op: 'case', guard: clause, branch: clause, positive: true, subject: clause ? adapter.caseSubject(clause)?.text : undefined };
    }
    if (grammar.ifs.has(n.type) || grammar.functions.has(n.type) || /statement$/.test(n.type)) break;
  }
  if (!test) return undefined;
  // `status // 100 == 5`: the subject is the status itself, and the digit stands for its class.
  const divided = subject ? statusClassRead(subject.text, GRAMMAR_SUPPORT[ctx.flow.grammarName].constants) : undefined;
  const subjectText = divided?.status ?? subject?.text;
  const flooredClass = divided?.floored || undefined;
  // Climb boolean operators up to the if statement whose condition holds the test.
  let negated = op === 'in' && negatedMembershipCall(ctx.flow.grammarName, test);
  let child: Node = test;
  let parent = test.parent;
  while (parent && !grammar.ifs.has(parent.type) && !grammar.negatedIfs?.has(parent.type) && (BOOLEAN.test(parent.type) || adapter.transparent.has(parent.type))) {
    if (PREFIX_OPERATOR.test(parent.type) && /^(not|!)/.test(parent.text)) negated = !negated;
    child = parent;
    parent = parent.parent;
  }
  // Ruby's `unless` (`raise Failed unless res.code == 200`) runs its branch when the test fails: a negation.
  const unless = !!parent && !!grammar.negatedIfs?.has(parent.type) && grammar.ifCondition(parent)?.id === child.id;
  if (unless) negated = !negated;
  const positive = !negated && /^(==|===|in|is)$/.test(op);
  // A case of a switch on nothing (Go `switch { case r.StatusCode != 200: … }`, `switch (true)`) guards like an if.
  const clause = parent?.type === 'expression_list' ? parent.parent : parent;
  if (clause && (grammar.cases.has(clause.type) || adapter.cases.has(clause.type)) && /^(\(\s*true\s*\)|true|)$/.test(adapter.caseSubject(clause)?.text ?? '')) {
    return { occ, test, op, guard: clause, branch: clause, positive, negated, subject: subjectText, flooredClass };
  }
  // Rust: a match arm's guard (`Ok(r) if r.status() == StatusCode::TOO_MANY_REQUESTS => { … }`) guards the arm's value.
  const guarded = child.type === 'match_pattern' && parent?.type === 'match_arm' ? child.childForFieldName('condition') : null;
  if (guarded && guarded.startIndex <= test.startIndex && test.endIndex <= guarded.endIndex) {
    return { occ, test, op, guard: parent, branch: parent!.childForFieldName('value'), positive, negated, subject: subjectText, flooredClass };
  }
  const guard = parent && (grammar.ifs.has(parent.type) || unless) && grammar.ifCondition(parent)?.id === child.id ? parent : null;
  return { occ, test, op, guard, branch: guard ? grammar.ifConsequence(guard) : null, positive, negated, subject: subjectText, flooredClass };
}

/**
 * Kotlin's grammar puts the `!` of `!setOf(429, 503).contains(code)` on the chain's first call (a call of `!setOf`): the
 * membership call's text starts with it, and it negates the whole test.
 */
export function negatedMembershipCall(grammarName: string, call: Node): boolean {
  return grammarName === 'kotlin' && /^!\s*\w/.test(call.text);
}

/**
 * Python's chained comparison (`200 <= r.status_code < 500`): the code's own link, with the operator next to it
 * and the operand on its other side as the subject.
 */
function chainedLink(n: Node, code: Node): { test: Node; op: string; subject: Node } | undefined {
  if (n.type !== 'comparison_operator' || n.namedChildCount < 3) return undefined;
  const children = n.children.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  const at = children.findIndex((c) => c.startIndex <= code.startIndex && code.endIndex <= c.endIndex);
  if (at < 0 || !children[at].isNamed) return undefined;
  const right = children[at + 1] && !children[at + 1].isNamed ? { op: children[at + 1], other: children[at + 2] } : undefined;
  const left = children[at - 1] && !children[at - 1].isNamed ? { op: children[at - 1], other: children[at - 2] } : undefined;
  const link = right ?? left;
  if (!link?.other || !/^(<|<=|>|>=)$/.test(link.op.text)) return undefined;
  return { test: n, op: link.op.text, subject: link.other };
}

/** What a branch does, looking only at its own statements (not nested functions or loops). */
export interface BranchOutcome {
  continues: boolean;
  /**
   * Calls something that retries or re-queues (`self.retry(...)`, `schedule_retry`, recursion), or waits
   * before leaving (`sleep(d); return nil, true, nil`): waiting only makes sense before another attempt.
   */
  retries: boolean;
  final?: { node: Node; kind: 'raise' | 'return' | 'exit' };
}

/** Calls that retry or re-queue (`self.retry(...)`, `schedule_retry`, `queue.enqueue(job, { delay })`, `setBacklog(notice)`). */
export const RETRY_CALL = /retr(y|ies)|requeue|reschedule|backoff|backlog|nack|enqueue/i;

export function branchOutcome(ctx: DiagContext, branch: Node, fnName: string | undefined, responseVar?: string): BranchOutcome {
  // Both client rules and the status chains ask about the same branches: read each once per analysis.
  let memo = outcomes.get(ctx);
  if (!memo) outcomes.set(ctx, (memo = new Map()));
  const key = `${branch.id}:${fnName ?? ''}:${responseVar ?? ''}`;
  let outcome = memo.get(key);
  if (!outcome) memo.set(key, (outcome = readOutcome(ctx, branch, fnName, responseVar)));
  return outcome;
}

const outcomes = new WeakMap<DiagContext, Map<string, BranchOutcome>>();

function readOutcome(ctx: DiagContext, branch: Node, fnName: string | undefined, responseVar?: string): BranchOutcome {
  const { grammar, adapter } = ctx.flow;
  const outcome: BranchOutcome = { continues: false, retries: false };
  let recorded: BranchOutcome['final'];
  const visit = (n: Node): void => {
    if (n.id !== branch.id && (grammar.functions.has(n.type) || isLoopNode(grammar, n))) return;
    if (isContinue(grammar, n)) outcome.continues = true;
    else if (grammar.raises.has(n.type)) outcome.final ??= { node: n, kind: 'raise' };
    else if (grammar.returns.has(n.type)) {
      const text = returnValues(ctx, n).map((v) => v.text).join(',');
      if (!passesOn(ctx, n, responseVar) && !/^(true|True)$/.test(text)) outcome.final ??= { node: n, kind: 'return' };
    } else if (adapter.assignments.has(n.type) && assignsError(n)) {
      // `err = fmt.Errorf("status %s", res.Status)` / `error = new Error(...)`: the failure is recorded for a later
      // return — unless the branch throws or returns it itself (`const err = new Error(…); throw err`).
      recorded ??= { node: n, kind: 'return' };
    } else if (adapter.calls.has(n.type)) {
      const name = calleeOf(n, adapter).name;
      if (RETRY_CALL.test(name) || ctx.settings.retryFunctionNames.includes(name) || (fnName && name === fnName)) outcome.retries = true;
      if (n.type !== 'new_expression' && callWaits(ctx.flow, name)) outcome.retries = true;
      if (grammar.exitCalls.has(name)) outcome.final ??= { node: n, kind: 'exit' };
      if (grammar.raiseCalls?.has(name)) outcome.final ??= { node: n, kind: 'raise' };
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(branch);
  outcome.final ??= recorded;
  // Rust: `bail!(…)`/`panic!(…)` (macros, not calls) and a branch whose value is the function's result end it too.
  if (!outcome.final && ctx.flow.grammarName === 'rust') outcome.final = rustBranchFinal(branch);
  // Kotlin `return when (…) { 502, 503 -> null }`, a Ruby method ending in `case … when 503 then nil`: the arm's value is the result.
  if (!outcome.final && !outcome.continues && !outcome.retries) outcome.final = armValueFinal(ctx.flow.grammarName, branch, responseVar);
  return outcome;
}

/** An assignment of a newly made error to an error variable (`err = fmt.Errorf(…)`, `error = new ApiError(…)`). */
function assignsError(n: Node): boolean {
  const parts = n.namedChildren.filter((c): c is Node => c !== null);
  const target = parts[0]?.text ?? '';
  const value = parts[parts.length - 1]?.text.trim() ?? '';
  return /^(err|error|e|ex|exc|exception|\w*Err(or)?)$/i.test(target) && /^(fmt\.Errorf|errors\.New|new\s+\w*(Error|Exception)|\w*(Error|Exception))\(/.test(value);
}

/** The variable a tested expression starts from: `r` in `r.status_code`, `response` in `(int)response.StatusCode`. */
export function subjectRoot(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  // (PHP reads members with `->`: `$response->getStatusCode()`)
  // (and JavaScript's optional chaining: `error?.status` is `error`'s)
  // (and Rust's borrow or Go's dereference: `RETRY.contains(&status)` tests `status`)
  const root = subject.replace(/^\(\s*\w+\s*\)\s*(?=\w)/, '').replace(/^\(+/, '').replace(/^[&*]+(?:mut\s+)?/, '').split(/[.[()\s?]|->|::/)[0];
  return root || undefined;
}

/**
 * The values a return (or throw) statement hands back, with Go's `a, b` lists flattened. A bare `return` right after a
 * `yield` in a generator (`yield self._error_chunk(resp.status_code, msg)` then `return`) hands back what it yielded:
 * the consumer gets that value last, as a caller gets a returned one.
 */
export function returnValues(ctx: DiagContext, statement: Node): Node[] {
  const values: Node[] = [];
  for (const c of statement.namedChildren) {
    if (!c || ctx.flow.grammar.comments.has(c.type)) continue;
    if (c.type === 'expression_list') values.push(...c.namedChildren.filter((v): v is Node => v !== null));
    else values.push(c);
  }
  if (values.length === 0 && statement.type === 'return_statement') {
    const yielded = lastYield(statement);
    if (yielded) values.push(yielded);
  }
  return values;
}

/** The value of a `yield` statement just before `statement` (comments aside), if there is one. */
function lastYield(statement: Node): Node | undefined {
  let previous = statement.previousNamedSibling;
  while (previous && previous.type === 'comment') previous = previous.previousNamedSibling;
  const expression = previous?.type === 'expression_statement' ? previous.namedChildren[0] : undefined;
  return expression?.type === 'yield' ? expression.namedChildren[0] ?? undefined : undefined;
}

/**
 * A return that passes the response on instead of ending the operation: it returns the response
 * itself (`return resp, err`), or hands it to another function (`return fallback.decode(key, response)`),
 * whose caller or callee decides what a 503 means.
 */
export function passesOn(ctx: DiagContext, statement: Node, responseVar: string | undefined): boolean {
  if (!responseVar) return false;
  const { adapter } = ctx.flow;
  for (const value of returnValues(ctx, statement)) {
    let v: Node = value;
    while (v.type === 'await_expression' || v.type === 'await' || v.type === 'parenthesized_expression') v = v.namedChildren[v.namedChildren.length - 1] ?? v;
    if (v.text === responseVar) return true;
    // `return Promise.reject(err)` fails the operation with it; that is not handing it over for a decision.
    if (adapter.calls.has(v.type) && calleeOf(v, adapter).name !== 'reject' && adapter.callArguments(v).some((a) => a.text === responseVar)) return true;
  }
  return false;
}

/** Error values that say nothing about which failure happened: a caller cannot tell a 503 from a bug. */
const GENERIC_ERROR = /^(new\s+)?(\\|java\.lang\.|System\.)?(Exception|Error|RuntimeException|IllegalStateException|IllegalArgumentException|InvalidOperationException|ApplicationException|SystemException|IOException|UncheckedIOException|ValueError|RuntimeError|TypeError|OSError|AssertionError|StandardError|ErrorException|LogicException|UnexpectedValueException)\b(?!::)|^(fmt\.Errorf|errors\.New)\(/;
const NO_VALUE = /^(nil|null|None|undefined|false|False|-1|0)$/;

/**
 * An error-translation branch: the function does not send the request itself, it is handed the
 * response or status as a parameter (or a field of its receiver), and the branch returns a value or
 * returns/throws a typed error. Its job is to classify; the caller or a retryer decides on retrying.
 */
export function isClassification(ctx: DiagContext, fn: FnInfo | undefined, subject: string | undefined, final: NonNullable<BranchOutcome['final']>): boolean {
  if (!fn || ctx.requestsIn(fn).length > 0 || final.kind === 'exit') return false;
  const root = subjectRoot(subject);
  const params = parameterNames(fn);
  if (!root || !(params.has(root) || aliasOfParameter(fn, root, params))) return false;
  const values = returnValues(ctx, final.node);
  // Go returns `(value, err)`: the error comes last.
  const value = values[values.length - 1];
  if (!value) return false;
  // A predicate's answer (`fn is_sentry_event(&self) -> bool { … UNAVAILABLE => false … }`) says what the status is.
  if (/^(true|false|True|False)$/.test(value.text) && PREDICATE_NAME.test(fn.name ?? '')) return true;
  if (NO_VALUE.test(value.text)) return false;
  // (A raised string is Ruby's RuntimeError, JavaScript's bare thrown value: no type a caller could match.)
  if (final.kind === 'raise' && raisedString(value)) return false;
  return !isGenericError(value.text);
}

/** A string literal raised as it is: Ruby's `raise "…"` (its argument list holding one string), JavaScript's `throw '…'`. */
function raisedString(value: Node): boolean {
  const single = value.type === 'argument_list' && value.namedChildCount === 1 ? value.namedChildren[0] : value;
  return !!single && /^(string|template_string|string_literal|interpreted_string_literal|encapsed_string)$/.test(single.type);
}

/** A function named for a yes-or-no question: `is_sentry_event`, `shouldRetry`, `hasExpired`, `can_resume`. */
const PREDICATE_NAME = /^_?(is|has|should|can|needs?|was)(_|[A-Z])/;

/**
 * A generic error value; Go's `fmt.Errorf("…: %w", err)` wraps the typed error and keeps it (errors.As), and a Rust
 * path on a type called `Error` (`Error::unavailable(err)`) is the crate's own error kind.
 */
export function isGenericError(text: string): boolean {
  const t = text.trim();
  return GENERIC_ERROR.test(t) && !/^fmt\.Errorf\([\s\S]*%w/.test(t);
}

/**
 * The give-up hands the caller a typed error that keeps what was tested — the response, the error or its
 * status (`throw new TooManyRequestsError(body, response)`, `raise ApiError(resp)`,
 * `return fmt.Errorf("rate limited: %w", err)`, `&APIError{StatusCode: resp.StatusCode}`): the caller can
 * tell a 503 from a 404 and retry it. A generic error that only mentions the status in prose does not.
 */
export function handsOnTypedError(ctx: DiagContext, final: Node, names: ReadonlyArray<string | undefined>): boolean {
  // Any value handed back may carry it: Go's `return &Result{HTTPStatus: resp.StatusCode}, err` keeps the status too.
  // Whatever a raise/throw builds is an exception: a class of the project's own (`WellKnownUnexpectedStatus(…)`) is typed.
  const raised = ctx.flow.grammar.raises.has(final.type);
  // A record goes back to a caller that decides only when that caller is elsewhere: an anonymous callback's record
  // (`webhooks.map(async (w) => { … return { success: false, status: res.status } })`) is collected by the code around
  // it, which is right there to read.
  const records = !!enclosingFn(ctx.flow, final)?.name;
  // Ruby `raise ServerError, response`: the class, then what it is built with (read as `ServerError(response)`).
  const rubyRaise = /^raise\s+(?:::)?(?:[A-Z]\w*::)*([A-Z]\w*)\s*,\s*([\s\S]+)$/.exec(final.text.trim());
  if (rubyRaise) return !isGenericError(`${rubyRaise[1]}(`) && keepsTested(`${rubyRaise[1]}(${rubyRaise[2]})`, names, true, records);
  const values = returnValues(ctx, final);
  // (`err.status = res.status; throw err`: the status set on the error it throws by name, in the same block.)
  if (raised && values.length === 1 && final.parent && statusAttached(ctx.flow.text.slice(final.parent.startIndex, final.startIndex), values[0].text, names)) return true;
  return values.some((v) => keepsTested(v.text, names, raised, records)) || relaysStatus(final.text, names);
}

/** Names of errors that say which transient failure it was: a rate limit, an outage, a throttle, a busy or overloaded server. */
const CAUSE_NAME = /rate_?limit|ratelimit|throttl|too_?many_?requests|service_?unavailable|unavailable|overload|server_?busy|maintenance|quota_?exceeded|retry_?later|retryable|transient|temporar/i;

/**
 * The give-up hands back an error named for the transient cause its branch picked out (`case 429: return nil,
 * ErrRateLimited`, `raise RateLimitError(wait)`, `throw new ServiceUnavailableException()`): a value the caller can
 * match (`errors.Is`, `except RateLimitError`, a catch of that class) and retry, not a failure it cannot tell from a
 * 404. A generic error that only says so in its message does not count.
 */
export function namesTransientCause(ctx: DiagContext, final: Node): boolean {
  if (final.type === 'return_statement' || ctx.flow.grammar.raises.has(final.type) || /^(return|raise|throw)\b/.test(final.text)) {
    const values = returnValues(ctx, final);
    const value = values[values.length - 1];
    if (!value || isGenericError(value.text)) return false;
    // The name the value is built from or is (`ErrRateLimit`, `RateLimitError(…)`, `new TooManyRequestsException(…)`,
    // `errors.ServiceUnavailable`, `&RateLimitedError{…}`): the text before any argument list or literal body.
    const head = value.text.trim().replace(/^(new\s+|&)/, '').split(/[({\s]/)[0];
    return CAUSE_NAME.test(head.replace(/[._:]+/g, '_'));
  }
  return false;
}

/**
 * The branch keeps the failure for its caller in a typed error before giving up (`this.errorData = new
 * LibraryException(con.getResponseCode(), retryAfter); return null;`): the caller reads it and can tell a 503 from a 404.
 */
export function recordsTypedError(ctx: DiagContext, branch: Node, names: ReadonlyArray<string | undefined>): boolean {
  const { adapter } = ctx.flow;
  let found = false;
  const visit = (n: Node): void => {
    if (found || ctx.flow.grammar.functions.has(n.type)) return;
    if (adapter.assignments.has(n.type)) {
      const parts = n.namedChildren.filter((c): c is Node => c !== null);
      const value = parts[parts.length - 1];
      if (value && /^new\s/.test(value.text.trim()) && keepsTested(value.text, names, true)) found = true;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(branch);
  return found;
}

/**
 * Locals a function takes the status of `root` into (`let status = response.status();`, `$code =
 * $response->getStatusCode();`, `status := resp.StatusCode`): handing one of them on hands the status on.
 */
export function statusAliases(scope: Node, root: string): string[] {
  const bare = escapeRegExp(root.replace(/^\$/, ''));
  const pattern = new RegExp(`(?:^|[\\s;{(])(?:let\\s+(?:mut\\s+)?|const\\s+|var\\s+|val\\s+)?(\\$?[A-Za-z_]\\w*)\\s*(?::\\s*[\\w:<>]+\\s*)?:?=\\s*&?\\$?${bare}\\s*(?:\\.|->|\\?\\.)\\s*(?:status|status_code|statusCode|StatusCode|code|getStatusCode|status_code)\\b`, 'g');
  const out = new Set<string>();
  for (const m of scope.text.matchAll(pattern)) if (m[1].replace(/^\$/, '') !== bare) out.add(m[1]);
  return [...out];
}

/** Go: `errors.As(err, &apiErr)` makes `apiErr` the typed view of the error `err` — its status is the failure's. */
export function errorViews(scope: Node, errorVar: string): string[] {
  const out: string[] = [];
  for (const m of scope.text.matchAll(/\berrors\.As\(\s*([A-Za-z_]\w*)\s*,\s*&([A-Za-z_]\w*)\s*\)/g)) if (m[1] === errorVar) out.push(m[2]);
  return out;
}

/**
 * The give-up answers its own client with the status it received (`res.status(upstream.status).json(…)`,
 * `w.WriteHeader(resp.StatusCode)`, `return StatusCode((int)response.StatusCode)`): a proxy passing a 503 on
 * leaves the retry to the client that sees it.
 */
function relaysStatus(text: string, names: ReadonlyArray<string | undefined>): boolean {
  return names.some((n) => n !== undefined && new RegExp(`\\b(status|WriteHeader|StatusCode|abort|Status)\\s*\\(\\s*(\\(\\w+\\)\\s*)?${escapeRegExp(n)}\\??\\.(status|statusCode|StatusCode|status_code|code)\\b`).test(text));
}

function keepsTested(text: string, names: ReadonlyArray<string | undefined>, raised: boolean, records = true): boolean {
  // (Rust: the error inside `Err(…)`.)
  const value = text.trim().replace(/^await\s+/, '').replace(/^Err\(([\s\S]*)\)$/, '$1').trim();
  if (!value || /^(nil|null|None|undefined|false|False)$/.test(value)) return false;
  // JS `new Error(message, { cause: response })`: a plain error, but its cause is the response (or its status).
  const cause = /^new\s+[\w$.]+\s*\([\s\S]*[{,]\s*cause\s*:\s*([\w$]+(?:\??\.[\w$]+)*)\s*[,}]/.exec(value);
  if (cause) return names.some((n) => n !== undefined && (cause[1] === n || (cause[1].startsWith(`${n}.`) && KEEPS_FAILURE.test(cause[1].slice(n.length)))));
  if (assignedOntoError(value, names)) return true;
  if (isGenericError(value)) return false;
  // A record carrying the failure back (`return {"error": msg, "status_code": resp.status_code}`, `Outcome{Code:
  // resp.StatusCode}`, `['failed' => true, 'status' => $response->getStatusCode()]`): the caller branches on its status
  // as on a typed error's.
  const fields = recordFields(value);
  if (fields) return records && handsOverTested(fields, names);
  // A project's own error, built by a class or by a function that makes one (`map_processor_error(status, body)`).
  // (Or a result object built to carry it back: `return new HttpServiceResult<T>(response.StatusCode, null, msg)`.)
  const typed = /[A-Z]\w*(Error|Exception)\b|&\w+\{|\w+Error\(|^fmt\.Errorf\(|^[\w$.:]*_error\w*\(|^[\w$.:]*\berror_\w+\(|^new\s+([\w$]+\.)*[A-Z][\w$]*(<[^()]*>)?\s*\(/.test(value) || (raised && /^(new\s+)?([\w$]+\.)*[A-Z][\w$]*\s*\(/.test(value));
  if (!typed) return false;
  // The tested value must be handed over itself (an argument or a field), not folded into a message.
  const open = value.search(/[({]/);
  if (open < 0) return false;
  // (An options object or a composite literal among them is read field by field: `new ApiError({ status: res.status })`,
  // Go's `fmt.Errorf("create: %w", &HTTPError{Code: resp.StatusCode})`; a C# cast, `(int)response.StatusCode`, is dropped.)
  const args = topLevelParts(value.slice(open + 1, value.length - 1))
    .map((a) => a.replace(/^[\w$]+\s*[:=]\s*/, '').replace(/^&/, ''))
    .flatMap((a) => recordFields(a) ?? [a])
    .map(withoutCast);
  // The value itself, or what says which failure it was: its status, its response, its headers (not its body text).
  return handsOverTested(args, names);
}

/**
 * A local read from a parameter before it is tested: `const statusCode = rawError.statusCode`,
 * `status := resp.StatusCode`, `int code = response.code();`, `const { status } = err`.
 */
function aliasOfParameter(fn: FnInfo, name: string, params: Set<string>, depth = 0): boolean {
  const text = fn.node.text;
  const id = escapeRegExp(name);
  const assigned = new RegExp(`(?:^|[^\\w$.])${id}\\s*(?::[^=\\n;]+)?(?::=|=(?![=>]))\\s*(?:await\\s+)?(?:\\(\\s*\\w+\\s*\\)\\s*)?([A-Za-z_$][\\w$]*)`, 'g');
  for (const m of text.matchAll(assigned)) {
    if (m[1] === 'this' || m[1] === 'self' || m[1] === name) continue;
    if (params.has(m[1])) return true;
    // Read off a local that is itself read off a parameter: `const cause = error.cause || error; const code = cause.code`.
    if (depth < 2 && aliasOfParameter(fn, m[1], params, depth + 1)) return true;
  }
  const destructured = new RegExp(`\\{[^{}]*\\b${id}\\b[^{}]*\\}\\s*=\\s*(?:await\\s+)?([A-Za-z_$][\\w$]*)`, 'g');
  for (const m of text.matchAll(destructured)) if (params.has(m[1])) return true;
  // Rust: bound by a pattern on a parameter, `match err { ApiError::Status(code) => … }`, `if let Some(code) = err.status()`.
  if (fn.node.type === 'function_item') {
    // (Also on a field of one, nested in another pattern: `match &self.kind { Kind::Grpc(Error::RpcFailure(status)) => … }`.)
    const matchesParam = [...text.matchAll(/\bmatch\s+&?(?:\*\s*)?([A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*\s*\{/g)].some((m) => params.has(m[1]));
    if (matchesParam && new RegExp(`\\(\\s*(?:ref\\s+)?${id}\\s*\\)+\\s*(?:=>|\\|)`).test(text)) return true;
    const bound = new RegExp(`\\blet\\s+[\\w:]+\\(\\s*${id}\\s*\\)\\s*=\\s*&?([A-Za-z_]\\w*)`).exec(text)?.[1];
    if (bound && params.has(bound)) return true;
  }
  return false;
}

/** Names of a function's parameters (and Go's method receiver; `this`/`self` count as given). */
export function parameterNames(fn: FnInfo): Set<string> {
  const names = new Set<string>(['this', 'self']);
  for (const field of ['parameters', 'parameter', 'receiver']) {
    const node = fn.node.childForFieldName(field);
    if (!node) continue;
    for (const m of node.text.matchAll(/[A-Za-z_$][\w$]*/g)) names.add(m[0]);
  }
  // Kotlin: the parameter list is no field of function_declaration
  const kotlin = fn.node.namedChildren.find((c) => c?.type === 'function_value_parameters');
  for (const m of kotlin?.text.matchAll(/[A-Za-z_$][\w$]*/g) ?? []) names.add(m[0]);
  return names;
}
