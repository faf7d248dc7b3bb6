/** `retry-amplification`: "Turn off the SDK's own retries" where the client is built (`max_retries=0`, `maxRetries: 0`). */
import type { CodeActionResult, Finding } from '../types';
import { dataEditFix } from './dataEdit';
import type { Doc } from './text';

export function amplificationFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  return dataEditFix(doc, finding, "Turn off the SDK client's own retries (the retry here stays)");
}
