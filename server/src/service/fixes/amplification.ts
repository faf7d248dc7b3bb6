/** `retry-amplification`: "Turn off the SDK's own retries" where the client is built (`max_retries=0`, `maxRetries: 0`). */
import type { RetryAmplificationData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding } from '../types';
import type { Doc } from './text';

export function amplificationFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as RetryAmplificationData | undefined;
  const edit = data?.edit;
  if (!edit || doc.lines.offsetAt(edit.range.end) > doc.text.length) return undefined;
  return { title: "Turn off the SDK client's own retries (the retry here stays)", kind: 'quickfix', fixes: [finding.rule], edits: [{ range: edit.range, newText: edit.newText }] };
}
