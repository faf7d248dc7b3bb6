import type { Node } from 'web-tree-sitter';
import type { Occurrence } from '../types';
import type { DiagContext } from './context';
import { calleeOf } from './flow/flowModel';

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
}

const BOOLEAN = /^(boolean_operator|binary_expression|parenthesized_expression|not_operator|unary_expression|prefix_unary_expression|condition)$/;

export function statusTest(ctx: DiagContext, occ: Occurrence): StatusTest | undefined {
  const node = ctx.nodeOf(occ);
  if (!node) return undefined;
  const { adapter, grammar } = ctx.flow;
  let test: Node | undefined;
  let op = '';
  let subject: Node | null | undefined;
  for (let n: Node | null = node; n && n.endIndex - n.startIndex < 400; n = n.parent) {
    if (adapter.binaries.has(n.type) && /^(==|!=|===|!==|<|<=|>|>=|in|not in|is|is not)$/.test(adapter.operatorOf(n).trim())) {
      test = n;
      op = adapter.operatorOf(n).trim();
      subject = n.namedChildren.find((c) => c !== null && !(c.startIndex <= node.startIndex && node.endIndex <= c.endIndex));
      break;
    }
    if (adapter.calls.has(n.type) && /^(includes|contains|Contains|has|__contains__)$/.test(calleeOf(n, adapter).name)) {
      test = n;
      op = 'in';
      subject = adapter.callArguments(n)[0];
      break;
    }
    if (grammar.cases.has(n.type) || adapter.cases.has(n.type)) {
      const clause = grammar.cases.has(n.type) ? n : n.parent;
      return { occ, test: node, op: 'case', guard: clause, branch: clause, positive: true, subject: clause ? adapter.caseSubject(clause)?.text : undefined };
    }
    if (grammar.ifs.has(n.type) || grammar.functions.has(n.type) || /statement$/.test(n.type)) break;
  }
  if (!test) return undefined;
  // Climb boolean operators up to the if statement whose condition holds the test.
  let negated = false;
  let child: Node = test;
  let parent = test.parent;
  while (parent && !grammar.ifs.has(parent.type) && (BOOLEAN.test(parent.type) || adapter.transparent.has(parent.type))) {
    if (/^(not_operator|unary_expression|prefix_unary_expression)$/.test(parent.type) && /^(not|!)/.test(parent.text)) negated = !negated;
    child = parent;
    parent = parent.parent;
  }
  const guard = parent && grammar.ifs.has(parent.type) && grammar.ifCondition(parent)?.id === child.id ? parent : null;
  const positive = !negated && /^(==|===|in|is)$/.test(op);
  return { occ, test, op, guard, branch: guard ? grammar.ifConsequence(guard) : null, positive, subject: subject?.text };
}

/** What a branch does, looking only at its own statements (not nested functions or loops). */
export interface BranchOutcome {
  continues: boolean;
  /** Calls something that retries or re-queues (`self.retry(...)`, `schedule_retry`, recursion). */
  retries: boolean;
  final?: { node: Node; kind: 'raise' | 'return' | 'exit' };
}

const RETRY_CALL = /retr(y|ies)|requeue|reschedule|backoff|nack|enqueue/i;

export function branchOutcome(ctx: DiagContext, branch: Node, fnName: string | undefined, responseVar?: string): BranchOutcome {
  const { grammar, adapter } = ctx.flow;
  const outcome: BranchOutcome = { continues: false, retries: false };
  const visit = (n: Node): void => {
    if (n.id !== branch.id && (grammar.functions.has(n.type) || grammar.loops.has(n.type))) return;
    if (grammar.continues.has(n.type)) outcome.continues = true;
    else if (grammar.raises.has(n.type)) outcome.final ??= { node: n, kind: 'raise' };
    else if (grammar.returns.has(n.type)) {
      const value = n.namedChildren.filter((c) => c !== null && !grammar.comments.has(c.type));
      const text = value.map((v) => v!.text).join(',');
      const passesResponse = responseVar !== undefined && text === responseVar;
      if (!passesResponse && !/^(true|True)$/.test(text)) outcome.final ??= { node: n, kind: 'return' };
    } else if (adapter.calls.has(n.type)) {
      const name = calleeOf(n, adapter).name;
      if (RETRY_CALL.test(name) || ctx.settings.retryFunctionNames.includes(name) || (fnName && name === fnName)) outcome.retries = true;
      if (grammar.exitCalls.has(name)) outcome.final ??= { node: n, kind: 'exit' };
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(branch);
  return outcome;
}

/** The variable a tested expression starts from: `r` in `r.status_code`, `response` in `(int)response.StatusCode`. */
export function subjectRoot(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  const root = subject.replace(/^\(\s*\w+\s*\)\s*/, '').replace(/^\(+/, '').split(/[.[(\s]/)[0];
  return root || undefined;
}
