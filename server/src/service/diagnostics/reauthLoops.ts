import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { type LoopInfo, within } from './flow/flowModel';
import { DELAY } from './waitCalls';

/** Statuses that say the credentials were refused: a fresh token is the answer, not a wait. */
const REFUSED = new Set(['401', '403']);
/** Calls that renew credentials (`refresh_token()`, `ensure_valid_oauth(force_refresh=True)`, `reauthenticate()`, `login()`). */
const RENEWS = /\b(?:[\w.]*(?:refresh|auth|log_?in|sign_?in|renew|token|credential)\w*)\s*\(/i;

/**
 * A loop that goes round only to send again with renewed credentials: every `continue` of it sits in a branch that
 * tests for a 401 or 403 and renews the token or logs in again first (`if r.status_code == 401 and attempt == 0:
 * oauth = refresh(force=True); continue`), and nothing in it waits. That is re-authentication, done once per
 * expired token; it is not a retry of a failure, so the retry rules (delays, caps, Retry-After, unsafe re-sends)
 * have nothing to say about it.
 */
export function reauthenticatesOnly(ctx: DiagContext, loop: LoopInfo): boolean {
  if (loop.continues.length === 0 || !loop.body) return false;
  if (loop.calls.some((c) => DELAY.test(c.name))) return false;
  const tests = ctx.clientTests().filter((t) => t.positive && t.guard && t.branch && within(t.test, loop.node));
  // (A branch that also goes round on another status — `if r.status in (401, 502)` — retries a failure as well.)
  const mixed = new Set(tests.filter((t) => !REFUSED.has(t.occ.code)).map((t) => t.guard!.id));
  const refusals = tests.filter((t) => REFUSED.has(t.occ.code) && !mixed.has(t.guard!.id));
  return loop.continues.every((jump) => refusals.some((t) => within(jump, t.branch!) && RENEWS.test(beforeJump(t.branch!, jump))));
}

/** The text of the branch up to the jump: what it does before going round. */
function beforeJump(branch: Node, jump: Node): string {
  return branch.text.slice(0, Math.max(0, jump.startIndex - branch.startIndex));
}
