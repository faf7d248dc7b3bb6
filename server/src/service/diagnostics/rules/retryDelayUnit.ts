import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { RetryDelayUnitData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';
import { delaySinks } from '../units/delaySinks';
import { assignmentsBefore, type DelayUnit, scopeOf, ternaryBranches, typedDuration, type UnitScope, unitExponent, unitOf } from '../units/delayUnits';
import { goNanoseconds } from '../units/goDurations';
import { mixedFallbacks } from '../units/mixedFallbacks';
import { inScope } from '../timeouts/unbounded';

const RULE = 'retry-delay-unit';
const WORD = { s: 'seconds', ms: 'milliseconds', ks: 'seconds divided by 1000', us: 'milliseconds multiplied by 1000' } as const;

/**
 * A wait given a value in the wrong unit: Retry-After (seconds) passed to `setTimeout` (milliseconds) waits
 * 1000× too short; milliseconds passed to `time.sleep` wait 1000× too long; a number passed to Go's
 * `time.Sleep` is nanoseconds. The value's unit is read from where it came from (units/delayUnits.ts); a value
 * whose unit the code does not say is left alone. The fix converts at the wait.
 */
export function retryDelayUnit(ctx: DiagContext): Finding[] {
  const { flow } = ctx;
  const findings: Finding[] = [];
  const push = (node: import('web-tree-sitter').Node, detail: string, data: RetryDelayUnitData) =>
    findings.push({ rule: RULE, severity: ruleInfo(RULE)!.defaultSeverity, message: fillMessage(RULE, { detail }), range: ctx.range(node), data: data as unknown as Record<string, unknown> });
  if (flow.grammarName === 'go') {
    for (const g of goNanoseconds(flow)) {
      const unit = g.meant === 's' ? 'time.Second' : g.meant === 'ms' ? 'time.Millisecond' : g.meant === 'us' ? 'time.Microsecond' : undefined;
      const detail = g.returned
        ? `${g.sink} returns ${g.arg.text}, which is ${g.arg.text} nanoseconds`
        : g.written && g.meant
          ? `the value is in ${WORD[g.meant]}, but it is multiplied by time.${g.written === 's' ? 'Second' : 'Millisecond'}: the wait is 1000× too ${g.meant === 's' ? 'short' : 'long'}`
          : g.meant
            ? `the value is in ${WORD[g.meant]}, but ${g.sink} reads a bare number as nanoseconds`
            : `${g.sink}(${g.arg.text}) waits ${g.arg.text} nanoseconds`;
      const replacement = unit ? `time.Duration(${g.value.text}) * ${unit}` : undefined;
      push(g.arg, detail, { ...ctx.base(g.arg), sink: g.sink, expected: 'ns', found: g.meant ?? 'unknown', ...(replacement ? { edit: { range: ctx.range(g.arg), newText: replacement } } : {}) });
    }
    return findings;
  }
  const sinks = delaySinks(flow);
  // A fallback in milliseconds among values in seconds, waited on as seconds (`let retryAfter = 5000` … `sleep(retryAfter * 1000)`).
  for (const m of mixedFallbacks(flow, sinks)) {
    if (!inScope(flow, m.literal)) continue;
    const n = Number(m.literal.text);
    const detail = `${m.name} otherwise holds seconds (read from the response) and is waited on as seconds (${m.use}), but this fallback reads as milliseconds: without the header the wait is ${n} s (${Math.round(n / 60)} minutes), not ${n / 1000} s`;
    push(m.literal, detail, { ...ctx.base(m.literal), sink: m.use, expected: 's', found: 'ms', edit: { range: ctx.range(m.literal), newText: String(n / 1000) } });
  }
  for (const sink of sinks) {
    if (!inScope(flow, sink.arg)) continue;
    const found = unitOf(sink.arg.text, scopeOf(flow, sink.call));
    if (!found || found === sink.unit || typedDuration(sink.arg.text, scopeOf(flow, sink.call))) continue;
    const gap = unitExponent(found) - unitExponent(sink.unit);
    const factor = `${gap > 0 ? 1000 ** gap : 1000 ** -gap}× too ${gap > 0 ? 'short' : 'long'}`.replace('1000000×', '1,000,000×');
    const detail = `the value is in ${WORD[found]}, but ${sink.name} takes ${WORD[sink.unit]}: it waits ${factor}`;
    const scope = scopeOf(flow, sink.call);
    // A name given values in more than one place (`if … delay = header else delay = ctx.delay`): converting at the wait
    // would convert the right one too, so no edit is offered.
    const several = /^[A-Za-z_$][\w$]*$/.test(sink.arg.text) && assignmentsBefore(sink.arg.text, scope).length > 1;
    const edit = several ? undefined : conversion(ctx, sink.arg.text, sink.arg.startIndex, found, sink.unit, scope);
    push(sink.arg, detail, { ...ctx.base(sink.arg), sink: sink.name, expected: sink.unit, found, ...(edit ? { edit } : {}) });
  }
  return findings;
}

/**
 * The edit converting `text` (at `start`) from `found` to the wait's unit. Of a conditional, only the branch in
 * the wrong unit is converted (`h ? parseInt(h) * 1000 : 1000`), the fallback being in the wait's unit already.
 */
function conversion(ctx: DiagContext, text: string, start: number, found: DelayUnit, wanted: DelayUnit, scope: UnitScope): { range: ReturnType<DiagContext['range']>; newText: string } {
  const branches = ternaryBranches(text);
  if (branches) {
    const wrong = branches.findIndex((b) => unitOf(b, scope) === found);
    const at = wrong === 0 ? text.indexOf(branches[0], text.indexOf('?')) : text.lastIndexOf(branches[1]);
    if (wrong >= 0 && at >= 0) return conversion(ctx, branches[wrong], start + at, found, wanted, scope);
  }
  // (Milliseconds multiplied by 1000 by hand lose the multiplication: `backoff_ms * 1000` → `backoff_ms` for a wait in ms.)
  const byHand = found === 'us' ? /^(.*?)\s*\*\s*(?:1000|1_000|1e3|1000\.0|1000L)$/s.exec(text) : null;
  if (byHand) return conversion(ctx, byHand[1], start, 'ms', wanted, scope);
  if (found === wanted) return { range: ctx.doc.lines.rangeOf(start, start + text.length), newText: text };
  const operand = /^[\w.$>\-\[\]'"]+$/.test(text) || /^[\w.$]+\([^()]*\)$/.test(text) ? text : `(${text})`;
  const gap = unitExponent(found) - unitExponent(wanted);
  const newText = gap > 0 ? `${operand} * ${1000 ** gap}` : `${operand} / ${1000 ** -gap}`;
  return { range: ctx.doc.lines.rangeOf(start, start + text.length), newText };
}
