/**
 * `retry-delay-unit`: "Convert to <unit>" applies the conversion the rule computed at the wait
 * (`retryAfter * 1000` for setTimeout, `delay_ms / 1000` for time.sleep, `time.Duration(s) * time.Second` in Go).
 */
import type { RetryDelayUnitData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding } from '../types';
import type { Doc } from './text';

const WORD = { s: 'seconds', ms: 'milliseconds', ns: 'a Duration' } as const;

export function delayUnitFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as RetryDelayUnitData | undefined;
  const edit = data?.edit;
  if (!edit) return undefined;
  const start = doc.lines.offsetAt(edit.range.start);
  const end = doc.lines.offsetAt(edit.range.end);
  if (start >= end || end > doc.text.length) return undefined;
  return { title: `Convert the wait to ${WORD[data.expected]}`, kind: 'quickfix', fixes: [finding.rule], edits: [{ range: edit.range, newText: edit.newText }] };
}
