import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import type { LanguageId, Range } from '../../server/src/service/types';
import { openDoc, testService } from '../support/serviceHarness';

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

async function hints(languageId: LanguageId, text: string, range = WHOLE) {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return service.inlayHints(uri, range);
  } finally {
    service.close(uri);
  }
}

describe('inlay hints', () => {
  it('puts the reason phrase right after a bare status code, padded on the left', async () => {
    const text = 'def f(r):\n    if r.status_code == 429:\n        return None\n';
    const [hint, ...rest] = await hints('python', text);
    assert.equal(rest.length, 0);
    assert.equal(hint.label, 'Too Many Requests');
    assert.deepEqual(hint.position, { line: 1, character: '    if r.status_code == 429'.length });
    assert.equal(hint.paddingLeft, true);
    assert.match(hint.tooltip ?? '', /429/);
  });

  it('hints every code of a retry list and a server-set status', async () => {
    const text = 'retry = Retry(total=3, status_forcelist=[429, 503])\nabort(404)\n';
    const labels = (await hints('python', text)).map((h) => `${h.position.line}:${h.position.character} ${h.label}`);
    assert.deepEqual(labels, ['0:44 Too Many Requests', '0:49 Service Unavailable', '1:9 Not Found']);
  });

  it('gives named constants no hint', async () => {
    const go = 'package p\nimport "net/http"\nfunc f(r *http.Response) bool {\n\treturn r.StatusCode == http.StatusTooManyRequests || r.StatusCode == 503\n}\n';
    const result = await hints('go', go);
    assert.deepEqual(result.map((h) => h.label), ['Service Unavailable']);
  });

  it('ignores numbers outside a status context', async () => {
    assert.deepEqual(await hints('javascript', 'const timeout = 500;\nif (items.length === 404) {}\n'), []);
  });

  it('only returns hints inside the requested range', async () => {
    const text = 'if (res.status === 500) {}\nif (res.status === 502) {}\nif (res.status === 504) {}\n';
    const middle: Range = { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } };
    assert.deepEqual((await hints('javascript', text, middle)).map((h) => h.label), ['Bad Gateway']);
  });

  it('skips a .http status line that already spells its phrase, hints a bare one and asserts', async () => {
    const text = 'GET https://example.com/\n?? status == 503\n\nHTTP/1.1 429 Too Many Requests\n\n###\nGET https://example.com/b\n\nHTTP/1.1 201\n';
    const result = await hints('http', text);
    assert.deepEqual(result.map((h) => `${h.position.line}:${h.position.character} ${h.label}`), ['1:16 Service Unavailable', '8:12 Created']);
  });

  it('turns off with the inlayHints setting', async () => {
    const service = testService();
    const before = service.getSettings();
    service.configure({ ...DEFAULT_SETTINGS, inlayHints: false });
    try {
      assert.deepEqual(await hints('javascript', 'if (res.status === 429) {}\n'), []);
    } finally {
      service.configure(before);
    }
    assert.equal((await hints('javascript', 'if (res.status === 429) {}\n')).length, 1);
  });
});
