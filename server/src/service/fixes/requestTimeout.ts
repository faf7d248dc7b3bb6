/**
 * `request-without-timeout`: "Set a timeout" applies the edit the rule computed from the library's own way of
 * setting one (server/data/request-timeouts.json, `option`) and the `requestTimeoutSeconds` setting. The edit
 * is validated against the document it was computed for: a stale range (the text moved) offers nothing.
 */
import type { RequestWithoutTimeoutData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding } from '../types';
import type { Doc } from './text';

export function requestTimeoutFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as RequestWithoutTimeoutData | undefined;
  const edit = data?.edit;
  if (!edit) return undefined;
  const start = doc.lines.offsetAt(edit.range.start);
  const end = doc.lines.offsetAt(edit.range.end);
  if (start > end || end > doc.text.length) return undefined;
  return {
    title: data.explicit ? 'Replace the endless timeout with a bounded one' : 'Set a timeout on this request',
    kind: 'quickfix',
    fixes: [finding.rule],
    edits: [{ range: edit.range, newText: edit.newText }],
  };
}
