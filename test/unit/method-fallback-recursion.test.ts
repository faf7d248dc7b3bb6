import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';

/** A function that asks again with another HTTP method (OPTIONS refused → HEAD) falls back once; it does not retry. */
const FALLBACK = `import requests


def cors_allowed(url, method="OPTIONS"):
    resp = requests.request(method, url, timeout=5)
    if 400 <= resp.status_code < 500 and method != "HEAD":
        return cors_allowed(url, method="HEAD")
    return resp.headers.get("Access-Control-Allow-Origin") == "*"
`;

const RETRY_RULES = new Set(['retry-without-backoff', 'retry-ignores-retry-after', 'non-retryable-retried']);

async function retryFindings(text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc('python', text, service);
  const found = service.diagnostics(uri).filter((f) => RETRY_RULES.has(f.rule)).map((f) => f.rule);
  service.close(uri);
  return found;
}

describe('recursion that switches the HTTP method', () => {
  it('is a fallback, not a retry', async () => {
    assert.deepEqual(await retryFindings(FALLBACK), []);
  });

  it('the same recursion with the same request is still read as a retry of the 4xx', async () => {
    const again = FALLBACK.replace('return cors_allowed(url, method="HEAD")', 'return cors_allowed(url, method=method)');
    assert.ok((await retryFindings(again)).includes('non-retryable-retried'));
  });
});
