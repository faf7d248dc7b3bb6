import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { createBuiltinRegistry } from '../../server/src/service/catalog/builtinCatalogs';
import type { CatalogEntry, CatalogFile, RetryVerdict } from '../../server/src/service/catalog/schema';

const root = path.resolve(__dirname, '..', '..');
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

const schema = readJson('schemas/errorcodes.schema.json') as object;

/** The built-in non-HTTP catalogs (http-status.json has its own test). */
const BUILTIN = ['node-errors.json', 'grpc.json', 'aws.json', 'sql.json', 'python-exceptions.json', 'jsonrpc.json', 'websocket-close.json'];

const builtinFiles = fs
  .readdirSync(path.join(root, 'server/data/catalogs'))
  .filter((f) => f.endsWith('.json') && f !== 'http-status.json')
  .map((f) => `server/data/catalogs/${f}`);
const exampleFiles = fs
  .readdirSync(path.join(root, 'examples/catalogs'))
  .filter((f) => f.endsWith('.errorcodes.json'))
  .map((f) => `examples/catalogs/${f}`);
const allFiles = [...builtinFiles, ...exampleFiles];

const load = (rel: string): CatalogFile => readJson(rel) as CatalogFile;
const entry = (rel: string, code: string): CatalogEntry => {
  const found = load(rel).codes.find((c) => c.code === code);
  assert.ok(found, `${code} missing from ${rel}`);
  return found;
};

