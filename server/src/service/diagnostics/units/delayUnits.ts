/**
 * The unit of a delay value, read from how the code got it: a header whose unit the standard fixes
 * (`Retry-After` seconds, `retry-after-ms`), a body field APIs document in seconds (`retry_after`), a name that
 * says it (`delay_ms`, `waitSeconds`, `backoffMillis`), a conversion (`* 1000`, `/ 1000`), and, for a name that
 * says nothing, the value it was last given in the same function (followed up to three steps).
 */
import type { CallInfo, FileFlow } from '../flow/flowModel';
import { cachedRegExp } from '../../regexCache';

/**
 * Seconds, milliseconds, seconds divided by 1000 (`retry_after / 1000` of a seconds value: a number 1000 times
 * too small for any wait), or milliseconds multiplied by 1000 (`backoff_ms * 1000`: microseconds, 1000 times too large
 * for a wait in milliseconds). As powers of 1000 seconds: us −2, ms −1, s 0, ks 1 (unitExponent).
 */
export type DelayUnit = 's' | 'ms' | 'ks' | 'us';

export const unitExponent = (u: DelayUnit): number => (u === 'us' ? -2 : u === 'ms' ? -1 : u === 's' ? 0 : 1);

/** Name hops followed back to a value (`delay` ← `retryAfter` ← a header); reading an expression's parts costs none. */
const MAX_STEPS = 3;
/** Calls that keep the unit of their (first) argument: parsing, rounding, clamping. */
const KEEPS_UNIT = /^(?:Number|parseInt|parseFloat|int|float|round|Math\.(?:ceil|floor|round|max|min)|math\.(?:ceil|floor)|max|min|Integer\.parseInt|Long\.parseLong|Double\.parseDouble|Integer\.valueOf|Long\.valueOf|int\.Parse|long\.Parse|double\.Parse|Convert\.To(?:Int32|Int64|Double)|float64|int64|int32|intval|floatval|abs|Math\.abs|strconv\.Atoi|strconv\.ParseFloat|strconv\.ParseInt|Float\.parseFloat)$/;
const MS_NAME = /(?:^|_)(?:ms|msec|msecs|millis|milliseconds)$|[a-z0-9](?:Ms|MS|Msec|Millis|Milliseconds)$/;
const S_NAME = /(?:^|_)(?:s|sec|secs|seconds)$|[a-z0-9](?:Sec|Secs|Seconds)$/;

/** Where a name's last assignment is looked for: the function's text and the offset of the use within it. */
export interface UnitScope {
  text: string;
  before: number;
  /** The whole file, where a constant naming a header is declared (`const val HEADER_RETRY_AFTER = "Retry-After"`). */
  file?: string;
}

/**
 * Where names used at `call` got their values: the outermost function around it (a callback sees its enclosing
 * function's locals: `const wait = s * 1000; await new Promise((r) => setTimeout(r, wait))`), or the file.
 */
export function scopeOf(flow: FileFlow, call: CallInfo): UnitScope {
  let fn = call.fn;
  while (fn?.parent) fn = fn.parent;
  return fn ? { text: fn.node.text, before: call.start - fn.start, file: flow.text } : { text: flow.text, before: call.start, file: flow.text };
}

