import { findErrnoMessages, mayHoldErrnoMessages } from './errnoMessages';
import { scanBareCodeKeys } from './codeMaps';
import { findForeignCodeUses, type ForeignCodes } from './foreignCodeUses';
import { scanNumericVendorCodes } from './numericVendorCodes';
import { findOwnVendorCodeUses, findUseConfirmedDeclarations, type OwnVendorCodeTable } from './ownVendorCodes';
import { entry, type SpanSpotting } from './spotEntries';
import { scanVendorCodes } from './vendorCodes';

/**
 * The passes over an API's own error codes: in strings, as connection-failure messages, as the keys of a code table,
 * as numbers, and as the constants the file (`vendor`) or other files (`foreign`) declare.
 */
export function spotErrorCodes(span: SpanSpotting, vendor: OwnVendorCodeTable, foreign: ForeignCodes | undefined): void {
  const { root, text, lines, support, registry, context, from, to, numbers, names, overBudget } = span;
  if (span.complete) {
    // An API's own error codes in strings: `err.error === 'ratelimited'`, `case "rate_limit":`, `{ error: 'NOT_FOUND' }`.
    // (A code only a `context` catalog holds — a vendor's common word, `timeout`, `conflict` — is found by its context alone.)
    const known = (token: string) => (registry.errorCode(token).some((e) => e.catalog.matching !== 'context') ? token : undefined);
    scanVendorCodes(text, root, from, to, context, support.adapter, known, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (span.complete && mayHoldErrnoMessages(text)) {
    // A connection failure found by its text: `strings.Contains(err.Error(), "connection reset by peer")` is ECONNRESET.
    findErrnoMessages(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (span.complete) {
    // The bare-word keys of a table named for error codes: `const ERROR_TYPE_MAPPING = { rate_limit_error: "RateLimitError" }`.
    scanBareCodeKeys(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (span.complete) {
    // An API's own error codes as numbers: `case 40001:` on an `errorCode`, `RETRYABLE_ERROR_CODES = [20429]`.
    scanNumericVendorCodes(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (span.complete) {
    // Uses of the API codes the file declares itself: `TooManyRequestsErrorCode: {}`, `err.code == QUOTA_ERROR`.
    findOwnVendorCodeUses(text, root, support.adapter, context, vendor, from, to, ({ code, node, role }) => {
      if (overBudget()) return false;
      if (!names.has(node.startIndex)) names.set(node.startIndex, entry(code, 'error-code', role, node.startIndex, node.endIndex, node.text.replace(/\s+/g, ''), lines, true));
      return true;
    });
  }

  if (span.complete) {
    // The declarations those uses confirm: `RATE_LIMITED = "rate_limited"` compared whole with an error's code elsewhere.
    findUseConfirmedDeclarations(root, support.adapter, context, vendor, from, to, (start, code) => {
      if (!names.has(start) && !numbers.has(start)) names.set(start, entry(code, 'error-code', 'constant', start, start + code.length, code, lines));
    });
  }

  if (span.complete && foreign) {
    // Uses of the codes other files declare: `case CloseType.RateLimited:`, `if error_code == API_ERR_CODE_UNAUTH`.
    findForeignCodeUses(text, root, support.adapter, context, foreign, from, to, (start) => names.has(start) || numbers.has(start), ({ code, kind, node, role }) => {
      if (overBudget()) return false;
      names.set(node.startIndex, entry(code, kind === 'http-status' ? 'http-status' : 'error-code', role, node.startIndex, node.endIndex, node.text.replace(/\s+/g, ''), lines, true));
      return true;
    });
  }
}
