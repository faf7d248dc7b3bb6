/**
 * What a give-up hands its caller, read from the value's text: whether the tested response (or its status, its
 * headers) goes along as a value of its own — an argument of a typed error (`ApiError(resp.status_code, body)`) or a
 * field of a record (`{"error": msg, "status_code": resp.status_code}`) — or only folded into a sentence
 * (`f"failed: {resp.status_code}"`), which no caller can branch on.
 */
import { cachedRegExp } from '../regexCache';
import { escapeRegExp } from './regexText';

/** Members of a response that say which failure it was: its status, its headers, the error (not its body text). */
export const KEEPS_FAILURE = /status|code|response|headers|error|reason/i;

/** Splits `a, f(b, c), {d}` at its top-level commas. */
export function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/** One of `parts` (arguments or fields, their names already taken off) is a tested value itself or what says which failure it was. */
export function handsOverTested(parts: readonly string[], names: ReadonlyArray<string | undefined>): boolean {
  return names.some((n) => n !== undefined && parts.some((a) => {
    // (PHP reads members with `->`: `$response->getStatusCode()`.)
    const m = cachedRegExp(`^${escapeRegExp(n)}((?:\\??[.\\[]|->)(?:[\\w$.\\[\\]"'?()]|->)*)?$`).exec(a);
    return !!m && (!m[1] || KEEPS_FAILURE.test(m[1]));
  }));
}

/**
 * A record literal: a Python dict, a JavaScript object, a Ruby hash (`{ … }`), a PHP array (`[ … ]`, `array( … )`),
 * a Go composite literal of a struct or a map (`Outcome{ … }`, `map[string]any{ … }`). Its field values, the keys
 * taken off (`"status_code": …`, `status: …`, `'status' => …`, `:status => …`, `Code: …`) and comments dropped; undefined
 * for anything else.
 */
export function recordFields(value: string): string[] | undefined {
  const v = value.trim();
  let body: string | undefined;
  if (/^\{[\s\S]*\}$/.test(v)) body = v.slice(1, -1);
  else if (/^\[[\s\S]*=>[\s\S]*\]$/.test(v)) body = v.slice(1, -1);
  else if (/^array\s*\([\s\S]*=>[\s\S]*\)$/.test(v)) body = v.slice(v.indexOf('(') + 1, -1);
  else if (/^(?:map\[[^\]]*\][\w.*]+|[A-Z][\w]*(?:\.[A-Z]\w*)?)\s*\{[\s\S]*\}$/.test(v)) body = v.slice(v.indexOf('{') + 1, -1);
  if (body === undefined) return undefined;
  return topLevelParts(body)
    .map((part) => part.split('\n').filter((line) => !/^\s*(#|\/\/)/.test(line)).join('\n').trim())
    .map((part) => part.replace(/^(?:"[^"]*"|'[^']*'|:?[\w$]+)\s*(?::(?!:)|=>)\s*/, '').replace(/^&/, ''))
    .filter(Boolean);
}

/** `(int)response.StatusCode`: a C# cast of the status is the status. */
export function withoutCast(part: string): string {
  return part.replace(/^\(\s*(?:int|long|uint|short|ushort|HttpStatusCode)\s*\)\s*/, '');
}

/**
 * The error thrown by name was given the status before (`const err = new Error(msg); err.status = res.status; throw
 * err;`, `e.response = response`): a plain error carrying it as a property, which the caller reads as it would a
 * typed error's. `before` is the text of the branch up to the throw.
 */
export function statusAttached(before: string, thrown: string, names: ReadonlyArray<string | undefined>): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(thrown)) return false;
  const property = cachedRegExp(`(?:^|[^\\w$.])${escapeRegExp(thrown)}\\s*(?:\\.\\s*([A-Za-z_$][\\w$]*)|\\[\\s*["']([\\w$]+)["']\\s*\\])\\s*=(?![=>])\\s*([^;\\n]+)`, 'g');
  for (const m of before.matchAll(property)) {
    const key = m[1] ?? m[2] ?? '';
    if (/status|code|response|headers/i.test(key) && handsOverTested([m[3].trim().replace(/;$/, '')], names)) return true;
  }
  return false;
}

/** `Object.assign(new Error(msg), { status: res.status })`: the record merged into the error hands the status over. */
export function assignedOntoError(value: string, names: ReadonlyArray<string | undefined>): boolean {
  const m = /^Object\.assign\s*\(([\s\S]*)\)$/.exec(value);
  if (!m) return false;
  return topLevelParts(m[1]).slice(1).some((part) => handsOverTested(recordFields(part) ?? [], names));
}
