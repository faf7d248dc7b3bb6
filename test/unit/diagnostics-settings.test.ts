import * as assert from 'assert';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/settings';
import type { Finding, LanguageId } from '../../server/src/service/types';
import { openDoc } from '../support/serviceHarness';

const service = new ErrorCodeLanguageService();

async function diagnose(language: LanguageId, text: string, settings = DEFAULT_SETTINGS): Promise<Finding[]> {
  service.configure(settings);
  const uri = await openDoc(language, text, service);
  try {
    return service.diagnostics(uri);
  } finally {
    service.close(uri);
  }
}

const FINAL_429 = `import requests
def f(url):
    r = requests.get(url, timeout=10)
    if r.status_code == 429:
        raise RuntimeError("busy")
    return r
`;

describe('diagnostics settings', () => {
  after(() => service.configure(DEFAULT_SETTINGS));

  it('reports by default with the default severity', async () => {
    const findings = await diagnose('python', FINAL_429);
    assert.deepStrictEqual(findings.map((f) => [f.rule, f.severity]), [['retryable-treated-as-final', 'warning']]);
  });

  it('switches a rule off', async () => {
    const findings = await diagnose('python', FINAL_429, normalizeSettings({ rules: { 'retryable-treated-as-final': false } }));
    assert.deepStrictEqual(findings, []);
  });

  it('overrides a severity', async () => {
    const findings = await diagnose('python', FINAL_429, normalizeSettings({ rules: { 'retryable-treated-as-final': 'error' } }));
    assert.deepStrictEqual(findings.map((f) => f.severity), ['error']);
  });

  it('treats extraRetryableCodes as retryable', async () => {
    const text = FINAL_429.replace('429', '409');
    assert.deepStrictEqual(await diagnose('python', text), []);
    const findings = await diagnose('python', text, normalizeSettings({ extraRetryableCodes: [409] }));
    assert.deepStrictEqual(findings.map((f) => f.rule), ['retryable-treated-as-final']);
    assert.match(findings[0].message, /409/);
  });

  it('treats calls through retryFunctionNames as retried', async () => {
    const text = `import requests
def fetch(url):
    r = requests.get(url, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("failed")
    return r
def main():
    return with_company_retries(fetch, "https://x")
`;
    const reads = normalizeSettings({ reportReadsWithoutRetry: true });
    assert.deepStrictEqual((await diagnose('python', text, reads)).map((f) => f.rule), ['no-retry-on-request']);
    assert.deepStrictEqual(await diagnose('python', text, normalizeSettings({ retryFunctionNames: ['with_company_retries'], reportReadsWithoutRetry: true })), []);
  });

  it('reports a read checked only for success when reportReadsWithoutRetry is on, a write always', async () => {
    const read = `import requests
def load(url):
    r = requests.get(url, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("failed")
    return r.json()
`;
    const write = read.replace('def load(url):', 'def store(url, doc):').replace('requests.get(url, timeout=10)', 'requests.post(url, json=doc, timeout=10)');
    assert.deepStrictEqual(await diagnose('python', read), []);
    assert.deepStrictEqual((await diagnose('python', read, normalizeSettings({ reportReadsWithoutRetry: true }))).map((f) => f.rule), ['no-retry-on-request']);
    assert.deepStrictEqual((await diagnose('python', write)).map((f) => f.rule), ['no-retry-on-request']);
    assert.equal(normalizeSettings({ reportReadsWithoutRetry: 'yes' }).reportReadsWithoutRetry, false);
  });

  it('treats a branch calling a retryFunctionName as a retry path', async () => {
    const text = `async function f(url: string) {
  const res = await fetch(url);
  if (res.status === 503) { return handOff(url); }
  return res;
}`;
    assert.deepStrictEqual((await diagnose('typescript', text)).map((f) => f.rule), ['retryable-treated-as-final']);
    assert.deepStrictEqual(await diagnose('typescript', text, normalizeSettings({ retryFunctionNames: ['handOff'] })), []);
  });

  it('honours file-level suppression with and without a rule name', async () => {
    assert.deepStrictEqual(await diagnose('python', `# eci-disable retryable-treated-as-final\n${FINAL_429}`), []);
    assert.deepStrictEqual(await diagnose('python', `# eci-disable\n${FINAL_429}`), []);
    const other = await diagnose('python', `# eci-disable unsafe-retry\n${FINAL_429}`);
    assert.deepStrictEqual(other.map((f) => f.rule), ['retryable-treated-as-final']);
  });

  it('reports unknown rule names in suppressions at the name', async () => {
    const findings = await diagnose('go', `package m\n// eci-disable-next-line retry-evrything\nvar x = 1\n`);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].rule, 'unknown-rule-in-suppression');
    assert.deepStrictEqual(findings[0].range, { start: { line: 1, character: 25 }, end: { line: 1, character: 40 } });
  });
});
