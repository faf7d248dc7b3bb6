import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { OPENAPI_LIMITS, type OpenApiSpec, readOpenApiDocument } from '../../server/src/service/openapi/openApiDocument';
import { urlLiterals } from '../../server/src/service/openapi/openApiIndex';
import { WILDCARD, compileTemplate, matchScore, urlPathSegments } from '../../server/src/service/openapi/pathMatching';
import type { LanguageId } from '../../server/src/service/types';
import { cursor } from '../support/serviceHarness';

const FIXTURES = path.join(__dirname, '../fixtures/openapi');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const read = (name: string): OpenApiSpec => readOpenApiDocument(`file:///ws/${name}`, fixture(name));
const responses = (spec: OpenApiSpec, method: string, p: string) => spec.operations.find((o) => o.method === method && o.path === p)?.responses ?? [];
const retryAfterProblems = (spec: OpenApiSpec) =>
  spec.problems.filter((p) => p.code === 'openapi-missing-retry-after').map((p) => [p.range.start.line, p.range.start.character, p.severity]);

describe('openapi: reading documents', () => {
  it('reads YAML operations, status keys of every form and local component $refs', () => {
    const spec = read('users.openapi.yaml');
    assert.deepEqual(spec.operations.map((o) => `${o.method} ${o.path}`), ['GET /users/{id}', 'DELETE /users/{id}', 'POST /users']);
    const get = responses(spec, 'GET', '/users/{id}');
    assert.deepEqual(get.map((r) => r.status), ['200', '404', '429', '503', '4XX']);
    const tooMany = get.find((r) => r.status === '429')!;
    assert.equal(tooMany.description, 'Rate limit exceeded for this user.');
    assert.deepEqual(tooMany.headers, ['Retry-After']);
    assert.deepEqual(tooMany.range.start, { line: 16, character: 8 });
    assert.equal(responses(spec, 'DELETE', '/users/{id}').find((r) => r.status === 'default')?.description, 'An RFC 9457 problem document.');
    assert.equal(spec.operations[0].operationId, 'getUser');
  });

  it('reads JSON documents the same way, with positions', () => {
    const spec = read('orders.openapi.json');
    const ops = spec.operations;
    assert.deepEqual(ops.map((o) => `${o.method} ${o.path}`), ['GET /orders/{orderId}/items']);
    const r503 = ops[0].responses.find((r) => r.status === '503')!;
    assert.equal(r503.description, 'Temporarily unavailable.');
    assert.deepEqual(r503.headers, ['retry-after']);
    assert.deepEqual(r503.range.start, { line: 10, character: 10 });
  });

  it('reports 429/503 responses without Retry-After as information, at the response', () => {
    assert.deepEqual(retryAfterProblems(read('users.openapi.yaml')), [
      [18, 8, 'information'], // GET /users/{id} 503 (inline, no headers)
      [35, 8, 'information'], // POST /users 429 (X-RateLimit-Reset only)
    ]);
    // 429 via $ref has Retry-After; JSON 503 declares lower-case retry-after.
    assert.deepEqual(retryAfterProblems(read('orders.openapi.json')), [[9, 10, 'information']]);
    assert.match(read('orders.openapi.json').problems[0].message, /429 response of GET \/orders\/\{orderId\}\/items declares no Retry-After/);
  });

  it('ignores remote and relative $refs (never fetched) and says so', () => {
    const spec = read('users.openapi.yaml');
    const r502 = responses(spec, 'POST', '/users').find((r) => r.status === '502')!;
    assert.equal(r502.description, undefined);
    const hint = spec.problems.find((p) => p.code === 'openapi-ref-ignored');
    assert.equal(hint?.severity, 'hint');
    assert.deepEqual(hint?.range.start, { line: 42, character: 16 });
    const relative = readOpenApiDocument('x', 'openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        "429":\n          $ref: "./common.yaml#/components/responses/X"\n');
    assert.equal(relative.operations[0].responses[0].description, undefined);
    assert.equal(relative.problems.some((p) => p.code === 'openapi-missing-retry-after'), true);
  });

  it('stops at $ref cycles', () => {
    const text = 'openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        "503":\n          $ref: "#/components/responses/A"\ncomponents:\n  responses:\n    A:\n      $ref: "#/components/responses/B"\n    B:\n      $ref: "#/components/responses/A"\n';
    const spec = readOpenApiDocument('x', text);
    assert.equal(spec.operations[0].responses[0].status, '503');
    assert.equal(spec.operations[0].responses[0].description, undefined);
  });
});

