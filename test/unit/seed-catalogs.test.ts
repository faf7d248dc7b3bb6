import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogEntryKind, CatalogFile, RetryVerdict } from '../../server/src/service/catalog/schema';

/**
 * The spec for the five seed vendor catalogs, written from the vendor pages in
 * /work/shared/seeds/ (000–004), independently of the JSON files it checks.
 * Row: code, kind, HTTP status the page ties it to (undefined = the page gives none), retry verdict.
 */
type Row = [code: string, kind: CatalogEntryKind, httpStatus: number | undefined, verdict: RetryVerdict];

const H = 'http-status' as const;
const E = 'error-code' as const;

interface SeedSpec {
  file: string;
  seed: string;
  /** Name the page uses for the vendor, or undefined when it does not name one. */
  vendorName?: string;
  rows: Row[];
}

const SPECS: SeedSpec[] = [
  {
    file: 'laigo.errorcodes.json', seed: '000', vendorName: 'Laigo',
    rows: [
      ['200', H, 200, 'no'],
      ['201', H, 201, 'no'],
      ['BadRequest', E, 400, 'no'],
      ['Unauthorized', E, 401, 'no'],
      ['Forbidden', E, 403, 'no'],
      ['PlanLimitReached', E, 403, 'no'], // quota: waiting seconds does not help
      ['NotFound', E, 404, 'no'],
      ['ServerError', E, 500, 'conditional'], // "overloaded or an error in the application"
      ['RequestTimeout', E, 504, 'conditional'], // processing too long: shrink the input
    ],
  },
  {
    file: 'status-envelope-api.errorcodes.json', seed: '001',
    rows: [
      ['200', H, 200, 'no'],
      ['400', H, 400, 'no'],
      ['401', H, 401, 'no'],
      ['403', H, 403, 'no'], // disabled account, insufficient balance, ...
      ['404', H, 404, 'no'],
      ['405', H, 405, 'no'],
      ['410', H, 410, 'no'],
      ['429', H, 429, 'yes'], // "Try again later"
      ['500', H, 500, 'conditional'],
      ['502', H, 502, 'yes'],
      ['503', H, 503, 'yes'],
      ['504', H, 504, 'yes'],
    ],
  },
  {
    file: 'common-status-api.errorcodes.json', seed: '002',
    rows: [
      ['200', H, 200, 'no'],
      ['400', H, 400, 'no'],
      ['401', H, 401, 'no'],
      ['403', H, 403, 'no'], // "the request should not be repeated"
      ['404', H, 404, 'no'],
      ['405', H, 405, 'no'],
      ['429', H, 429, 'yes'],
      ['500', H, 500, 'conditional'],
      ['502', H, 502, 'yes'],
      ['503', H, 503, 'yes'],
      ['504', H, 504, 'yes'],
    ],
  },
  {
    file: 'document-ai-api.errorcodes.json', seed: '003',
    rows: [
      ['200', H, 200, 'no'],
      ['201', H, 201, 'no'],
      ['204', H, 204, 'no'],
      ['400', H, 400, 'no'],
      ['401', H, 401, 'no'],
      ['402', H, 402, 'no'],
      ['403', H, 403, 'no'],
      ['404', H, 404, 'no'],
      ['409', H, 409, 'no'], // duplicate upload
      ['422', H, 422, 'no'],
      ['429', H, 429, 'yes'], // "Check Retry-After header"
      ['500', H, 500, 'yes'], // vendor: "Retry with exponential backoff"
      ['503', H, 503, 'yes'], // vendor: "Retry after a short delay"
      ['504', H, 504, 'conditional'], // vendor: smaller batch or simpler query
      ['INVALID_API_KEY', E, 401, 'no'],
      ['EXPIRED_API_KEY', E, undefined, 'no'],
      ['DEACTIVATED_API_KEY', E, undefined, 'no'],
      ['AUTHZ_ERROR', E, 403, 'no'],
      ['HTTP_413', E, 413, 'no'],
      ['STORAGE_QUOTA_EXCEEDED', E, undefined, 'no'],
      ['RATE_LIMIT_ERROR', E, 429, 'yes'],
      ['USAGE_LIMIT_EXCEEDED', E, undefined, 'no'], // wait for next billing cycle
      ['IMAGE_PROCESSING_ERROR', E, undefined, 'conditional'], // check file, re-upload
      ['VLM_PROVIDER_ERROR', E, 503, 'yes'],
      ['TIMEOUT', E, 504, 'conditional'],
      ['VALIDATION_ERROR', E, undefined, 'no'],
    ],
  },
  {
    file: 'usage-plan-api.errorcodes.json', seed: '004',
    rows: [
      ['200', H, 200, 'no'],
      ['301', H, 301, 'no'],
      ['302', H, 302, 'no'],
      ['304', H, 304, 'no'],
      ['400', H, 400, 'no'],
      ['401', H, 401, 'no'],
      ['403', H, 403, 'no'],
      ['404', H, 404, 'no'],
      ['405', H, 405, 'no'],
      ['408', H, 408, 'conditional'],
      ['410', H, 410, 'no'],
      ['429', H, 429, 'conditional'], // Quota Exceeded vs Throttled
      ['499', H, 499, 'no'],
      ['500', H, 500, 'conditional'],
      ['502', H, 502, 'yes'],
      ['503', H, 503, 'yes'],
      ['504', H, 504, 'yes'],
      ['Quota Exceeded', E, 429, 'no'],
      ['Throttled', E, 429, 'yes'],
    ],
  },
];

