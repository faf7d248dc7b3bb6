import type { CatalogRegistry } from '../service/catalog/catalogRegistry';
import { hasCandidateName } from '../service/spotting/candidates';
import { RUBY_STATUS_WORDS } from '../service/spotting/rubyStatuses';
import { sdkConstructorWords } from '../service/diagnostics/timeouts/timeoutFacts';

/*
 * The CLI's pre-filter: can a file hold anything worth parsing? It answers the same as
 *   /(?<![\w.])[1-5]\d\d(?![\w.])/.test(text)            a three-digit status number
 *   || hasCandidateName(text, registry)                    a catalog name as a whole [\w$] word
 *   || a word of RUBY_STATUS_WORDS                         a Ruby status exception or Rack symbol (rubyStatuses.ts)
 *   || CODELESS.test(text)                                 handling that names no code (below)
 * on the UTF-8 text, but in one pass over the file's *bytes*: no decoding, no regex, no substring per
 * word. This is exact because every pattern is ASCII, `\w` (without the u flag) and `$` are ASCII, and
 * in UTF-8 an ASCII byte is never part of a longer sequence: every other character, including the
 * U+FFFD an invalid sequence decodes to, is a non-word character in both views. `/i` without the u
 * flag folds only ASCII letters onto ASCII letters, so comparing `byte | 0x20` is the same test.
 * Names are looked up by a hash of the word computed while scanning it, then compared byte by byte.
 * test/unit/pre-filter.test.ts checks the answers against the regex version on varied inputs.
 */

/**
 * Handling that names no code: `raise_for_status()`, `!res.ok`, `EnsureSuccessStatusCode()`, retry and backoff
 * structures, and writes (`.post(`, `method: 'PUT'`) whose ignored response no-retry-on-request reads.
 */
export const CODELESS_HANDLING = /raise_for_status|EnsureSuccessStatusCode|IsSuccessStatusCode|\.ok\b|retr(?:y|ies)|backoff|\.(?:post|put|patch|delete)\(|method[ \t]*[:=]/i;

/**
 * Requests of the libraries request-without-timeout reads, which may name no code at all (`requests.get(url)`,
 * `http.Get(u)`, `oauth2.NewClient(ctx, src)`, `new RestTemplate()`, `WebClient.create()`, `curl_exec($ch)`): one of these words as a whole [\w$] word followed by
 * `.`, `(`, `{` or `\`. `http.`/`https.` never come from a URL (`http:`), and the word alone ("requests") is
 * prose, so the byte after it decides. Only while request-without-timeout is on. With them, the constructors of
 * the SDKs that build a client without a timeout (`NewBotAPI(`; server/data/request-timeouts.json).
 */
export const REQUEST_WORDS = ['requests', 'urlopen', 'feedparser', 'httpx', 'axios', 'got', 'http', 'https', 'oauth2', 'openConnection', 'HttpRequest', 'RestTemplate', 'WebClient', 'RestClient', 'HttpClients', 'HttpClientBuilder', 'curl_exec', 'GuzzleHttp', 'Timeout', 'grpc'];
const REQUEST_WORD_END = new Set([46, 40, 123, 92]); // . ( { \

const WORD = 1; // [A-Za-z0-9_]
const DOT = 2;
const DOLLAR = 4;
const STATUS_FIRST = 8; // 1-5
const CODELESS_FIRST = 16; // r e i b m, either case
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (c < 128 && /\w/.test(ch)) CLASS[c] |= WORD;
  if (c >= 49 && c <= 53) CLASS[c] |= STATUS_FIRST;
  if ('reibmREIBM'.includes(ch)) CLASS[c] |= CODELESS_FIRST;
}
CLASS[46] |= DOT;
CLASS[36] |= DOLLAR;

const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const RAISE = bytesOf('raise_for_status');
const RETRY = bytesOf('retry');
const RETRIES = bytesOf('retries');
const ENSURE = bytesOf('ensuresuccessstatuscode');
const IS_SUCCESS = bytesOf('issuccessstatuscode');
const BACKOFF = bytesOf('backoff');
const METHOD = bytesOf('method');
const WRITES = ['post(', 'put(', 'patch(', 'delete('].map(bytesOf);

/** `method`, then spaces or tabs, then `:` or `=`. */
function methodKeyAt(bytes: Uint8Array, at: number): boolean {
  if (!foldedAt(bytes, at, METHOD)) return false;
  let k = at + METHOD.length;
  while (k < bytes.length && (bytes[k] === 32 || bytes[k] === 9)) k++;
  return k < bytes.length && (bytes[k] === 58 || bytes[k] === 61);
}

/** `pattern` (lower case) at `at`, letters compared without case, other bytes exactly. */
function foldedAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at + pattern.length > bytes.length) return false;
  for (let k = 0; k < pattern.length; k++) {
    const p = pattern[k];
    const b = bytes[at + k];
    if (p >= 97 && p <= 122 ? (b | 0x20) !== p : b !== p) return false;
  }
  return true;
}

