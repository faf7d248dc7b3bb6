/**
 * Service tier: codes a project declares in one file and uses by name in another (the summaries' `codes`, resolved
 * through the workspace index: spotting/declaredCodes.ts, workspace/foreignCodes.ts, spotting/foreignCodeUses.ts).
 */
import * as assert from 'node:assert/strict';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { spotStats } from '../../server/src/service/spotting/incrementalSpot';
import type { LanguageId } from '../../server/src/service/types';

type Files = Record<string, [LanguageId, string]>;

/** Opens the files (under file:///ws/), indexes each, and returns the service. */
async function workspace(files: Files): Promise<ErrorCodeLanguageService> {
  const service = new ErrorCodeLanguageService();
  for (const [name, [languageId, text]] of Object.entries(files)) await service.open({ uri: `file:///ws/${name}`, languageId, version: 1, text });
  for (const name of Object.keys(files)) service.indexDocument(`file:///ws/${name}`);
  return service;
}

/** `line code kind role text` of each occurrence of a file. */
function spotted(service: ErrorCodeLanguageService, name: string): string[] {
  return service.occurrences(`file:///ws/${name}`).map((o) => `${o.range.start.line + 1} ${o.code} ${o.kind} ${o.role} ${o.text}`);
}

const PY_LIMITS = 'QUOTA_ERROR_CODE = "QUOTA_EXHAUSTED"\nSTATUS_SLOW_DOWN = 429\n\n\ndef helper():\n    LOCAL_STATUS_CODE = 503\n    return LOCAL_STATUS_CODE\n';
const PY_CLIENT = [
  'import httpx',
  'from .limits import QUOTA_ERROR_CODE',
  'from . import limits',
  '',
  'def fetch(url):',
  '    r = httpx.get(url)',
  '    if r.status_code == limits.STATUS_SLOW_DOWN:',
  '        return None',
  '    if r.json()["error_code"] == QUOTA_ERROR_CODE:',
  '        return None',
  '    if r.status_code == LOCAL_STATUS_CODE:',
  '        return None',
  '    return r',
  '',
].join('\n');

const TS_CODES = 'export enum ApiStatus {\n  Fine = 200,\n  TooManyRequests = 429,\n  ServiceUnavailable = 503,\n}\n';
const TS_CALLER = [
  "import { ApiStatus } from './codes';",
  'export async function load(url: string) {',
  '  const res = await fetch(url);',
  '  if (res.status === ApiStatus.TooManyRequests) return undefined;',
  '  if (res.status === TooManyRequests) return undefined;',
  '  return res;',
  '}',
  '',
].join('\n');

const CS_CLOSE = 'namespace Chat.Protocol;\npublic enum SocketCloseKind\n{\n    Normal = 1000,\n    Throttled = 4008,\n    BadShard = 4010,\n}\n';
const csHandler = (using: string): string =>
  [
    using,
    'namespace Chat.Client;',
    'public class Session',
    '{',
    '    bool Classify(SocketCloseKind kind)',
    '    {',
    '        switch (kind)',
    '        {',
    '            case SocketCloseKind.Throttled: return true;',
    '            case SocketCloseKind.BadShard: return false;',
    '        }',
    '        return false;',
    '    }',
    '}',
    '',
  ].join('\n');

