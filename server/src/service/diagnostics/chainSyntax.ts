import type { Node } from 'web-tree-sitter';

/*
 * The syntax of status chains, for every grammar: the arms of an if/elif/else chain, where a chain
 * starts, whether an arm always leaves its block, and the ifs nested in a statement.
 */

/** One arm of an if/elif/else chain or a switch: its condition (null for `else`/`default`) and its body. */
export interface Clause {
  node: Node;
  condition: Node | null;
  body: Node;
}

/**
 * The arms of a switch on nothing, which reads like an if chain: Kotlin `when { a -> …; else -> … }`, Go
 * `switch { case a: …; default: … }`. Undefined for a switch on a value (its arms are cases, not conditions).
 */
export function subjectlessSwitchArms(node: Node): Clause[] | undefined {
  if (node.type === 'when_expression') {
    if (node.namedChildren.some((c) => c?.type === 'when_subject')) return undefined;
    return node.namedChildren.filter((c): c is Node => c?.type === 'when_entry').map((entry) => {
      const parts = entry.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
      const body = parts[parts.length - 1] ?? entry;
      return { node: entry, condition: /^else\b/.test(entry.text) ? null : parts[0] ?? null, body };
    });
  }
  if (node.type === 'expression_switch_statement') {
    if (node.childForFieldName('value')) return undefined;
    return node.namedChildren.filter((c): c is Node => c?.type === 'expression_case' || c?.type === 'default_case').map((arm) => {
      const body = arm.namedChildren.find((c) => c?.type === 'statement_list') ?? arm;
      return { node: arm, condition: arm.type === 'default_case' ? null : arm.childForFieldName('value'), body };
    });
  }
  if (node.type === 'match_block') return rustGuardArms(node);
  return undefined;
}

/**
 * Rust `match send().await { Ok(r) if r.status().is_success() => …, Ok(r) if r.status() == 429 => …, Ok(r) => …,
 * Err(e) => … }`: arms with guards read like an if chain on the response, the first unguarded `Ok(…)` (or `_`, or a bare
 * name) is its else. `Err(…)` arms take the failures that have no response and are left out. Undefined for a match with
 * no guard (a match on a value is a switch, read by its cases).
 */
function rustGuardArms(node: Node): Clause[] | undefined {
  const arms = node.namedChildren.filter((c): c is Node => c?.type === 'match_arm');
  const clauses: Clause[] = [];
  let guarded = false;
  for (const arm of arms) {
    const pattern = arm.childForFieldName('pattern');
    const value = arm.childForFieldName('value');
    if (!pattern || !value) return undefined;
    const condition = pattern.childForFieldName('condition');
    if (condition) {
      guarded = true;
      clauses.push({ node: arm, condition, body: value });
      continue;
    }
    const bound = pattern.text.trim();
    if (/^Err\b/.test(bound)) continue;
    if (/^(Ok\s*\(\s*\w+\s*\)|_|[a-z_]\w*)$/.test(bound)) {
      clauses.push({ node: arm, condition: null, body: value });
      break;
    }
    return undefined;
  }
  return guarded ? clauses : undefined;
}

/**
 * The arms of the if chain starting at `top`: Python `elif`, `else if` of the C family and Go, PHP `elseif`
 * (`else_if_clause`), Ruby `elsif`/`else`, and a one-line modifier (`raise e if …`, PHP's `body` field).
 */
export function ifClauses(top: Node): Clause[] {
  const out: Clause[] = [];
  for (let cur: Node | null = top; cur; ) {
    // (Kotlin's `if_expression` names no branch fields: its consequence and `else` are the children after the condition.)
    if (cur.type === 'if_expression' && !cur.childForFieldName('consequence')) {
      const condition = cur.childForFieldName('condition');
      const parts: Node[] = cur.namedChildren.filter((c): c is Node => c !== null && c.id !== condition?.id && !/comment/.test(c.type));
      const body = parts[0];
      const otherwise: Node | undefined = parts[1];
      if (!body) break;
      out.push({ node: cur, condition, body });
      if (otherwise?.type === 'if_expression') cur = otherwise;
      else {
        if (otherwise) out.push({ node: otherwise, condition: null, body: otherwise });
        cur = null;
      }
      continue;
    }
    const body = cur.childForFieldName('consequence') ?? cur.childForFieldName('body');
    if (!body) break;
    out.push({ node: cur, condition: cur.childForFieldName('condition'), body });
    let next: Node | null = null;
    for (const alt of cur.childrenForFieldName('alternative') as Array<Node | null>) {
      if (!alt) continue;
      if (alt.type === 'elif_clause' || alt.type === 'else_if_clause') {
        const c = alt.childForFieldName('consequence') ?? alt.childForFieldName('body');
        if (c) out.push({ node: alt, condition: alt.childForFieldName('condition'), body: c });
      } else if (alt.type === 'else_clause') {
        const inner: Node | null = alt.childForFieldName('body') ?? alt.namedChildren.find((c: Node | null) => c !== null && !/comment/.test(c.type)) ?? null;
        // (Rust's `else if` is an `if_expression` with named branches, like the C family's `if_statement`.)
        if (inner?.type === 'if_statement' || (inner?.type === 'if_expression' && inner.childForFieldName('consequence'))) next = inner;
        else if (inner) out.push({ node: alt, condition: null, body: inner });
      } else if (alt.type === 'if_statement' || alt.type === 'elsif') next = alt;
      else out.push({ node: alt, condition: null, body: alt });
    }
    cur = next;
  }
  return out;
}

