import type { Node } from 'web-tree-sitter';
import { branchOutcome, subjectRoot } from './branches';
import { alwaysLeaves, chainTop, ifClauses, subjectlessSwitchArms } from './chainSyntax';
import type { DiagContext } from './context';
import { calleeOf, enclosingFn, firstCallFrom } from './flow/flowModel';
import { givesUp } from './giveUps';
import { functionsByName } from './statusChains';
import { conditionSetOver, parameterAt, testsWithin } from './statusSets';

/*
 * Failure sets: for which statuses a piece of code turns a response into a failure (raises, throws, returns
 * an error). A retry structure that goes round on that failure retries exactly those statuses, so what it
 * retries can be read even when no status is named where it retries (`err = c.upload(b); if err == nil`,
 * `try: r.raise_for_status() except HTTPError: sleep(d)`).
 */

/** The statuses a failure set is read over: the transient ones and the client errors that repeat. */
export const PROBED_STATUSES: readonly string[] = ['429', '500', '502', '503', '504', '400', '401', '403', '404', '422'];

/** Client errors in the probe: a structure retrying one of these retries what fails the same way every time. */
export const REPEATING_STATUSES: readonly string[] = ['400', '401', '403', '404', '422'];

/**
 * The repeating 4xx of a failure set, as a finding names them: `4xx` when every probed one is there. Where a 403
 * can be a rate limit (the code around it speaks of rate limits, or calls an API that answers them with 403, such as
 * GitHub's: see DiagContext.isNonRetryable), a 403 is not one of them.
 */
export function repeatingCodes(set: ReadonlySet<string>, rateLimit403 = false): string[] {
  const codes = REPEATING_STATUSES.filter((c) => set.has(c) && !(rateLimit403 && c === '403'));
  if (codes.length === REPEATING_STATUSES.length) return ['4xx'];
  // Others a loop's own tests named and let go round (`if s < 500 and s != 405: break` retries 405).
  return [...codes, ...[...set].filter((c) => !PROBED_STATUSES.includes(c))];
}

/** Calls that raise (or return an error) for every failure status of the response they are made on. */
export const SUCCESS_CHECK = /^(raise_for_status|EnsureSuccessStatusCode|error_for_status|ensureSuccess|ensureSuccessStatusCode|throwIfNotOk)$/;

/**
 * The statuses for which `scope` makes `root`'s response a failure: a success check on it, an if whose
 * condition on it holds and whose branch gives up, a success test that leaves followed by a give-up,
 * or the same in a function of the file it hands the response to (two levels deep).
 */
export function failureSet(ctx: DiagContext, scope: Node, root: string, depth = 0, raisesOnly = false): Set<string> {
  const key = `${scope.id}:${root}:${depth}:${raisesOnly}`;
  let memo = memos.get(ctx);
  if (!memo) memos.set(ctx, (memo = new Map()));
  let set = memo.get(key);
  if (!set) {
    memo.set(key, (set = new Set())); // a cycle through helpers reads as "nothing yet"
    for (const c of readFailureSet(ctx, scope, root, depth, raisesOnly)) set.add(c);
  }
  return set;
}

const memos = new WeakMap<DiagContext, Map<string, Set<string>>>();

/**
 * In source order: an if on the status that always leaves settles its statuses (a give-up adds them, a
 * success return or a retry does not); a later success check or give-up-after-success-test takes the rest.
 * With `raisesOnly`, only raises and throws count as failing (what a surrounding try can catch).
 */
