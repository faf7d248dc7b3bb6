/**
 * What the exception types a Python retry decorator names (decoratorPolicies.ts) leave out: whether they catch the
 * failures a status raises, and which of the decorated function's own status raises escape them — a type the list
 * does not cover, one tenacity is told not to retry, or `raise_for_status()` with no status error in the list.
 */
import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { blockStatements, catchBody, caughtClassNames } from './chainSyntax';
import { escapesTypes, type StatusRaise, statusRaisesIn } from './decoratedStatusRaises';

/** Exception types a failure status is raised as, or a base of them. */
const STATUS_ERRORS = /^(Exception|BaseException|RequestException|HTTPError|HTTPStatusError|ClientResponseError|ClientError|IOError|OSError|RuntimeError)$/;

/** The exception types named in `expr` all or partly catch status failures (`(requests.HTTPError, Timeout)`). */
export function namesStatusErrors(expr: string): boolean {
  return (expr.match(/[A-Za-z_][\w.]*/g) ?? []).some((t) => STATUS_ERRORS.test(t.split('.').pop() ?? '') || SDK_STATUS_BASES.test(t));
}

/** The AI SDKs' base classes of every failure status, qualified (`openai.APIError` covers a 400 as much as a 503). */
const SDK_STATUS_BASES = /^(openai|anthropic)\.(APIError|APIStatusError)$/;

/** Last names of the exception types a decorator's argument lists (`(requests.Timeout, Failed)` → Timeout, Failed). */
function typeNames(list: string): string[] {
  return (list.match(/[A-Za-z_][\w.]*/g) ?? []).map((t) => t.split('.').pop() ?? t);
}

/**
 * The decorated function's own status tests that raise a type the decorator's list (`retry_if_exception_type(…)`,
 * backoff's exceptions, `autoretry_for`) does not cover: `if response.status_code >= 400: raise Failed(…)` with
 * `class Failed(Exception)` in the file — a 429 or a 503 raises on the first attempt.
 */
export function escapingRaises(ctx: DiagContext, decorator: Node, retried: string): StatusRaise[] | undefined {
  const types = typeNames(retried);
  const definition = decorator.parent?.childForFieldName('definition');
  if (types.length === 0 || !types.every((t) => /^[A-Z]/.test(t)) || namesStatusErrors(retried) || definition?.type !== 'function_definition') return undefined;
  const found = statusRaisesIn(ctx, definition).filter((r) => escapesTypes(r, types));
  return found.length ? found : undefined;
}

/**
 * tenacity's `retry_if_not_exception_type(Failed)` around a function that raises `Failed` itself when a status test
 * holds for a 429 or a 503: the very failure it tested for is the one the decorator never retries.
 */
export function excludedRaises(ctx: DiagContext, decorator: Node, excluded: string): StatusRaise[] | undefined {
  const types = typeNames(excluded);
  const definition = decorator.parent?.childForFieldName('definition');
  if (types.length === 0 || definition?.type !== 'function_definition') return undefined;
  const found = statusRaisesIn(ctx, definition).filter((r) => types.includes(r.type));
  return found.length ? found : undefined;
}

/**
 * The types a decorator retries (`(requests.ConnectionError, requests.Timeout, Client406Error)`) are all named and none
 * is a status error or a base of one, while the function it decorates raises for every failure status itself
 * (`resp.raise_for_status()` in its own body). A project type in the list stands for what the function raises under
 * that name only.
 */
export function leavesStatusFailures(ctx: DiagContext, decorator: Node, caught: string): boolean {
  const types = typeNames(caught);
  if (types.length === 0 || !types.every((t) => /^[A-Z]/.test(t)) || namesStatusErrors(caught)) return false;
  const definition = decorator.parent?.childForFieldName('definition');
  const body = definition?.type === 'function_definition' ? definition.childForFieldName('body') : null;
  if (!body || !/\.raise_for_status\(\s*\)/.test(body.text)) return false;
  // (`except requests.HTTPError as exc: … raise RateLimited(…)`: the function turns statuses into types of its own,
  // which the list may name; a clause that only raises the caught error again hands it on as it was.)
  return !body.descendantsOfType('except_clause').some((clause) => {
    if (!clause || !namesStatusErrors(caughtClassNames(ctx.flow.text, clause).join(' '))) return false;
    const handler = catchBody(clause);
    const statements = handler ? blockStatements(handler) : [];
    return !(statements.length === 1 && /^raise(\s+[A-Za-z_]\w*)?$/.test(statements[0].text.trim()));
  });
}