describe('built-in and example catalogs', () => {
  it('finds the expected files', () => {
    for (const f of BUILTIN) assert.ok(builtinFiles.includes(`server/data/catalogs/${f}`), `missing ${f}`);
    assert.equal(exampleFiles.length, 5, `expected five seed vendor catalogs, found ${exampleFiles.join(', ')}`);
  });

  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  for (const rel of allFiles) {
    describe(rel, () => {
      const file = load(rel);

      it('validates against the schema', () => {
        const ok = validate(file);
        assert.ok(ok, ajv.errorsText(validate.errors, { separator: '\n' }));
      });

      it('has no duplicate codes or aliases within the file', () => {
        const seen = new Map<string, string>();
        for (const c of file.codes) {
          for (const key of [c.code, ...(c.aliases ?? [])]) {
            // http-status entries and error-code entries live in different namespaces.
            const ns = `${c.kind}:${key}`;
            assert.ok(!seen.has(ns), `${key} in ${c.code} duplicates ${seen.get(ns)}`);
            seen.set(ns, c.code);
          }
        }
      });

      it('gives every conditional verdict a non-empty condition', () => {
        for (const c of file.codes) {
          if (c.retry.verdict === 'conditional') {
            assert.ok(c.retry.condition && c.retry.condition.trim().length > 10, `${c.code} lacks a condition`);
          }
        }
      });

      it('keeps http-status codes numeric and equal to httpStatus', () => {
        for (const c of file.codes.filter((x) => x.kind === 'http-status')) {
          assert.match(c.code, /^[1-5]\d\d$/);
          assert.equal(c.httpStatus, Number(c.code), c.code);
        }
      });
    });
  }

  describe('node-errors.json', () => {
    const rel = 'server/data/catalogs/node-errors.json';
    it('covers the required codes', () => {
      const codes = new Set(load(rel).codes.map((c) => c.code));
      for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH',
        'EHOSTUNREACH', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'EADDRINUSE', 'ENETDOWN', 'EHOSTDOWN', 'UND_ERR_SOCKET',
        'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED', 'UND_ERR_CLOSED']) {
        assert.ok(codes.has(code), code);
      }
    });
    it('treats ECONNRESET as retryable for idempotent requests only', () => {
      const e = entry(rel, 'ECONNRESET');
      assert.equal(e.retry.verdict, 'conditional');
      assert.equal(e.retry.idempotentOnly, true);
    });
    it('treats connect-phase failures as retryable and caller aborts as final', () => {
      assert.equal(entry(rel, 'ECONNREFUSED').retry.verdict, 'yes');
      assert.equal(entry(rel, 'UND_ERR_CONNECT_TIMEOUT').retry.verdict, 'yes');
      assert.equal(entry(rel, 'UND_ERR_ABORTED').retry.verdict, 'no');
    });
    it('records the library disagreement on ENOTFOUND and ECONNABORTED', () => {
      const notFound = entry(rel, 'ENOTFOUND');
      assert.match(notFound.disagreement ?? '', /is-retry-allowed/);
      const ira = notFound.libraries?.find((l) => l.name === 'is-retry-allowed');
      assert.match(ira?.behaviour ?? '', /Denied/);
      const got = notFound.libraries?.find((l) => l.name === 'got');
      assert.match(got?.behaviour ?? '', /^Retried/);
      const axios = entry(rel, 'ECONNABORTED').libraries?.find((l) => l.name === 'axios-retry');
      assert.match(axios?.behaviour ?? '', /Never retried/);
      const undici = entry(rel, 'ETIMEDOUT').libraries?.find((l) => l.name.startsWith('undici'));
      assert.match(undici?.behaviour ?? '', /^Not retried/);
    });
    it('says TLS certificate errors are retried by no library, and axios-retry alone retries EPROTO', () => {
      const cert = entry(rel, 'CERT_HAS_EXPIRED');
      assert.equal(cert.retry.verdict, 'no');
      assert.ok((cert.libraries ?? []).every((l) => /^(Not|Never|Denied)/.test(l.behaviour)), JSON.stringify(cert.libraries));
      const proto = entry(rel, 'EPROTO').libraries ?? [];
      assert.deepEqual(proto.filter((l) => /^Retried/.test(l.behaviour)).map((l) => l.name), ['axios-retry']);
    });
    it('names got, axios-retry, undici and Azure for every system error', () => {
      for (const c of load(rel).codes.filter((x) => !x.code.startsWith('UND_ERR'))) {
        const names = (c.libraries ?? []).map((l) => l.name).join('|');
        for (const lib of ['got', 'axios-retry', 'undici', 'Azure', 'is-retry-allowed']) assert.match(names, new RegExp(lib), `${c.code}: ${lib}`);
      }
    });
  });

  describe('grpc.json', () => {
    const rel = 'server/data/catalogs/grpc.json';
    const expected: Array<[string, number, RetryVerdict]> = [
      ['OK', 200, 'no'], ['CANCELLED', 499, 'no'], ['UNKNOWN', 500, 'no'], ['INVALID_ARGUMENT', 400, 'no'],
      ['DEADLINE_EXCEEDED', 504, 'no'], ['NOT_FOUND', 404, 'no'], ['ALREADY_EXISTS', 409, 'no'],
      ['PERMISSION_DENIED', 403, 'no'], ['RESOURCE_EXHAUSTED', 429, 'conditional'], ['FAILED_PRECONDITION', 400, 'no'],
      ['ABORTED', 409, 'conditional'], ['OUT_OF_RANGE', 400, 'no'], ['UNIMPLEMENTED', 501, 'no'], ['INTERNAL', 500, 'no'],
      ['UNAVAILABLE', 503, 'yes'], ['DATA_LOSS', 500, 'no'], ['UNAUTHENTICATED', 401, 'no'],
    ];
    it('has exactly the 17 status codes with AIP-194 verdicts and HTTP mappings', () => {
      assert.equal(load(rel).codes.length, 17);
      for (const [code, http, verdict] of expected) {
        const e = entry(rel, code);
        assert.equal(e.httpStatus, http, code);
        assert.equal(e.retry.verdict, verdict, code);
      }
    });
    it('lists the constant spellings of each language as aliases', () => {
      const aliases = entry(rel, 'UNAVAILABLE').aliases ?? [];
      for (const a of ['grpc.status.UNAVAILABLE', 'codes.Unavailable', 'StatusCode.UNAVAILABLE', 'Status.Code.UNAVAILABLE',
        'Status.UNAVAILABLE', 'grpc.StatusCode.UNAVAILABLE', 'StatusCode.Unavailable']) {
        assert.ok(aliases.includes(a), a);
      }
      assert.ok((entry(rel, 'CANCELLED').aliases ?? []).includes('codes.Canceled'), 'Go spells it Canceled');
      for (const c of load(rel).codes) {
        for (const a of c.aliases ?? []) assert.ok(!/^\d+$/.test(a), `${c.code}: numeric alias ${a}`);
      }
    });
    it('marks common words ambiguous but not DEADLINE_EXCEEDED', () => {
      for (const code of ['UNAVAILABLE', 'UNKNOWN', 'INTERNAL', 'CANCELLED', 'ABORTED', 'OK', 'NOT_FOUND']) {
        assert.equal(entry(rel, code).ambiguous, true, code);
      }
      assert.notEqual(entry(rel, 'DEADLINE_EXCEEDED').ambiguous, true);
    });
  });

  describe('aws.json', () => {
    const rel = 'server/data/catalogs/aws.json';
    it('covers the SDK throttling and transient codes', () => {
      const codes = new Set(load(rel).codes.map((c) => c.code));
      for (const code of ['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException',
        'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'TransactionInProgressException',
        'RequestLimitExceeded', 'BandwidthLimitExceeded', 'LimitExceededException', 'RequestThrottled', 'SlowDown',
        'PriorRequestNotComplete', 'EC2ThrottledException', 'RequestTimeout', 'RequestTimeoutException']) {
        assert.ok(codes.has(code), code);
      }
    });
    it('ThrottlingException is retryable, SlowDown comes with 503', () => {
      assert.equal(entry(rel, 'ThrottlingException').retry.verdict, 'yes');
      assert.equal(entry(rel, 'ThrottlingException').httpStatus, 400);
      assert.equal(entry(rel, 'SlowDown').httpStatus, 503);
    });
  });

  describe('sql.json', () => {
    const rel = 'server/data/catalogs/sql.json';
    it('has the expected verdicts', () => {
      const expected: Array<[string, RetryVerdict]> = [
        ['40001', 'yes'], ['40P01', 'conditional'], ['55P03', 'conditional'], ['57014', 'no'], ['08006', 'conditional'],
        ['08001', 'conditional'], ['08003', 'conditional'], ['53300', 'yes'], ['ER_LOCK_DEADLOCK', 'yes'],
        ['ER_LOCK_WAIT_TIMEOUT', 'conditional'], ['CR_SERVER_GONE_ERROR', 'conditional'], ['CR_SERVER_LOST', 'conditional'],
      ];
      for (const [code, verdict] of expected) assert.equal(entry(rel, code).retry.verdict, verdict, code);
    });
    it('gives MySQL numeric error numbers as aliases', () => {
      assert.deepEqual(entry(rel, 'ER_LOCK_DEADLOCK').aliases, ['1213']);
      assert.ok(entry(rel, 'ER_LOCK_WAIT_TIMEOUT').aliases?.includes('1205'));
      assert.ok(entry(rel, 'CR_SERVER_GONE_ERROR').aliases?.includes('2006'));
      assert.ok(entry(rel, 'CR_SERVER_LOST').aliases?.includes('2013'));
    });
    it('says 40001 means retrying the whole transaction', () => {
      assert.match(entry(rel, '40001').advice ?? '', /whole transaction|complete transaction/);
    });
  });

  describe('python-exceptions.json', () => {
    const rel = 'server/data/catalogs/python-exceptions.json';
    it('has the expected verdicts', () => {
      const expected: Array<[string, RetryVerdict]> = [
        ['ConnectionError', 'conditional'], ['ConnectTimeout', 'yes'], ['ReadTimeout', 'conditional'], ['Timeout', 'conditional'],
        ['ChunkedEncodingError', 'conditional'], ['HTTPError', 'no'], ['ConnectError', 'yes'], ['RemoteProtocolError', 'conditional'],
        ['PoolTimeout', 'yes'], ['ClientConnectionError', 'conditional'], ['ServerDisconnectedError', 'conditional'],
        ['ServerTimeoutError', 'conditional'], ['MaxRetryError', 'no'], ['ProtocolError', 'conditional'],
      ];
      for (const [code, verdict] of expected) assert.equal(entry(rel, code).retry.verdict, verdict, code);
    });
    it('uses qualified spellings as aliases', () => {
      const aliases = entry(rel, 'ConnectTimeout').aliases ?? [];
      assert.ok(aliases.includes('requests.exceptions.ConnectTimeout'));
      assert.ok(aliases.includes('httpx.ConnectTimeout'));
      assert.ok(entry(rel, 'MaxRetryError').aliases?.includes('urllib3.exceptions.MaxRetryError'));
      assert.ok(entry(rel, 'ServerDisconnectedError').aliases?.includes('aiohttp.ServerDisconnectedError'));
    });
  });
});

