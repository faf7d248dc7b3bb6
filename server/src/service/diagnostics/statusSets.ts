import type { Node } from 'web-tree-sitter';
import { type StatusTest, subjectRoot } from './branches';
import { membershipOf } from './constantSets';
import type { DiagContext } from './context';
import { TRANSIENT_STATUSES } from './retriedSets';

/**
 * Status sets: which of the transient statuses (429, 500, 502, 503, 504) can make a condition hold.
 * Conditions are read from the status tests the spotting found, combined through `and`/`or`/`not`;
 * anything else in a condition (a flag, a body check) makes the set unknown, and an unknown set never
 * produces a finding.
 */
export type StatusSet = ReadonlySet<string>;

const ALL: StatusSet = new Set(TRANSIENT_STATUSES);

export function allTransient(): Set<string> {
  return new Set(ALL);
}

/** The transient statuses for which one comparison, membership or case label holds. */
export function holdsFor(test: StatusTest): Set<string> | undefined {
  const code = Number(test.occ.code);
  if (!Number.isFinite(code)) return undefined;
  const op = codeOnLeft(test) ? flip(test.op) : test.op;
  const pick = (keep: (n: number) => boolean) => new Set(TRANSIENT_STATUSES.filter((c) => keep(Number(c))));
  switch (op) {
    case '==': case '===': case 'is': case 'in': case 'case':
      return test.negated ? pick((n) => n !== code) : pick((n) => n === code);
    case '!=': case '!==': case 'is not': case 'not in':
      return test.negated ? pick((n) => n === code) : pick((n) => n !== code);
    case '>=': return pick((n) => n >= code);
    case '>': return pick((n) => n > code);
    case '<=': return pick((n) => n <= code);
    case '<': return pick((n) => n < code);
    default: return undefined;
  }
}

/** `500 <= status`: the code is the left operand, so the comparison reads the other way round. */
function codeOnLeft(test: StatusTest): boolean {
  const first = test.test.namedChildren[0];
  const at = test.occ.range;
  return !!first && test.op !== 'case' && test.op !== 'in' && first.startPosition.row === at.start.line && first.startPosition.column <= at.start.character && first.endPosition.column >= at.end.character && first.endPosition.row === at.end.line;
}

function flip(op: string): string {
  return ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as Record<string, string>)[op] ?? op;
}

/**
 * The set for which a whole condition holds, or undefined when it depends on something else. `tests`
 * are the status tests inside the condition, all on one subject.
 */
export function conditionSet(ctx: DiagContext, condition: Node, tests: readonly StatusTest[], root?: string): Set<string> | undefined {
  const byNode = new Map<number, StatusTest[]>();
  for (const t of tests) {
    const list = byNode.get(t.test.id);
    if (list) list.push(t);
    else byNode.set(t.test.id, [t]);
  }
  const evaluate = (n: Node): Set<string> | undefined => {
    const own = byNode.get(n.id);
    if (own) return union(own.map((t) => holdsFor({ ...t, negated: false })));
    const member = membershipOf(ctx, n);
    if (member && (!root || subjectRoot(member.subject) === root)) {
      return new Set(TRANSIENT_STATUSES.filter((c) => member.codes.has(c) !== member.negated));
    }
    const children = n.namedChildren.filter((c): c is Node => c !== null && !ctx.flow.grammar.comments.has(c.type));
    if (/^(parenthesized_expression|condition|expression_list)$/.test(n.type) && children.length === 1) return evaluate(children[0]);
    if (/^(not_operator|unary_expression|prefix_unary_expression)$/.test(n.type) && /^(not\b|!)/.test(n.text) && children.length === 1) {
      const inner = evaluate(children[0]);
      return inner && new Set(TRANSIENT_STATUSES.filter((c) => !inner.has(c)));
    }
    const op = booleanOperator(n);
    if (op && children.length === 2) {
      const [a, b] = children.map(evaluate);
      if (!a || !b) return undefined;
      return op === 'and' ? new Set([...a].filter((c) => b.has(c))) : new Set([...a, ...b]);
    }
    return undefined;
  };
  return evaluate(condition);
}

function union(sets: Array<Set<string> | undefined>): Set<string> | undefined {
  const out = new Set<string>();
  for (const s of sets) {
    if (!s) return undefined;
    for (const c of s) out.add(c);
  }
  return out;
}

/** `and` / `or` for boolean operators of every grammar (`&&`, `||`, Python's words). */
function booleanOperator(n: Node): 'and' | 'or' | undefined {
  if (!/^(boolean_operator|binary_expression)$/.test(n.type)) return undefined;
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (!c || c.isNamed) continue;
    if (c.type === '&&' || c.type === 'and') return 'and';
    if (c.type === '||' || c.type === 'or') return 'or';
  }
  return undefined;
}

/** The status tests inside `node` (a condition or case label) on the subject `root`. */
export function testsWithin(ctx: DiagContext, node: Node, root: string | undefined): StatusTest[] {
  return ctx.clientTests().filter((t) => t.test.startIndex >= node.startIndex && t.test.endIndex <= node.endIndex && (!root || subjectRoot(t.subject) === root));
}

/** The condition holds a membership test on one of the file's named status collections about `root`. */
export function testsNamedSet(ctx: DiagContext, condition: Node, root: string): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    const member = membershipOf(ctx, n);
    if (member && subjectRoot(member.subject) === root) found = true;
    else for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(condition);
  return found;
}
