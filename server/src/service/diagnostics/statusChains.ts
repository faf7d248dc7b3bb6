import type { Node } from 'web-tree-sitter';
import { branchOutcome, type BranchOutcome, RETRY_CALL, subjectRoot } from './branches';
import { alwaysLeaves, chainTop, type Clause, hasStatements, ifClauses, LEAVES, nestedIfs, subjectlessSwitchArms } from './chainSyntax';
import { membershipOf, membershipTests } from './constantSets';
import type { DiagContext } from './context';
import { enclosingFn, enclosingLoops, firstCallFrom, type FnInfo } from './flow/flowModel';
import { callWaits } from './functionSummaries';
import { awaitsResult, enqueuesTask } from './waitCalls';
import { givesUp, successCheck } from './giveUps';
import { allTransient, conditionSet, holdsFor, parameterAt, testsNamedSet, testsWithin } from './statusSets';

/**
 * A place where the statuses left over by a chain of tests give up: an `else`/`default` arm, or a
 * statement after tests whose arms all leave (`if ok: return …` / `if 429: sleep; continue` / `raise`).
 */
export interface RemainderGiveUp {
  /** The arm or the statement that gives up. */
  at: Node;
  /** `at` is an arm of the chain (else/default, or a wholesale test), not a statement after it. */
  arm: boolean;
  /** The give-up is in a function of the file this call hands the response to (`self._get_body(response)`). */
  via?: Node;
  /** The first test of the chain (a comparison, or a membership in a named set), for the finding's data. */
  first: Node;
  /** Transient statuses that reach it. */
  codes: Set<string>;
  /** Transient statuses some arm of the chain retries (waits, continues or calls a retry). */
  retried: Set<string>;
  final: NonNullable<BranchOutcome['final']>;
}

/**
 * Walks an if chain on `root`'s status and the statements after it in the same block, narrowing the
 * set of transient statuses that can still be there, and returns where the remainder gives up.
 */
export function remainderGiveUps(ctx: DiagContext, top: Node, root: string, depth = 0): RemainderGiveUp[] {
  const key = `${top.id}:${root}:${depth}`;
  let memo = walks.get(ctx);
  if (!memo) walks.set(ctx, (memo = new Map()));
  let result = memo.get(key);
  if (!result) memo.set(key, (result = walkChain(ctx, top, root, depth)));
  return result;
}

/** Ifs that start a chain of arms: C-family and Python statements, Kotlin's if expression, Ruby's `if`. */
const CHAIN_IF = /^(if_statement|if_expression|if)$/;

/** Walks, per analysis, by chain top, response and helper depth (a helper is reached from every caller). */
const walks = new WeakMap<DiagContext, Map<string, RemainderGiveUp[]>>();

/**
 * Something around this chain could retry: it sits in a loop (also through a function called where it is
 * written), or its function calls a wait, a retry or re-queue, or itself. Without any, no status is
 * retried there and the walk can be skipped (a helper's chains are still read from its callers' walks).
 */
export function mayRetryAround(ctx: DiagContext, top: Node): boolean {
  if (enclosingLoops(ctx.flow, top).some((l) => l.kind !== 'collection')) return true;
  const fn = enclosingFn(ctx.flow, top);
  let memo = retriesByFn.get(ctx);
  if (!memo) retriesByFn.set(ctx, (memo = new Map()));
  let answer = memo.get(fn);
  if (answer === undefined) memo.set(fn, (answer = callsRetry(ctx, fn)));
  return answer;
}

const retriesByFn = new WeakMap<DiagContext, Map<FnInfo | undefined, boolean>>();

/** The function (or the file's top level) calls a wait, a retry or re-queue, or itself. */
function callsRetry(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  const calls = ctx.flow.calls;
  const start = fn?.start ?? 0;
  const end = fn?.end ?? Infinity;
  for (let i = firstCallFrom(ctx.flow, start); i < calls.length && calls[i].start < end; i++) {
    const name = calls[i].name;
    // (Itself: called bare or on self/this — `def get(url): return requests.get(url)` calls the library, not itself.)
    const itself = fn?.name && name === fn.name && (!calls[i].receiver || /^(self|this|cls|super)$/.test(calls[i].receiver!));
    if (RETRY_CALL.test(name) || (callWaits(ctx.flow, name) && !enqueuesTask(calls[i], ctx.flow.grammarName) && !awaitsResult(calls[i])) || itself || ctx.settings.retryFunctionNames.includes(name)) return true;
  }
  return false;
}

