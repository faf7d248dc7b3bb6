import type { Node } from 'web-tree-sitter';
import { subjectRoot } from './branches';
import { hasStatements } from './chainSyntax';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';
import { holdsFor } from './statusUniverse';

/*
 * Predicates written as arms that each return a boolean literal:
 *
 *   func isRetryable(code int) bool {              def should_retry(status):
 *       switch code {                                  if status == 429:
 *       case 429, 500, 502, 503, 504:                      return True
 *           return true                                if status >= 500:
 *       default:                                           return True
 *           return false                               return False
 *       }
 *   }
 *
 * Read in source order: each arm settles the statuses its condition (or its case labels) holds for, a `default`
 * arm or a return after the arms settles whatever is left. The set is the statuses settled by a `true`. An arm
 * the model cannot read (a test of something else, a return nested in a loop or a try) leaves the set unknown.
 */

const TRUE = /^(true|True)$/;
const FALSE = /^(false|False)$/;
const DEFAULT_ARM = /^(default_case|switch_default|default_switch_label)$/;
const OPAQUE = /^(for_statement|for_in_statement|for_range_clause|while_statement|do_statement|try_statement|catch_clause|except_clause|enhanced_for_statement|foreach_statement)$/;

type Arm = { kind: 'if'; condition: Node } | { kind: 'case'; clause: Node } | { kind: 'rest' };

/**
 * The statuses (of `universe`) for which `fn` returns true, when every return of it hands back a boolean literal.
 * `evaluate` reads an if arm's condition on the parameter (the caller's condition reader).
 */
export function booleanReturnSet(
  ctx: DiagContext,
  fn: FnInfo,
  returns: readonly Node[],
  param: string,
  universe: readonly string[],
  evaluate: (condition: Node) => Set<string> | undefined,
): Set<string> | undefined {
  if (returns.length < 2) return undefined;
  const values = returns.map(literalReturned);
  if (values.some((v) => v === undefined) || !values.includes(true)) return undefined;
  const remaining = new Set(universe);
  const truthy = new Set<string>();
  for (let i = 0; i < returns.length && remaining.size > 0; i++) {
    const arm = armOf(ctx, returns[i], fn, param);
    if (!arm) return undefined;
    let set: Set<string> | undefined;
    if (arm.kind === 'if') set = evaluate(arm.condition);
    else if (arm.kind === 'case') set = caseLabels(ctx, arm.clause);
    else set = new Set(remaining);
    if (!set) return undefined;
    for (const c of set) {
      if (!remaining.has(c)) continue;
      if (values[i]) truthy.add(c);
      remaining.delete(c);
    }
    if (arm.kind === 'rest') break;
  }
  return truthy;
}

function literalReturned(ret: Node): boolean | undefined {
  const value = ret.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  if (value.length !== 1) return undefined;
  const text = value[0].text.trim();
  return TRUE.test(text) ? true : FALSE.test(text) ? false : undefined;
}

/** The arm a return belongs to: the if whose branch holds it, the case it is in, or the rest (a default, the end). */
function armOf(ctx: DiagContext, ret: Node, fn: FnInfo, param: string): Arm | undefined {
  const { grammar, adapter } = ctx.flow;
  for (let child = ret, n = ret.parent; n; child = n, n = n.parent) {
    if (n.id === fn.node.id) return { kind: 'rest' };
    if (grammar.functions.has(n.type) || OPAQUE.test(n.type)) return undefined;
    if (DEFAULT_ARM.test(n.type) || ((grammar.cases.has(n.type) || adapter.cases.has(n.type)) && /^(default\b|case\s+_\s*:)/.test(n.text))) return { kind: 'rest' };
    if (grammar.cases.has(n.type) || adapter.cases.has(n.type)) {
      const subject = adapter.caseSubject(n)?.text;
      return subject && subjectRoot(subject) === param ? { kind: 'case', clause: n } : undefined;
    }
    if (n.type === 'elif_clause') {
      const condition = n.childForFieldName('condition');
      return condition ? { kind: 'if', condition } : undefined;
    }
    if (grammar.ifs.has(n.type)) {
      const consequence = grammar.ifConsequence(n) ?? n.childForFieldName('consequence');
      const condition = grammar.ifCondition(n) ?? n.childForFieldName('condition');
      return consequence?.id === child.id && condition ? { kind: 'if', condition } : undefined;
    }
  }
  return undefined;
}

/** The statuses a case's labels name, with those of empty cases just before it that fall through into it. */
function caseLabels(ctx: DiagContext, clause: Node): Set<string> | undefined {
  const set = new Set<string>();
  for (let c: Node | null = clause.previousNamedSibling; c && !hasStatements(c) && (ctx.flow.grammar.cases.has(c.type) || ctx.flow.adapter.cases.has(c.type)); c = c.previousNamedSibling) {
    for (const code of labelsOf(ctx, c) ?? []) set.add(code);
  }
  const own = labelsOf(ctx, clause);
  if (!own) return undefined;
  for (const code of own) set.add(code);
  return set;
}

function labelsOf(ctx: DiagContext, clause: Node): Set<string> | undefined {
  const labels = ctx.clientTests().filter((t) => t.guard?.id === clause.id && t.op === 'case');
  if (labels.length === 0) return undefined;
  const set = new Set<string>();
  for (const t of labels) for (const c of holdsFor(t) ?? []) set.add(c);
  return set;
}