describe('openapi: hostile inputs', () => {
  const timed = (fn: () => OpenApiSpec): { spec: OpenApiSpec; ms: number } => {
    const start = Date.now();
    const spec = fn();
    return { spec, ms: Date.now() - start };
  };

  it('rejects a huge document before parsing', () => {
    const text = `openapi: 3.0.0\ndescription: "${'x'.repeat(OPENAPI_LIMITS.maxSize)}"\n`;
    const { spec, ms } = timed(() => readOpenApiDocument('x', text));
    assert.equal(spec.operations.length, 0);
    assert.match(spec.problems[0].message, /over the limit/);
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('rejects deep nesting without recursing into it', () => {
    const text = `openapi: 3.0.0\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const { spec, ms } = timed(() => readOpenApiDocument('x', text));
    assert.match(spec.problems[0].message, /nested deeper than/);
    assert.deepEqual(spec.problems[0].range.start, { line: 1, character: 3 + OPENAPI_LIMITS.maxDepth });
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('survives an alias bomb and many aliases (bounded resolution)', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
    const statuses = Array.from({ length: 200 }, (_, i) => `        "${400 + i}": *resp`).join('\n');
    const text = `openapi: 3.0.0\nx-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\npaths:\n  /bomb:\n    get:\n      summary: *i\n      responses:\n        "200": &resp\n          description: *i\n${statuses}\n`;
    const { spec, ms } = timed(() => readOpenApiDocument('x', text));
    assert.equal(spec.operations.length, 1);
    assert.equal(spec.operations[0].summary, undefined); // an alias to a list is not a summary
    assert.equal(spec.operations[0].responses.length, 201); // keys are read; values past the alias budget stay unresolved
    assert.ok(spec.operations[0].responses.every((r) => r.description === undefined));
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('reads custom tags as plain data and skips non-OpenAPI or broken YAML', () => {
    const tagged = readOpenApiDocument('x', 'openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: !!js/function "function () { process.exit(1) }"\n');
    assert.equal(tagged.operations[0].responses[0].description, 'function () { process.exit(1) }');
    const swagger = readOpenApiDocument('x', 'swagger: "2.0"\npaths: {}\n');
    assert.equal(swagger.operations.length, 0);
    assert.match(swagger.problems[0].message, /only OpenAPI 3\.x/);
    const broken = readOpenApiDocument('x', 'openapi: 3.0.0\npaths:\n  /a: [\n');
    assert.equal(broken.operations.length, 0);
    assert.equal(broken.problems[0].code, 'openapi-not-read');
  });
});

describe('openapi: path matching', () => {
  const score = (url: string, template: string) => {
    const segments = urlPathSegments(url);
    return segments ? matchScore(segments, compileTemplate(template)) : undefined;
  };

  it('matches path templates by suffix of the request path', () => {
    assert.ok(score('https://api.x.com/v1/users/42', '/users/{id}') !== undefined);
    assert.ok(score('https://api.x.com/v1/users/42?expand=1#top', '/users/{id}') !== undefined);
    assert.ok(score('{{host}}/orders/{{orderId}}/items', '/orders/{orderId}/items') !== undefined);
    assert.ok(score('/users/:id', '/users/{id}') !== undefined);
    assert.ok(score('/files/report.json', '/files/{name}.json') !== undefined);
    assert.equal(score('https://api.x.com/v1/users/42', '/orders/{id}'), undefined);
    assert.equal(score('https://api.x.com/users', '/users/{id}'), undefined);
    assert.equal(score('https://api.x.com/v1/users/42', '/{id}'), undefined); // all-parameter template must match the whole path
    assert.equal(score('/files/report.txt', '/files/{name}.json'), undefined);
    assert.equal(urlPathSegments('not a url'), undefined);
    assert.deepEqual(urlPathSegments('%s/users/%d'), ['users', WILDCARD]);
  });

  it('prefers the more literal template', () => {
    assert.ok(score('/users/me', '/users/me')! > score('/users/me', '/users/{id}')!);
  });

  it('finds URL literals and the method of the call in source text', () => {
    assert.deepEqual(urlLiterals('r = requests.post(f"{BASE}/users", json=body)'), [{ url: '{BASE}/users', method: 'POST' }]);
    assert.deepEqual(urlLiterals("await fetch(`${base}/users/${id}`, { method: 'DELETE' })"), [{ url: '${base}/users/${id}', method: 'DELETE' }]);
    assert.deepEqual(urlLiterals('x = "hello" + "world"'), []);
  });
});

describe('openapi: hover', () => {
  let service: ErrorCodeLanguageService;
  let counter = 0;
  before(() => {
    service = new ErrorCodeLanguageService();
    const reports = service.setOpenApiDocuments([
      { location: 'file:///ws/broken.openapi.yaml', text: 'openapi: 3.0.0\npaths: [' },
      { location: 'file:///ws/api/users.openapi.yaml', text: fixture('users.openapi.yaml') },
      { location: 'file:///ws/orders.openapi.json', text: fixture('orders.openapi.json') },
    ]);
    assert.equal(reports[0].operations, 0);
    assert.equal(reports[1].operations, 3);
  });
  after(() => service.setOpenApiDocuments([]));

  async function hover(languageId: LanguageId, marked: string): Promise<string | undefined> {
    const { text, position } = cursor(marked);
    const uri = `memory://openapi/${++counter}`;
    await service.open({ uri, languageId, version: 1, text });
    try {
      return service.hover(uri, position)?.contents;
    } finally {
      service.close(uri);
    }
  }

  it('a .http request adds what the matching operation declares for the status', async () => {
    const text = await hover('http', 'GET https://api.example.com/v1/users/42\n\nHTTP/1.1 4|29 Too Many Requests\n');
    assert.match(text!, /\*\*OpenAPI:\*\*\n- `GET \/users\/\{id\}` \(getUser\) in users\.openapi\.yaml: \*\*429\*\* — Rate limit exceeded for this user\. · headers: `Retry-After`/);
    assert.doesNotMatch(text!, /DELETE/);
    const viaRange = await hover('http', '@host = https://api.example.com\nGET {{host}}/users/42\n\nHTTP/1.1 4|09 Conflict\n');
    assert.match(viaRange!, /\*\*409\*\* \(via `4XX`\) — Some other client error\./);
    const undeclared = await hover('http', 'GET https://api.example.com/v1/users/42\n\nHTTP/1.1 5|00 Internal Server Error\n');
    assert.match(undeclared!, /declares no 500 response \(declared: 200, 404, 429, 503, 4XX\)/);
  });

  it('source code: a URL literal in the same function selects the operation', async () => {
    const py = await hover('python', 'def create(body):\n    r = requests.post(f"{BASE}/users", json=body)\n    if r.status_code == 4|29:\n        raise Busy()\n');
    assert.match(py!, /`POST \/users` \(createUser\) in users\.openapi\.yaml: \*\*429\*\* — Rate limited without a hint\. · headers: `X-RateLimit-Reset`/);
    const ts = await hover('typescript', 'async function items(id: string) {\n  const res = await fetch(`${base}/orders/${id}/items`);\n  if (res.status === 5|03) return retry();\n}\n');
    assert.match(ts!, /`GET \/orders\/\{orderId\}\/items` \(listOrderItems\) in orders\.openapi\.json: \*\*503\*\* — Temporarily unavailable\./);
    const unrelated = await hover('python', 'def other():\n    r = requests.get("https://elsewhere.example.com/health")\n    if r.status_code == 4|29:\n        pass\n');
    assert.match(unrelated!, /HTTP 429/);
    assert.doesNotMatch(unrelated!, /OpenAPI/);
  });

  it('reloading the documents changes the next hover', async () => {
    service.setOpenApiDocuments([{ location: 'file:///ws/users.openapi.yaml', text: fixture('users.openapi.yaml').replace('Rate limit exceeded for this user.', 'Slow down, please.') }]);
    assert.match((await hover('http', 'GET https://api.example.com/v1/users/42\n\nHTTP/1.1 4|29 Too Many Requests\n'))!, /Slow down, please\./);
    service.setOpenApiDocuments([]);
    assert.doesNotMatch((await hover('http', 'GET https://api.example.com/v1/users/42\n\nHTTP/1.1 4|29 Too Many Requests\n'))!, /OpenAPI/);
  });
});