function readFailureSet(ctx: DiagContext, scope: Node, root: string, depth: number, raisesOnly: boolean): Set<string> {
  const out = new Set<string>();
  const settled = new Set<string>();
  const { grammar, adapter } = ctx.flow;
  const fnName = enclosingFn(ctx.flow, scope)?.name;
  const rest = () => PROBED_STATUSES.forEach((c) => !settled.has(c) && out.add(c));
  const fails = (final: NonNullable<ReturnType<typeof branchOutcome>['final']>) => (raisesOnly ? final.kind === 'raise' : givesUp(ctx, final));
  const visit = (n: Node): void => {
    if (n.id !== scope.id && grammar.functions.has(n.type)) return;
    if (adapter.calls.has(n.type)) {
      const { name, receiver } = calleeOf(n, adapter);
      if (SUCCESS_CHECK.test(name) && subjectRoot(receiver) === root) rest();
    }
    // Each arm of an if chain (`elif`, `else if`, `else`) once, from the chain's top: an `else` takes what the
    // arms before it left over, when every one of them tested this response.
    // (A switch on nothing — Kotlin `when { … }`, Go `switch { … }` — is such a chain too.)
    const arms = grammar.ifs.has(n.type) ? (chainTop(n).id === n.id ? ifClauses(n) : undefined) : subjectlessSwitchArms(n);
    if (arms) {
      const taken = new Set<string>();
      let known = true;
      for (const [index, clause] of arms.entries()) {
        let holds: Set<string> | undefined;
        if (clause.condition) holds = conditionSetOver(ctx, PROBED_STATUSES, clause.condition, testsWithin(ctx, clause.condition, root), root);
        else if (known && index > 0) holds = new Set(PROBED_STATUSES.filter((c) => !taken.has(c)));
        if (!holds) {
          known = false;
          continue;
        }
        const arm = new Set([...holds].filter((c) => !taken.has(c)));
        holds.forEach((c) => taken.add(c));
        const outcome = branchOutcome(ctx, clause.body, fnName, root);
        if (outcome.final && !outcome.continues && !outcome.retries && fails(outcome.final)) arm.forEach((c) => !settled.has(c) && out.add(c));
        // `if res.StatusCode < 300 { return … }` then a give-up: every other status fails.
        else if (index === 0 && holds.size === 0 && alwaysLeaves(clause.body) && giveUpAfter(ctx, n, fnName, root, fails)) rest();
        if (alwaysLeaves(clause.body)) arm.forEach((c) => settled.add(c));
      }
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(scope);
  // An unconditional give-up among the scope's own statements (`throw error` after the tests that settle some
  // statuses) fails every status not settled before it.
  for (const statement of ownStatements(scope)) {
    if (grammar.ifs.has(statement.type)) {
      if (!everyArmGivesUp(ctx, statement, fnName, root, fails)) continue;
      rest();
      break;
    }
    const outcome = branchOutcome(ctx, statement, fnName, root);
    if (outcome.continues || outcome.retries) break;
    if (outcome.final) {
      if (fails(outcome.final)) rest();
      break;
    }
  }
  if (depth < 2) for (const c of helperFailures(ctx, scope, root, depth, raisesOnly)) if (!settled.has(c)) out.add(c);
  return out;
}

/** The statements directly in a block (Go's statement_list and a function's body looked through). */
function ownStatements(scope: Node): Node[] {
  let block: Node = scope.childForFieldName('body') ?? scope;
  let list = block.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  if (list.length === 1 && /^(block|statement_block|statement_list)$/.test(list[0].type)) {
    block = list[0];
    list = block.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  }
  return list;
}

/** A statement after `statement` in its block gives the operation up (a raise, an error return). */
function giveUpAfter(ctx: DiagContext, statement: Node, fnName: string | undefined, root: string, fails: (final: NonNullable<ReturnType<typeof branchOutcome>['final']>) => boolean): boolean {
  for (let s = statement.nextNamedSibling; s; s = s.nextNamedSibling) {
    // A later if is conditional (`if err != nil { return }`): only an unconditional statement settles the rest — or an
    // if whose every arm, an else among them, gives up (`if (body.error) throw new Error(body.error); else throw …`).
    if (ctx.flow.grammar.ifs.has(s.type)) {
      if (everyArmGivesUp(ctx, s, fnName, root, fails)) return true;
      continue;
    }
    const outcome = branchOutcome(ctx, s, fnName, root);
    if (outcome.continues || outcome.retries) return false;
    if (outcome.final) return fails(outcome.final);
  }
  return false;
}

/** An if chain with an else, each of whose arms ends in a give-up. */
function everyArmGivesUp(ctx: DiagContext, top: Node, fnName: string | undefined, root: string, fails: (final: NonNullable<ReturnType<typeof branchOutcome>['final']>) => boolean): boolean {
  const arms = ifClauses(top);
  if (arms.length < 2 || arms[arms.length - 1].condition) return false;
  return arms.every((arm) => {
    const outcome = branchOutcome(ctx, arm.body, fnName, root);
    return !!outcome.final && !outcome.continues && !outcome.retries && fails(outcome.final);
  });
}

/** Failures of functions of the file that `scope` hands `root` to (`return c.report(res)`). */
function helperFailures(ctx: DiagContext, scope: Node, root: string, depth: number, raisesOnly: boolean): Set<string> {
  const out = new Set<string>();
  const { adapter } = ctx.flow;
  const calls = ctx.flow.calls;
  const end = scope.endIndex;
  for (let i = firstCallFrom(ctx.flow, scope.startIndex); i < calls.length && calls[i].start < end; i++) {
    const call = calls[i];
    const index = adapter.callArguments(call.node).findIndex((a) => a.text === root);
    if (index < 0) continue;
    const helpers = (functionsByName(ctx).get(call.name) ?? []).filter((f) => !(f.start <= call.start && call.end <= f.end));
    if (helpers.length !== 1) continue;
    const param = parameterAt(helpers[0], index);
    if (param) for (const c of failureSet(ctx, helpers[0].node, param, depth + 1, raisesOnly)) out.add(c);
  }
  return out;
}

/** The function's body gives up on every probed status of `root` (its failure set is the whole probe). */
export function failsOnEverything(set: ReadonlySet<string>): boolean {
  return PROBED_STATUSES.every((c) => set.has(c));
}