/** The outermost if of the chain an if (or Python elif, PHP elseif, Ruby elsif) belongs to. */
export function chainTop(guard: Node): Node {
  let top = (guard.type === 'elif_clause' || guard.type === 'else_if_clause') && guard.parent ? guard.parent : guard;
  for (;;) {
    const p = top.parent;
    if (p?.type === 'else_clause' && (p.parent?.type === 'if_statement' || (p.parent?.type === 'if_expression' && p.parent.childForFieldName('consequence')))) top = p.parent;
    else if (p && (p.type === 'if_statement' || p.type === 'if' || p.type === 'elsif') && p.childForFieldName('alternative')?.id === top.id) top = p;
    // (Kotlin: `if (…) { … } else if (…) { … }` nests the next if as the outer one's last part, with no field name.)
    else if (p?.type === 'if_expression' && top.type === 'if_expression' && !p.childForFieldName('consequence') && ifClauses(p)[1]?.node.id === top.id) top = p;
    else return top;
  }
}

export const LEAVES = /^(return_statement|raise_statement|throw_statement|continue_statement|break_statement|throw_expression|return_expression|break_expression|continue_expression|return|break|next|retry|redo)$/;
/** Rust macros that leave the function (anyhow `bail!`) or the program (`panic!`, `unreachable!`). */
const LEAVING_MACRO = /^(\w+::)*(bail|panic|unreachable|todo|unimplemented)$/;