/** Chain tops a walk from an earlier top of the same response already went through. */
export function walkedPast(ctx: DiagContext, top: Node, root: string): boolean {
  return passed.get(ctx)?.has(`${top.id}:${root}`) === true;
}

const passed = new WeakMap<DiagContext, Set<string>>();

function walkChain(ctx: DiagContext, top: Node, root: string, depth: number): RemainderGiveUp[] {
  const arms = subjectlessSwitchArms(top);
  if (arms) return armGiveUps(ctx, top, arms, root);
  if (!CHAIN_IF.test(top.type) && top.type !== 'elif_clause') return switchGiveUps(ctx, top, root);
  let seen = passed.get(ctx);
  if (!seen) passed.set(ctx, (seen = new Set()));
  const fnName = enclosingFn(ctx.flow, top)?.name;
  const result: RemainderGiveUp[] = [];
  // (Inside `if (status >= 400 && status < 500) { … }` only what that test holds for reaches the chain.)
  let remaining = enclosingTestSet(ctx, top, root) ?? allTransient();
  const retried = new Set<string>();
  let first: Node | undefined;
  for (let stmt: Node | null = top; stmt; stmt = stmt.nextNamedSibling) {
    if (/comment/.test(stmt.type)) continue;
    if (CHAIN_IF.test(stmt.type)) {
      const clauses = ifClauses(stmt);
      const tested = clauses.flatMap((c) => (c.condition ? testsWithin(ctx, c.condition, root) : []));
      const named = clauses.find((c) => c.condition && (testsNamedSet(ctx, c.condition, root) || conditionSet(ctx, c.condition, [], root, 0, true) !== undefined));
      if (tested.length === 0 && !named) {
        // `if (response) { throw new ApiError(response.status) }` after the chain: every status left reaches that arm.
        const present = first && clauses.length === 1 && clauses[0].condition && presenceTest(clauses[0].condition, root);
        if (present) {
          const outcome = branchOutcome(ctx, clauses[0].body, fnName, root);
          if (outcome.final && !outcome.continues && !outcome.retries && alwaysLeaves(clauses[0].body) && givesUp(ctx, outcome.final)) {
            result.push({ at: clauses[0].node, arm: true, first: first!, codes: new Set(remaining), retried, final: outcome.final });
            return result;
          }
        }
        if (first) continue; // an unrelated test between the chain and the give-up leaves the set as it was
        return result;
      }
      first ??= tested[0]?.test ?? named!.condition!;
      if (stmt.id !== top.id) seen.add(`${stmt.id}:${root}`);
      let covered = true;
      let narrowed = remaining;
      for (const clause of clauses) {
        const outcome = branchOutcome(ctx, clause.body, fnName, root);
        const retries = outcome.continues || outcome.retries;
        if (clause.condition) {
          const tests = testsWithin(ctx, clause.condition, root);
          const set = conditionSet(ctx, clause.condition, tests, root);
          // The codes a retrying arm names are retried, even when more than the status decides (attempts left).
          if (retries) for (const t of tests) for (const c of holdsFor(t) ?? []) if (!t.negated && /^(==|===|in|is|case)$/.test(t.op)) retried.add(c);
          if (retries && set) for (const c of set) retried.add(c);
          else if (retries && !set) for (const c of conditionSet(ctx, clause.condition, tests, root, 0, true) ?? []) retried.add(c);
          // An arm that catches failures wholesale (`!= 200`, `>= 400`) and gives up takes what is left of its set.
          const wholesale = set && (tests.length === 0 || tests.some((t) => !/^(==|===|in|is|case)$/.test(t.op) || t.negated));
          if (wholesale && outcome.final && !retries && alwaysLeaves(clause.body)) {
            const codes = new Set([...narrowed].filter((c) => set.has(c)));
            if (codes.size) result.push({ at: clause.node, arm: true, first: tests[0]?.test ?? clause.condition, codes, retried, final: outcome.final });
          }
          if (set && alwaysLeaves(clause.body)) narrowed = new Set([...narrowed].filter((c) => !set.has(c)));
          else if (!set) covered = false;
        } else {
          if (covered && outcome.final && !retries && alwaysLeaves(clause.body) && givesUp(ctx, outcome.final)) result.push({ at: clause.node, arm: true, first, codes: new Set(narrowed), retried, final: outcome.final });
          return result; // nothing after an if with an else is reached by what the chain left over
        }
      }
      remaining = narrowed;
      continue;
    }
    if (!first) return result;
    const check = successCheck(ctx, stmt, root);
    if (check) {
      result.push({ at: stmt, arm: false, first, codes: new Set(remaining), retried, final: { node: check, kind: 'raise' } });
      return result;
    }
    for (const handed of helperGiveUps(ctx, stmt, root, depth)) {
      const codes = new Set([...remaining].filter((c) => handed.codes.has(c)));
      if (codes.size) result.push({ ...handed, codes, retried, via: handed.via });
    }
    if (/^expression_statement$/.test(stmt.type)) {
      // `queued.reject(error)`, `panic(…)`, `sys.exit(1)` as a statement of their own: the operation ends here.
      const ends = branchOutcome(ctx, stmt, fnName, root);
      if (ends.final && ends.final.kind !== 'return' && !ends.continues && !ends.retries && ctx.flow.adapter.calls.has(ends.final.node.type)) {
        result.push({ at: stmt, arm: false, first, codes: new Set(remaining), retried, final: ends.final });
        return result;
      }
    }
    if (!LEAVES.test(stmt.type)) {
      // Tests nested in a try/with/block after the chain see what it left (`try: … except: if not r.ok: raise`).
      for (const nested of nestedIfs(stmt)) {
        for (const clause of ifClauses(nested)) {
          const set = clause.condition ? conditionSet(ctx, clause.condition, testsWithin(ctx, clause.condition, root), root) : undefined;
          const outcome = set && branchOutcome(ctx, clause.body, fnName, root);
          if (!set || !outcome || !outcome.final || outcome.continues || outcome.retries || !alwaysLeaves(clause.body) || !givesUp(ctx, outcome.final)) continue;
          const codes = new Set([...remaining].filter((c) => set.has(c)));
          if (codes.size) result.push({ at: clause.node, arm: true, first, codes, retried, final: outcome.final });
          // Whatever that arm took does not come out of the statement.
          if (alwaysLeaves(clause.body)) remaining = new Set([...remaining].filter((c) => !set.has(c)));
        }
      }
      continue;
    }
    const outcome = branchOutcome(ctx, stmt, fnName, root);
    if (outcome.final && !outcome.continues && !outcome.retries && givesUp(ctx, outcome.final)) result.push({ at: stmt, arm: false, first, codes: new Set(remaining), retried, final: outcome.final });
    return result;
  }
  return result;
}

