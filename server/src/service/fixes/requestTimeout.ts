/**
 * `request-without-timeout`: "Set a timeout" applies the edit the rule computed from the library's own way of
 * setting one (server/data/request-timeouts.json, `option`) and the `requestTimeoutSeconds` setting.
 */
import type { RequestWithoutTimeoutData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding } from '../types';
import { dataEditFix } from './dataEdit';
import type { Doc } from './text';

export function requestTimeoutFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as RequestWithoutTimeoutData | undefined;
  if (data?.where === 'session') return sessionFix(doc, finding, data);
  return dataEditFix(doc, finding, data?.explicit ? 'Replace the endless timeout with a bounded one' : 'Set a timeout on this request');
}

/** A session's requests: one action sets a timeout on each of them (requests has no session-wide timeout). */
function sessionFix(doc: Doc, finding: Finding, data: RequestWithoutTimeoutData): CodeActionResult | undefined {
  const edits = data.edits ?? [];
  if (edits.length === 0) return undefined;
  for (const e of edits) {
    const start = doc.lines.offsetAt(e.range.start);
    const end = doc.lines.offsetAt(e.range.end);
    if (start > end || end > doc.text.length) return undefined;
  }
  const title = edits.length === 1 ? 'Set a timeout on the request sent through this session' : `Set a timeout on the ${edits.length} requests sent through this session`;
  return { title, kind: 'quickfix', fixes: [finding.rule], edits: edits.map((e) => ({ range: e.range, newText: e.newText })) };
}
