import type { Node } from 'web-tree-sitter';
import { branchOutcome, errorViews, StatusTest, subjectRoot } from './branches';
import type { DiagContext } from './context';
import { calleeOf, within } from './flow/flowModel';
import { alwaysLeaves, ancestorWithin, catchBody, ifClauses } from './chainSyntax';
import { DELAY, type RetryLoop } from './retryLoops';
import { booleanOperator, conditionSet, testsWithin } from './statusSets';
import { membershipOf, membershipTests } from './constantSets';
import { failingWhile, narrowedIn } from './failingConditions';
import { caughtStatusRounds } from './caughtStatusRetries';

/**
 * The statuses a hand-written retry loop goes round again for: codes named by a test whose branch
 * waits, continues or retries (`if r.status_code in (429, 503): sleep(d); continue`), and a lower bound
 * for range tests (`if status >= 500 { continue }` retries every 5xx).
 */
export interface RetriedSet {
  codes: Set<string>;
  /** Every numeric status at or above this is retried (Infinity: none by range). */
  from: number;
}

import { TRANSIENT_STATUSES } from './statusSets';

export { TRANSIENT_STATUSES };

const computed = new WeakMap<RetryLoop, RetriedSet>();

/** What the loop retries, read from the status tests inside it on its request's response (once per loop). */
export function retriedSet(ctx: DiagContext, retry: RetryLoop): RetriedSet {
  let set = computed.get(retry);
  if (!set) computed.set(retry, (set = readRetriedSet(ctx, retry)));
  return set;
}

