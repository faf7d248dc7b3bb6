/*
 * A retry decorator or annotation that names the exceptions it retries, around a function that catches each of them
 * itself and raises something else (or nothing):
 *
 *   @retry(retry=retry_if_exception_type((httpx.TimeoutException, httpx.NetworkError)), …)
 *   async def _request(self, method, path, …):
 *       try: …
 *       except httpx.TimeoutException as e: raise JiraAPIError("timeout") from e
 *       except httpx.NetworkError as e: raise JiraAPIError("network") from e
 *
 * No exception it retries ever leaves the function, so it never runs the function again. Read for tenacity's
 * `retry_if_exception_type(…)`, backoff's `on_exception(wait, exceptions, …)` and Spring's
 * `@Retryable(retryFor | value | include = …)`; a decorator that names no types retries every exception and is live.
 */
import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { functionBodyOf } from './flow/flowModel';
import { CATCH_CLAUSE, catchBody, caughtClassNames, caughtVariable } from './chainSyntax';
import { wrapsSwallowingFunction } from './swallowedRetries';

/** The retry marked by `marker` around `fn` never runs the function again (every retried type is caught inside). */
export function retryNeverRuns(ctx: DiagContext, marker: Node, fn: Node): boolean {
  if (wrapsSwallowingFunction(ctx, marker)) return true;
  const retried = retriedTypes(marker);
  if (!retried || retried.length === 0) return false;
  const body = functionBodyOf(fn);
  if (!body) return false;
  const clauses = body.descendantsOfType(['except_clause', 'catch_clause', 'catch_block']).filter((c): c is Node => !!c && CATCH_CLAUSE.test(c.type) && ownClause(ctx, c, fn));
  return retried.every((type) => clauses.some((c) => {
    const caught = caughtClassNames(ctx.flow.text, c);
    return (caught.includes(type) || caught.some((t) => CATCH_ALL.test(t))) && turnsInto(ctx, c, retried);
  }));
}

/** Caught types that take whatever the retried ones are. */
const CATCH_ALL = /^(Exception|BaseException|Throwable)$/;

/** Last names of the types the marker retries; undefined when it names none (then it retries every exception). */
function retriedTypes(marker: Node): string[] | undefined {
  const text = marker.text;
  let list: string | undefined;
  if (/^@\s*(?:tenacity\.)?retry\b/.test(text)) list = /retry_if_exception_type\s*\(([^)]*(?:\([^)]*\))?[^)]*)\)/.exec(text)?.[1];
  else if (/^@\s*backoff\.on_exception\b/.test(text)) {
    const args = /on_exception\s*\(([\s\S]*)\)\s*$/.exec(text)?.[1] ?? '';
    list = /\bexception\s*=\s*(\([^)]*\)|[\w.]+)/.exec(args)?.[1] ?? splitTop(args)[1];
  } else if (/Retryable\b/.test(text)) list = /\b(?:retryFor|value|include)\s*=\s*(\{[^}]*\}|\[[^\]]*\]|[\w.:]+)/.exec(text)?.[1];
  if (!list) return undefined;
  return (list.replace(/(\.class|::class(\.java)?)\b/g, '').match(/[A-Za-z_][\w.]*/g) ?? []).map((t) => t.split('.').pop() ?? t).filter((t) => /^[A-Z]/.test(t));
}

/** Top-level comma-separated arguments. */
function splitTop(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(args.slice(start).trim());
  return out;
}

/** The clause belongs to the function itself, not to a function nested in it. */
function ownClause(ctx: DiagContext, clause: Node, fn: Node): boolean {
  for (let n = clause.parent; n && n.id !== fn.id; n = n.parent) if (ctx.flow.grammar.functions.has(n.type)) return false;
  return true;
}

/**
 * The handler ends the failure as something the retry does not take: it raises or throws a new error of a type not
 * retried (`raise BoardError(…) from e`, `throw new IllegalStateException(…, e)`), or swallows it — never a bare
 * `raise` / `throw e` of what it caught.
 */
function turnsInto(ctx: DiagContext, clause: Node, retried: string[]): boolean {
  const body = catchBody(clause);
  if (!body) return false;
  const caught = caughtVariable(ctx.flow.text, clause, body);
  const text = body.text;
  if (/(^|[\s;{])raise\s*($|[;\n#])/.test(text)) return false;
  if (caught && new RegExp(`\\b(raise|throw)\\s+${caught}\\b\\s*(;|$|\\n)`).test(text)) return false;
  const raised = [...text.matchAll(/\b(?:raise|throw\s+new|throw)\s+([A-Za-z_][\w.]*)/g)].map((m) => m[1].split('.').pop() ?? m[1]);
  return raised.every((t) => !retried.includes(t));
}
