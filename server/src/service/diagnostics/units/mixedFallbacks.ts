import type { Node } from 'web-tree-sitter';
import type { FileFlow, FnInfo } from '../flow/flowModel';
import type { SinkUnit } from './delaySinks';
import { assignmentsBefore, unitOf, type UnitScope } from './delayUnits';

/*
 * One name given values in two units: the seconds a header or body field holds (`retryAfter = h['retry-after'] ||
 * retryAfter`) and a fallback written in milliseconds (`let retryAfter = 5000`), then waited on as seconds
 * (`sleep(retryAfter * 1000)`, `time.sleep(retry_after)`). Without the header the wait is the fallback in seconds:
 * 5000 s, an hour and a half. A fallback reads as milliseconds when it is a whole number of seconds times 1000 — a
 * thousand seconds and more is no retry delay anyone writes.
 */

/** A fallback given in milliseconds to a name that otherwise holds seconds, and where the name is waited on as seconds. */
export interface MixedFallback {
  /** The literal (`5000`). */
  literal: Node;
  name: string;
  /** The use that reads the name as seconds (`retryAfter * 1000`, `time.sleep(retry_after)`). */
  use: string;
}

/** Uses of a name as seconds: converted to milliseconds by hand, or handed to a wait that takes seconds. */
export function mixedFallbacks(flow: FileFlow, secondsSinks: ReadonlyArray<{ arg: Node; unit: SinkUnit; call: { fn?: FnInfo; start: number } }>): MixedFallback[] {
  const out: MixedFallback[] = [];
  const seen = new Set<number>();
  const uses: Array<{ name: string; at: number; text: string }> = [];
  for (const m of flow.text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*\*\s*(?:1000|1_000|1e3)\b/g)) uses.push({ name: m[1], at: m.index, text: m[0] });
  for (const s of secondsSinks) if (s.unit === 's' && /^[A-Za-z_$][\w$]*$/.test(s.arg.text)) uses.push({ name: s.arg.text, at: s.arg.startIndex, text: s.arg.text });
  for (const use of uses) {
    const fn = outermostFn(flow, use.at);
    const scope: UnitScope = fn ? { text: fn.node.text, before: use.at - fn.start, file: flow.text } : { text: flow.text, before: use.at, file: flow.text };
    const given = assignmentsBefore(use.name, scope);
    if (given.length < 2) continue;
    // Some value is seconds by its source (a header, a body field), not by a name.
    if (!given.some((a) => !/^\d+$/.test(a.value.trim()) && unitOf(a.value, { ...scope, before: a.at }) === 's')) continue;
    for (const a of given) {
      const value = a.value.trim();
      if (!/^\d+$/.test(value) || Number(value) < 1000 || Number(value) % 1000 !== 0) continue;
      const offset = (fn?.start ?? 0) + a.at + scope.text.slice(a.at).indexOf(value);
      const literal = flow.fns[0]?.node.tree.rootNode.descendantForIndex(offset, offset + value.length);
      if (!literal || literal.text !== value || seen.has(literal.id)) continue;
      seen.add(literal.id);
      out.push({ literal, name: use.name, use: use.text });
    }
  }
  return out;
}

function outermostFn(flow: FileFlow, at: number): FnInfo | undefined {
  let best: FnInfo | undefined;
  for (const f of flow.fns) if (f.start <= at && at < f.end && (!best || f.start < best.start)) best = f;
  return best;
}
