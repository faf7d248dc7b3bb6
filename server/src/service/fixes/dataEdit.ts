/**
 * Fixes whose edit the rule computed (it knew the library, the unit, the setting): the finding's data carries
 * `edit: { range, newText }` and the fix applies it, after checking the range still fits the document.
 * Used by request-without-timeout, retry-delay-unit and retry-amplification.
 */
import type { CodeActionResult, Finding, Range } from '../types';
import type { Doc } from './text';

export function dataEditFix(doc: Doc, finding: Finding, title: string): CodeActionResult | undefined {
  const edit = (finding.data as { edit?: { range: Range; newText: string } } | undefined)?.edit;
  if (!edit) return undefined;
  const start = doc.lines.offsetAt(edit.range.start);
  const end = doc.lines.offsetAt(edit.range.end);
  if (start > end || end > doc.text.length) return undefined;
  return { title, kind: 'quickfix', fixes: [finding.rule], edits: [{ range: edit.range, newText: edit.newText }] };
}
