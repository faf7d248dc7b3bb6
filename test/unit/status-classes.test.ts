import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { openDoc, testService } from '../support/serviceHarness';
import { statusClassRead } from '../../server/src/service/spotting/statusClasses';

/**
 * A status's class read by dividing it by 100 (`resp.StatusCode/100 != 2`, `status_code // 100 == 5`): the digit is a
 * site with its class's first code, and the status sets read the test as the whole class where the division rounds down.
 */
describe('status classes: a status divided by 100', () => {
  describe('spotting', () => {
    spotCases('python', [
      ['floor division', 'if response.status_code // 100 == 5:\n    retry()\n', ['500 client-check']],
      ['a class membership', 'if r.status_code // 100 in (4, 5):\n    fail()\n', ['400 client-check', '500 client-check']],
      ['decoy: a division of something else', 'if elapsed // 100 == 5:\n    tick()\n', []],
      ['decoy: a division by another number', 'if response.status_code // 10 == 5:\n    pass\n', []],
    ]);
    spotCases('go', [['integer division', 'package x\nfunc f(resp *http.Response) bool { return resp.StatusCode/100 != 2 }\n', ['200 client-check']]]);
    spotCases('java', [['integer division', 'class A { boolean f(HttpResponse<String> r) { return r.statusCode() / 100 == 2; } }\n', ['200 client-check']]]);
    spotCases('typescript', [['Math.floor', 'function f(res: Response) { return Math.floor(res.status / 100) === 5; }\n', ['500 client-check']]]);
  });

  it('knows which divisions round down', () => {
    assert.deepEqual(statusClassRead('resp.StatusCode / 100', 'go'), { status: 'resp.StatusCode', floored: true });
    assert.deepEqual(statusClassRead('res.status / 100', 'javascript'), { status: 'res.status', floored: false });
    assert.deepEqual(statusClassRead('Math.floor(res.status / 100)', 'javascript'), { status: 'res.status', floored: true });
    assert.deepEqual(statusClassRead('intdiv($code, 100)', 'php'), { status: '$code', floored: true });
    assert.equal(statusClassRead('total / 100', 'go'), undefined);
  });

  async function rulesAt(language: 'python' | 'go' | 'typescript', text: string): Promise<string[]> {
    const service = testService();
    const uri = await openDoc(language, text, service);
    const found = service.diagnostics(uri).map((f) => `${f.range.start.line + 1} ${f.rule}${'codes' in (f.data ?? {}) ? ' ' + (f.data as { codes: string[] }).codes.join(',') : ''}`);
    service.close(uri);
    return found;
  }

  it('a failure test on the class gives up on every status outside 2xx (Go)', async () => {
    const text = 'package x\n\nimport (\n\t"bytes"\n\t"fmt"\n\t"net/http"\n)\n\nfunc send(c *http.Client, url string, body []byte) error {\n\tresp, err := c.Post(url, "application/json", bytes.NewReader(body))\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer resp.Body.Close()\n\tif resp.StatusCode/100 != 2 {\n\t\treturn fmt.Errorf("bad status %d", resp.StatusCode)\n\t}\n\treturn nil\n}\n';
    assert.deepEqual(await rulesAt('go', text), ['15 no-retry-on-request']);
  });

  it('a give-up on the 5xx class names each transient 5xx (Python)', async () => {
    const text = 'import requests\n\ndef send(url):\n    r = requests.post(url, timeout=5)\n    if r.status_code // 100 == 5:\n        raise RuntimeError("server error")\n    return r.json()\n';
    assert.deepEqual(await rulesAt('python', text), ['5 retryable-treated-as-final 500,502,503,504']);
  });

  it('a plain `/` in JavaScript is no class: `res.status / 100 === 5` holds for 500 alone', async () => {
    const text = 'export async function send(url: string) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  if (res.status / 100 === 5) throw new Error("server");\n  return res.json();\n}\n';
    assert.deepEqual(await rulesAt('typescript', text), ['3 retryable-treated-as-final 500']);
  });
});
