import type { Occurrence } from '../types';

/**
 * Hover text for an error code no catalog knows — an API's own body code (`"ratelimited"`, `'TOO_MANY_REQUESTS'`,
 * `"context_length_exceeded"`) found by its context. It says what can be said without a catalog: that it is an API's
 * own code, what the code around it does with it (a retry reads it, a branch tests it, a response sends it), and what
 * its name suggests, with the way to give it a real meaning (a workspace catalog).
 */

/** Names that suggest a limit or a passing failure: usually retried after a wait. */
const TRANSIENT_NAME = /rate|limit|throttl|too_?many|quota|overload|busy|unavailable|timeout|timed_?out|temporar|try_?again|retry|capacity|backoff|slow_?down/i;
/** Names that suggest a request refused the same way every time. */
const FINAL_NAME = /invalid|denied|unauthori[sz]|forbid|not_?found|notfound|bad_?request|missing|required|malformed|unsupported|unprocessable|too_?large|too_?long|length_?exceeded|not_?authori|revoked|disabled|duplicate|conflict|parse/i;

const ROLE_TEXT: Partial<Record<Occurrence['role'], string>> = {
  'retry-config': 'The code here lists it where a retry reads it: it is treated as **retryable**.',
  'client-check': 'The code here tests a received error for it; whether it is retried depends on what that branch does.',
  'server-sets': 'The code here sends it in an error body.',
  constant: 'The code here names it (a declaration, or an error built with it).',
  'test-assert': 'A test expects it or feeds it in.',
};

export function vendorCodeHover(occurrence: Occurrence): string {
  const code = occurrence.code;
  if (/^[34]\d{3}$/.test(code)) return closeCodeHover(occurrence);
  if (occurrence.library) return libraryClassHover(occurrence, occurrence.library);
  const words = code.replace(/([a-z])([A-Z])/g, '$1_$2');
  const lines = [`**${code}** · an API's own error code`, '', 'No catalog knows this code: it is the value an API puts in its error body (`error`, `code`, `type`, `status`), read here as such from the code around it.'];
  const role = ROLE_TEXT[occurrence.role];
  if (role) lines.push('', role);
  if (FINAL_NAME.test(words) && !/rate_?limit|quota/i.test(words)) {
    lines.push('', 'Its name suggests a request the API refuses the same way every time: a retry will not help; fix the request or the credentials.');
  } else if (TRANSIENT_NAME.test(words)) {
    lines.push('', "Its name suggests a rate limit or a passing failure: such codes are usually retried after a wait, honouring any `Retry-After` header or `retry_after` field the API sends. Check the API's documentation.");
  }
  lines.push('', '_Add it to a workspace catalog (`*.errorcodes.json`) to give it a meaning and a retry verdict._');
  return lines.join('\n');
}

/**
 * A WebSocket close code no catalog knows: 3000–3999 are registered with IANA for libraries and frameworks,
 * 4000–4999 are for an application's private use (RFC 6455 section 7.4.2). Only a close-code table of the project
 * declares such numbers as codes, so its name (`RateLimited`, `SessionTimedOut`) is what there is to go on.
 */
function closeCodeHover(occurrence: Occurrence): string {
  const code = occurrence.code;
  const range = code.startsWith('4') ? "4000–4999, for an application's private use" : '3000–3999, registered with IANA for libraries and frameworks';
  const lines = [`**${code}** · a WebSocket close code of the project's own`, '', `A close code in ${range} (RFC 6455 section 7.4.2): its meaning is what this project (or the service it talks to) says it is.`];
  const role = ROLE_TEXT[occurrence.role];
  if (role) lines.push('', role);
  const words = occurrence.text.replace(/([a-z])([A-Z])/g, '$1_$2');
  if (FINAL_NAME.test(words) && !/rate_?limit|quota/i.test(words)) lines.push('', 'Its name suggests a closure that happens again on every reconnect: fix the cause before reconnecting.');
  else if (TRANSIENT_NAME.test(words)) lines.push('', 'Its name suggests a passing condition: reconnect after a wait, with backoff and jitter.');
  lines.push('', '_Add it to a workspace catalog (`*.errorcodes.json`) to give it a meaning and a retry verdict._');
  return lines.join('\n');
}

/** An error class of a client library no catalog knows (`NotFound404Error` from `qbittorrentapi`): what its name and place say. */
function libraryClassHover(occurrence: Occurrence, library: string): string {
  const words = occurrence.code.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  const lines = [`**${occurrence.code}** · an error class of \`${library}\``, '', 'No catalog knows this class: its name says a call to an API failed, and the file imports it from that library.'];
  const role = ROLE_TEXT[occurrence.role];
  if (role) lines.push('', role.replace('it is treated as', 'the failure it stands for is treated as'));
  const status = /(?<![0-9])([1-5]\d\d|[45]XX|[45]xx)(?![0-9])/.exec(occurrence.code)?.[1];
  if (status) lines.push('', `Its name carries the status it stands for: ${status.toUpperCase()}.`);
  if (FINAL_NAME.test(words) && !/rate_?limit|quota/i.test(words)) lines.push('', 'Its name suggests a request refused the same way every time: a retry will not help.');
  else if (TRANSIENT_NAME.test(words) || /5XX|5\d\d/i.test(occurrence.code)) lines.push('', "Its name suggests a rate limit or a passing failure: retry it after a wait, honouring the server's `Retry-After`.");
  lines.push('', '_Add it to a workspace catalog (`*.errorcodes.json`) to give it a meaning and a retry verdict._');
  return lines.join('\n');
}
