/**
 * A retry decorator that names what it retries (tenacity `retry_if_exception_type(…)` / `retry_if_not_exception_type(…)`,
 * backoff's exception list) around a function that tests the status itself and raises a type of its own: when that
 * type is not among the retried ones (or is the one excluded), a 429 or a 503 is raised on the first attempt —
 * reported where the function raises, with the decorator as related location.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const sync = (decorator: string, errorBase = 'Exception') => `import requests
from tenacity import retry, retry_if_exception_type, retry_if_not_exception_type, stop_after_attempt, wait_exponential


class LedgerError(${errorBase}):
    pass


class LedgerThrottled(LedgerError):
    pass


${decorator}
def fetch_entries(url):
    resp = requests.get(url, timeout=10)
    if resp.status_code == 429:
        raise LedgerThrottled("slow down")
    if resp.status_code >= 500:
        raise LedgerError(f"server failed: {resp.status_code}")
    return resp.json()
`;

async function finals(text: string) {
  return (await diagnosticsOf('python', text)).filter((f) => f.rule === 'retryable-treated-as-final').map((f) => `${f.range.start.line + 1} ${(f.related ?? []).map((r) => r.range.start.line + 1).join(',')}`);
}

describe('retryable-treated-as-final: statuses a decorated function raises as a type its decorator does not retry', () => {
  it('tenacity retrying connection errors only: the 429 and the 5xx raises are final (reported at each test)', async () => {
    const text = sync('@retry(retry=retry_if_exception_type(requests.ConnectionError), stop=stop_after_attempt(4), wait=wait_exponential(max=20))');
    assert.deepEqual(await finals(text), ['16 13', '18 13']);
  });

  it('tenacity excluding the type the function raises for a 429', async () => {
    const text = sync('@retry(retry=retry_if_not_exception_type(LedgerThrottled), stop=stop_after_attempt(4), wait=wait_exponential(max=20))');
    assert.deepEqual(await finals(text), ['16 13']);
  });

  it('is silent when the retried list names the raised type or one of its bases in the file', async () => {
    const text = sync('@retry(retry=retry_if_exception_type((requests.ConnectionError, LedgerError)), stop=stop_after_attempt(4), wait=wait_exponential(max=20))');
    assert.deepEqual(await finals(text), []);
  });

  it('is silent when the raised type comes from another module (its bases are not known here)', async () => {
    const text = sync('@retry(retry=retry_if_exception_type(requests.ConnectionError), stop=stop_after_attempt(4), wait=wait_exponential(max=20))', 'ledger.errors.BaseError');
    assert.deepEqual(await finals(text), []);
  });
});
