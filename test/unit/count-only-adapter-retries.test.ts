import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(text: string): Promise<string[]> {
  return (await diagnosticsOf('python', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

/** A session mounted with an HTTPAdapter, and a function that raises on 503 with nothing else retrying it. */
const file = (maxRetries: string, before: string[] = []): string => [
  'import requests',
  'from requests.adapters import HTTPAdapter',
  'from urllib3.util.retry import Retry',
  '',
  ...before,
  'session = requests.Session()',
  `session.mount("https://", HTTPAdapter(max_retries=${maxRetries}))`,
  '',
  'def fetch(url):',
  '    r = session.get(url, timeout=10)',
  '    if r.status_code == 503:',
  '        raise RuntimeError("unavailable")',
  '    return r.json()',
].join('\n');

describe("requests' HTTPAdapter(max_retries=<count>): failed connections retried, failure statuses not", () => {
  it('reports a 503 given up when the adapter is handed a number', async () => {
    const found = await rules(file('3'));
    assert.ok(found.some((f) => f.endsWith('retryable-treated-as-final')), found.join('\n'));
  });

  it('reports it when the count comes from a setting the file reads', async () => {
    const found = await rules(file('max_retries', ['max_retries = settings["http.max_retries"]']));
    assert.ok(found.some((f) => f.endsWith('retryable-treated-as-final')), found.join('\n'));
  });

  it('stays silent when the adapter is handed a Retry policy (by name or inline)', async () => {
    for (const text of [file('retries', ['retries = Retry(total=3, status_forcelist=[429, 503], backoff_factor=1)']), file('Retry(total=3, status_forcelist=[503])')]) {
      const found = await rules(text);
      assert.ok(!found.some((f) => f.endsWith('retryable-treated-as-final')), found.join('\n'));
    }
  });

  it('stays silent when the name is not set in the file (a parameter may hold a Retry)', async () => {
    const text = file('max_retries').replace('session = requests.Session()', 'def make(max_retries):\n    pass\nsession = requests.Session()');
    const found = await rules(text);
    assert.ok(!found.some((f) => f.endsWith('retryable-treated-as-final')), found.join('\n'));
  });
});
