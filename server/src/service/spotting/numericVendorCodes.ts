import type { Node } from 'web-tree-sitter';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { vendorCodeRole, type VendorCodeSite } from './vendorCodes';

/**
 * An API's own error codes written as numbers (Twilio's 20429, Cloudflare's 10007, Discord's 10013, a bank API's
 * 40001): a number says nothing of itself, so only the strongest context makes it one — compared with, switched on
 * or tested for membership against a field named for error codes (`errorCode`, `error_code`, `err.code`), in a list
 * named for error codes (`RETRYABLE_ERROR_CODES = [20429]`), or declared as a constant named for one
 * (`INVALID_PARAM_ERROR_CODE = 60200`). HTTP statuses in the same places are the status spotter's (`taken`).
 */

/** An integer of one to six digits, not part of a name, a decimal or a version. */
const INTEGER = /(?<![\w$.])\d{1,6}(?![\w.])/g;
/** Words one of which stands shortly before every context above (a cheap test before the syntax tree is asked). */
const NEAR = /err(?:or)?_?codes?|errcode|\bcode\b|\.code\b|_code\b|Code\b/i;
const WINDOW = 400;

export function scanNumericVendorCodes(
  text: string,
  root: Node,
  from: number,
  to: number,
  reader: ExpressionReader,
  s: SyntaxAdapter,
  taken: (start: number) => boolean,
  found: (site: VendorCodeSite) => boolean,
): void {
  const pattern = new RegExp(INTEGER.source, 'g');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (start >= to) break;
    const token = match[0];
    if (token === '0' || taken(start) || !NEAR.test(text.slice(Math.max(0, start - WINDOW), start))) continue;
    const node = root.descendantForIndex(start, start + token.length);
    if (!node || !s.numbers.has(node.type) || node.startIndex !== start || node.endIndex !== start + token.length) continue;
    const role = vendorCodeRole(node, token, reader, s);
    if (role && !found({ start, end: start + token.length, code: token, role })) return;
  }
}
