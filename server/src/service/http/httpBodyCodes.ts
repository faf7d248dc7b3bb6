/**
 * Numeric codes in (possibly invalid) JSON request and response bodies of .http files, found by a tolerant
 * scan of `"key": value` pairs, not a JSON parser:
 * - HTTP statuses under a key that says so (`"response_status_code": 429`, `"httpStatus": 503`,
 *   `"retry_status_codes": [429, 503]`). A bare `"status"` or `"code"` is not enough: APIs put their own
 *   codes there (`"status": 101` meaning "queued"), which are no HTTP statuses.
 * - JSON-RPC 2.0 error codes under `"code"` in a body that has a `"jsonrpc"` member (`{"jsonrpc": "2.0",
 *   "error": {"code": -32601, …}}`).
 */
import type { Range } from '../types';
import type { TextSpan } from './httpFileTypes';
import { SpanMapper } from './httpLines';

export interface BodyCode {
  code: string;
  /** `http-status` for a status field, `jsonrpc` for a JSON-RPC error code (an error-code occurrence). */
  family: 'http-status' | 'jsonrpc';
  range: Range;
}

/** Keys holding an HTTP status, compared with `_`, `-` and case ignored. */
const STATUS_KEY = /(?:^|http|response)status(?:code)?s?$|statuscodes?$|^(?:http|response)codes?$/;
const KEY_NUMBER = /"([^"\\\n]{1,80})"[ \t\r\n]*:[ \t\r\n]*(-?\d+)(?![\w.])/g;
const KEY_LIST = /"([^"\\\n]{1,80})"[ \t\r\n]*:[ \t\r\n]*\[([\d \t\r\n,]*)\]/g;
const THREE_DIGITS = /(?<!\d)\d{3}(?!\d)/g;
const JSONRPC_MEMBER = /"jsonrpc"[ \t\r\n]*:/;

function statusKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[_\-\s]/g, '');
  return k !== 'status' && STATUS_KEY.test(k);
}

export function bodyCodes(body: TextSpan): BodyCode[] {
  const text = body.text;
  const mapper = new SpanMapper(body);
  const out = new Map<number, BodyCode>();
  const jsonRpc = JSONRPC_MEMBER.test(text);
  for (const m of text.matchAll(KEY_NUMBER)) {
    const start = m.index + m[0].length - m[2].length;
    const range = mapper.range(start, start + m[2].length);
    if (statusKey(m[1]) && /^\d{3}$/.test(m[2])) out.set(start, { code: m[2], family: 'http-status', range });
    else if (jsonRpc && m[1] === 'code' && m[2].startsWith('-')) out.set(start, { code: m[2], family: 'jsonrpc', range });
  }
  for (const m of text.matchAll(KEY_LIST)) {
    if (!statusKey(m[1])) continue;
    const listStart = m.index + m[0].length - m[2].length - 1;
    for (const n of m[2].matchAll(THREE_DIGITS)) {
      const start = listStart + n.index;
      out.set(start, { code: n[0], family: 'http-status', range: mapper.range(start, start + 3) });
    }
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}