describe('workspace codes: a code declared in one file, used in another', function () {
  this.timeout(30_000);

  it('Python: a constant imported by name and one read through its module, not a function-local one', async () => {
    const service = await workspace({ 'app/limits.py': ['python', PY_LIMITS], 'app/client.py': ['python', PY_CLIENT] });
    const codes = service.workspace.get('file:///ws/app/limits.py')?.codes?.map((c) => `${c.name}=${c.code}`).sort();
    assert.deepEqual(codes, ['QUOTA_ERROR_CODE=QUOTA_EXHAUSTED', 'STATUS_SLOW_DOWN=429']);
    assert.deepEqual(spotted(service, 'app/client.py'), ['7 429 http-status client-check limits.STATUS_SLOW_DOWN', '9 QUOTA_EXHAUSTED error-code client-check QUOTA_ERROR_CODE']);
  });

  it('TypeScript: an imported enum qualified by its name; its members written bare are not its codes', async () => {
    const service = await workspace({ 'web/codes.ts': ['typescript', TS_CODES], 'web/caller.ts': ['typescript', TS_CALLER] });
    assert.deepEqual(spotted(service, 'web/caller.ts'), ['4 429 http-status client-check ApiStatus.TooManyRequests']);
  });

  it('TypeScript: a file that does not import the enum does not read it', async () => {
    const service = await workspace({ 'web/codes.ts': ['typescript', TS_CODES], 'web/caller.ts': ['typescript', TS_CALLER.replace("from './codes'", "from './elsewhere'")] });
    assert.deepEqual(spotted(service, 'web/caller.ts'), []);
  });

  it('re-exports are followed: a TypeScript index and a Python package', async () => {
    const ts = await workspace({ 'web/lib/codes.ts': ['typescript', TS_CODES], 'web/lib/index.ts': ['typescript', "export * from './codes';\n"], 'web/caller.ts': ['typescript', TS_CALLER.replace("'./codes'", "'./lib'")] });
    assert.deepEqual(spotted(ts, 'web/caller.ts'), ['4 429 http-status client-check ApiStatus.TooManyRequests']);
    const py = await workspace({ 'pkg/limits.py': ['python', PY_LIMITS], 'pkg/__init__.py': ['python', 'from .limits import QUOTA_ERROR_CODE\n'], 'app/client.py': ['python', PY_CLIENT.replace('from .limits import', 'from pkg import').replace('from . import limits', 'from pkg import limits')] });
    assert.deepEqual(spotted(py, 'app/client.py'), ['7 429 http-status client-check limits.STATUS_SLOW_DOWN', '9 QUOTA_EXHAUSTED error-code client-check QUOTA_ERROR_CODE']);
  });

  it('C#: a close-code enum of a namespace the file uses, and none without the using', async () => {
    const service = await workspace({ 'Protocol/SocketCloseKind.cs': ['csharp', CS_CLOSE], 'Client/Session.cs': ['csharp', csHandler('using Chat.Protocol;')] });
    assert.deepEqual(spotted(service, 'Client/Session.cs'), ['9 4008 error-code client-check SocketCloseKind.Throttled', '10 4010 error-code client-check SocketCloseKind.BadShard']);
    const alone = await workspace({ 'Protocol/SocketCloseKind.cs': ['csharp', CS_CLOSE], 'Client/Session.cs': ['csharp', csHandler('using System;')] });
    assert.deepEqual(spotted(alone, 'Client/Session.cs'), []);
  });

  it('Go: a constant of the same package bare, and of another package through its import', async () => {
    const limits = 'package api\n\nconst StatusTooManyRequestsCustom = 429\n';
    const same = 'package api\n\nimport "net/http"\n\nfunc slow(r *http.Response) bool {\n\treturn r.StatusCode == StatusTooManyRequestsCustom\n}\n';
    const other = 'package worker\n\nimport (\n\t"net/http"\n\n\t"example.com/shop/internal/api"\n)\n\nfunc slow(r *http.Response) bool {\n\treturn r.StatusCode == api.StatusTooManyRequestsCustom\n}\n';
    const service = await workspace({ 'shop/internal/api/limits.go': ['go', limits], 'shop/internal/api/check.go': ['go', same], 'shop/internal/worker/check.go': ['go', other] });
    assert.deepEqual(spotted(service, 'shop/internal/api/check.go'), ['6 429 http-status client-check StatusTooManyRequestsCustom']);
    assert.deepEqual(spotted(service, 'shop/internal/worker/check.go'), ['10 429 http-status client-check api.StatusTooManyRequestsCustom']);
  });

  it('Go: a constant named for no status counts in other files once its own file reads it as one', async () => {
    const read = 'package sdk\n\nimport "net/http"\n\nconst LimitHitCode = 420\n\nfunc limited(r *http.Response) bool {\n\treturn r.StatusCode == LimitHitCode\n}\n';
    const unread = read.replace('return r.StatusCode == LimitHitCode', 'return false');
    const test = 'package sdk\n\nimport (\n\t"net/http"\n\t"testing"\n)\n\nfunc TestLimited(t *testing.T) {\n\tr := http.Response{StatusCode: LimitHitCode}\n\tif !limited(&r) {\n\t\tt.Fail()\n\t}\n}\n';
    const service = await workspace({ 'sdk/limits.go': ['go', read], 'sdk/limits_test.go': ['go', test] });
    assert.deepEqual(spotted(service, 'sdk/limits_test.go'), ['9 420 http-status test-assert LimitHitCode']);
    const quiet = await workspace({ 'sdk/limits.go': ['go', unread], 'sdk/limits_test.go': ['go', test] });
    assert.deepEqual(spotted(quiet, 'sdk/limits_test.go'), []);
  });

  it('Java: a class constant through a static import', async () => {
    const codes = 'package com.shop.http;\n\npublic final class StatusCodes {\n    public static final int STATUS_THROTTLED = 429;\n    public static final int STATUS_UNAVAILABLE = 503;\n}\n';
    const caller = [
      'package com.shop.orders;',
      '',
      'import static com.shop.http.StatusCodes.STATUS_THROTTLED;',
      '',
      'class Orders {',
      '    boolean slow(int status) {',
      '        return status == STATUS_THROTTLED;',
      '    }',
      '}',
      '',
    ].join('\n');
    const service = await workspace({ 'src/com/shop/http/StatusCodes.java': ['java', codes], 'src/com/shop/orders/Orders.java': ['java', caller] });
    assert.deepEqual(spotted(service, 'src/com/shop/orders/Orders.java'), ['7 429 http-status client-check STATUS_THROTTLED']);
  });

  it('hover works at the use', async () => {
    const service = await workspace({ 'web/codes.ts': ['typescript', TS_CODES], 'web/caller.ts': ['typescript', TS_CALLER] });
    const hover = service.hover('file:///ws/web/caller.ts', { line: 3, character: 30 });
    assert.match(hover?.contents ?? '', /429/);
  });

  it('an edit of the declaring file reaches the files that use its codes once it is indexed again', async () => {
    const service = await workspace({ 'web/codes.ts': ['typescript', TS_CODES], 'web/caller.ts': ['typescript', TS_CALLER] });
    assert.deepEqual(spotted(service, 'web/caller.ts'), ['4 429 http-status client-check ApiStatus.TooManyRequests']);
    service.update('file:///ws/web/codes.ts', 2, [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 23 } }, text: '503' }]);
    assert.equal(service.indexDocument('file:///ws/web/codes.ts'), true);
    assert.deepEqual(spotted(service, 'web/caller.ts'), ['4 503 http-status client-check ApiStatus.TooManyRequests']);
    service.update('file:///ws/web/codes.ts', 3, [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 23 } }, text: '429' }]);
    service.indexDocument('file:///ws/web/codes.ts');
    assert.deepEqual(spotted(service, 'web/caller.ts'), ['4 429 http-status client-check ApiStatus.TooManyRequests']);
  });

  it('an edit inside a function of the using file is re-spotted in place, the other file\'s codes still read', async () => {
    const service = await workspace({ 'web/codes.ts': ['typescript', TS_CODES], 'web/caller.ts': ['typescript', TS_CALLER] });
    spotted(service, 'web/caller.ts');
    const before = spotStats.reused;
    service.update('file:///ws/web/caller.ts', 2, [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, text: ' ' }]);
    assert.deepEqual(spotted(service, 'web/caller.ts'), ['4 429 http-status client-check ApiStatus.TooManyRequests']);
    assert.equal(spotStats.reused, before + 1, 'the edit was not re-spotted in place');
  });
});
