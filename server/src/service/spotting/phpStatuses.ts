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
const DATA = phpStatuses as unknown as {
  laravelPredicates: { methods: Record<string, number>; ranges: Record<string, number[]> };
  laravelTestAssertions: { methods: Record<string, number> };
};
const METHODS = new Map(Object.entries(DATA.laravelPredicates.methods));
/** `successful()` → [200, 299]. */
export const LARAVEL_RANGES: ReadonlyMap<string, readonly number[]> = new Map(Object.entries(DATA.laravelPredicates.ranges));

const CALL = new RegExp(`->\\s*(${[...METHODS.keys()].join('|')})\\s*\\(\\s*\\)`, 'g');
/** Laravel's test-response assertions named for a status: `$response->assertNotFound()`, `->assertNoContent()`. */
const ASSERTIONS = new Map(Object.entries(DATA.laravelTestAssertions.methods));
const ASSERTION_CALL = new RegExp(`->\\s*(${[...ASSERTIONS.keys()].join('|')})\\s*\\(`, 'g');
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

/**
 * Calls `found` for each Laravel test-response assertion named for a status (`$this->get('/x')->assertNotFound()`) whose
 * method name starts in [from, to): what the test asserts, whatever the receiver (a test response, or the request's call).
 * `assertNoContent(205)` names its status as its argument: the number is spotted where it is written instead.
 */
export function findLaravelStatusAssertions(text: string, root: Node, s: SyntaxAdapter, from: number, to: number, found: (site: PhpStatusSite) => void): void {
  const re = new RegExp(ASSERTION_CALL.source, 'g');
  re.lastIndex = Math.max(0, from - 4);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    if (start < from) continue;
    if (start >= to) break;
    const name = root.descendantForIndex(start, start + m[1].length);
    const call = name?.parent;
    if (!name || !call || call.type !== 'member_call_expression' || s.callee(call)?.id !== name.id || s.callArguments(call).length > 0) continue;
    found({ status: ASSERTIONS.get(m[1])!, start, end: start + m[1].length, role: 'test-assert' });
  }
}
