import type { Node } from 'web-tree-sitter';
import type { Occurrence } from '../types';
import type { DiagContext } from './context';
import { within } from './flow/flowModel';
import { alwaysLeaves, ancestorWithin, catchBody } from './chainSyntax';
import type { RetryLoop } from './retryLoops';

/** A catch clause (Ruby's rescue) that takes a client's error class standing for one status, in a retry loop. */
export interface CaughtStatusRound {
  occ: Occurrence;
  /** The caught class as written (`Octokit::TooManyRequests`, `HttpClientErrorException.NotFound`). */
  node: Node;
  clause: Node;
}

const CLAUSE = /^(catch_clause|except_clause|catch_block|rescue)$/;
const cache = new WeakMap<RetryLoop, CaughtStatusRound[]>();

/**
 * The statuses a retry loop goes round on because a clause of it catches their client error class and stays
 * (`catch (HttpClientErrorException.TooManyRequests e) { Thread.sleep(d); }`, `except NotFound: sleep(d)`, Ruby's
 * `rescue Octokit::TooManyRequests; sleep 30; retry`): the class is the status test. A clause that always leaves (throws,
 * returns, breaks) gives its status up instead; a Ruby rescue goes round only where it says `retry`.
 */
export function caughtStatusRounds(ctx: DiagContext, retry: RetryLoop): CaughtStatusRound[] {
  let rounds = cache.get(retry);
  if (rounds) return rounds;
  rounds = [];
  cache.set(retry, rounds);
  const loop = retry.loop.node;
  for (const occ of ctx.occurrences) {
    if (occ.kind !== 'http-status' || occ.role !== 'client-check') continue;
    const node = ctx.nodeOf(occ);
    if (!node || !within(node, loop)) continue;
    const clause = ancestorWithin(node.parent, loop, CLAUSE);
    if (!clause) continue;
    const body = clauseBody(clause);
    // Only a class the clause names before its body: a status tested inside the body is a test of its own.
    if (!body || node.startIndex >= body.startIndex) continue;
    // (A clause nested in a function literal of the loop is that function's, not the loop's.)
    if (nearestFunction(ctx, node, loop)) continue;
    if (!staysInLoop(ctx, clause, body)) continue;
    rounds.push({ occ, node, clause });
  }
  return rounds;
}

/** The clause's statements: its block, or for a Ruby rescue its `then`. */
function clauseBody(clause: Node): Node | undefined {
  if (clause.type === 'rescue') return clause.childForFieldName('body') ?? clause.namedChildren.find((c): c is Node => c !== null && c.type === 'then');
  return catchBody(clause);
}

function staysInLoop(ctx: DiagContext, clause: Node, body: Node): boolean {
  if (ctx.flow.grammarName === 'ruby') return /(^|[\s;])retry\b/m.test(body.text);
  void clause;
  return !alwaysLeaves(body);
}

function nearestFunction(ctx: DiagContext, node: Node, stop: Node): boolean {
  for (let n = node.parent; n && n.id !== stop.id; n = n.parent) if (ctx.flow.grammar.functions.has(n.type)) return true;
  return false;
}
