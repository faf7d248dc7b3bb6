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
  return dataEditFix(doc, finding, data?.explicit ? 'Replace the endless timeout with a bounded one' : 'Set a timeout on this request');
}
