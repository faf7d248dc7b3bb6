import * as assert from 'assert';
import { dataOf } from '../../server/src/service/diagnostics/findingData';
import type { LanguageId, Range } from '../../server/src/service/types';
import { diagnosticsOf as diagnose, withReadsReported } from '../support/serviceHarness';

function slice(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

const PY = `import time
import requests

def fetch(session, url):
    resp = session.get(url, timeout=5)
    if resp.status_code in (429, 503):
        raise RuntimeError("busy")
    return resp

def send(session, url, payload):
    for attempt in range(3):
        r = session.post(url, json=payload, headers={"X-Trace": "1"})
        if r.status_code in (502, 503):
            time.sleep(2)
            continue
        return r
`;

describe('diagnostics finding data', () => {
  withReadsReported();
  it('retryable-treated-as-final: precise range, related request, fix data', async () => {
    const findings = await diagnose('python', PY);
    const finding = findings.find((f) => f.rule === 'retryable-treated-as-final')!;
    assert.strictEqual(slice(PY, finding.range), 'resp.status_code in (429, 503)');
    assert.strictEqual(slice(PY, finding.related![0].range), 'session.get(url, timeout=5)');
    const data = dataOf(finding, 'retryable-treated-as-final')!;
    assert.deepStrictEqual(data.codes, ['429', '503']);
    assert.strictEqual(data.library, 'requests');
    assert.strictEqual(data.method, 'GET');
    assert.strictEqual(data.responseVar, 'resp');
    assert.strictEqual(data.functionName, 'fetch');
    assert.strictEqual(data.indent, '    ');
    assert.strictEqual(data.finalKind, 'raise');
    assert.strictEqual(slice(PY, data.finalRange), 'raise RuntimeError("busy")');
    assert.strictEqual(slice(PY, data.requestStatementRange!), 'resp = session.get(url, timeout=5)');
  });

  it('retry loop rules carry loop, delay and header ranges', async () => {
    const findings = await diagnose('python', PY);
    const backoff = findings.find((f) => f.rule === 'retry-without-backoff')!;
    assert.strictEqual(slice(PY, backoff.range), 'time.sleep(2)');
    const data = dataOf(backoff, 'retry-without-backoff')!;
    assert.strictEqual(data.problem, 'fixed-delay');
    assert.strictEqual(slice(PY, data.loopHeaderRange), 'for attempt in range(3):');
    assert.strictEqual(data.counterVar, 'attempt');
    assert.strictEqual(slice(PY, data.delayArgRange!), "2");
    const unsafe = dataOf(findings.find((f) => f.rule === 'unsafe-retry')!, 'unsafe-retry')!;
    assert.strictEqual(unsafe.method, 'POST');
    assert.strictEqual(unsafe.via, 'loop');
    assert.strictEqual(slice(PY, unsafe.headersRange!), 'headers={"X-Trace": "1"}');
    const ignores = dataOf(findings.find((f) => f.rule === 'retry-ignores-retry-after')!, 'retry-ignores-retry-after')!;
    assert.deepStrictEqual(ignores.codes, ['503']);
    assert.strictEqual(slice(PY, ignores.checkRange), 'r.status_code in (502, 503)');
  });

  it('no-retry-on-request names its check kind for every language', async () => {
    const cases: Array<[LanguageId, string, string]> = [
      ['go', 'package m\nfunc f(c *http.Client) error {\n\tresp, err := c.Get("u")\n\tif err != nil { return err }\n\tif resp.StatusCode != http.StatusOK { return fmt.Errorf("x") }\n\treturn nil\n}\n', 'status-compare'],
      ['csharp', 'class A { async Task F() { var r = await client.GetAsync("u"); if (!r.IsSuccessStatusCode) throw new Exception("x"); } }', 'ok-flag'],
      ['javascript', 'async function f() { const res = await fetch("u"); if (!res.ok) throw new Error("x"); }', 'ok-flag'],
      ['java', 'class A { String f() throws Exception { var response = client.send(req, h); if (response.statusCode() >= 400) { throw new RuntimeException(); } return null; } }', 'status-compare'],
      ['python', 'def f():\n    r = requests.get("u", timeout=10)\n    if r.status_code != 200:\n        raise RuntimeError("x")\n', 'status-compare'],
    ];
    for (const [language, text, kind] of cases) {
      const findings = await diagnose(language, text);
      assert.deepStrictEqual(findings.map((f) => f.rule), ['no-retry-on-request'], language);
      const data = dataOf(findings[0], 'no-retry-on-request')!;
      assert.strictEqual(data.checkKind, kind, language);
      assert.ok(findings[0].related?.length === 1, language);
    }
  });

  it('missing-retry-after and non-retryable-retried point at the setter and the bad codes', async () => {
    const text = 'retry = Retry(total=3, status_forcelist=[404, 429, 422])\n@app.get("/x")\ndef x():\n    abort(503)\n';
    const findings = await diagnose('python', text);
    const missing = dataOf(findings.find((f) => f.rule === 'missing-retry-after')!, 'missing-retry-after')!;
    assert.strictEqual(missing.code, '503');
    assert.strictEqual(slice(text, missing.setRange), 'abort(503)');
    const bad = findings.find((f) => f.rule === 'non-retryable-retried')!;
    const data = dataOf(bad, 'non-retryable-retried')!;
    assert.deepStrictEqual(data.codes, ['404', '422']);
    assert.deepStrictEqual(data.codeRanges.map((r) => slice(text, r)), ['404', '422']);
    assert.strictEqual(slice(text, data.statusListRange!), '[404, 429, 422]');
    assert.match(bad.message, /404\/422/);
  });
});