/** The unit of `expr`, or undefined when the code does not say. */
export function unitOf(expr: string, scope: UnitScope, steps = 0): DelayUnit | undefined {
  // (Kotlin writes the conversion as a call: `h?.toLongOrNull()?.times(1000)`, `ms.div(1000)`.)
  const e = stripParens(expr.trim()).replace(/\??\.times\(\s*(1000L?|1_000L?)\s*\)$/, ' * $1').replace(/\??\.div\(\s*(1000L?|1_000L?)\s*\)$/, ' / $1');
  if (!e || steps > MAX_STEPS) return undefined;
  // Conversions decide whatever they convert.
  // (An operand with no unit of its own is taken for the unit the conversion comes from: `n * 1000` is milliseconds.)
  const scaled = /^(.*?)\s*\*\s*(?:1000|1_000|1e3|1000\.0|1000L|1000d)$/s.exec(e) ?? /^(?:1000|1_000|1e3|1000\.0|1000L)\s*\*\s*(.*)$/s.exec(e);
  if (scaled) {
    const inner = unitOf(scaled[1], scope, steps);
    return inner === 'ks' ? 's' : inner === 'ms' ? 'us' : inner === 'us' ? undefined : 'ms';
  }
  const divided = /^(.*?)\s*\/\s*(?:1000|1_000|1e3|1000\.0|1000L|1000d)$/s.exec(e);
  if (divided) {
    const inner = unitOf(divided[1], scope, steps);
    return inner === 's' ? 'ks' : inner === 'us' ? 'ms' : inner === 'ks' ? undefined : 's';
  }
  // Clock and date arithmetic says its unit: JS dates and Java clocks count milliseconds, Python's seconds.
  if (/Date\.parse\(|new Date\(|\.getTime\(\)|Date\.now\(\)|currentTimeMillis\(\)|(?:\.|::)toMillis\b|\.TotalMilliseconds\b/.test(e)) return 'ms';
  if (/\.total_seconds\(\)|\btime\.time\(\)|\.TotalSeconds\b|\.toSeconds\(\)|\.getSeconds\(\)/.test(e)) return 's';
  // `cond ? a : b`, `a if cond else b`: the unit the known branches agree on (a header named in the condition —
  // `headers["Retry-After"] ? parseInt(headers["Retry-After"]) * 1000 : undefined` — is not the value).
  const branches = ternaryBranches(e);
  if (branches) return agreed(branches.map((b) => unitOf(b, scope, steps)));
  const said = /\/\*(ms|s)\*\/$/.exec(e);
  if (said) return said[1] as DelayUnit;
  // `a + b`, `a || b`, `a ?? b`, `max(a, b)`: the unit the known parts agree on (Kotlin's elvis `a ?: b` too), before
  // any header the expression names: `parseInt(h['retry-after']) * 1000 || 1000` is milliseconds.
  const parts = topLevelSplit(e, /\s*(?:\+|-|\|\||\?\?|\?:|\bor\b)\s*/);
  if (parts.length > 1) return agreed(parts.map((p) => unitOf(p, scope, steps)));
  const header = headerUnit(e, scope.file);
  if (header) return header;
  const call = /^([\w.$]+)\s*\((.*)\)$/s.exec(e);
  if (call && KEEPS_UNIT.test(call[1])) {
    const args = topLevelSplit(call[2], /\s*,\s*/).filter((a) => !/^\d+$/.test(a) || /max|min/i.test(call[1]));
    return agreed(args.map((a) => unitOf(a, scope, steps)));
  }
  // Ruby/Kotlin conversions written after the value: `h['Retry-After'].to_i`, `value.toLong()`, `h?.toLongOrNull()`.
  const postfix = /^(.*?)(?:!!)?\??\.(?:to_i|to_f|to(?:Int|Long|Double)(?:OrNull)?\(\))$/s.exec(e);
  if (postfix) return unitOf(postfix[1], scope, steps);
  const name = /^(?:self\.|this\.|@|\$this->|\$)?([A-Za-z_][\w]*)$/.exec(e)?.[1] ?? /\.([A-Za-z_]\w*)$/.exec(e)?.[1];
  if (!name) return undefined;
  const plain = /^(?:self\.|this\.|@|\$this->|\$)?[A-Za-z_]\w*$/.test(e);
  // Every value the name is given before the use (the branches of an `if` each assign it): the unit the known ones agree on.
  const assignments = plain ? assignmentsBefore(name, scope) : [];
  const given = agreed(assignments.map((a) => unitOf(a.value, { ...scope, before: a.at }, steps + 1)));
  // A value converted by hand wins over the name it is kept in: `wait_seconds = retry_after / 1000.0` holds seconds
  // divided by 1000 whatever it is called; so does a value read from a header or body field whose unit the standard
  // or the API fixes (`retryAfterMs = Number(res.headers.get('retry-after'))` holds seconds, whatever it is called).
  // Otherwise the name says it (`retryDelayMillis = …map(Duration::toMillis)…`).
  if (given && assignments.some((a) => CONVERSION.test(a.value) || headerUnit(a.value, scope.file) === given)) return given;
  if (MS_NAME.test(name)) return 'ms';
  if (S_NAME.test(name)) return 's';
  if (given) return given;
  if (/^retry_?after$/i.test(name) && /\.|\[/.test(e) && !/^(this|self)\./.test(e)) return 's';
  return undefined;
}

/** Values that carry their unit with them: a .NET TimeSpan, a java.time/kotlin Duration, a Rust Duration. */
const TYPED_DURATION = /^(?:TimeSpan\.(?:From\w+\(|Zero\b|MaxValue\b|MinValue\b)|new\s+TimeSpan\s*\(|(?:java\.time\.)?Duration\.(?:of\w*\(|ZERO\b|parse\()|Duration::|std::time::Duration::|\d+(?:\.\d+)?\.(?:seconds|milliseconds)\b)/;

/**
 * The value is a typed duration (`ex.RetryAfter ?? TimeSpan.FromSeconds(20)`, a `TimeSpan delay` local): a wait
 * given one (`Task.Delay(TimeSpan)`, `Thread.sleep(Duration)`) takes its unit from it, so no number can be misread.
 */
export function typedDuration(expr: string, scope: UnitScope, steps = 0): boolean {
  const e = stripParens(expr.trim());
  if (!e || steps > MAX_STEPS) return false;
  if (TYPED_DURATION.test(e)) return true;
  const branches = ternaryBranches(e);
  if (branches) return branches.some((b) => typedDuration(b, scope, steps));
  const parts = topLevelSplit(e, /\s*(?:\?\?|\|\|)\s*/);
  if (parts.length > 1) return parts.some((p) => typedDuration(p, scope, steps));
  const name = /^(?:this\.)?([A-Za-z_]\w*)$/.exec(e)?.[1];
  if (!name) return false;
  // Declared with the type: `TimeSpan delay = …`, `TimeSpan? retryAfter`, `Duration wait`.
  if (new RegExp(`\\b(?:TimeSpan|Duration)\\??\\s+${name}\\b`).test(scope.text)) return true;
  return assignmentsBefore(name, scope).some((a) => typedDuration(a.value, { ...scope, before: a.at }, steps + 1));
}

/** An explicit conversion by a thousand. */
const CONVERSION = /[*/]\s*(?:1000|1_000|1e3|1000\.0|1000L|1000d)\b|\b(?:1000|1_000|1e3)\s*\*/;

/** Header and body fields whose unit the standard or the API fixes. */
function headerUnit(e: string, file?: string): DelayUnit | undefined {
  // (A plain name, `retry_after_ms = …`, is read by what it was given first.)
  if (/retry[-_]after[-_]ms/i.test(e) && !/^[\w$]+$/.test(e)) return 'ms';
  if (/['"`](?:retry-after|x-ratelimit-reset-after|ratelimit-reset)['"`]/i.test(e) || /\bRetryAfter\b\s*\)?$/.test(e) && /[Hh]eader/.test(e)) return 's';
  // The header named by a library's constant (`HttpHeaders.RETRY_AFTER`, Ktor's `HttpHeaders.RetryAfter`, Rust's
  // `header::RETRY_AFTER`, an imported `RETRY_AFTER` read as a key) or by a constant of the file holding its name.
  if (/\b(?:HttpHeaders|HttpHeaderNames|HeaderNames)\.(?:RETRY_AFTER|RetryAfter)\b|\bheader::RETRY_AFTER\b|[([]\s*RETRY_AFTER\s*[)\]]/.test(e)) return 's';
  if (file && headerConstantRead(e, file)) return 's';
  // Telegram's and Discord's bodies: `parameters.retry_after`, `data['retry_after']` (seconds).
  if (/(?:\.|\[['"])retry_after(?:['"]\])?$/.test(e) && !/^(self|this)\.retry_after$/.test(e)) return 's';
  return undefined;
}

/**
 * A key read through a constant of the file that holds the header's name: `response.header(HEADER_RETRY_AFTER)`,
 * `headers[RETRY_AFTER_HEADER]` with `const val HEADER_RETRY_AFTER = "Retry-After"` declared in the file.
 */
function headerConstantRead(e: string, file: string): boolean {
  for (const m of e.matchAll(/[([]\s*(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\s*[)\]]/g)) {
    if (!/retry/i.test(m[1])) continue;
    if (cachedRegExp(`\\b${m[1]}\\s*(?::\\s*[\\w.?]+\\s*)?=\\s*['"\`](?:retry-after|x-ratelimit-reset-after)['"\`]`, 'i').test(file)) return true;
  }
  return false;
}

/** The right-hand sides of every `name = …` (or `name := …`, `let/const/var name = …`) before the use, in order. */
export function assignmentsBefore(name: string, scope: UnitScope): Array<{ value: string; at: number }> {
  const text = scope.text.slice(0, scope.before);
  const re = cachedRegExp(`(?:^|[^\\w.$])(?:self\\.|this\\.|\\$)?${name}\\s*(?::\\s*[\\w.<>\\[\\]?, ]+?)?\\s*(?:,\\s*\\w+\\s*)?(?::=|=)(?![=>])\\s*([^\\n;]+)([^\\n]*)`, 'g');
  const found: Array<{ value: string; at: number }> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = continued(text, m.index + m[0].length, m[1].replace(/\s*(?:\/\/|#).*$/, '')).replace(/[,{]\s*$/, '');
    // A unit the line's own comment gives: `const INITIAL_DELAY = 50; // ms`, `BACKOFF = 2  # seconds`.
    const said = /(?:\/\/|#)\s*(?:in\s+)?(ms|msec|millis|milliseconds|s|sec|secs|seconds)\b/i.exec(m[1] + m[2])?.[1].toLowerCase();
    found.push({ value: said ? `${value} /*${said.startsWith('m') ? 'ms' : 's'}*/` : value, at: m.index });
  }
  return found;
}

/** Lines that carry an expression on: it is left open (an operator, an open bracket) or the next line goes on with one. */
const OPEN_END = /(?:[-+*/%?:(\[,]|&&|\|\||\?\?)\s*$/;
const GOES_ON = /^\s*(?:\?(?![.?])|:|\.(?!\.)|\?\?|&&|\|\||[-+*/%])/;

/**
 * An assigned value written over several lines (`const wait = headers["Retry-After"]` / `? parseInt(…) * 1000` /
 * `: undefined`): the first line's text, with the lines that carry it on (at most five).
 */
function continued(text: string, from: number, first: string): string {
  let value = first;
  let at = from;
  for (let lines = 0; lines < 5; lines++) {
    const depth = (value.match(/[([{]/g) ?? []).length - (value.match(/[)\]}]/g) ?? []).length;
    const end = text.indexOf('\n', at + 1);
    const next = text.slice(at + 1, end < 0 ? text.length : end);
    if (at >= text.length || !(depth > 0 || OPEN_END.test(value) || GOES_ON.test(next))) break;
    value = `${value} ${next.trim().replace(/\s*(?:\/\/|#).*$/, '').replace(/;\s*$/, '')}`;
    at = end < 0 ? text.length : end;
  }
  return value;
}

/** `c ? a : b` (not `?.` or `??`) or Python's `a if c else b`, split at the top level; undefined for anything else. */
export function ternaryBranches(e: string): string[] | undefined {
  const py = topLevelSplit(e, /\s+if\s+/);
  if (py.length === 2) {
    const rest = topLevelSplit(py[1], /\s+else\s+/);
    if (rest.length === 2) return [py[0], rest[1]];
  }
  const q = topLevelSplit(e, /\s*\?(?![.?])\s*/);
  if (q.length !== 2 || /\?$/.test(q[0])) return undefined;
  const arms = topLevelSplit(q[1], /\s*:\s*/);
  return arms.length === 2 ? arms : undefined;
}

function agreed(units: Array<DelayUnit | undefined>): DelayUnit | undefined {
  const known = [...new Set(units.filter((u): u is DelayUnit => !!u))];
  return known.length === 1 ? known[0] : undefined;
}

function stripParens(e: string): string {
  while (e.startsWith('(') && e.endsWith(')') && balancedInside(e.slice(1, -1))) e = e.slice(1, -1).trim();
  // A cast: `(int)x`, `(long) x`.
  return e.replace(/^\((?:int|long|double|float|uint|int64)\)\s*/, '');
}

function balancedInside(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Splits at `separator` outside brackets and strings. */
export function topLevelSplit(s: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote && s[i - 1] !== '\\') quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0) {
      const m = cachedRegExp(`^(?:${separator.source})`).exec(s.slice(i));
      if (m && m[0].length && i > 0) {
        out.push(s.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(s.slice(start));
  return out.map((p) => p.trim()).filter(Boolean);
}
