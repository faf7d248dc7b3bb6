import type { Finding } from '../../types';
import type { NoRetryOnRequestData } from '../findingData';

const RULE = 'no-retry-on-request';

/** More than this many requests of a file handled the same way are one decision, reported once. */
export const SAME_DECISION_LIMIT = 3;

const SAME_WAY = 'handled the same way, with no retry';

/** A finding that stands for several requests of its file (see oneFindingPerDecision). */
export function isOneDecision(finding: Finding): boolean {
  return finding.rule === RULE && (finding.related ?? []).some((r) => r.message === SAME_WAY);
}

/**
 * A module whose every request is checked the same way with no retry (an SDK's transport helpers, a
 * client class's methods) made one decision, not six: past SAME_DECISION_LIMIT, the first finding stands
 * for the rest, which it lists as related locations (one fix — a retrying session or client — covers all).
 */
export function oneFindingPerDecision(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const data = f.data as unknown as NoRetryOnRequestData;
    const key = `${data.checkKind}|${data.library}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const result: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length <= SAME_DECISION_LIMIT) {
      result.push(...group);
      continue;
    }
    const [first, ...rest] = group;
    result.push({
      ...first,
      message: `${first.message} The same holds for ${rest.length} more requests in this file (related locations).`,
      related: [...(first.related ?? []), ...rest.map((f) => ({ range: f.range, message: SAME_WAY }))],
    });
  }
  return result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