const root = path.resolve(__dirname, '..', '..');
const load = (file: string): CatalogFile =>
  JSON.parse(fs.readFileSync(path.join(root, 'examples/catalogs', file), 'utf8')) as CatalogFile;

describe('seed vendor example catalogs', () => {
  for (const spec of SPECS) {
    describe(`${spec.file} (seed ${spec.seed})`, () => {
      const catalog = load(spec.file);
      const find = (code: string, kind: CatalogEntryKind) => catalog.codes.find((c) => c.code === code && c.kind === kind);

      for (const [code, kind, httpStatus, verdict] of spec.rows) {
        it(`${code}: ${kind}, HTTP ${httpStatus ?? 'unspecified'}, retry ${verdict}`, () => {
          const e = find(code, kind);
          assert.ok(e, `${code} (${kind}) missing`);
          assert.equal(e.httpStatus, httpStatus, `${code} status`);
          assert.equal(e.retry.verdict, verdict, `${code} verdict`);
          assert.ok(e.sources.some((s) => s.title.includes(`seed ${spec.seed}`)), `${code} cites seed ${spec.seed}`);
        });
      }

      it('lists nothing beyond the page', () => {
        const expected = new Set(spec.rows.map(([code, kind]) => `${kind}:${code}`));
        const extra = catalog.codes.filter((c) => !expected.has(`${c.kind}:${c.code}`)).map((c) => c.code);
        assert.deepEqual(extra, []);
      });

      it('states how the page names its vendor', () => {
        if (spec.vendorName) assert.match(catalog.catalog.vendor ?? '', new RegExp(spec.vendorName));
        else assert.match(catalog.catalog.vendor ?? '', /not named/i);
      });
    });
  }

  it('001 documents the status envelope body', () => {
    const shape = load('status-envelope-api.errorcodes.json').catalog.bodyShape;
    assert.equal(shape?.codeField, 'status.code');
    assert.equal(shape?.messageField, 'status.message');
    assert.deepEqual(shape?.example, { status: { code: 401, text: 'Unauthorized', message: 'Invalid token.' } });
  });

  it('003 documents both body shapes and marks TIMEOUT ambiguous', () => {
    const cat = load('document-ai-api.errorcodes.json');
    assert.equal(cat.catalog.bodyShape?.codeField, 'error.code');
    assert.equal((cat.catalog.bodyShape?.example as { error: { code: string } }).error.code, 'RATE_LIMIT_ERROR');
    assert.match(cat.catalog.bodyShape?.description ?? '', /detail/);
    assert.equal(cat.codes.find((c) => c.code === 'TIMEOUT')?.ambiguous, true);
    assert.equal(cat.codes.find((c) => c.code === 'RATE_LIMIT_ERROR')?.retry.retryAfter, true);
  });

  it('004 explains the two meanings of 429 and the unusual 302/499 labels', () => {
    const cat = load('usage-plan-api.errorcodes.json');
    const notes = (cat.catalog.notes ?? []).join('\n');
    assert.match(notes, /Quota Exceeded/);
    assert.match(notes, /Throttled/);
    assert.match(notes, /body|message/);
    assert.match(notes, /302[\s\S]*Found/);
    assert.match(notes, /499[\s\S]*nginx/);
    assert.equal(cat.codes.find((c) => c.code === '302')?.name, 'Temporary Redirect');
    assert.deepEqual(cat.codes.find((c) => c.code === '499')?.unofficial, { origin: 'nginx' });
  });

  it('000 keeps quota exhaustion apart from throttling', () => {
    const plan = load('laigo.errorcodes.json').codes.find((c) => c.code === 'PlanLimitReached');
    assert.notEqual(plan?.retry.retryAfter, true);
    assert.match(plan?.meaning ?? '', /quota/i);
  });
});
