/**
 * no-retry-on-request: how a request's failure is checked as success-or-fail and given up — a status compared with a
 * success code or an error range, an ok flag, the else of a success test, a helper the response is handed to, or the
 * response of a write ignored — and what keeps such a check from being a give-up (a typed error that keeps the status,
 * an answer that reports a state, a retryable code picked out).
 */
import type { Node } from 'web-tree-sitter';
import { branchOutcome, handsOnTypedError, recordsTypedError, returnValues, statusAliases, subjectRoot } from './branches';
import { membershipOf, membershipTests } from './constantSets';
import type { DiagContext } from './context';
import { TRANSIENT_STATUSES } from './retriedSets';
import { failsAgainstExpected } from './statusSets';
import type { NoRetryOnRequestData } from './findingData';
import { enclosingFn, type FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { urlNamesAction, writesByMethodOrName } from './requestPurpose';
import { ifClauses } from './chainSyntax';
import { responseHelpers } from './responseHelpers';
import { onlyLogs } from './failureBodies';

export interface FailureCheck {
  kind: NoRetryOnRequestData['checkKind'];
  node: Node;
  guard?: Node;
  detail: string;
  /** How the failure branch gives up, when the check has one. */
  final?: 'raise' | 'return' | 'exit';
}

/**
 * How the request's failure is checked as success-or-fail and given up (raise_for_status aside, which hands the
 * caller the status): a status comparison, an ok flag, or its response ignored.
 */
export function findCheck(ctx: DiagContext, request: RequestInfo): FailureCheck | undefined {
  const { call, responseVar } = request;
  const fn = call.fn;
  const nextRequest = ctx.requestsIn(fn).find((r) => r.call.start > call.end && r.responseVar === responseVar);
  const limit = nextRequest?.call.start ?? Infinity;
  const after = (n: Node) => n.startIndex >= call.start && n.startIndex < limit;
  // raise_for_status() / EnsureSuccessStatusCode() / reqwest's error_for_status() on the response, or chained on the
  // call: each raises the client's own status error, which keeps the response (requests, httpx, aiohttp) or its status
  // (.NET, reqwest). Like `raise ApiError(resp)`, that hands the caller an error telling a 503 from a 404: the caller
  // decides, and there is no give-up here to report.
  for (const c of ctx.flow.callsByFn.get(fn) ?? []) {
    if (c.start < call.start || c.start >= limit) continue;
    if (c.name !== 'raise_for_status' && c.name !== 'EnsureSuccessStatusCode' && c.name !== 'error_for_status') continue;
    const receiver = c.receiver ?? '';
    if (receiver.split(/[.(]/)[0] === responseVar || receiver.includes(call.node.text) || (!responseVar && c.start > call.start)) return undefined;
  }
  if (!responseVar) return ignoredResponse(request);
  // Comparisons against success codes / error ranges on the response.
  for (const occ of ctx.clientChecksIn(fn)) {
    const test = ctx.testOf(occ);
    if (!test || !test.guard || !test.branch || !after(test.test)) continue;
    if (enclosingFn(ctx.flow, test.test) !== fn || subjectRoot(test.subject) !== responseVar) continue;
    const code = Number(occ.code);
    const success = code >= 200 && code < 300;
    // (`if not r.status_code == 200:` says `!=` with a negation.)
    const failureTest = (test.op.startsWith('!=') && success) || (/^={2,3}$/.test(test.op) && test.negated && success) || (/^>=?$/.test(test.op) && code <= 500 && code >= 299) || (success && outsideAccepted(test));
    // `if status == 200: … else: raise` — the failure is the else of a success test.
    const elseOfSuccess = !failureTest && /^={2,3}$|^is$/.test(test.op) && !test.negated && code >= 200 && code < 300 && wholeCondition(test.guard, test.test) ? finalElse(ctx, test.guard, fn, responseVar) : undefined;
    if (elseOfSuccess) return { kind: 'status-compare', node: test.test, guard: test.guard, detail: `${test.test.text.replace(/\s+/g, ' ')} else → ${finalWord(ctx, elseOfSuccess)}`, final: elseOfSuccess };
    if (!failureTest) continue;
    const outcome = branchOutcome(ctx, test.branch, fn?.name, responseVar);
    // A write whose failure is only logged (`if r.status_code != 200: log.error(…)`) is lost as surely as one raised.
    if (!outcome.final && !outcome.continues && !outcome.retries && isWrite(request) && onlyLogs(ctx, test.branch)) {
      return { kind: 'status-compare', node: test.test, guard: test.guard, detail: `${shownTest(ctx, test)} → logged and dropped` };
    }
    if (!outcome.final || outcome.continues || outcome.retries) continue;
    if (answersWithState(ctx, outcome.final)) continue;
    if (handsOnStatus(ctx, outcome.final.node, fn, responseVar, test.branch) || recordsTypedError(ctx, test.branch, [responseVar, ...statusAliases(fn?.node ?? test.branch, responseVar)])) return undefined;
    return { kind: 'status-compare', node: test.test, guard: test.guard, detail: `${shownTest(ctx, test)} → ${finalWord(ctx, outcome.final.kind)}`, final: outcome.final.kind };
  }
  // `if not r.ok:` / `if (!res.ok)` / `if (!response.IsSuccessStatusCode)`.
  const { grammar } = ctx.flow;
  const scope = fn?.node ?? ctx.doc.tree!.rootNode;
  // (PHP: `!$response->successful()`, `!$response->ok()`)
  // (Ruby: `!res.is_a?(Net::HTTPSuccess)`, and `kind_of?`, its synonym, with or without parentheses)
  // (Kotlin: OkHttp/Retrofit `!response.isSuccessful`, Ktor `!response.status.isSuccess()`)
  const kotlinFlags = ctx.flow.grammarName === 'kotlin' ? '|isSuccessful|status\\.isSuccess' : '';
  const okPattern = new RegExp(`^(not\\s+|!\\s*)\\(?\\s*${responseVar.replace(/\$/g, '\\$')}(\\.|->${kotlinFlags ? '|\\?\\.' : ''})(ok|IsSuccessStatusCode|is_success|status\\(\\)\\.is_success|success\\?|successful|(?:is_a|kind_of)\\?(?:\\(\\s*(::)?Net::HTTPSuccess\\s*\\)|\\s+(?:::)?Net::HTTPSuccess)${kotlinFlags})(\\(\\))?\\s*\\)?$`);
  // `let status = resp.status(); if !status.is_success() { bail!(…) }`: the status read into a local first.
  const aliases = statusAliases(scope, responseVar).map((a) => a.replace(/\$/g, '\\$'));
  const aliasPattern = aliases.length ? new RegExp(`^(not\\s+|!\\s*)\\(?\\s*(${aliases.join('|')})\\.(is_success|isSuccess|is2xxSuccessful|IsSuccessStatusCode)(\\(\\))?\\s*\\)?$`) : undefined;
  const failsFlag = (text: string): boolean => okPattern.test(text) || !!aliasPattern?.test(text);
  let found: FailureCheck | undefined;
  const visit = (n: Node): void => {
    if (found || n.endIndex < call.node.endIndex || n.startIndex >= limit) return;
    if (grammar.ifs.has(n.type) || grammar.negatedIfs?.has(n.type)) {
      const condition = grammar.ifCondition(n);
      // Ruby `raise … unless res.success?` reads as `if !res.success?`
      const text = (grammar.negatedIfs?.has(n.type) ? '!' : '') + (condition?.text.replace(/^\((.*)\)$/s, '$1').trim() ?? '');
      const branch = grammar.ifConsequence(n);
      // (`response.StatusCode != expectedStatus`: the status compared with the one the caller expects fails for every error.)
      const fails = !!condition && (failsFlag(text) || (!grammar.negatedIfs?.has(n.type) && failsAgainstExpected(ctx, condition, responseVar)));
      if (condition && branch && fails) {
        const outcome = branchOutcome(ctx, branch, fn?.name, responseVar);
        if (outcome.final && !outcome.continues && !outcome.retries && !answersWithState(ctx, outcome.final) && !handsOnStatus(ctx, outcome.final.node, fn, responseVar, branch)) {
          found = { kind: 'ok-flag', node: condition, guard: n, detail: `${text} → ${finalWord(ctx, outcome.final.kind)}`, final: outcome.final.kind };
          return;
        }
        // `if not res.ok: log.warning(…)` after a write: lost as surely as raised.
        if (!outcome.final && !outcome.continues && !outcome.retries && isWrite(request) && onlyLogs(ctx, branch)) {
          found = { kind: 'ok-flag', node: condition, guard: n, detail: `${text} → logged and dropped` };
          return;
        }
      }
      // `if (response.IsSuccessStatusCode) { … } else { return BadRequest(); }`: the failure is the else.
      if (condition && branch && !grammar.negatedIfs?.has(n.type) && failsFlag(`!${text}`)) {
        const giveUp = finalElse(ctx, n, fn, responseVar);
        if (giveUp) {
          found = { kind: 'ok-flag', node: condition, guard: n, detail: `${text} else → ${finalWord(ctx, giveUp)}`, final: giveUp };
          return;
        }
      }
    }
    for (const c of n.namedChildren) if (c && !(c.id !== scope.id && grammar.functions.has(c.type))) visit(c);
  };
  visit(scope);
  return found;
}

/**
 * The response handed to a function of the file that raises on failure (`validate(response)` with
 * `if (!response.isSuccessful()) throw new IllegalStateException(…)`): the helper's check is the request's. Only a raise
 * counts — what a helper returns goes back to this function, which may still look at it — and a helper that picks out a
 * retryable code itself is retryable-treated-as-final's.
 */
export function handedCheck(ctx: DiagContext, request: RequestInfo): FailureCheck | undefined {
  const next = ctx.requestsIn(request.call.fn).find((r) => r.call.start > request.call.end && r.responseVar === request.responseVar);
  for (const handed of responseHelpers(ctx, request, next?.call.start)) {
    const inner = findCheck(ctx, handed.seen);
    if (!inner || inner.final !== 'raise') continue;
    if (handlesRetryableCode(ctx, handed.seen)) return undefined;
    return { kind: inner.kind, node: handed.call.node, guard: inner.guard, detail: `${handed.call.name}(${request.responseVar}): ${inner.detail}`, final: 'raise' };
  }
  return undefined;
}

/**
 * The give-up hands on a typed error that keeps the response or its status (read into a local or not). The branch's
 * first give-up may sit under a test of its own (`if (status == Unauthorized) throw new AuthException(…)`); what a 429
 * or 503 reaches is then the branch's last statement, so that one counts too (`throw new ApiException(response.StatusCode, …)`).
 */
function handsOnStatus(ctx: DiagContext, final: Node, fn: FnInfo | undefined, responseVar: string, branch?: Node): boolean {
  const names = [responseVar, ...statusAliases(fn?.node ?? final, responseVar)];
  if (handsOnTypedError(ctx, final, names)) return true;
  const last = branch ? lastGiveUp(ctx, branch) : undefined;
  return last !== undefined && last.id !== final.id && handsOnTypedError(ctx, last, names);
}

/** The branch's last statement, when it raises or returns (a Ruby `raise …` call in a statement of its own too). */
function lastGiveUp(ctx: DiagContext, branch: Node): Node | undefined {
  const { grammar } = ctx.flow;
  const statements = branch.namedChildren.filter((c): c is Node => c !== null && !grammar.comments.has(c.type));
  let last = statements[statements.length - 1];
  if (last?.type === 'expression_statement' && last.namedChildCount === 1) last = last.namedChildren[0] ?? last;
  if (!last) return undefined;
  if (grammar.raises.has(last.type) || grammar.returns.has(last.type)) return last;
  return ctx.flow.adapter.calls.has(last.type) && /^(raise|throw)\b/.test(last.text) ? last : undefined;
}

/**
 * The failure branch answers with a record of some state other than failure (`return { status: 'pending' }`,
 * `return {'result': 'screenshot unavailable'}`): the operation reports where it stands for its caller to act on
 * (poll again, show the user), it is not given up. A record saying it failed (`{ success: false }`, an `error`
 * field) is a give-up like any other.
 */
function answersWithState(ctx: DiagContext, final: { node: Node; kind: string }): boolean {
  if (final.kind !== 'return') return false;
  const values = returnValues(ctx, final.node);
  if (values.length !== 1 || !/^(object|dictionary|hash|object_creation_expression|anonymous_object_creation_expression|array_creation_expression)$/.test(values[0].type)) return false;
  if (values[0].type === 'object_creation_expression' && !/^new\s*\{/.test(values[0].text)) return false;
  // An empty record (`{}`, `[]`) is no answer: the caller reads it as "nothing there".
  if (values[0].namedChildCount === 0 || /^(\{\s*\}|\[\s*\]|array\(\s*\))$/.test(values[0].text)) return false;
  return !/\b(success|ok|succeeded)\W{1,3}\s*(false|False)\b|err|fail|exception/i.test(values[0].text);
}

/**
 * A status tested for not being one of the accepted codes (`r.status_code not in [200, 202]`, `![200, 201].includes(
 * res.status)`) where no transient code is accepted: every 429 and 503 takes the branch, as with `!= 200`.
 */
function outsideAccepted(test: { test: Node; op: string; negated?: boolean; subject?: string }): boolean {
  const excluded = (test.op === 'not in' && !test.negated) || (test.op === 'in' && test.negated === true);
  if (!excluded) return false;
  const listed = test.test.text.replace(test.subject ?? '', ' ').match(/\b[1-5]\d\d\b/g) ?? [];
  return listed.length > 0 && !listed.some((c) => TRANSIENT_STATUSES.includes(c));
}

/** The test is the if's whole condition (`if status == 200:`, not `if status == 200 && typeOk`). */
function wholeCondition(guard: Node, test: Node): boolean {
  let condition = guard.childForFieldName('condition');
  while (condition && /^(parenthesized_expression|condition_clause)$/.test(condition.type) && condition.namedChildCount === 1) condition = condition.namedChildren[0];
  return !!condition && condition.id === test.id;
}

/** The else branch of an if (no elif in between) ends in a give-up: how it gives up, or undefined. */
function finalElse(ctx: DiagContext, guard: Node, fn: FnInfo | undefined, responseVar: string): 'raise' | 'return' | 'exit' | undefined {
  const clauses = ifClauses(guard);
  if (clauses.length !== 2 || clauses[0].node.id !== guard.id || clauses[1].condition) return undefined;
  const outcome = branchOutcome(ctx, clauses[1].body, fn?.name, responseVar);
  if (!outcome.final || outcome.continues || outcome.retries || answersWithState(ctx, outcome.final) || handsOnStatus(ctx, outcome.final.node, fn, responseVar, clauses[1].body)) return undefined;
  return outcome.final.kind;
}

/** Clients that hand back a 503 as a normal response: ignoring the response ignores the failure. */
const STATUS_AS_VALUE = new Set(['requests', 'httpx', 'aiohttp', 'urllib3', 'fetch', 'net/http', 'HttpClient', 'java.net.http']);

/**
 * A state-changing request whose response nobody looks at (`await client.post(url, json=event)` as a
 * statement) with a client that does not raise on error statuses: a 503 loses the write without a trace.
 */
function ignoredResponse(request: RequestInfo): FailureCheck | undefined {
  if (!STATUS_AS_VALUE.has(request.library) || !/^(POST|PUT|PATCH|DELETE)$/.test(request.method)) return undefined;
  let n: Node | null = request.call.node.parent;
  while (n && /^(await|await_expression|parenthesized_expression)$/.test(n.type)) n = n.parent;
  if (n?.type !== 'expression_statement') return undefined;
  return { kind: 'ignored', node: request.call.node, detail: 'its response is never looked at' };
}

/** The test as the reader sees it: with its negation (`not r.status_code == 200`), whitespace folded. */
function shownTest(ctx: DiagContext, test: { test: Node; guard?: Node | null; negated?: boolean }): string {
  const condition = test.negated && test.guard ? ctx.flow.grammar.ifCondition(test.guard) : undefined;
  const shown = (condition ?? test.test).text.replace(/^\((.*)\)$/s, '$1').replace(/\s+/g, ' ');
  // (Ruby's `raise … unless res.code == 200` reads with its `unless`.)
  return test.guard && ctx.flow.grammar.negatedIfs?.has(test.guard.type) ? `unless ${shown}` : shown;
}

/** A state-changing request, or one sent by a function named for an action (`sendMessage`, `create_ticket`). */
export function isWrite(request: RequestInfo): boolean {
  // (A GET whose URL names an action, `…/sendMessage?chat_id=…`, sends something too.)
  return writesByMethodOrName(request.method, request.call.fn?.name) || urlNamesAction(request.statement.text);
}

/** The function tests for a retryable code itself (then rule retryable-treated-as-final speaks instead). */
export function handlesRetryableCode(ctx: DiagContext, request: RequestInfo): boolean {
  // Only a test that picks the code out counts: the 500 in `>= 500 → raise` is a bound, not handling.
  if (ctx.clientChecksIn(request.call.fn).some((o) => ctx.isRetryable(o) && ctx.testOf(o)?.positive === true)) return true;
  // …or a membership in a named collection of retryable statuses (`if r.status_code in RETRIABLE:`).
  const fn = request.call.fn;
  return membershipTests(ctx).some((n) => (!fn || (n.startIndex >= fn.start && n.endIndex <= fn.end)) && [...(membershipOf(ctx, n)?.codes ?? [])].some((c) => TRANSIENT_STATUSES.includes(c)));
}

/** `raise` in Python, `throw` elsewhere. */
function finalWord(ctx: DiagContext, kind: 'raise' | 'return' | 'exit'): string {
  return kind === 'raise' && ctx.language !== 'python' ? 'throw' : kind;
}
