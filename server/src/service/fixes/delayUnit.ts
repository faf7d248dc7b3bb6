/**
 * `retry-delay-unit`: "Convert the wait to <unit>" applies the conversion the rule computed at the wait
 * (`retryAfter * 1000` for setTimeout, `delay_ms / 1000` for time.sleep, `time.Duration(s) * time.Second` in Go).
 */
import type { RetryDelayUnitData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding } from '../types';
import { dataEditFix } from './dataEdit';
import type { Doc } from './text';

const WORD = { s: 'seconds', ms: 'milliseconds', ns: 'a Duration' } as const;

export function delayUnitFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as RetryDelayUnitData | undefined;
  return data && dataEditFix(doc, finding, `Convert the wait to ${WORD[data.expected]}`);
}
