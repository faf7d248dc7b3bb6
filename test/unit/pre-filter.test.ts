import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateSource } from '../../bench/generate';
import { REQUEST_WORDS, mayContainCodes } from '../../server/src/cli/preFilter';
import { createBuiltinRegistry } from '../../server/src/service/catalog/builtinCatalogs';
import type { CatalogRegistry } from '../../server/src/service/catalog/catalogRegistry';
import type { CatalogFile } from '../../server/src/service/catalog/schema';
import { hasCandidateName } from '../../server/src/service/spotting/candidates';
import { RUBY_STATUS_WORDS } from '../../server/src/service/spotting/rubyStatuses';

/**
 * The byte-scanning pre-filter must select exactly the files the regex pre-filter it replaced selected.
 * `viaRegex` is that previous implementation (server/src/cli/parallel.ts before the change), kept here
 * as the reference: UTF-8 decode, then three regex/word scans.
 */
const STATUS_NUMBER = /(?<![\w.])[1-5]\d\d(?![\w.])/;
// Writes (`.post(`, `method: 'PUT'`) were added with no-retry-on-request's ignored-response check.
const CODELESS_HANDLING = /raise_for_status|EnsureSuccessStatusCode|IsSuccessStatusCode|\.ok\b|retr(?:y|ies)|backoff|\.(?:post|put|patch|delete)\(|method[ \t]*[:=]/i;
// Requests that request-without-timeout reads, added with that rule (REQUEST_WORDS, when the rule is on).
const REQUEST_CALL = new RegExp(`(?<![\\w$])(?:${REQUEST_WORDS.join('|')})(?=[.({\\\\])`);
// Ruby's status exceptions and Rack symbols (RUBY_STATUS_WORDS), added when a file holding only those was skipped.
const RUBY_WORD = new RegExp(`(?<![\\w$])(?:${[...RUBY_STATUS_WORDS].join('|')})(?![\\w$])`);
function viaRegex(bytes: Buffer, registry: CatalogRegistry, requests = false): boolean {
  const text = bytes.toString('utf8');
  return STATUS_NUMBER.test(text) || hasCandidateName(text, registry) || RUBY_WORD.test(text) || CODELESS_HANDLING.test(text) || (requests && REQUEST_CALL.test(text));
}

/** Pieces that sit on every edge of the three tests: boundaries, case, dots, dollars, non-ASCII. */
const PIECES = [
  ' ', '\n', '\r\n', '\t', '.', '$', '_', '(', ')', '"', "'", '-', ':', '=', ',', 'x', 'Q', 'é', '\u00a0', '🙂', '\uFFFD', '\u0130',
  '0', '1', '2', '4', '5', '6', '9', '20', '42', '99', '100', '200', '404', '429', '503', '599', '600', '1000', '50', '5.0', 'v2.503',
  'ECONNRESET', 'econnreset', 'UNAVAILABLE', 'Unavailable', 'TOO_MANY_REQUESTS', 'TooManyRequests', 'ThrottlingException', 'EPIPE',
  'retry', 'RETRY', 'Retries', 'retr', 'ies', 'backoff', 'BackOff', 'back', 'off', 'raise_for_status', 'RAISE_FOR_STATUS', 'raise_for',
  '_status', 'EnsureSuccessStatusCode', 'ensuresuccessstatuscode', 'IsSuccessStatusCode', 'Success', 'StatusCode', '.ok', '.OK', 'ok',
  '.oK', 'okay', 'ERR-42', 'QUOTA_BUSY', 'k', 'ſ', 'K', 'ResourceNotFound', 'resource', 'service_unavailable', 'service_', 'unavailable',
  'post', 'POST', 'put', 'Patch', 'delete', 'post(', '.post(', '.PUT(', '.delete', 'method', 'Method', 'METHOD', 'httpMethod', ' ', '\t', '\u2003',
];

function workspaceRegistry(names: string[]): CatalogRegistry {
  const registry = createBuiltinRegistry();
  const file = {
    catalog: { id: 'test-names', name: 'Names for the pre-filter test', description: 'Test data.', source: 'written for this test' },
    codes: names.map((code) => ({ code, kind: 'error-code', name: code.toLowerCase(), summary: 'A test code.', retry: { verdict: 'yes' } })),
  } as unknown as CatalogFile;
  registry.setWorkspaceCatalogs([{ file, location: '/tmp/test.errorcodes.json' }]);
  return registry;
}

describe('CLI pre-filter: byte scan selects exactly what the regex scan selected', () => {
  const builtin = createBuiltinRegistry();
  const registries: Array<[string, CatalogRegistry]> = [
    ['built-in catalogs', builtin],
    ['a workspace catalog of word names', workspaceRegistry(['QUOTA_BUSY', 'Xy$z'])],
    ['a workspace catalog with a non-word name (pattern fallback)', workspaceRegistry(['ERR-42', 'QUOTA_BUSY'])],
  ];

  it('agrees on generated source and plain files', () => {
    const texts = [
      ...(['python', 'typescript', 'go', 'java'] as const).map((l) => generateSource(l, 200)),
      'def helper(a, b):\n    return [x + y for x, y in zip(a, b)]\n',
      'export function helper(a: number[]): number[] {\n  return a.map((x) => x + 1);\n}\n',
      '',
    ];
    let selected = 0;
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const expected = viaRegex(bytes, builtin);
      assert.equal(mayContainCodes(bytes, builtin), expected, text.slice(0, 80));
      if (expected) selected++;
    }
    assert.ok(selected >= 4 && selected < texts.length, 'the inputs include both selected and passed-over files');
  });

  for (const [label, registry] of registries) {
    it(`agrees on random texts made of edge pieces (${label})`, () => {
      let selected = 0;
      let runs = 0;
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
          const bytes = Buffer.from(pieces.join(''), 'utf8');
          const expected = viaRegex(bytes, registry);
          runs++;
          if (expected) selected++;
          return mayContainCodes(bytes, registry) === expected;
        }),
        { numRuns: 4000, seed: 1812 },
      );
      assert.ok(selected > runs / 10 && selected < runs - runs / 10, `both outcomes are exercised (${selected}/${runs} selected)`);
    });
  }

  it('agrees on random bytes, including invalid UTF-8 around ASCII', () => {
    const asciiHeavy = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from(' 429.$_retry ECONNRESET .ok 5a')));
    fc.assert(
      fc.property(fc.array(asciiHeavy, { maxLength: 40 }), (values) => {
        const bytes = Buffer.from(values);
        return mayContainCodes(bytes, builtin) === viaRegex(bytes, builtin);
      }),
      { numRuns: 4000, seed: 77 },
    );
  });

  it('with request-without-timeout on, also selects requests that name no code, exactly as the regex does', () => {
    const pieces = [...PIECES, 'requests', 'requests.', 'http', 'http.', 'https:', 'urlopen(', 'axios', '(', '{', '\\', 'got', 'HttpRequest', 'Timeout', 'xhttp.', 'http$.', '.http.'];
    let selected = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        const expected = viaRegex(bytes, builtin, true);
        if (expected && !viaRegex(bytes, builtin)) selected++;
        return mayContainCodes(bytes, builtin, true) === expected;
      }),
      { numRuns: 4000, seed: 2026 },
    );
    assert.ok(selected > 100, `request words decide some inputs on their own (${selected})`);
    const yes = ['r = requests.get(url)', 'resp, err := http.Get(u)', 'with urlopen(u) as r:', "$c = new \\GuzzleHttp\\Client();", 'Timeout.InfiniteTimeSpan'];
    const no = ['handles incoming requests', 'see https://example.com', 'got it', 'xhttp.get()'];
    for (const t of yes) assert.equal(mayContainCodes(Buffer.from(t), builtin, true), true, t);
    for (const t of no) assert.equal(mayContainCodes(Buffer.from(t), builtin, true), false, t);
    assert.equal(mayContainCodes(Buffer.from(yes[0]), builtin, false), false, 'only while the rule is on');
  });

  it('decides on each kind of evidence alone', () => {
    const yes = ['discard_on ActiveJob::DeserializationError, Faraday::ResourceNotFound', 'handle(e, :service_unavailable)', 'x = 429', '$503', 'ECONNRESET', 'r.raise_for_status()', 'if (!res.ok) throw', 'RETRIES = 3', 'BackOff', 'a\n200', 'await client.post(url)', 'fetch(u, { method: "PUT" })', 'method= "DELETE"'];
    const no = ['ResourceNotFoundish', ':available', 'x = 4290', 'v1.429', '429.5', 'a429', 'ECONNRESETS', 'xECONNRESET', 'res.oks', 'retr ies', '600', '', 'repost(x)', 'method \n: 1', 'methods: 2'];
    for (const t of yes) assert.equal(mayContainCodes(Buffer.from(t), builtin), true, t);
    for (const t of no) assert.equal(mayContainCodes(Buffer.from(t), builtin), false, t);
  });
});