/**
 * The transient statuses that can reach `node` past the tests of the same response in the if arms around it, up to
 * its function (`if (res.status >= 400 && res.status < 500) { if (res.status === 429) … throw … }`: no 5xx); undefined
 * when no arm around it tests the response.
 */
function enclosingTestSet(ctx: DiagContext, node: Node, root: string): Set<string> | undefined {
  const fn = enclosingFn(ctx.flow, node);
  let reaching: Set<string> | undefined;
  for (let child: Node = node, up: Node | null = node.parent; up && up.id !== fn?.node.id; child = up, up = up.parent) {
    if (!ctx.flow.grammar.ifs.has(up.type)) continue;
    const clause = ifClauses(up).find((c) => c.body.startIndex <= child.startIndex && child.endIndex <= c.body.endIndex);
    if (!clause?.condition) continue;
    const set = conditionSet(ctx, clause.condition, testsWithin(ctx, clause.condition, root), root);
    if (!set) continue;
    reaching = new Set([...(reaching ?? allTransient())].filter((c) => set.has(c)));
  }
  return reaching;
}

/**
 * Give-ups in functions of the file that a statement hands the response to (`body = self._get_body(response)`):
 * what the helper's own chains give up on for that parameter, seen from the call.
 */
function helperGiveUps(ctx: DiagContext, stmt: Node, root: string, depth: number): RemainderGiveUp[] {
  if (depth > 1) return [];
  const found: RemainderGiveUp[] = [];
  const { adapter } = ctx.flow;
  const calls = ctx.flow.calls;
  const stmtStart = stmt.startIndex;
  const stmtEnd = stmt.endIndex;
  const byName = functionsByName(ctx);
  for (let i = firstCallFrom(ctx.flow, stmtStart); i < calls.length && calls[i].start < stmtEnd; i++) {
    const call = calls[i];
    const named = byName.get(call.name);
    if (!named) continue;
    const helpers = named.filter((f) => !(f.start <= call.start && call.end <= f.end));
    if (helpers.length !== 1) continue;
    const index = adapter.callArguments(call.node).findIndex((a) => a.text === root);
    if (index < 0) continue;
    const param = parameterAt(helpers[0], index);
    if (!param) continue;
    for (const { top, root: helperRoot } of statusChains(ctx)) {
      if (helperRoot !== param || top.startIndex < helpers[0].start || top.endIndex > helpers[0].end) continue;
      for (const g of remainderGiveUps(ctx, top, param, depth + 1)) found.push({ ...g, via: call.node });
    }
  }
  return found;
}

