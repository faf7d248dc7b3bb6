import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { CatalogEntry, CatalogFile, HttpConstantsTable } from '../../server/src/service/catalog/schema';

const root = path.resolve(__dirname, '..', '..');
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

const schema = readJson('schemas/errorcodes.schema.json') as object;
const catalog = readJson('server/data/catalogs/http-status.json') as CatalogFile;
const constants = readJson('server/data/http-constants.json') as HttpConstantsTable;

/** Every IANA-registered code listed in retry-facts.md §1 — this list is the spec. */
const IANA_CODES = [
  100, 101, 102, 103, 104,
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
  300, 301, 302, 303, 304, 305, 306, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
  421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];
/** Unofficial codes the catalog must carry, each with unofficial.origin. */
const UNOFFICIAL_CODES = [419, 420, 444, 494, 495, 496, 497, 499, 509, 520, 521, 522, 523, 524, 525, 526, 527, 529, 530, 598, 599];

function entry(code: number): CatalogEntry {
  const e = catalog.codes.find((c) => c.code === String(code));
  assert.ok(e, `catalog has no entry for ${code}`);
  return e;
}

describe('http-status catalog', () => {
  it('is valid against the catalog schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(catalog);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it('the schema rejects a conditional verdict without a condition (sanity check of the validator)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const bad = structuredClone(catalog);
    const e = bad.codes.find((c) => c.retry.verdict === 'conditional');
    assert.ok(e);
    delete e.retry.condition;
    assert.equal(validate(bad), false);
  });

  it('has id "http-status"', () => {
    assert.equal(catalog.catalog.id, 'http-status');
  });

  it('contains every IANA-registered code of retry-facts §1', () => {
    const present = new Set(catalog.codes.map((c) => c.code));
    const missing = IANA_CODES.filter((c) => !present.has(String(c)));
    assert.deepEqual(missing, []);
  });

  it('contains every required unofficial code, each with unofficial.origin', () => {
    for (const code of UNOFFICIAL_CODES) {
      const e = entry(code);
      assert.ok(e.unofficial?.origin, `${code} lacks unofficial.origin`);
    }
  });

  it('marks exactly the non-IANA codes as unofficial', () => {
    const iana = new Set(IANA_CODES.map(String));
    for (const e of catalog.codes) {
      assert.equal(Boolean(e.unofficial), !iana.has(e.code), `${e.code}: unofficial flag is wrong`);
      if (e.unofficial) assert.ok(e.unofficial.origin.trim().length > 0, `${e.code}: empty origin`);
    }
  });

  it('has no duplicate codes', () => {
    const seen = new Set<string>();
    const dups: string[] = [];
    for (const e of catalog.codes) {
      if (seen.has(e.code)) dups.push(e.code);
      seen.add(e.code);
    }
    assert.deepEqual(dups, []);
  });

  it('keeps code, httpStatus and class consistent', () => {
    const classes: Record<string, string> = {
      '1': '1xx Informational', '2': '2xx Success', '3': '3xx Redirection', '4': '4xx Client Error', '5': '5xx Server Error',
    };
    for (const e of catalog.codes) {
      assert.equal(e.kind, 'http-status', e.code);
      assert.equal(e.httpStatus, Number(e.code), e.code);
      assert.equal(e.class, classes[e.code[0]!], e.code);
      assert.ok(e.meaning && e.meaning.length > 20, `${e.code}: meaning missing`);
      assert.ok(e.advice && e.advice.length > 5, `${e.code}: advice missing`);
      assert.deepEqual(e.aliases ?? [], [], `${e.code}: HTTP aliases belong in http-constants.json`);
    }
  });

  it('gives every conditional verdict a condition', () => {
    for (const e of catalog.codes) {
      if (e.retry.verdict === 'conditional') {
        assert.ok(e.retry.condition && e.retry.condition.trim().length > 10, `${e.code}: conditional without condition`);
      }
    }
  });

  it('never marks 1xx, 2xx or 3xx as retryable and says they are not failures', () => {
    for (const e of catalog.codes.filter((c) => Number(c.code) < 400)) {
      assert.equal(e.retry.verdict, 'no', e.code);
      assert.match(e.summary, /not a failure/i, e.code);
    }
  });

  it('cites RFC 9110 with correct section anchors', () => {
    assert.ok(entry(421).sources.some((s) => s.url === 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20'));
    assert.ok(entry(503).sources.some((s) => s.url === 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4'));
    assert.ok(entry(429).sources.some((s) => s.url === 'https://www.rfc-editor.org/rfc/rfc6585#section-4'));
    assert.ok(entry(429).sources.some((s) => s.url === 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/429'));
  });

  describe('verdicts follow retry-facts §3', () => {
    it('429: yes, with Retry-After', () => {
      const e = entry(429);
      assert.equal(e.retry.verdict, 'yes');
      assert.equal(e.retry.retryAfter, true);
      assert.match(e.disagreement ?? '', /stripe/i);
    });
    it('consensus retryable: 502, 503, 504 are yes; 503 uses Retry-After', () => {
      for (const c of [502, 503, 504]) assert.equal(entry(c).retry.verdict, 'yes', String(c));
      assert.equal(entry(503).retry.retryAfter, true);
    });
    it('500 is yes but records the AIP-194 disagreement', () => {
      assert.equal(entry(500).retry.verdict, 'yes');
      assert.match(entry(500).disagreement ?? '', /AIP-194/);
    });
    it('conditional: 408, 409, 413, 421, 425, 403, 501, 505–511, Cloudflare 520–524, 529, 509', () => {
      for (const c of [408, 409, 413, 421, 425, 403, 501, 505, 506, 507, 508, 510, 511, 520, 521, 522, 523, 524, 529, 509]) {
        assert.equal(entry(c).retry.verdict, 'conditional', String(c));
      }
    });
    it('413 and 3xx redirects carry retryAfter per RFC 9110 §10.2.3', () => {
      assert.equal(entry(413).retry.retryAfter, true);
      for (const c of [301, 302, 303, 307, 308]) assert.equal(entry(c).retry.retryAfter, true, String(c));
      assert.equal(entry(400).retry.retryAfter, false);
    });
    it('never retried: 400, 401, 404, 405, 406, 410, 411, 414, 415, 422, 451', () => {
      for (const c of [400, 401, 404, 405, 406, 410, 411, 414, 415, 422, 451]) {
        assert.equal(entry(c).retry.verdict, 'no', String(c));
      }
    });
    it('408 is conditional and idempotent-only', () => {
      assert.equal(entry(408).retry.verdict, 'conditional');
      assert.equal(entry(408).retry.idempotentOnly, true);
    });
    it('records library behaviour for the codes where it matters', () => {
      for (const c of [408, 409, 413, 425, 429, 500, 501, 502, 503, 504, 520, 521, 522, 523, 524, 529]) {
        assert.ok((entry(c).libraries ?? []).length > 0, `${c}: no libraries`);
      }
      const l429 = entry(429).libraries ?? [];
      assert.match(l429.find((l) => /stripe/i.test(l.name))?.behaviour ?? '', /not retried/i);
    });
  });
});

describe('http-constants table', () => {
  const codes = new Set(catalog.codes.map((c) => c.code));

  it('has the expected languages and receivers', () => {
    assert.deepEqual(Object.keys(constants).sort(), ['csharp', 'go', 'java', 'javascript', 'kotlin', 'php', 'python', 'ruby', 'rust']);
    assert.deepEqual(Object.keys(constants['kotlin']!), ['HttpStatusCode']);
    assert.deepEqual(Object.keys(constants['php']!), ['Response', 'StatusCodeInterface', 'WP_Http']);
    assert.equal(constants['php']!['WP_Http']!['TOO_MANY_REQUESTS'], 429);
    assert.deepEqual(Object.keys(constants['ruby']!), ['Net']);
    assert.deepEqual(Object.keys(constants['python']!).sort(), ['HTTPStatus', 'codes', 'status']);
    assert.deepEqual(Object.keys(constants['java']!).sort(), ['ApacheHttpStatus', 'HttpServletResponse', 'HttpStatus', 'HttpStatusCode', 'HttpURLConnection', 'Response.Status', 'StatusResultMatchers']);
    assert.deepEqual(Object.keys(constants['javascript']!).sort(), ['HttpCodes', 'HttpStatus', 'StatusCodes', 'constants']);
    assert.equal(constants['javascript']!['HttpCodes']!['ResourceMoved'], 302);
    assert.deepEqual(Object.keys(constants['csharp']!).sort(), ['HttpStatusCode', 'StatusCodes']);
  });

  it('maps every constant to an integer code present in the catalog', () => {
    const bad: string[] = [];
    for (const [lang, receivers] of Object.entries(constants)) {
      for (const [receiver, members] of Object.entries(receivers)) {
        for (const [member, value] of Object.entries(members)) {
          if (!Number.isInteger(value) || !codes.has(String(value))) bad.push(`${lang}.${receiver}.${member}=${value}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  it('spot checks exact library names', () => {
    assert.equal(constants['python']!['HTTPStatus']!['TOO_MANY_REQUESTS'], 429);
    assert.equal(constants['python']!['status']!['HTTP_429_TOO_MANY_REQUESTS'], 429);
    assert.equal(constants['python']!['codes']!['too_many_requests'], 429);
    assert.equal(constants['python']!['codes']!['too_many'], 429);
    assert.equal(constants['go']!['http']!['StatusTooManyRequests'], 429);
    assert.equal(constants['go']!['http']!['StatusRequestEntityTooLarge'], 413);
    assert.equal(constants['go']!['http']!['StatusRequestURITooLong'], 414);
    assert.equal(constants['go']!['http']!['StatusTeapot'], 418);
    assert.equal(constants['go']!['http']!['StatusMisdirectedRequest'], 421);
    assert.equal(constants['go']!['http']!['StatusUnprocessableEntity'], 422);
    assert.equal(constants['csharp']!['HttpStatusCode']!['TooManyRequests'], 429);
    assert.equal(constants['csharp']!['HttpStatusCode']!['RequestEntityTooLarge'], 413);
    assert.equal(constants['csharp']!['HttpStatusCode']!['Moved'], 301);
    assert.equal(constants['csharp']!['HttpStatusCode']!['Redirect'], 302);
    assert.equal(constants['csharp']!['StatusCodes']!['Status429TooManyRequests'], 429);
    assert.equal(constants['java']!['HttpURLConnection']!['HTTP_UNAVAILABLE'], 503);
    assert.equal(constants['java']!['HttpURLConnection']!['HTTP_OK'], 200);
    assert.equal(constants['java']!['HttpServletResponse']!['SC_SERVICE_UNAVAILABLE'], 503);
    assert.equal(constants['java']!['HttpStatus']!['PAYLOAD_TOO_LARGE'], 413);
    assert.deepEqual(constants['java']!['HttpStatusCode'], {});
    assert.equal(constants['javascript']!['StatusCodes']!['REQUEST_TOO_LONG'], 413);
    assert.equal(constants['javascript']!['HttpStatus']!['TOO_MANY_REQUESTS'], 429);
    assert.equal(constants['javascript']!['constants']!['HTTP_STATUS_TOO_MANY_REQUESTS'], 429);
    // Ruby's Net::HTTP response classes, with the stdlib's older aliases
    assert.equal(constants['ruby']!['Net']!['HTTPTooManyRequests'], 429);
    assert.equal(constants['ruby']!['Net']!['HTTPRequestEntityTooLarge'], 413);
    assert.equal(constants['ruby']!['Net']!['HTTPGatewayTimeOut'], 504);
    assert.equal(constants['ruby']!['Net']!['HTTPSuccess'], undefined);
    // Ktor's HttpStatusCode companion: its own spellings (PayloadTooLarge, VersionNotSupported), no 421/425/428/451
    assert.equal(constants['kotlin']!['HttpStatusCode']!['TooManyRequests'], 429);
    assert.equal(constants['kotlin']!['HttpStatusCode']!['PayloadTooLarge'], 413);
    assert.equal(constants['kotlin']!['HttpStatusCode']!['VersionNotSupported'], 505);
    assert.equal(constants['kotlin']!['HttpStatusCode']!['TooEarly'], undefined);
    // PHP: Symfony/Laravel Response and PSR StatusCodeInterface (dumped from Debian's packages)
    assert.equal(constants['php']!['Response']!['HTTP_TOO_MANY_REQUESTS'], 429);
    assert.equal(constants['php']!['Response']!['HTTP_REQUEST_ENTITY_TOO_LARGE'], 413);
    assert.equal(constants['php']!['StatusCodeInterface']!['STATUS_SERVICE_UNAVAILABLE'], 503);
  });

  it('does not invent names the libraries lack', () => {
    // .NET deliberately has no 418 member; Go names 413 StatusRequestEntityTooLarge, not StatusPayloadTooLarge.
    assert.equal(constants['csharp']!['HttpStatusCode']!['ImATeapot'], undefined);
    assert.equal(constants['go']!['http']!['StatusPayloadTooLarge'], undefined);
    assert.equal(constants['java']!['HttpURLConnection']!['HTTP_TOO_MANY_REQUESTS'], undefined);
  });
});
