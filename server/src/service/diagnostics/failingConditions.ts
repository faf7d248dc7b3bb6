import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { within } from './flow/flowModel';

/* Loop conditions that hold while a response is not a success, read by the retry-loop finder and the rules. */

/**
 * The loop's condition holds while the response is not a success: its own success flag negated (`not r.ok`,
 * `!response.isSuccessful`, `!res.IsSuccessStatusCode`, `!resp.status().is_success()`, `res.ok == false`).
 */
export function failingWhile(condition: string, root?: string): boolean {
  // (No root: any receiver, `[\w$.]+`.)
  const name = root ? root.replace(/[$]/g, '\\$') : '[\\w$.]+';
  const flag = `${name}\\s*\\.\\s*(?:status\\(\\)\\s*\\.\\s*)?(?:ok|isSuccessful|IsSuccessStatusCode|is_success|isSuccess|successful\\?|success\\?)(?:\\s*\\(\\s*\\))?`;
  return new RegExp(`(?:!|\\bnot\\s+)\\(?\\s*${flag}(?![\\w.(])|${flag}\\s*===?\\s*(?:false|False)\\b`).test(condition);
}

/**
 * The condition also names the statuses it goes round on (`!r.isSuccessful && r.code() == 500`): a status test in it
 * other than an exclusion (`&& r.code() != 401` keeps every other failure).
 */
export function narrowedIn(ctx: DiagContext, condition: Node): boolean {
  return ctx.clientTests().some((t) => within(t.test, condition) && !/^(!=|!==)$/.test(t.op));
}
