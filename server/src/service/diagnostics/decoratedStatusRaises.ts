import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { within } from './flow/flowModel';
import { conditionSet, testsWithin } from './statusSets';

/** Python's own exception types: what a project raising one of them means is plain, whatever it imports. */
const BUILTIN = /^(Exception|RuntimeError|ValueError|IOError|OSError|ConnectionError|TimeoutError|KeyError|LookupError|AssertionError)$/;

/**
 * The exception types a decorated function raises on a rate limit or an outage it tested itself: `if
 * response.status_code >= 400: raise Failed(…)` (a 429 and a 503 make the test hold). Each type with what the file
 * says of its bases: `Failed` with `['Exception']` when the file writes `class Failed(Exception)`, undefined bases when
 * the type comes from elsewhere (whether a decorator's list covers it is not known here).
 */
export interface StatusRaise {
  type: string;
  bases?: string[];
  /** The status test whose branch raises it. */
  at: Node;
  /** The transient statuses (429, 5xx) that make the test hold. */
  codes: string[];
}

export function statusRaisesIn(ctx: DiagContext, definition: Node): StatusRaise[] {
  const body = definition.childForFieldName('body');
  if (!body) return [];
  const out: StatusRaise[] = [];
  for (const request of ctx.requests) {
    const root = request.responseVar;
    if (!root || !within(request.call.node, body)) continue;
    for (const branch of body.descendantsOfType('if_statement')) {
      const condition = branch?.childForFieldName('condition');
      const consequence = branch?.childForFieldName('consequence');
      if (!branch || !condition || !consequence || branch.startIndex < request.call.node.endIndex) continue;
      const tests = testsWithin(ctx, condition, root);
      if (tests.length === 0) continue;
      const holds = conditionSet(ctx, condition, tests, root, 0, true);
      if (!holds || !(holds.has('429') || holds.has('503'))) continue;
      const last = consequence.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment').pop();
      const raised = last?.type === 'raise_statement' ? /^raise\s+([A-Za-z_][\w.]*)\s*\(/.exec(last.text)?.[1] : undefined;
      if (!raised) continue;
      const type = raised.split('.').pop()!;
      if (!out.some((r) => r.at.id === branch.id)) out.push({ type, bases: basesOf(ctx.flow.text, type), at: branch, codes: [...holds].sort() });
    }
  }
  return out;
}

/**
 * `class Failed(Exception):` written in this file → its ancestors' last names, followed through the file's own classes
 * (`class RateLimited(ApiError)`, `class ApiError(Exception)` → ApiError, Exception); a builtin → none; a type or an
 * ancestor the file does not write → unknown.
 */
function basesOf(text: string, type: string, depth = 0): string[] | undefined {
  if (BUILTIN.test(type)) return [];
  if (depth > 6) return undefined;
  const head = new RegExp(`^class\\s+${type}\\s*(?:\\(([^)]*)\\))?\\s*:`, 'm').exec(text);
  if (!head) return undefined;
  const direct = (head[1] ?? '').split(',').map((b) => b.trim().split('.').pop() ?? '').filter(Boolean);
  const all = [...direct];
  for (const base of direct) {
    if (BUILTIN.test(base)) continue;
    const further = basesOf(text, base, depth + 1);
    if (!further) return undefined;
    all.push(...further);
  }
  return all;
}

/**
 * Whether a decorator that retries only `types` (by last name) lets the raised type through: the type is not among
 * them and, when written in this file, neither are its bases (a base other than a builtin is not followed further).
 */
export function escapesTypes(raised: Pick<StatusRaise, 'type' | 'bases'>, types: readonly string[]): boolean {
  if (types.includes(raised.type) || types.some((t) => /^(Exception|BaseException)$/.test(t))) return false;
  if (!raised.bases) return false;
  return raised.bases.every((b) => !types.includes(b));
}
