import { escapeRegExp } from './regexText';

/*
 * A delay named for backing off is not a growing delay by its name alone. `sleep(retry_method.backoff_time)`,
 * `time.Sleep(BackoffInterval)`, `Task.Delay(_options.Backoff)` read one setting: the wait is the same on every
 * attempt unless the file makes the setting grow — a compound assignment (`backoff *= 2`, `b.backoff += step`), or
 * an assignment from itself or from a power or shift (`self.backoff = self.backoff * 2`, `backoff = 1 << n`).
 */

/** Names spelled for backing off: `backoff`, `backoff_time`, `BackoffDelay`, `RETRY_BACKOFF_MS`. */
const BACKOFF_NAME = /^[A-Za-z_$][\w$]*$/;
const BACKOFF_WORD = /backoff/i;
/** What a growing value is computed with. */
const GROWTH = /\*\*|<<|\bpow\b|\bexp\w*\s*\(|\bMath\.pow\b|\bPow\b/;

/**
 * The delay's text with every backoff-named setting that the file never makes grow blanked out, so that what is
 * left says whether the delay itself grows (a call, a power, a Retry-After read). Names read through a call
 * (`backoff(n)`, `policy.nextBackoff()`) are computations and stay.
 */
export function withoutBackoffSettings(fileText: string, delayText: string): string {
  if (!BACKOFF_WORD.test(delayText)) return delayText;
  return delayText.replace(/[A-Za-z_$][\w$]*(?!\s*[(\w$])/g, (name) => (BACKOFF_WORD.test(name) && BACKOFF_NAME.test(name) && !growsInFile(fileText, name) ? '_' : name));
}

/** The file assigns `name` a growing value somewhere: compoundly, from itself, or from a power or shift. */
function growsInFile(fileText: string, name: string): boolean {
  const id = escapeRegExp(name);
  if (new RegExp(`(?<![\\w$])${id}\\s*(\\*=|\\+=|<<=|\\*\\*=|\\+\\+)|\\+\\+\\s*${id}(?![\\w$])`).test(fileText)) return true;
  for (const m of fileText.matchAll(new RegExp(`(?<![\\w$])${id}\\s*:?=(?!=)([^\\n;]*)`, 'g'))) {
    const value = m[1];
    if (new RegExp(`(?<![\\w$])${id}(?![\\w$])`).test(value) || GROWTH.test(value) || /[A-Za-z_$][\w$]*\s*\(/.test(value.replace(/\b(Duration|TimeSpan|time)\b[\w.:]*\(/g, ''))) return true;
  }
  return false;
}
