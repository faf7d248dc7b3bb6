import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { CallInfo, LoopInfo } from './flow/flowModel';
import { blockStatements, ifClauses } from './chainSyntax';
import { PROBED_STATUSES } from './failureSets';
import { conditionSetOver, testsWithin } from './statusSets';
import type { RequestInfo } from './requests';

/*
 * Go hands a call's failure back as a value: `_, err = client.CreateThing(ctx, in)`, then `if err != nil { …; continue }`.
 * In a loop, what the `err` branch does decides what goes round: a branch that stays (no return, break or panic at its
 * end; a `continue`, a log line, a counter) sends the call again on every failure its error stands for, except the
 * statuses a test inside the branch gives up on (`if resp.StatusCode == http.StatusForbidden { return }`). The other
 * spelling, `if err == nil { break }` with the failure path after it, goes round the same way.
 *
 * What an error stands for depends on the call: a net/http `Do` fails only on the transport (a status comes back as a
 * response), while a generated gRPC stub, a go-github-style SDK call or a sender of the file fails on every status.
 */

/** How one round of a loop goes on after a Go call's error value. */
export interface GoErrorPath {
  /** The error variable (`err`). */
  errVar: string;
  /** The statements that run on a failure: the `err != nil` branch, or what follows `if err == nil { leave }`. */
  failure: Node[];
  /** The failure path goes round again: it ends without leaving the loop. */
  stays: boolean;
  /** The if statement that tests the error. */
  check: Node;
}