/**
 * A switch on the status: each case takes its labels (an empty case falls through into the next), and a
 * `default` arm that gives up takes what the cases before it left over.
 */
export function switchGiveUps(ctx: DiagContext, container: Node, root: string): RemainderGiveUp[] {
  const { grammar, adapter } = ctx.flow;
  const fnName = enclosingFn(ctx.flow, container)?.name;
  let remaining = allTransient();
  const retried = new Set<string>();
  let pending = new Set<string>();
  const passing = new Set<string>();
  let first: Node | undefined;
  for (const clause of container.namedChildren) {
    if (!clause || !(grammar.cases.has(clause.type) || adapter.cases.has(clause.type) || /^(switch_default|default_case)$/.test(clause.type))) continue;
    // (C# `_ => throw …` in a switch expression, Kotlin `else -> …` in a `when` on the status.)
    const isDefault = /^default\b/.test(clause.text) || /^case\s+_\s*:/.test(clause.text) || /^_\s*=>/.test(clause.text) || /^else\s*->/.test(clause.text);
    const outcome = branchOutcome(ctx, clause, fnName, root);
    if (isDefault) {
      if (first && outcome.final && !outcome.continues && !outcome.retries && givesUp(ctx, outcome.final)) {
        return [{ at: clause, arm: true, first, codes: remaining, retried, final: outcome.final }];
      }
      return [];
    }
    const labels = ctx.clientTests().filter((t) => t.guard?.id === clause.id && t.op === 'case');
    if (labels.length === 0) return []; // a case on something else: the set is no longer known
    first ??= labels[0].test;
    for (const t of labels) for (const c of holdsFor(t) ?? []) pending.add(c);
    // (An arm of a C# switch expression always has its value: `HttpStatusCode.TooManyRequests => Task.Delay(d)`.)
    if (clause.type !== 'switch_expression_arm' && !hasStatements(clause)) continue;
    if (outcome.continues || outcome.retries) for (const c of pending) retried.add(c);
    remaining = new Set([...remaining].filter((c) => !pending.has(c)));
    // A case that does not leave goes on after the switch (Go, Kotlin `when`, C# needs a break to get there).
    if (!alwaysLeaves(clause.namedChildren.find((c) => c?.type === 'statement_list') ?? clause)) for (const c of pending) passing.add(c);
    pending = new Set();
  }
  // No default: what no case took, and what a case did and went on from, reaches the statement after the switch
  // (`switch status { case 500, 502, 504: backlog(n) }; return fmt.Errorf(…)` makes a 503 final).
  const after = first && container.nextNamedSibling;
  if (after && !/comment/.test(after.type)) {
    const outcome = branchOutcome(ctx, after, fnName, root);
    const codes = new Set([...remaining, ...passing]);
    if (codes.size && outcome.final && !outcome.continues && !outcome.retries && givesUp(ctx, outcome.final)) {
      return [{ at: after, arm: false, first: first!, codes, retried, final: outcome.final }];
    }
  }
  return [];
}

/**
 * A switch on nothing read like an if chain: each arm's condition takes its statuses when the arm always leaves,
 * and a default arm that gives up takes what the arms before it left over. An arm about something else ends the walk.
 */
function armGiveUps(ctx: DiagContext, container: Node, arms: Clause[], root: string): RemainderGiveUp[] {
  const fnName = enclosingFn(ctx.flow, container)?.name;
  let remaining = allTransient();
  const retried = new Set<string>();
  let first: Node | undefined;
  for (const arm of arms) {
    const outcome = branchOutcome(ctx, arm.body, fnName, root);
    if (!arm.condition) {
      if (first && outcome.final && !outcome.continues && !outcome.retries && alwaysLeaves(arm.body) && givesUp(ctx, outcome.final)) {
        return [{ at: arm.node, arm: true, first, codes: remaining, retried, final: outcome.final }];
      }
      return [];
    }
    const tests = testsWithin(ctx, arm.condition, root);
    const set = conditionSet(ctx, arm.condition, tests, root);
    if (!set) return [];
    first ??= tests[0]?.test ?? arm.condition;
    if (outcome.continues || outcome.retries) for (const c of set) retried.add(c);
    if (alwaysLeaves(arm.body) || outcome.continues) remaining = new Set([...remaining].filter((c) => !set.has(c)));
  }
  return [];
}

