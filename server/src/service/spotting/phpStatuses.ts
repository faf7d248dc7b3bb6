import type { Node } from 'web-tree-sitter';
import phpStatuses from '../../../data/php-statuses.json';
import type { OccurrenceRole } from '../types';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * PHP's status vocabulary beyond numbers and class constants (data: server/data/php-statuses.json): Laravel's HTTP
 * client predicates, `$response->tooManyRequests()` (429), `->serverError()` (5xx). A predicate counts only as a
 * zero-argument method call on something that looks like a response (`$response`, `$res`, `$this->response`).
 */
const DATA = phpStatuses as unknown as { laravelPredicates: { methods: Record<string, number>; ranges: Record<string, number[]> } };
const METHODS = new Map(Object.entries(DATA.laravelPredicates.methods));
/** `successful()` → [200, 299]. */
export const LARAVEL_RANGES: ReadonlyMap<string, readonly number[]> = new Map(Object.entries(DATA.laravelPredicates.ranges));

const CALL = new RegExp(`->\\s*(${[...METHODS.keys()].join('|')})\\s*\\(\\s*\\)`, 'g');
const RESPONSE = /^(r|res|resp|response|\w*[Rr]esponse|\w*[Rr]esp|result)$/;

export interface PhpStatusSite {
  status: number;
  start: number;
  end: number;
  role: OccurrenceRole;
}

/** Calls `found` for each Laravel status predicate whose method name starts in [from, to). */
export function findPhpStatuses(text: string, root: Node, s: SyntaxAdapter, context: StatusContext, from: number, to: number, found: (site: PhpStatusSite) => void): void {
  const re = new RegExp(CALL.source, 'g');
  re.lastIndex = Math.max(0, from - 4);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    if (start < from) continue;
    if (start >= to) break;
    const name = root.descendantForIndex(start, start + m[1].length);
    const call = name?.parent;
    if (!name || !call || call.type !== 'member_call_expression' || s.callee(call)?.id !== name.id) continue;
    if (!RESPONSE.test(context.lastName(call.childForFieldName('object')) ?? '')) continue;
    found({ status: METHODS.get(m[1])!, start, end: start + m[1].length, role: 'client-check' });
  }
}