/** Statements that leave the loop (a `continue` goes round). */
const LEAVES_LOOP = /^(return_statement|break_statement|goto_statement)$/;
/** Calls that end the program or unwind it, as a statement of their own. */
const EXITS = /^(panic|os\.Exit|log\.Fatal\w*|log\.Panic\w*)\(/;

/** The failure path of the call's error value in one round of `loop`, when the call's statement sits directly in its body. */
export function goErrorPath(call: CallInfo, loop: LoopInfo): GoErrorPath | undefined {
  if (!loop.body) return undefined;
  const statement = statementIn(call.node, loop.body);
  if (!statement || !/^(short_var_declaration|assignment_statement)$/.test(statement.type)) return undefined;
  const left = statement.childForFieldName('left');
  const names = left ? left.namedChildren.filter((n): n is Node => n !== null).map((n) => n.text) : [];
  const errVar = names[names.length - 1];
  if (!errVar || !/^err\w*$/.test(errVar)) return undefined;
  const after: Node[] = [];
  for (let s = statement.nextNamedSibling; s; s = s.nextNamedSibling) if (!/comment/.test(s.type)) after.push(s);
  for (let i = 0; i < after.length; i++) {
    const s = after[i];
    if (s.type !== 'if_statement') continue;
    const condition = s.childForFieldName('condition')?.text.replace(/\s+/g, ' ').trim();
    const clauses = ifClauses(s);
    if (condition === `${errVar} != nil`) {
      const failure = blockStatements(clauses[0].body);
      // A branch that runs on into the rest of the round (`if err != nil { if ok(err) { continue } }; return resp, err`)
      // stays only when that rest does.
      const last = failure[failure.length - 1];
      // (A rest that may leave on what the failed call left behind — `if len(repos) == 0 { break }` — is not read.)
      const stays = !!last && last.type === 'continue_statement' ? true : !endsLeaving(failure) && !after.slice(i + 1).some(mayLeave);
      return { errVar, failure, stays, check: s };
    }
    // (`if err == nil && resp.IsSuccess() { return … }`: a failed call never takes that branch either.)
    if ((condition === `${errVar} == nil` || condition?.startsWith(`${errVar} == nil && `)) && clauses.length === 1 && endsLeaving(blockStatements(clauses[0].body))) {
      const failure = after.slice(i + 1);
      return { errVar, failure, stays: !endsLeaving(failure), check: s };
    }
    // Another test first (`if ctx.Err() != nil { return }`) is not about this call's failure.
  }
  return undefined;
}

/**
 * The statuses a retry loop sends again through a Go call whose error stands for every failure status: all of them,
 * less those a test inside the failure path gives up on. Undefined when the error does not stand for statuses, the
 * failure path leaves, or it gives up on a test the model cannot read (`if errors.As(err, &rl) { return err }`).
 */
export function goErrorRetried(ctx: DiagContext, request: RequestInfo, loop: LoopInfo): Set<string> | undefined {
  if (ctx.flow.grammarName !== 'go' || !errorCarriesStatus(request)) return undefined;
  const path = goErrorPath(request.call, loop);
  if (!path || !path.stays) return undefined;
  const retried = new Set(PROBED_STATUSES);
  for (const s of path.failure) {
    if (s.type !== 'if_statement') continue;
    const clauses = ifClauses(s);
    const aboutFailure = clauses.some((c) => c.condition && mentions(c.condition, [path.errVar, request.responseVar]));
    for (const clause of clauses) {
      if (!endsLeaving(blockStatements(clause.body))) continue;
      // `if n < 5 { wait } else { return }`: the cap on attempts, not a give-up on the failure.
      if (!clause.condition) {
        if (aboutFailure) return undefined;
        continue;
      }
      const root = request.responseVar;
      const tests = root ? testsWithin(ctx, clause.condition, root) : [];
      if (tests.length > 0) {
        const leaving = conditionSetOver(ctx, PROBED_STATUSES, clause.condition, tests, root);
        if (!leaving) return undefined;
        for (const c of leaving) retried.delete(c);
        continue;
      }
      // A give-up on the error itself the model cannot read; a cap on attempts (`if n >= 5 { return }`) is not.
      if (mentions(clause.condition, [path.errVar])) return undefined;
    }
  }
  // A gRPC stub's failure is a gRPC status: its refusals map onto 400/403/404, but no Retry-After comes with them.
  if (request.inferred === 'sdk' && ctx.flow.imports.some((i) => i === 'google.golang.org/grpc' || i.startsWith('google.golang.org/grpc/'))) {
    retried.delete('429');
    retried.delete('503');
  }
  return retried;
}

/**
 * The call's error stands for a failure status: a generated stub, an SDK or a sender — anything but the standard
 * library's transports, whose error is a failed exchange only.
 */
function errorCarriesStatus(request: RequestInfo): boolean {
  if (request.library === 'net/http' || request.library === 'fasthttp') return false;
  return request.inferred === 'sdk' || request.inferred === 'status-read' || request.library === 'unknown';
}

function mentions(node: Node, names: Array<string | undefined>): boolean {
  return names.some((n) => !!n && new RegExp(`(^|[^\\w.])${n}\\b`).test(node.text));
}

function statementIn(node: Node, body: Node): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    const p = n.parent;
    if (!p) return undefined;
    if (p.id === body.id || (p.type === 'statement_list' && p.parent?.id === body.id)) return n;
    if (/^(func_literal|function_declaration|method_declaration|for_statement)$/.test(p.type)) return undefined;
  }
  return undefined;
}

/** A statement that leaves the loop somewhere inside it (not in a nested function or loop). */
function mayLeave(statement: Node): boolean {
  if (LEAVES_LOOP.test(statement.type)) return true;
  if (/^(func_literal|for_statement)$/.test(statement.type)) return false;
  if (statement.type === 'expression_statement' && EXITS.test(statement.text)) return true;
  return statement.namedChildren.some((c) => c !== null && mayLeave(c));
}

/** The statements end by leaving the loop: return, break, panic, or an if/else whose every arm leaves. */
function endsLeaving(statements: Node[]): boolean {
  const last = statements[statements.length - 1];
  if (!last) return false;
  if (LEAVES_LOOP.test(last.type)) return true;
  if (last.type === 'expression_statement' && EXITS.test(last.text)) return true;
  if (last.type === 'if_statement') {
    const clauses = ifClauses(last);
    return clauses.some((c) => c.condition === null) && clauses.every((c) => endsLeaving(blockStatements(c.body)));
  }
  return false;
}