function readRetriedSet(ctx: DiagContext, retry: RetryLoop): RetriedSet {
  const set: RetriedSet = { codes: new Set(), from: Infinity };
  const fnName = retry.loop.fn?.name;
  // By position, not by function: a check in a function literal the loop calls where it is written counts.
  const condition = loopCondition(retry.loop);
  for (const test of ctx.clientTests()) {
    if (!within(test.test, retry.loop.node) || !sameResponse(test, retry)) continue;
    // `while resp.status_code == 429:` goes round on what its condition holds.
    const inCondition = !!condition && within(test.test, condition);
    if (!inCondition) {
      if (!test.branch) continue;
      const outcome = branchOutcome(ctx, test.branch, fnName, retry.request.responseVar);
      if (!(outcome.continues || outcome.retries || waits(ctx, test.branch))) continue;
      // `if status >= 400: … if status in RETRYABLE: sleep; continue … return None`: the branch goes round only under
      // a narrower status test inside it, which says what is retried; the outer test only says what reaches it.
      if (roundOnlyUnderNestedTest(ctx, test.branch, retry)) continue;
    }
    const code = Number(test.occ.code);
    if (test.positive) set.codes.add(test.occ.code);
    else if ((test.op === '>=' || test.op === '>') && Number.isFinite(code)) set.from = Math.min(set.from, test.op === '>' ? code + 1 : code);
  }
  // `while not r.ok and tries < 3:`, `while (!response.isSuccessful && n < max)`: every failure status goes round.
  // (Unless the condition also names the statuses it goes round on: `!r.isSuccessful && r.code() == 500`.)
  if (condition && retry.request.responseVar && failingWhile(condition.text, retry.request.responseVar) && !narrowedIn(ctx, condition)) set.from = Math.min(set.from, 400);
  // A branch that goes round on what predicates of the file say of the response (`if (!response.IsSuccessStatusCode &&
  // (IsServerError(response.StatusCode) || IsTooManyRequests(response.StatusCode))) { await Task.Delay(d); continue; }`).
  const root = retry.request.responseVar;
  if (root && retry.loop.body) {
    for (const node of ifsWithin(ctx, retry.loop.body)) {
      const cond = ctx.flow.grammar.ifCondition(node);
      const branch = ctx.flow.grammar.ifConsequence(node);
      // (A predicate call, or a flag set from the status: `if retryable:`, `if (!isRetryable)`.)
      // (Or a membership in a named collection of the file: `if r.status_code in RETRYABLE_STATUS_CODES:`.)
      if (!cond || !branch) continue;
      if (!/\w\s*\(|^\(?\s*!?\s*[A-Za-z_$][\w$]*\s*\)?$/.test(cond.text.trim()) && !membershipTests(ctx).some((n) => within(n, cond))) continue;
      const outcome = branchOutcome(ctx, branch, fnName, root);
      if (!(outcome.continues || outcome.retries || waits(ctx, branch))) continue;
      for (const c of conditionSet(ctx, cond, testsWithin(ctx, cond, root), root, 0, true) ?? []) set.codes.add(c);
    }
  }
  for (const c of caughtStatusesGoingRound(ctx, retry)) set.codes.add(c);
  // `catch (HttpClientErrorException.TooManyRequests e) { sleep(d); }`: the caught class is the status test.
  for (const round of caughtStatusRounds(ctx, retry)) set.codes.add(round.occ.code);
  return set;
}

/**
 * `except HTTPStatusError as exc: if exc.response.status_code not in RETRYABLE: raise` and then a wait, in a retry
 * loop: the test sends what it holds out of the loop before the catch goes round, so the transient statuses it does
 * not hold are what the loop retries. Read where the catch (Ruby's rescue) tests the caught error's status first and
 * the rest of the catch goes round — the only status test a retry helper handed its operation has, its request being
 * its callers'.
 */
function caughtStatusesGoingRound(ctx: DiagContext, retry: RetryLoop): string[] {
  const body = retry.loop.body;
  if (!body) return [];
  const out: string[] = [];
  for (const node of ifsWithin(ctx, body)) {
    const clause = ancestorWithin(node.parent, retry.loop.node, CATCH_CLAUSE_OR_RESCUE);
    const handler = clause && (catchBody(clause) ?? clause);
    const cond = ctx.flow.grammar.ifCondition(node);
    const branch = ctx.flow.grammar.ifConsequence(node);
    if (!handler || !cond || !branch || alwaysLeaves(handler)) continue;
    // A lone guard, not an arm of a chain (`elif e.status == 403: return` only sees what earlier arms let through, and
    // an `else` that raises keeps the rest from going round).
    if (ELSE_ARM.test(node.type) || ELSE_ARM.test(node.parent?.type ?? '') || ifClauses(node).length !== 1) continue;
    const tests = testsWithin(ctx, cond, undefined);
    // (`if e.status not in RETRYABLE:`, a named collection of the file, is one membership test, not status tests.)
    const member = tests.length === 0 ? membershipOf(ctx, unwrapped(cond)) : undefined;
    if (member) {
      const leaves = (c: string) => member.codes.has(c) !== member.negated;
      const leaving = branchOutcome(ctx, branch, retry.loop.fn?.name, subjectRoot(member.subject));
      if (leaving.final && !leaving.continues && !leaving.retries) out.push(...TRANSIENT_STATUSES.filter((c) => !leaves(c)));
      continue;
    }
    const root = tests.length > 0 ? subjectRoot(tests[0].subject) : undefined;
    if (!root || tests.some((t) => subjectRoot(t.subject) !== root)) continue;
    const outcome = branchOutcome(ctx, branch, retry.loop.fn?.name, root);
    if (!outcome.final || outcome.continues || outcome.retries) continue;
    const leaving = leavingSet(ctx, cond, tests, root);
    if (!leaving) continue;
    for (const c of TRANSIENT_STATUSES) if (!leaving.has(c)) out.push(c);
  }
  return out;
}

/**
 * The statuses for which a leaving test holds. `attempt >= max || (e.status !== 429 && e.status < 500)`: a side with no
 * status test (the attempt cap, a flag) lets everything out sooner or later, not at once — the status side says what
 * leaves at once.
 */
function leavingSet(ctx: DiagContext, cond: Node, tests: readonly StatusTest[], root: string): Set<string> | undefined {
  const inner = unwrapped(cond);
  if (booleanOperator(inner) !== 'or') return conditionSet(ctx, cond, tests, root);
  const sides = inner.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  const tested = sides.filter((side) => testsWithin(ctx, side, root).length > 0);
  if (tested.length === 0 || tested.length === sides.length) return conditionSet(ctx, cond, tests, root);
  const sets = tested.map((side) => conditionSet(ctx, side, testsWithin(ctx, side, root), root));
  return sets.some((set) => set === undefined) ? undefined : new Set(sets.flatMap((set) => [...set!]));
}

/** A condition without its parentheses (Python's `if (x):`, C-like `if (x)`). */
function unwrapped(condition: Node): Node {
  let n = condition;
  while (/^(parenthesized_expression|condition_clause)$/.test(n.type) && n.namedChildCount === 1) n = n.namedChildren[0]!;
  return n;
}

/** Nodes that are (or hold) a later arm of an if chain. */
const ELSE_ARM = /^(elif_clause|else_clause|else_if_clause|else|elsif)$/;

const CATCH_CLAUSE_OR_RESCUE = /^(catch_clause|except_clause|catch_block|rescue)$/;

/**
 * Every way the branch goes round (a `continue` of the loop, a wait) sits in an if nested in it whose condition tests the
 * response's status again (`if response.status in self._retryable_statuses and attempt < max:`).
 */
export function roundOnlyUnderNestedTest(ctx: DiagContext, branch: Node, retry: RetryLoop): boolean {
  const root = retry.request.responseVar;
  if (!root) return false;
  // (A block starts where its first statement does: the nested ifs are those inside it, not the if it belongs to.)
  const nested = ifsWithin(ctx, branch).filter((n) => n.id !== branch.id && n.id !== branch.parent?.id);
  const statusIfs = nested.filter((n) => {
    const cond = ctx.flow.grammar.ifCondition(n);
    return !!cond && (testsWithin(ctx, cond, root).length > 0 || membershipTests(ctx).some((m) => within(m, cond)) || statusMembership(cond.text, root));
  });
  if (statusIfs.length === 0) return false;
  const { adapter } = ctx.flow;
  const ways: Node[] = retry.loop.continues.filter((c) => within(c, branch));
  const visit = (n: Node): void => {
    if (adapter.calls.has(n.type) && DELAY.test(calleeOf(n, adapter).name)) ways.push(n);
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(branch);
  return ways.length > 0 && ways.every((w) => statusIfs.some((i) => within(w, ctx.flow.grammar.ifConsequence(i) ?? i)));
}

/**
 * `resp.status in FLAKY`, `FLAKY.includes(res.status)`: the response's status tested against a collection, also one
 * this file cannot resolve (imported, computed) — a narrower test all the same, whose codes are not known here.
 */
export function statusMembership(condition: string, root: string): boolean {
  const name = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const status = `${name}\\s*\\.\\s*(?:status|status_code|statusCode|StatusCode|code)\\b`;
  return new RegExp(`${status}\\s+(?:not\\s+)?in\\s+[\\w.]+|\\.(?:includes|contains|Contains|has|__contains__|include\\?)\\(\\s*${status}`).test(condition);
}

/** The if statements inside a loop body, not inside a function written in it. */
export function ifsWithin(ctx: DiagContext, body: Node): Node[] {
  const { grammar } = ctx.flow;
  const found: Node[] = [];
  const visit = (n: Node): void => {
    if (grammar.functions.has(n.type)) return;
    if (grammar.ifs.has(n.type)) found.push(n);
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(body);
  return found;
}

/** The condition of a while / do-while loop (`while resp.status_code == 503`), which decides going round. */
export function loopCondition(loop: RetryLoop['loop']): Node | null {
  if (loop.kind === 'collection') return null;
  const own = loop.node.childForFieldName('condition');
  if (own || loop.node.type !== 'for_statement') return own;
  // Go keeps it unnamed: `for cond { … }` holds the expression bare, `for i := 0; i < n; i++ { … }` in its for_clause.
  const parts = loop.node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (parts.length !== 2 || parts[1].type !== 'block') return null;
  if (parts[0].type === 'for_clause') return parts[0].childForFieldName('condition');
  return parts[0].type === 'range_clause' ? null : parts[0];
}

export function isRetried(set: RetriedSet, code: string): boolean {
  const n = Number(code);
  return set.codes.has(code) || (Number.isFinite(n) && n >= set.from);
}

/**
 * A test that catches failures wholesale: `status != 200`, `status >= 400`, `status >= 500`
 * (with the transient statuses it lets through), or undefined when the test is not one.
 */
export function wholesaleFailureCodes(test: StatusTest): string[] | undefined {
  const code = Number(test.occ.code);
  if (!Number.isFinite(code)) return undefined;
  if ((test.op === '!=' || test.op === '!==') && code >= 200 && code < 300) return TRANSIENT_STATUSES;
  if (test.op === '>=' || test.op === '>') {
    const lowest = test.op === '>' ? code + 1 : code;
    if (lowest < 300 || lowest > 500) return undefined;
    return TRANSIENT_STATUSES.filter((c) => Number(c) >= lowest);
  }
  return undefined;
}

function sameResponse(test: StatusTest, retry: RetryLoop): boolean {
  const root = subjectRoot(test.subject);
  const responseVar = retry.request.responseVar;
  return !responseVar || !root || root === responseVar || root === 'status' || root === 'code' || /status|code/i.test(root) || errorViews(retry.loop.node, responseVar).includes(root);
}


function waits(ctx: DiagContext, branch: Node): boolean {
  const { adapter } = ctx.flow;
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (adapter.calls.has(n.type) && DELAY.test(calleeOf(n, adapter).name)) found = true;
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(branch);
  return found;
}