/** The body always leaves the enclosing block: it ends in return/raise/throw/continue/break. */
export function alwaysLeaves(body: Node): boolean {
  if (LEAVES.test(body.type)) return true;
  let statements = body.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  // Go wraps a block's statements in a statement_list.
  if (statements.length === 1 && statements[0].type === 'statement_list') statements = statements[0].namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  const last = statements[statements.length - 1];
  if (!last) return false;
  if (LEAVES.test(last.type)) return true;
  // Rust: `return Err(e);` is an expression statement holding a return (or break/continue) expression.
  if (last.type === 'expression_statement' && last.namedChildCount === 1 && /^(return|break|continue)_expression$/.test(last.namedChild(0)?.type ?? '')) return true;
  // Rust wraps `return Err(e);` and `bail!(…);` in an expression statement.
  const inner = last.type === 'expression_statement' && last.namedChildCount === 1 ? last.namedChildren[0] : null;
  if (inner && (LEAVES.test(inner.type) || (inner.type === 'macro_invocation' && LEAVING_MACRO.test(inner.childForFieldName('macro')?.text ?? '')))) return true;
  if (last.type === 'macro_invocation' && LEAVING_MACRO.test(last.childForFieldName('macro')?.text ?? '')) return true;
  if (last.type === 'expression_statement' && /^(panic|os\.Exit|log\.Fatal\w*|sys\.exit|exit)\(/.test(last.text)) return true;
  // Ruby raises with a method call (`raise ApiError, msg`), or a bare `raise`
  if ((last.type === 'call' || last.type === 'identifier') && /^(raise|fail)\b/.test(last.text)) return true;
  // Kotlin: `break` / `continue` are names in its tree, and `error("…")` throws
  if (last.type === 'identifier' && /^(break|continue)$/.test(last.text)) return true;
  if (last.type === 'call_expression' && /^(error|TODO)\s*\(/.test(last.text)) return true;
  if (last.type === 'if_statement') {
    const clauses = ifClauses(last);
    return clauses.some((c) => c.condition === null) && clauses.every((c) => alwaysLeaves(c.body));
  }
  return false;
}

/** If statements inside a statement (try, with, plain blocks), not inside nested functions, loops or other ifs. */
export function nestedIfs(stmt: Node): Node[] {
  const found: Node[] = [];
  if (!BLOCKS.test(stmt.type)) return found;
  const visit = (n: Node): void => {
    if (n.type === 'if_statement') found.push(n);
    else if (BLOCKS.test(n.type)) for (const c of n.namedChildren) if (c) visit(c);
  };
  for (const c of stmt.namedChildren) if (c) visit(c);
  return found;
}

/** Statements that only group others (expressions, loops and functions are not entered). */
const BLOCKS = /^(try_statement|try_expression|catch_block|finally_block|try_with_resources_statement|with_statement|using_statement|block|statement_block|statement_list|catch_clause|except_clause|finally_clause|else_clause|labeled_statement|with_clause|lock_statement|synchronized_statement|checked_statement|unsafe_statement|fixed_statement)$/;

/** A case clause with statements of its own (not just labels falling through to the next). */
export function hasStatements(clause: Node): boolean {
  return clause.namedChildren.some((c) => c !== null && /statement|declaration|^block$|^expression$|^throw/.test(c.type) && !/label/.test(c.type));
}

/** The block of a catch/except clause (after its caught types and variable). */
export function catchBody(clause: Node): Node | undefined {
  // (PHP's catch body is a compound statement.)
  return clause.namedChildren.filter((c): c is Node => c !== null && /block|^compound_statement$/.test(c.type)).pop();
}

/** The block a try statement runs (before its catch, else and finally clauses). */
export function tryBlock(tryNode: Node | null | undefined): Node | null {
  return tryNode?.childForFieldName('body') ?? tryNode?.namedChildren.find((c) => c !== null && /block/.test(c.type)) ?? null;
}

/** The clause binds the caught error to `name`: `except T as e:`, `catch (T e)`, `catch (e: T)`, Ruby `rescue T => e`. */
export function catchBinds(clause: Node, name: string): boolean {
  const body = clause.namedChildren.find((c) => c !== null && /block|body|then/.test(c.type));
  const head = clause.text.slice(0, Math.max(0, (body?.startIndex ?? clause.endIndex) - clause.startIndex));
  return new RegExp(`(\\bas\\s+|=>\\s*|[\\s(:])${name.replace(/[$]/g, '\\$')}\\b`).test(head);
}

/** The name a catch clause binds the failure to: Python `as e`, `catch (e)`, `catch (IOException e)`, Kotlin `catch (e: T)`. */
export function caughtVariable(text: string, clause: Node, body: Node): string | undefined {
  // (Python keeps comments before the block in the clause: `except X as e:` then `# why`.)
  const head = text.slice(clause.startIndex, body.startIndex).replace(/\s*(?:#|\/\/)[^\n]*/g, '');
  return /\bas\s+([A-Za-z_]\w*)\s*:?\s*$/.exec(head)?.[1] ?? /catch\s*\(\s*(?:[\w.<>|]+\s+)?([A-Za-z_$][\w$]*)\s*(?::[^)]*)?\)/.exec(head)?.[1];
}

/** Catch clauses that catch by type: Python `except T:`, Java/C#/JS `catch (T e)`, Kotlin `catch (e: T)`. */
export const CATCH_CLAUSE = /^(catch_clause|except_clause|catch_block)$/;

/** The nearest node from `node` itself up to (not including) `stop` whose type matches `type`. */
export function ancestorWithin(node: Node | null, stop: Node, type: RegExp): Node | undefined {
  for (let n = node; n && n.id !== stop.id; n = n.parent) if (type.test(n.type)) return n;
  return undefined;
}

/**
 * The type names a catch clause names before its body, as written (`except (A, b.B) as e:` → `A`, `b.B`;
 * `catch (IOException e) when (…)` → `IOException`, `e`). `text` is the file's text.
 */
export function caughtTypeNames(text: string, clause: Node): string[] {
  const body = catchBody(clause);
  // (Comments before the block — Python keeps them in the clause — name no type.)
  const head = (body ? text.slice(clause.startIndex, body.startIndex) : clause.text).replace(/\s*(?:#|\/\/)[^\n]*/g, '');
  return head
    .replace(/^\s*(except\*?|catch)\b/, '')
    .replace(/\bas\s+[A-Za-z_]\w*\s*:?\s*$/, '')
    .replace(/\bwhen\b[^]*$/, '')
    .match(/[A-Za-z_$][\w$.]*/g) ?? [];
}

/** The caught types that read as classes, last segments only (`except (requests.HTTPError, e)` → `HTTPError`). */
export function caughtClassNames(text: string, clause: Node): string[] {
  return caughtTypeNames(text, clause)
    .map((t) => t.split('.').pop() ?? t)
    .filter((t) => /^[A-Z]/.test(t));
}

/** The statements of a block, comments left out (Go wraps a block's statements in a statement_list). */
export function blockStatements(block: Node): Node[] {
  let statements = block.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  if (statements.length === 1 && statements[0].type === 'statement_list') statements = statements[0].namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  return statements;
}

/** The statement after `node` in its block, comments skipped. */
export function nextStatement(node: Node): Node | undefined {
  let next = node.nextNamedSibling;
  while (next && /comment/.test(next.type)) next = next.nextNamedSibling;
  return next ?? undefined;
}
