import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Range } from '../../server/src/service/types';
import { arbMutatedFixture, arbRandomText, arbTokenSoup, dataFixtures, linesOf } from './arbitraries';
import { assertRangeInside, freshUri, fuzz, fuzzService, method, notAvailable, optionalImport, report, withinBound } from './harness';

const CATALOG_TEXTS = dataFixtures(/\.json$/, 'test/fixtures/catalogs', 'examples/catalogs', 'server/data/catalogs');
const OPENAPI_TEXTS = dataFixtures(/\.(json|ya?ml)$/, 'test/fixtures/openapi');

const HOSTILE_VALUES = ['__proto__', 'constructor', 'prototype', '${process.exit(1)}', "require('child_process')", '<script>', '\u0000', '😀', '1e999', ''];

/** Catalog-shaped objects with odd values in every field. */
const arbCatalogObject = fc
  .record({
    id: fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_VALUES)),
    codes: fc.array(
      fc.record(
        {
          code: fc.oneof(fc.constantFrom('429', '503', 'ECONNRESET', 'UNAVAILABLE', ...HOSTILE_VALUES), fc.string({ maxLength: 8 }), fc.integer()),
          kind: fc.constantFrom('http-status', 'error-code', 'other', 7),
          name: fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_VALUES)),
          summary: fc.string(),
          retry: fc.oneof(fc.record({ verdict: fc.constantFrom('yes', 'no', 'conditional', 'maybe') }), fc.anything()),
          httpStatus: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.string()),
          extra: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 6 },
    ),
  })
  .map(({ id, codes }) => JSON.stringify({ catalog: { id, name: id }, codes }));

const arbJsonText = fc.oneof(
  { weight: 3, arbitrary: arbMutatedFixture(CATALOG_TEXTS, 3000) },
  { weight: 3, arbitrary: arbCatalogObject },
  { weight: 1, arbitrary: fc.json({ maxDepth: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => '['.repeat(n) + ']'.repeat(n % 7 === 0 ? 0 : n)) },
  { weight: 1, arbitrary: arbTokenSoup() },
  { weight: 1, arbitrary: arbRandomText() },
);

const arbYamlText = fc.oneof(
  { weight: 4, arbitrary: arbMutatedFixture(OPENAPI_TEXTS, 3000) },
  // Alias bombs and deep nesting.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }).map((n) => ['a: &a ["x","x","x","x","x","x","x","x"]', ...Array.from({ length: n }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n')) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => 'openapi: 3.0.0\npaths:\n' + Array.from({ length: n }, (_, i) => ' '.repeat(i + 2) + `k${i}:`).join('\n')) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 6 }) },
  { weight: 1, arbitrary: arbTokenSoup() },
  { weight: 1, arbitrary: arbRandomText() },
);

function checkProblems(text: string, problems: ReadonlyArray<{ range: Range; message: string }>, what: string): void {
  const lines = linesOf(text);
  for (const p of problems) {
    assert.ok(typeof p.message === 'string' && p.message.length > 0, `${what}: empty problem message`);
    assertRangeInside(text, p.range, `${what} problem "${p.message}"`, lines);
  }
}

/** Object.prototype must stay clean whatever a catalog says. */
function assertNoPollution(): void {
  const probe: Record<string, unknown> = {};
  for (const key of ['code', 'kind', 'name', 'retry', 'polluted', 'x', 'exit']) assert.equal(probe[key], undefined, `Object.prototype polluted: ${key}`);
}

describe('fuzz: workspace catalogs and OpenAPI documents (read as data)', function () {
  this.timeout(0);
  after(() => report('catalog-validator', 'openapi-reader'));
  const service = fuzzService();

  it('catalog validator + service.setWorkspaceCatalogs: never throw, bounded, problems inside the file, hovers still work', async function () {
    const mod = await optionalImport('../../server/src/service/catalog/catalogValidation');
    const validate = mod?.validateCatalogText as ((text: string) => { problems: Array<{ range: Range; message: string }> }) | undefined;
    const setCatalogs = method(service, 'setWorkspaceCatalogs') as ((files: Array<{ location: string; text: string }>) => Array<{ problems: Array<{ range: Range; message: string }> }>) | undefined;
    if (!validate) {
      notAvailable('catalog-validator', 'server/src/service/catalog/catalogValidation.ts (validateCatalogText) not found');
      this.skip();
    }
    if (!setCatalogs) notAvailable('catalog-validator (service facade part)', 'service.setWorkspaceCatalogs is not a function');
    const uri = freshUri('python');
    await service.open({ uri, languageId: 'python', version: 1, text: 'if r.status_code == 429:\n    pass\n' });
    try {
      await fuzz('catalog-validator', 1, arbJsonText, async (text) => {
        const result = await withinBound(text.length, 'validateCatalogText', () => validate!(text));
        checkProblems(text, result.problems, 'catalog');
        if (setCatalogs) {
          const [fileReport] = setCatalogs([{ location: 'memory://fuzz/x.errorcodes.json', text }]);
          checkProblems(text, fileReport.problems, 'catalog (service)');
          const hover = service.hover(uri, { line: 0, character: 21 });
          assert.ok(hover === undefined || hover.contents.length > 0);
        }
        assertNoPollution();
      });
    } finally {
      setCatalogs?.([]);
      service.close(uri);
    }
  });

  it('OpenAPI reader + service.setOpenApiDocuments: never throw, bounded (alias bombs too), problems inside the file', async function () {
    const mod = await optionalImport('../../server/src/service/openapi/openApiDocument');
    const read = mod?.readOpenApiDocument as ((location: string, text: string) => { problems: Array<{ range: Range; message: string }>; operations: unknown[] }) | undefined;
    const setDocs = method(service, 'setOpenApiDocuments') as ((files: Array<{ location: string; text: string }>) => Array<{ problems: Array<{ range: Range; message: string }> }>) | undefined;
    if (!read) {
      notAvailable('openapi-reader', 'server/src/service/openapi/openApiDocument.ts (readOpenApiDocument) not found');
      this.skip();
    }
    try {
      await fuzz('openapi-reader', 1, fc.record({ text: arbYamlText, yaml: fc.boolean() }), async ({ text, yaml }) => {
        const location = yaml ? 'memory://fuzz/openapi.yaml' : 'memory://fuzz/openapi.json';
        const spec = await withinBound(text.length, 'readOpenApiDocument', () => read!(location, text));
        assert.ok(Array.isArray(spec.operations));
        checkProblems(text, spec.problems, 'openapi');
        if (setDocs) checkProblems(text, setDocs([{ location, text }])[0].problems, 'openapi (service)');
        assertNoPollution();
      });
    } finally {
      setDocs?.([]);
    }
  });
});
