import type { Node } from 'web-tree-sitter';
import { ancestorWithin, catchBody, caughtVariable, tryBlock } from './chainSyntax';
import type { DiagContext } from './context';

/*
 * The parts of a clause that catches failures by type, for every grammar: Python `except T as e:`, the C family's
 * `catch (T e)`, Kotlin `catch (e: T)`, and Ruby's `rescue T => e` — in a `begin`, or in a method body, where the
 * statements before the first rescue are what it protects.
 */

/** Clauses that catch by type: Python `except T:`, Java/C#/JS `catch (T e)`, Ruby `rescue T => e`. */
export const CAUGHT_TYPE_CLAUSE = /^(except_clause|catch_clause|catch_block|rescue)$/;

/** The name the clause binds the failure to: Python `as e`, `catch (T e)`, Ruby `rescue T => e`. */
export function caughtName(ctx: DiagContext, clause: Node, body: Node | undefined): string | undefined {
  if (clause.type === 'rescue') return clause.childForFieldName('variable')?.text.replace(/^=>\s*/, '').trim() || undefined;
  return body ? caughtVariable(ctx.flow.text, clause, body) : undefined;
}

/** A clause's statements: its block (PHP's compound statement), Ruby's `then`. */
export function clauseBody(clause: Node): Node | undefined {
  if (clause.type === 'rescue') return clause.childForFieldName('body') ?? clause.namedChildren.find((c): c is Node => c?.type === 'then') ?? undefined;
  return catchBody(clause);
}

/**
 * Ruby: a method's own `rescue` (or one of a `begin` that ends the method) gives the method its value — the clause's
 * last expression, or nil when it has none: `def usage(a) … rescue Faraday::TimeoutError; nil; end` returns nil for the
 * timeout as surely as `return nil`. The value node (the clause itself for an empty one), or undefined when the clause
 * raises, retries or returns by itself, or the method goes on after it.
 */
export function rubyRescueValue(clause: Node): Node | undefined {
  if (clause.type !== 'rescue') return undefined;
  let holder = clause.parent;
  if (holder?.type === 'begin') {
    const body = holder.parent;
    const last = body?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').pop();
    if (body?.type !== 'body_statement' || last?.id !== holder.id) return undefined;
    holder = body;
  }
  if (holder?.type !== 'body_statement' || !/^(method|singleton_method)$/.test(holder.parent?.type ?? '')) return undefined;
  const then = clauseBody(clause);
  const values = (then?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
  const last = values[values.length - 1];
  if (!last) return clause;
  if (/^(retry|return|next|break|redo)$/.test(last.type) || /^(raise|fail|retry)\b/.test(last.text)) return undefined;
  return last;
}


/** The clause's try block sends a request the file knows (not one only inferred from its use). */
export function sendsInTry(ctx: DiagContext, clause: Node): boolean {
  const body = protectedSpan(clause);
  return !!body && ctx.requests.some((r) => !r.inferred && r.call.start >= body.start && r.call.end <= body.end);
}

/** Where the clause's try runs: its block, or the statements of a Ruby begin or method body before its first rescue. */
export function protectedSpan(clause: Node): { start: number; end: number } | undefined {
  if (clause.type === 'rescue') {
    const holder = clause.parent;
    const first = holder?.namedChildren.find((c) => c?.type === 'rescue');
    return holder && first ? { start: holder.startIndex, end: first.startIndex } : undefined;
  }
  const body = tryBlock(clause.parent);
  return body ? { start: body.startIndex, end: body.endIndex } : undefined;
}


/** The catch clause whose caught types hold `node` (not its body). */
export function catchClauseTyping(node: Node): Node | undefined {
  for (let n: Node | null = node.parent, depth = 0; n && depth < 6; n = n.parent, depth++) {
    if (CAUGHT_TYPE_CLAUSE.test(n.type)) {
      if (n.type === 'rescue') return ancestorWithin(node, n, /^exceptions$/) ? n : undefined;
      const body = catchBody(n);
      return body && node.startIndex < body.startIndex ? n : undefined;
    }
    if (/block|statement/.test(n.type)) return undefined;
  }
  return undefined;
}


/** The type names a clause catches, as nodes: Ruby's `exceptions`, Python's except types, the C family's catch types. */
export function caughtTypeNodes(clause: Node): Node[] {
  if (clause.type === 'rescue') return clause.childForFieldName('exceptions')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const body = clauseBody(clause);
  const end = body?.startIndex ?? clause.endIndex;
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.startIndex >= end) return;
    // A type as written: a name or a dotted/qualified one (`requests.Timeout`, `HttpServerErrorException.ServiceUnavailable`).
    if (/^(identifier|type_identifier|scoped_type_identifier|qualified_name|scoped_identifier|attribute|member_access_expression|user_type|name|qualified_name|constant|scope_resolution|generic_type)$/.test(n.type) && /^[\w$.:\\]+$/.test(n.text) && /[A-Z]/.test(n.text)) {
      out.push(n);
      return;
    }
    // (Not the filter of a C# clause, nor the variable bound.)
    if (/filter|when/.test(n.type)) return;
    for (const c of n.namedChildren) if (c) visit(c);
  };
  for (const c of clause.namedChildren) if (c && c.startIndex < end) visit(c);
  return out;
}
