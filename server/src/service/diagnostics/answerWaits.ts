/**
 * A wait read off the failed answer itself: the server's word on when to come back in a form other than the
 * Retry-After header — a field of the body (`data.retry_after`, Google's `retryDelay`, `waitMilliseconds`, a
 * `nextRequest` instant), a vendor header, an attribute of the caught error (`exc.wait_seconds`). The response or the
 * error is followed through the locals taken from it (`info = await res.json()` … `sleep(info.delay)`); its status
 * alone (`r.status_code`) says nothing about how long to wait.
 */
import type { Node } from 'web-tree-sitter';
import { escapeRegExp } from './regexText';

/** A read of the status (or the success flag): it picks a branch, it is no wait the server asked for. */
const STATUS_READ = /^(status|status_code|statusCode|StatusCode|code|Code|ok|is_success|isSuccessful|status_int)$/;

/**
 * `arg` (a wait's duration) is computed from one of `names` — the response, the caught error — or from a local the
 * scope sets from them, through anything but its status.
 */
export function waitReadsAnswer(arg: Node | null | undefined, scope: Node | null | undefined, names: ReadonlyArray<string | undefined>, ownFunctions: ReadonlySet<string>): boolean {
  if (!arg || !scope) return false;
  // (A function of the file handed the answer is read where it is written: it may use no more than the attempt.)
  const ownCall = (text: string) => [...text.matchAll(/([A-Za-z_]\w*)\s*\(/g)].some((m) => ownFunctions.has(m[1]));
  const roots = new Set(names.filter((n): n is string => !!n && /^\$?[A-Za-z_]\w*$/.test(n) && !/^(self|this)$/.test(n)));
  if (roots.size === 0) return false;
  // Locals taken from them, to a fixed point (three steps deep: `details = r.json()[…]`, `delay = pick(details)`).
  const text = scope.text;
  for (let step = 0; step < 3; step++) {
    let grew = false;
    for (const m of text.matchAll(ASSIGNMENT)) {
      const [, name, value] = m;
      if (roots.has(name) || ownCall(value) || !readsThrough(value, roots)) continue;
      roots.add(name);
      grew = true;
    }
    if (!grew) break;
  }
  return !ownCall(arg.text) && readsThrough(arg.text, roots);
}

/** `name = value` as a statement (with `const`/`let`/`var`/`val`, Go's `:=`, a PHP `$`), one per line. */
const ASSIGNMENT = /^[ \t]*(?:(?:const|let|var|val|final|auto)\s+)?\$?([A-Za-z_]\w*)\s*(?::\s*[\w.<>[\]| ]+)?\s*(?::=|=(?![=>]))\s*([^\n;]+)/gm;

/** The text reads one of `roots` through a member, an index or a call — not only its status, not merely naming it. */
function readsThrough(text: string, roots: ReadonlySet<string>): boolean {
  for (const root of roots) {
    const bare = root.replace(/^\$/, '');
    const pattern = new RegExp(`(?<![\\w$.])\\$?${escapeRegExp(bare)}\\s*(\\?\\.|\\.|->|\\[|::)\\s*['"]?([A-Za-z_]\\w*)?|(?<![\\w$.])\\$?${escapeRegExp(bare)}(?![\\w$])`, 'g');
    for (const m of text.matchAll(pattern)) {
      const field = m[2];
      if (m[1] === undefined) {
        // The name alone: a local taken from the answer (`sleep(delay)`), or handed whole to a call (`parse(resp)`).
        return true;
      }
      if (!field || !STATUS_READ.test(field)) return true;
    }
  }
  return false;
}

/** The names the catch clauses inside `scope` bind their error to (`except X as e:`, `catch (e)`, `rescue X => e`). */
export function caughtNames(scope: Node | null | undefined): string[] {
  if (!scope) return [];
  const text = scope.text;
  const out = new Set<string>();
  for (const re of CAUGHT) for (const m of text.matchAll(re)) out.add(m[1]);
  return [...out];
}

const CAUGHT = [
  /\bexcept\b[^:\n]*\bas\s+([A-Za-z_]\w*)\s*:/g,
  /\bcatch\s*\(\s*([A-Za-z_$][\w$]*)\s*(?::[^)]*)?\)/g,
  /\bcatch\s*\(\s*[\w.|<>?\s]+?\s+\$?([A-Za-z_]\w*)\s*\)/g,
  /\brescue\b[^\n]*=>\s*([A-Za-z_]\w*)/g,
];
