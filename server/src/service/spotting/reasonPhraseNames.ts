import httpStatusCatalog from '../../../data/catalogs/http-status.json';
import { numberInName } from './numberedStatusNames';
import formerPhrases from '../../../data/former-reason-phrases.json';

/**
 * A project's own status table names each code after its reason phrase: `NOT_FOUND = 404`,
 * `public static final int SC_TOO_MANY_REQUESTS = 429;`, `enum Codes { TooManyRequests = 429 }`,
 * `STATUS_CODE_SERVICE_UNAVAILABLE = 503`. Such a declaration is a status constant whatever the
 * file calls it, and nothing else is: `MAX_ITEMS = 500` names no reason phrase.
 */
const PHRASES = new Map<string, string>();
for (const entry of (httpStatusCatalog as { codes: Array<{ code: string; name?: string; aliases?: string[] }> }).codes) {
  for (const phrase of [entry.name, ...(entry.aliases ?? [])]) {
    const key = normalise(phrase ?? '');
    if (key.length >= 2 && !PHRASES.has(key)) PHRASES.set(key, entry.code);
  }
}

// Earlier phrases (`PAYLOAD_TOO_LARGE = 413`, `UNPROCESSABLE_ENTITY = 422`), after the current ones.
for (const { code, phrase } of (formerPhrases as { phrases: Array<{ code: string; phrase: string }> }).phrases) {
  const key = normalise(phrase);
  if (!PHRASES.has(key)) PHRASES.set(key, code);
}

/** Prefixes a status table puts before the phrase. */
const PREFIX = /^(?:HTTP_?STATUS_?CODE_?|HTTP_?STATUS_?|STATUS_?CODE_?|HTTP_?CODE_?|HTTP_?|STATUS_?|SC_?|CODE_?|K?STATUS)(?=[A-Za-z])/i;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * True when `name` is the reason phrase of `code` (with a table prefix, a plural `s` or a trailing `_ERROR` allowed),
 * or carries the number itself (`STATUS_503 = 503`).
 */
export function namesReasonPhrase(name: string, code: string): boolean {
  if (numberInName(name) === code) return true;
  const bare = normalise(name.replace(PREFIX, ''));
  if (bare.length < 2) return false;
  for (const candidate of [bare, bare.replace(/(error|code|status)$/, ''), `${bare}s`, bare.replace(/s$/, '')]) {
    if (PHRASES.get(candidate) === code) return true;
  }
  return false;
}
