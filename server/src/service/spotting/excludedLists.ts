import type { Node } from 'web-tree-sitter';
import { isRetryDecisionTable, rowRetries, tableOfKey } from './retryDecisionTables';
import type { SyntaxAdapter } from './syntaxAdapter';

/*
 * Exception types (and codes) a retry is configured to leave alone: Spring `@Retryable(noRetryFor = …)`, Failsafe
 * `abortOn`, `NON_RETRYABLE = (…)`, a predicate's `!=`. They configure the retry, but no retried code follows from them.
 */

/** Keys of the lists a retry leaves alone: Spring `@Retryable(exclude = …, noRetryFor = …)`, Failsafe `abortOn`. */
const EXCLUDED_KEY = /^(exclude|noRetryFor|notRecoverable|abortOn|abort_on|no_?retry\w*|dont_?retry\w*|do_?not_?retry\w*|never_?retry\w*|non_?retr[iy]able\w*|not_?retr[iy]able\w*|ignore\w*)$/i;

/** True when the exception type at `site` is listed as one a retry must not retry (its configuration, but no retried code). */
export function inExcludedList(site: Node, s: SyntaxAdapter): boolean {
  // `{404: Resolution(action=Action.FAIL), 429: Resolution(action=Action.RETRY)}`: a decision table's row that does not retry.
  const table = tableOfKey(site, s);
  if (table && isRetryDecisionTable(table, s)) return !rowRetries(site);
  for (let up = site.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
    // `r => !r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.Unauthorized`: the code a retry predicate leaves out.
    if (s.binaries.has(up.type) && /^(!=|!==|<>|not in|is not|!in)$/.test(s.operatorOf(up).trim().replace(/\s+/g, ' '))) return true;
    if (s.pairs.has(up.type)) return EXCLUDED_KEY.test(s.pairName(up) ?? '');
    if (s.calls.has(up.type)) return false;
    // `NON_RETRYABLE_STATUSES = {400, 401}`: a list of what not to retry, given to a name.
    if (s.assignments.has(up.type)) return EXCLUDED_KEY.test(lastWord(s.assignTarget(up)?.text ?? ''));
  }
  return false;
}

/** The last name of a target: `self.NON_RETRYABLE` → `NON_RETRYABLE`, `$noRetry` → `noRetry`. */
function lastWord(text: string): string {
  return /[A-Za-z_]\w*$/.exec(text)?.[0] ?? '';
}