/** The if chains (by their top) whose conditions test the status of some response, with that response's name. */
export function statusChains(ctx: DiagContext): Array<{ top: Node; root: string }> {
  let chains = chainCache.get(ctx);
  if (!chains) chainCache.set(ctx, (chains = findStatusChains(ctx)));
  return chains;
}

const chainCache = new WeakMap<DiagContext, Array<{ top: Node; root: string }>>();

function findStatusChains(ctx: DiagContext): Array<{ top: Node; root: string }> {
  const seen = new Set<number>();
  const chains: Array<{ top: Node; root: string }> = [];
  for (const test of ctx.clientTests()) {
    const root = subjectRoot(test.subject);
    if (!test.guard || !root) continue;
    if (test.op === 'case' && test.guard.parent && !seen.has(test.guard.parent.id)) {
      seen.add(test.guard.parent.id);
      chains.push({ top: test.guard.parent, root });
      continue;
    }
    // An arm of a switch on nothing (Go `switch { case r.StatusCode == 429: … }`, Kotlin `when { … }`).
    if (test.guard.parent && subjectlessSwitchArms(test.guard.parent)) {
      if (!seen.has(test.guard.parent.id)) chains.push({ top: test.guard.parent, root });
      seen.add(test.guard.parent.id);
      continue;
    }
    if (!ctx.flow.grammar.ifs.has(test.guard.type)) continue;
    const top = chainTop(test.guard);
    if (seen.has(top.id)) continue;
    seen.add(top.id);
    chains.push({ top, root });
  }
  // Chains whose only test is a membership in a named collection (`if r.status_code in RETRIABLE:`).
  for (const member of membershipTests(ctx)) {
    const root = subjectRoot(membershipOf(ctx, member)?.subject);
    let n: Node | null = member.parent;
    while (n && !ctx.flow.grammar.ifs.has(n.type) && !ctx.flow.grammar.functions.has(n.type) && !/statement$/.test(n.type)) n = n.parent;
    if (!root || !n || !ctx.flow.grammar.ifs.has(n.type)) continue;
    const top = chainTop(n);
    if (seen.has(top.id)) continue;
    seen.add(top.id);
    chains.push({ top, root });
  }
  // Chains that start with a predicate of the file handed a response (`if (shouldRetry(response))`).
  const fnNames = new Set(ctx.flow.fns.map((f) => f.name).filter((n): n is string => !!n));
  for (const call of ctx.flow.calls) {
    if (!fnNames.has(call.name)) continue;
    const arg = ctx.flow.adapter.callArguments(call.node).find((a) => a.type === 'identifier');
    if (!arg) continue;
    let n: Node | null = call.node.parent;
    while (n && !ctx.flow.grammar.ifs.has(n.type) && !ctx.flow.grammar.functions.has(n.type) && !/statement$/.test(n.type)) n = n.parent;
    if (!n || !ctx.flow.grammar.ifs.has(n.type)) continue;
    const condition = n.childForFieldName('condition');
    if (!condition || conditionSet(ctx, condition, [], arg.text, 0, true) === undefined) continue;
    const top = chainTop(n);
    if (seen.has(top.id)) continue;
    seen.add(top.id);
    chains.push({ top, root: arg.text });
  }
  // Earliest first: a walk from the first test of a function sees what the later ones leave over.
  return chains.sort((a, b) => a.top.startIndex - b.top.startIndex);
}

const fnsByName = new WeakMap<DiagContext, Map<string, FnInfo[]>>();

/** The file's named functions by name (once per analysis). */
export function functionsByName(ctx: DiagContext): Map<string, FnInfo[]> {
  let map = fnsByName.get(ctx);
  if (!map) {
    map = new Map();
    for (const fn of ctx.flow.fns) {
      if (!fn.name) continue;
      const list = map.get(fn.name);
      if (list) list.push(fn);
      else map.set(fn.name, [fn]);
    }
    fnsByName.set(ctx, map);
  }
  return map;
}

/** A test that only asks whether the response is there: `if (response)`, `if resp is not None:`, `if res != nil`. */
function presenceTest(condition: Node, root: string): boolean {
  const text = condition.text.replace(/^\(\s*|\s*\)$/g, '').trim();
  const escaped = root.replace(/[$]/g, '\\$');
  return new RegExp(`^(?:${escaped}|${escaped}\\s*(?:!==?|is\\s+not)\\s*(?:null|undefined|None|nil))$`).test(text);
}
