import httpStatusCatalog from '../../../data/catalogs/http-status.json';
import { numberInName } from './statusNumberNames';
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

/** Each code's phrases (current and former) as normalised words, for abbreviated names. */
const PHRASE_WORDS = new Map<string, string[][]>();
for (const [phrase, code] of [
  ...(httpStatusCatalog as { codes: Array<{ code: string; name?: string; aliases?: string[] }> }).codes.flatMap((e) => [e.name, ...(e.aliases ?? [])].map((p) => [p ?? '', e.code] as const)),
  ...(formerPhrases as { phrases: Array<{ code: string; phrase: string }> }).phrases.map((p) => [p.phrase, p.code] as const),
]) {
  const words = phrase.replace(/'/g, '').split(/[^A-Za-z0-9]+/).map(normalise).filter((w) => w.length > 0 && !/^(a|an|the|im|of)$/.test(w));
  if (words.length === 0 || /^unused$/.test(words.join(''))) continue;
  const list = PHRASE_WORDS.get(code);
  if (list) list.push(words);
  else PHRASE_WORDS.set(code, [words]);
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
  // The number and then the phrase: ASP.NET's `Status429TooManyRequests`, DRF's `HTTP_429_TOO_MANY_REQUESTS`.
  const numbered = NUMBER_THEN_PHRASE.exec(name);
  if (numbered) return numbered[1] === code && phraseOf(normalise(numbered[2]), code);
  const bare = normalise(name.replace(PREFIX, ''));
  if (bare.length < 2) return false;
  return phraseOf(bare, code) || abbreviates(bare, code);
}

const NUMBER_THEN_PHRASE = /^(?:HTTP_?STATUS_?CODE|HTTP_?STATUS|STATUS_?CODE|HTTP_?CODE|HTTP|STATUS|SC)_?([1-5]\d\d)_?([A-Za-z][A-Za-z_]*)$/i;

function phraseOf(bare: string, code: string): boolean {
  for (const candidate of [bare, bare.replace(/(error|code|status)$/, ''), `${bare}s`, bare.replace(/s$/, '')]) {
    if (PHRASES.get(candidate) === code) return true;
  }
  return false;
}

/**
 * The name shortens the phrase of `code`, letter by letter in order, from the start of one of its first words and keeping
 * at least 60% of what follows: `HTTP_TOO_MANY_REQS = 429`, `TEA_POT = 418`, `SVC_UNAVAILABLE = 503`. The declared value
 * must be that code too, so `MAX_REQS = 429` stays a number.
 */
function abbreviates(bare: string, code: string): boolean {
  for (const phrase of PHRASE_WORDS.get(code) ?? []) {
    // From the first word, or a later one that leaves most of the phrase (`SERVER_ERR` for Internal Server Error, not `ERR`).
    for (let w = 0; w <= Math.floor((phrase.length - 1) / 2); w++) {
      const rest = phrase.slice(w).join('');
      if (rest[0] !== bare[0] || bare.length < rest.length * 0.6 || bare.length > rest.length) continue;
      let i = 0;
      for (const ch of rest) if (ch === bare[i]) i++;
      if (i === bare.length) return true;
    }
  }
  return false;
}

/**
 * The status whose reason phrase `name` spells exactly, case and separators aside (`TooManyRequests`, `BAD_REQUEST`,
 * `ServiceUnavailable`): for a member of a status table the file imports from elsewhere (axios's `HttpStatusCode`
 * enum, a project's own `StatusCodes` object), whose declaration is not in sight.
 */
export function reasonPhraseCode(name: string): string | undefined {
  const key = normalise(name);
  return key.length >= 2 ? PHRASES.get(key) : undefined;
}
