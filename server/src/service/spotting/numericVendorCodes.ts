import type { Node } from 'web-tree-sitter';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { vendorCodeRole } from './vendorCodeRoles';
import type { VendorCodeSite } from './vendorCodes';

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
const NEAR = /err(?:or)?_?codes?|errcode|\bcode\b|\.code\b|_code\b|Code\b|errors\b|err(?:or)?_?(?:descriptions?|messages?|msgs?)\b/i;
const WINDOW = 2000;

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
  // Where the context words end, once for the range (not a slice of text per number).
  const near: number[] = [];
  const words = new RegExp(NEAR.source, 'gi');
  words.lastIndex = Math.max(0, from - WINDOW);
  for (let m = words.exec(text); m && m.index < to; m = words.exec(text)) near.push(m.index + m[0].length);
  if (near.length === 0) return;
  let k = 0;
  const pattern = new RegExp(INTEGER.source, 'g');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (start >= to) break;
    const token = match[0];
    // The last context word ending at or before the number, within the window.
    while (k + 1 < near.length && near[k + 1] <= start) k++;
    if (near[k] > start || start - near[k] > WINDOW) continue;
    if (token === '0' || taken(start)) continue;
    const node = root.descendantForIndex(start, start + token.length);
    if (!node || !s.numbers.has(node.type) || node.startIndex !== start || node.endIndex !== start + token.length) continue;
    const role = vendorCodeRole(node, token, reader, s);
    if (role && !found({ start, end: start + token.length, code: token, role })) return;
  }
}