describe('context catalogs (JSON-RPC, WebSocket close codes)', () => {
  it('hold the numbers their standards define and are marked for context matching', () => {
    const rpc = load('server/data/catalogs/jsonrpc.json');
    const ws = load('server/data/catalogs/websocket-close.json');
    assert.equal(rpc.catalog.matching, 'context');
    assert.equal(ws.catalog.matching, 'context');
    for (const code of ['-32700', '-32600', '-32601', '-32602', '-32603', '-32000']) entry('server/data/catalogs/jsonrpc.json', code);
    for (const c of rpc.codes) assert.ok(Number(c.code) >= -32768 && Number(c.code) <= -32000, `${c.code} is outside the JSON-RPC reserved range`);
    // RFC 6455 section 7.4.1 and the IANA registry: 1000-1015 except the reserved 1004.
    const wsCodes = ws.codes.map((c) => Number(c.code)).sort((a, b) => a - b);
    assert.deepEqual(wsCodes, [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015]);
    for (const c of [...rpc.codes, ...ws.codes]) assert.ok(c.sources.every((s) => s.url?.startsWith('https://')), `${c.code} cites a source without a URL`);
  });

  it('keeps their numbers out of the words spotting looks for, but resolves them for hovers', () => {
    const registry = createBuiltinRegistry();
    const names = registry.candidateNames();
    assert.ok(!names.has('1011') && !names.has('-32601'));
    assert.ok(names.has('40001'), 'SQLSTATE strings are still looked for');
    assert.equal(registry.contextCode('websocket-close', '1011')?.entry.name, 'Internal Error');
    assert.equal(registry.contextCode('jsonrpc', '1011'), undefined);
    assert.equal(registry.errorCode('-32601')[0]?.catalog.id, 'jsonrpc');
  });
});