/** Two digits at `at`, then the end or a byte that is neither a word character nor a dot. */
function isStatusTail(bytes: Uint8Array, at: number): boolean {
  const n = bytes.length;
  if (at + 1 >= n) return false;
  const d1 = bytes[at];
  const d2 = bytes[at + 1];
  return d1 >= 48 && d1 <= 57 && d2 >= 48 && d2 <= 57 && (at + 2 === n || !(CLASS[bytes[at + 2]] & (WORD | DOT)));
}

const SEED = 0x811c9dc5 | 0;
const PRIME = 0x01000193;

/** The registry's names in an open-addressing-free hash table of chains, built once per name set. */
class NameTable {
  readonly minLength: number;
  readonly maxLength: number;
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly mask: number;
  private readonly names: Uint8Array[];

  constructor(names: ReadonlySet<string>) {
    this.names = [...names].map(bytesOf);
    let size = 16;
    while (size < this.names.length * 2) size *= 2;
    this.mask = size - 1;
    this.heads = new Int32Array(size).fill(-1);
    this.next = new Int32Array(this.names.length).fill(-1);
    let min = Infinity;
    let max = 0;
    this.names.forEach((name, i) => {
      let h = SEED;
      for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name[k], PRIME);
      const slot = h & this.mask;
      this.next[i] = this.heads[slot];
      this.heads[slot] = i;
      min = Math.min(min, name.length);
      max = Math.max(max, name.length);
    });
    this.minLength = min;
    this.maxLength = max;
  }

  has(bytes: Uint8Array, start: number, end: number, hash: number): boolean {
    const length = end - start;
    for (let i = this.heads[hash & this.mask]; i >= 0; i = this.next[i]) {
      const name = this.names[i];
      if (name.length !== length) continue;
      let k = 0;
      while (k < length && name[k] === bytes[start + k]) k++;
      if (k === length) return true;
    }
    return false;
  }
}

const REQUEST_TABLE = new NameTable(new Set([...REQUEST_WORDS, ...sdkConstructorWords()]));
const RUBY_TABLE = new NameTable(RUBY_STATUS_WORDS);
const WORDY = /^[\w$]+$/;
const tables = new WeakMap<ReadonlySet<string>, NameTable | null>();

function tableFor(registry: CatalogRegistry): NameTable | null {
  const names = registry.candidateNames();
  let table = tables.get(names);
  if (table === undefined) {
    table = [...names].every((n) => WORDY.test(n)) ? new NameTable(names) : null;
    tables.set(names, table);
  }
  return table;
}

/** True when the UTF-8 file content may hold a code, a known name or code-less handling (see above). */
export function mayContainCodes(bytes: Uint8Array, registry: CatalogRegistry, requests = false): boolean {
  const requestTable = requests ? REQUEST_TABLE : null;
  const table = tableFor(registry);
  // A workspace catalog with names that are not [\w$] words: the names by their pattern, the rest below.
  if (table === null && hasCandidateName(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), registry)) return true;
  const n = bytes.length;
  let runStart = -1;
  let hash = SEED;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    const cls = CLASS[c];
    if (cls & (WORD | DOLLAR)) {
      if (runStart < 0) {
        runStart = i;
        hash = SEED;
      }
      hash = Math.imul(hash ^ c, PRIME);
      if (cls & STATUS_FIRST && (i === 0 || !(CLASS[bytes[i - 1]] & (WORD | DOT))) && isStatusTail(bytes, i + 1)) return true;
      if (cls & CODELESS_FIRST) {
        switch (c | 0x20) {
          case 114: // r
            if (foldedAt(bytes, i, RETRY) || foldedAt(bytes, i, RETRIES) || foldedAt(bytes, i, RAISE)) return true;
            break;
          case 101: // e
            if (foldedAt(bytes, i, ENSURE)) return true;
            break;
          case 105: // i
            if (foldedAt(bytes, i, IS_SUCCESS)) return true;
            break;
          case 109: // m
            if (methodKeyAt(bytes, i)) return true;
            break;
          default: // b
            if (foldedAt(bytes, i, BACKOFF)) return true;
        }
      }
      continue;
    }
    if (runStart >= 0) {
      const length = i - runStart;
      if (table && length >= table.minLength && length <= table.maxLength && table.has(bytes, runStart, i, hash)) return true;
      if (length >= RUBY_TABLE.minLength && length <= RUBY_TABLE.maxLength && RUBY_TABLE.has(bytes, runStart, i, hash)) return true;
      if (requestTable && REQUEST_WORD_END.has(c) && length <= requestTable.maxLength && requestTable.has(bytes, runStart, i, hash)) return true;
      runStart = -1;
    }
    // `.ok\b`
    if (c === 46 && i + 2 < n && (bytes[i + 1] | 0x20) === 111 && (bytes[i + 2] | 0x20) === 107 && (i + 3 === n || !(CLASS[bytes[i + 3]] & WORD))) return true;
    // `.post(` `.put(` `.patch(` `.delete(`
    if (c === 46 && WRITES.some((w) => foldedAt(bytes, i + 1, w))) return true;
  }
  if (runStart >= 0) {
    const length = n - runStart;
    if (table && length >= table.minLength && length <= table.maxLength && table.has(bytes, runStart, n, hash)) return true;
    if (length >= RUBY_TABLE.minLength && length <= RUBY_TABLE.maxLength && RUBY_TABLE.has(bytes, runStart, n, hash)) return true;
  }
  return false;
}
