import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Tree } from 'web-tree-sitter';
import { createBuiltinRegistry } from '../../server/src/service/catalog/builtinCatalogs';
import { httpHeaderAt, type ScriptSpotting, spotHttpFile } from '../../server/src/service/http/httpOccurrences';
import { TreeSitterHost } from '../../server/src/service/parsing/treeSitter';
import type { Occurrence, Range } from '../../server/src/service/types';

const fixture = (name: string): string =>
  fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'http', name), 'utf8');

const r = (range: Range | undefined): string =>
  range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : '-';
const fmt = (o: Occurrence): string => `${o.kind} ${o.code} ${r(o.range)}`;

/** The document text a single-line range covers. */
function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(range.start.line, range.end.line, 'occurrences are single-line');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

describe('http file occurrences', () => {
  let scripts: ScriptSpotting;
  before(async () => {
    const parser = await new TreeSitterHost().newParser('javascript');
    const parse = <T>(source: string, use: (tree: Tree) => T): T | undefined => {
      const tree = parser.parse(source);
      if (!tree) return undefined;
      try {
        return use(tree);
      } finally {
        tree.delete();
      }
    };
    scripts = { parse, registry: createBuiltinRegistry() };
  });

  it('spots statuses in response lines and error-code strings in response bodies', () => {
    const occ = spotHttpFile(fixture('responses.rest'));
    assert.deepEqual(occ.map(fmt), [
      'http-status 429 4:9-4:12',
      'error-code rate_limited 12:12-12:24',
      'error-code SECONDARY_RATE_LIMIT 14:23-14:43',
      'http-status 503 20:7-20:10',
      'error-code https://example.com/probs/maintenance 24:10-24:47',
      'http-status 400 30:9-30:12',
      'error-code ProvisionedThroughputExceededException 33:100-33:138',
    ]);
    assert.ok(occ.every((o) => o.role === 'http-file' && o.text === o.code));
  });

  it('spots status numbers in ?? asserts on status only', () => {
    assert.deepEqual(spotHttpFile(fixture('httpyac-asserts.http')).map(fmt), [
      'http-status 429 8:13-8:16',
      'http-status 500 20:13-20:16',
      'http-status 418 21:25-21:28',
    ]);
  });

  it('spots numbers related to response.status in handler scripts, not in strings or comments', () => {
    assert.deepEqual(spotHttpFile(fixture('jetbrains-handlers.http'), scripts).map(fmt), [
      'http-status 200 12:38-12:41',
      'http-status 429 14:7-14:10',
      'http-status 503 14:12-14:15',
      'http-status 503 19:25-19:28',
      'http-status 502 19:32-19:35',
    ]);
  });

  it('finds nothing in ports, headers, request bodies, variables or unrelated script numbers', () => {
    assert.deepEqual(spotHttpFile(fixture('negatives.http'), scripts), []);
    assert.deepEqual(spotHttpFile(fixture('rest-client.http'), scripts), []);
  });

  it('looks into scripts only with a JavaScript parser', () => {
    assert.deepEqual(spotHttpFile(fixture('jetbrains-handlers.http')), []);
  });

  it('spots statuses in httpYac {{ }} scripts through the JavaScript grammar (chai, test.status, comparisons)', () => {
    const text = fixture('httpyac-scripts.http');
    const occ = spotHttpFile(text, scripts);
    assert.deepEqual(occ.map(fmt), [
      'http-status 200 16:41-16:44',
      'http-status 200 18:14-18:17',
      'http-status 429 19:30-19:33',
      'http-status 502 31:21-31:24',
      'http-status 503 31:26-31:29',
    ]);
    assert.ok(occ.every((o) => o.role === 'http-file' && textAt(text, o.range) === o.text));
  });

  it('spots status-named body fields and JSON-RPC error codes, not a bare "status" or "code"', () => {
    assert.deepEqual(spotHttpFile(fixture('body-codes.http'), scripts).map(fmt), [
      'http-status 429 5:26-5:29',
      'http-status 503 6:16-6:19',
      'http-status 500 7:28-7:31',
      'http-status 502 7:33-7:36',
      'http-status 200 20:9-20:12',
      'error-code -32601 23:46-23:52',
      'http-status 200 28:9-28:12',
    ]);
  });

  it('reads switch/case on the status and reversed comparisons', () => {
    const text = [
      'GET https://x',
      '',
      '> {%',
      'switch (response.status) { case 429: case 503: retry(); break; default: if (n < 300) {} }',
      'client.assert(500 > response.status, "no 5xx");',
      '%}',
    ].join('\n');
    assert.deepEqual(spotHttpFile(text, scripts).map(fmt), [
      'http-status 429 3:32-3:35',
      'http-status 503 3:42-3:45',
      'http-status 500 4:14-4:17',
    ]);
  });

  it('keeps positions right with CRLF and a BOM', () => {
    const lf = 'GET https://x\n\nHTTP/1.1 503 Service Unavailable\n\n{"error": {"code": "UNAVAILABLE"}}\n?? status == 503\n';
    const expected = ['http-status 503 2:9-2:12', 'error-code UNAVAILABLE 4:20-4:31', 'http-status 503 5:13-5:16'];
    assert.deepEqual(spotHttpFile(lf.replace(/\n/g, '\r\n')).map(fmt), expected);
    assert.deepEqual(spotHttpFile('\uFEFFHTTP/2 429\n').map(fmt), ['http-status 429 0:8-0:11']);
  });

  it('decodes escaped error-code strings but keeps the raw range', () => {
    const occ = spotHttpFile('GET https://x\n\nHTTP/1.1 400 Bad Request\n\n{"code": "A\\u0042C"}');
    const o = occ.find((x) => x.kind === 'error-code');
    assert.ok(o);
    assert.equal(o.code, 'ABC');
    assert.equal(o.text, 'A\\u0042C');
    assert.equal(r(o.range), '4:10-4:18');
  });

  describe('httpHeaderAt', () => {
    const text = fixture('responses.rest');

    it('returns a response header under the cursor with name and value ranges', () => {
      const hit = httpHeaderAt(text, { line: 5, character: 4 });
      assert.deepEqual(hit && [hit.name, hit.value, r(hit.range), r(hit.nameRange), r(hit.valueRange), hit.location], [
        'Retry-After', '30', '5:0-5:15', '5:0-5:11', '5:13-5:15', 'response',
      ]);
      assert.equal(httpHeaderAt(text, { line: 21, character: 20 })?.value, 'Fri, 31 Dec 1999 23:59:59 GMT');
    });

    it('returns request headers and nothing off a header line', () => {
      const rest = fixture('rest-client.http');
      const hit = httpHeaderAt(rest, { line: 16, character: 0 });
      assert.equal(hit?.name, 'Idempotency-Key');
      assert.equal(hit?.location, 'request');
      assert.equal(httpHeaderAt(text, { line: 4, character: 10 }), undefined, 'status line');
      assert.equal(httpHeaderAt(text, { line: 12, character: 5 }), undefined, 'JSON body');
      assert.equal(httpHeaderAt(text, { line: 5, character: 16 }), undefined, 'past the end');
    });
  });

  it('stays linear on pathological scripts, bodies and asserts', () => {
    const script = (body: string) => `GET https://x\n\n> {%\n${body}\n%}`;
    const inputs = [
      script('response.status' + ' '.repeat(300_000)),
      script('100 == '.repeat(50_000)),
      script('[1, 2, 3'.repeat(50_000)),
      script('switch (status) {'.repeat(20_000)),
      script('"unterminated \\'.repeat(20_000)),
      'GET https://x\n\nHTTP/1.1 200 OK\n\n' + '{"code": '.repeat(50_000),
      '?? status == ' + '429 '.repeat(50_000),
    ];
    const started = Date.now();
    for (const text of inputs) spotHttpFile(text, scripts);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('property: never throws, ranges cover the occurrence text, sorted (2,000 runs)', () => {
    const fragments = [
      '###', '\n', '\r\n', ' ', 'GET https://h:8080/p', 'HTTP/1.1 ', 'HTTP/2 ', '429', '503', '200', '\n\n', '{"code": "X"}',
      '"error"', ':', '"', '{', '}', '[429, 503].includes(response.status)', 'response.status === ', 'status', '==', '?? ',
      '> {%', '%}', '{{', '}}', '{{@response', 'expect(response.statusCode).to.equal(200)', 'test.status(', '"status_code": ', '//', '/*', '*/', "'", '`', 'Retry-After: 1', 'switch (response.status) {', 'case 502:', '\uFEFF', '😀',
    ];
    const doc = fc.oneof(
      fc.array(fc.constantFrom(...fragments), { maxLength: 80 }).map((p) => p.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(doc, fc.nat(), fc.nat(), (text, line, character) => {
        const occ = spotHttpFile(text, scripts);
        for (let i = 0; i < occ.length; i++) {
          assert.equal(textAt(text, occ[i].range), occ[i].text);
          if (i > 0) {
            const [a, b] = [occ[i - 1].range.start, occ[i].range.start];
            assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), 'sorted');
          }
        }
        httpHeaderAt(text, { line: line % 5, character: character % 40 });
      }),
      { numRuns: 2000, seed: 4291503 },
    );
  });
});
