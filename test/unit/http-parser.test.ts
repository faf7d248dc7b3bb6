import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseHttpFile } from '../../server/src/service/http/httpFileParser';
import type { HttpFile, TextSpan } from '../../server/src/service/http/httpFileTypes';
import type { Range } from '../../server/src/service/types';

const fixture = (name: string): string =>
  fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'http', name), 'utf8');

/** `line:char-line:char` for compact exact assertions. */
const r = (range: Range | undefined): string =>
  range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : '-';
const s = (span: TextSpan | undefined): string => (span ? `${r(span.range)} ${span.text}` : '-');

describe('http file parser', () => {
  describe('REST Client style', () => {
    const file = parseHttpFile(fixture('rest-client.http'));

    it('splits requests at ### and reads titles and @name', () => {
      assert.equal(file.blocks.length, 5);
      assert.deepEqual(
        file.blocks.map((b) => s(b.title)),
        ['-', '3:4-3:23 List orders (paged)', '11:4-11:19 Create an order', '24:4-24:22 Upload from a file', '30:4-30:22 Bare URL means GET'],
      );
      assert.equal(s(file.blocks[1].name), '4:8-4:18 listOrders');
      assert.equal(s(file.blocks[2].separator), '11:0-11:19 ### Create an order');
      assert.equal(r(file.blocks[2].range), '11:0-22:1');
    });

    it('collects file variables with name and value ranges', () => {
      assert.deepEqual(
        file.variables.map((v) => `${s(v.name)} = ${s(v.value)}`),
        ['0:1-0:5 host = 0:8-0:23 api.example.com', '1:1-1:6 token = 1:9-1:30 {{$dotenv API_TOKEN}}'],
      );
    });

    it('joins multi-line query continuations into the URL', () => {
      const line = file.blocks[1].requestLine;
      assert.ok(line);
      assert.equal(line.url, 'https://{{host}}/v1/orders?page=2&per_page=50');
      assert.deepEqual(line.urlParts.map(s), [
        '5:4-5:30 https://{{host}}/v1/orders',
        '6:4-6:11 ?page=2',
        '7:4-7:16 &per_page=50',
      ]);
      assert.equal(r(line.range), '5:0-7:16');
      assert.deepEqual(file.blocks[1].headers.map((h) => h.name.text), ['Authorization', 'Accept']);
    });

    it('reads method, version, headers and a multi-line body', () => {
      const b = file.blocks[2];
      assert.equal(s(b.requestLine?.method), '14:0-14:4 POST');
      assert.equal(s(b.requestLine?.version), '14:32-14:40 HTTP/1.1');
      assert.equal(b.requestLine?.url, 'https://{{host}}/v1/orders');
      assert.deepEqual(b.headers.map((h) => `${s(h.name)} | ${s(h.value)}`), [
        '15:0-15:12 Content-Type | 15:14-15:30 application/json',
        '16:0-16:15 Idempotency-Key | 16:17-16:26 {{$guid}}',
      ]);
      assert.equal(r(b.body?.content.range), '18:0-22:1');
      assert.ok(b.body?.content.text.startsWith('{\n  "sku": "A-429",'));
      assert.deepEqual(b.comments.map((c) => `${r(c.range)} ${c.marker}`), ['13:0-13:55 //']);
    });

    it('records < file includes in the body and a bare URL as GET', () => {
      assert.deepEqual(file.blocks[3].body?.includes.map((i) => s(i.path)), ['28:2-28:27 ./fixtures/attachment.bin']);
      const bare = file.blocks[4].requestLine;
      assert.equal(bare?.implicitMethod, true);
      assert.equal(bare?.method.text, 'GET');
      assert.equal(s(bare?.urlParts[0]), '31:0-31:24 https://{{host}}/healthz');
    });
  });

  describe('httpYac asserts', () => {
    const file = parseHttpFile(fixture('httpyac-asserts.http'));

    it('splits asserts into subject, target, operator and value', () => {
      const fmt = (b: number) =>
        file.blocks[b].asserts.map((a) => [a.subject, a.target, a.operator, a.value].map((x) => x?.text ?? '-').join(' '));
      assert.deepEqual(fmt(1), ['status - == 429', 'header retry-after exists -', 'header content-type includes application/json']);
      assert.deepEqual(fmt(2), ['status - >= 500', 'js response.status != 418', 'duration - < 200', 'body - contains 404']);
      const a = file.blocks[1].asserts[0];
      assert.equal(r(a.range), '8:0-8:16');
      assert.equal(s(a.value), '8:13-8:16 429');
    });

    it('reads // @name and other metadata, and ends the body at ??', () => {
      assert.equal(s(file.blocks[1].name), '4:9-4:20 rateLimited');
      assert.deepEqual(file.blocks[2].metadata.map((m) => `${m.key.text}=${m.value?.text}`), ['name=flaky', 'timeout=5000']);
      assert.equal(s(file.blocks[2].body?.content), '18:0-18:30 {"timeout": 500, "retries": 3}');
    });
  });

  describe('JetBrains handler scripts', () => {
    const file = parseHttpFile(fixture('jetbrains-handlers.http'));
    const [first, second] = file.blocks;

    it('reads pre-request and response-handler scripts with their ranges', () => {
      assert.deepEqual(first.scripts.map((x) => `${x.phase} ${x.terminated} ${r(x.range)} ${r(x.script?.range)}`), [
        'pre-request true 1:0-3:2 1:4-3:0',
        'response-handler true 10:0-20:2 10:4-20:0',
      ]);
      assert.equal(first.requestLine?.method.text, 'POST');
      assert.ok(first.scripts[1].script?.text.includes('client.assert(response.status === 200'));
    });

    it('keeps the body apart from the handler and reads <> response references', () => {
      assert.equal(s(first.body?.content), '8:0-8:35 {"amount": 1000, "currency": "eur"}');
      assert.deepEqual(first.responseRefs.map((x) => s(x.path)), ['22:3-22:31 ./2024-05-01T101500.200.json']);
    });

    it('reads > ./file.js handler references', () => {
      assert.deepEqual(second.scripts.map((x) => `${x.phase} ${s(x.file)} ${x.script === undefined}`), [
        'response-handler 27:2-27:28 ./handlers/check-status.js true',
      ]);
    });
  });

  describe('httpYac script blocks', () => {
    const file = parseHttpFile(fixture('httpyac-scripts.http'));

    it('reads {{ }} blocks before and after the request, with the event marker deciding the phase', () => {
      const all = file.blocks.flatMap((b) => b.scripts.map((x) => `${x.dialect} ${x.phase} ${x.terminated} ${r(x.range)} ${r(x.script?.range)}`));
      assert.deepEqual(all, [
        'httpyac pre-request true 3:0-7:2 4:0-6:27',
        'httpyac response-handler true 13:0-22:2 14:0-21:3',
        'httpyac response-handler true 30:0-33:2 31:0-32:66',
      ]);
      assert.equal(file.blocks[1].requestLine?.url, '{{origin}}/v2/orders?limit={{pageSize}}');
      assert.ok(file.blocks[1].scripts[0].script?.text.startsWith("  const { expect } = require('chai');\n"));
    });

    it('keeps the request body apart from a following script and leaves {{variables}} in bodies alone', () => {
      assert.equal(s(file.blocks[2].body?.content), '28:0-28:34 {"sku": "tea-42", "quantity": 404}');
      const [b] = parseHttpFile('POST https://x\n\n{{payload}}\n').blocks;
      assert.deepEqual(b.scripts, []);
      assert.equal(b.body?.content.text, '{{payload}}');
    });

    it('runs an unterminated {{ to the end of its block', () => {
      const [a, b] = parseHttpFile('GET https://x\n\n{{\n  test.status(200);\n\n###\nGET https://y\n').blocks;
      assert.deepEqual(a.scripts.map((x) => `${x.terminated} ${r(x.range)} ${x.script?.text}`), ['false 2:0-3:19   test.status(200);']);
      assert.equal(b.requestLine?.url, 'https://y');
    });
  });

  describe('response blocks', () => {
    const file = parseHttpFile(fixture('responses.rest'));

    it('reads status line, headers and body of each response', () => {
      const res = file.blocks.map((b) => b.responses[0]);
      assert.deepEqual(res.map((x) => `${s(x.version)} ${s(x.status)} ${s(x.reason)}`), [
        '4:0-4:8 HTTP/1.1 4:9-4:12 429 4:13-4:30 Too Many Requests',
        '20:0-20:6 HTTP/2 20:7-20:10 503 -',
        '30:0-30:8 HTTP/1.1 30:9-30:12 400 30:13-30:24 Bad Request',
      ]);
      assert.deepEqual(res[0].headers.map((h) => `${h.name.text}=${h.value.text}`), [
        'Retry-After=30', 'X-RateLimit-Limit=5000', 'X-RateLimit-Remaining=0', 'X-RateLimit-Reset=1714557600', 'Content-Type=application/json',
      ]);
      assert.equal(r(res[0].range), '4:0-15:1');
      assert.equal(r(res[0].body?.content.range), '11:0-15:1');
      assert.equal(s(res[1].headers[0].value), '21:13-21:42 Fri, 31 Dec 1999 23:59:59 GMT');
      assert.equal(file.blocks[0].body, undefined, 'the response body is not the request body');
    });
  });

  describe('robustness', () => {
    const lf = 'GET https://a.example/x HTTP/1.1\nRetry-After: 5\n\n{"a": 1}\n\nHTTP/1.1 503 Service Unavailable\n';

    it('gives CRLF and lone-CR documents the same ranges as LF', () => {
      const strip = (f: HttpFile) => JSON.stringify(f);
      assert.equal(strip(parseHttpFile(lf.replace(/\n/g, '\r\n'))), strip(parseHttpFile(lf)));
      assert.equal(strip(parseHttpFile(lf.replace(/\n/g, '\r'))), strip(parseHttpFile(lf)));
    });

    it('shifts line 0 by one UTF-16 unit for a BOM and leaves other lines alone', () => {
      const file = parseHttpFile('\uFEFF' + lf);
      const b = file.blocks[0];
      assert.equal(s(b.requestLine?.method), '0:1-0:4 GET');
      assert.equal(s(b.headers[0].name), '1:0-1:11 Retry-After');
      assert.equal(s(b.responses[0].status), '5:9-5:12 503');
    });

    it('ends an unterminated {% at the next ### and still parses the next request', () => {
      const text = 'GET https://a.example\n\n> {%\n  client.log(1);\n\n### next\nGET https://b.example\n';
      const [a, b] = parseHttpFile(text).blocks;
      assert.equal(a.scripts[0].terminated, false);
      assert.equal(r(a.scripts[0].range), '2:0-3:16');
      assert.equal(a.scripts[0].script?.text, '\n  client.log(1);');
      assert.equal(b.requestLine?.url, 'https://b.example');
    });

    it('reads a single-line handler script and a header-less body', () => {
      const [b] = parseHttpFile('POST https://x\nnot a header line\n> {% client.log(response.status) %}\n').blocks;
      assert.equal(s(b.body?.content), '1:0-1:17 not a header line');
      assert.equal(s(b.scripts[0].script), '2:4-2:33  client.log(response.status) ');
      assert.equal(b.scripts[0].terminated, true);
    });

    it('does not throw on binary junk, lone surrogates or an empty document', () => {
      for (const junk of ['', '\u0000\u0001\uFFFF\uD800', '###', '{%', '??', 'HTTP/1.1 ', '\uFEFF', '\r\r\n\n', 'GET']) {
        parseHttpFile(junk);
      }
      assert.deepEqual(parseHttpFile('').blocks, []);
    });

    it('stays linear on large and pathological inputs', () => {
      const big = fixture('jetbrains-handlers.http').repeat(2000);
      const spaces = 'GET ' + ' '.repeat(200_000) + 'x' + ' '.repeat(200_000) + '\n';
      const headerish = 'a'.repeat(300_000) + '\n' + '@'.repeat(100_000) + '\n' + '?? status ' + '= '.repeat(100_000);
      const started = Date.now();
      assert.equal(parseHttpFile(big).blocks.length, 4000);
      parseHttpFile(spaces);
      parseHttpFile('GET https://x\n\n' + headerish);
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    });
  });

  describe('property: never throws, every range inside the document', () => {
    const fragments = [
      '###', ' ', '\n', '\r\n', '\r', '\t', 'GET ', 'POST ', 'https://h:8080/p', '?a=1', '&b=2', 'HTTP/1.1', 'HTTP/2 ',
      '429', '503', ' OK', 'Retry-After: 30', ':', '{%', '%}', '> ', '< ', '<> ', '??', 'status', '==', 'header',
      'response.status', '"code"', '"x"', '"', '{', '}', '[', ']', ',', '#', '//', '@name', '@v = 1', '{{v}}', '\\',
      '\uFEFF', 'é', '😀', '\u0000', '\uD800',
    ];
    const doc = fc.oneof(
      fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );

    it('holds for 2,000 generated documents', () => {
      fc.assert(
        fc.property(doc, (text) => {
          const lengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
          const inside = (range: Range) => {
            const ok = (p: Range['start']) => p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
            return ok(range.start) && ok(range.end) &&
              (range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character));
          };
          const walk = (value: unknown): void => {
            if (Array.isArray(value)) return value.forEach(walk);
            if (value === null || typeof value !== 'object') return;
            const o = value as Record<string, unknown>;
            if (o.range && typeof (o.range as Range).start === 'object') {
              assert.ok(inside(o.range as Range), JSON.stringify(o));
            }
            for (const [k, v] of Object.entries(o)) if (k !== 'range') walk(v);
          };
          walk(parseHttpFile(text));
        }),
        { numRuns: 2000, seed: 20261122 },
      );
    });
  });
});
