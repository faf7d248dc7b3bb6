import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A loop that retries both refusals (429 and 503) and hands every other failure to its caller in a typed error that
 * keeps the response leaves 500/502/504 out by choice: retryable-treated-as-final stays silent. A generic error, or a
 * loop that leaves 503 out, is still reported.
 */
const dispatch = (second: number, raise: string) => `import time
import requests

class Client:
    def dispatch(self, method, url):
        for attempt in range(5):
            try:
                response = self.session.send(self.prepare(method, url), timeout=10)
            except requests.exceptions.ConnectionError:
                if attempt == 4:
                    raise
                time.sleep(2 ** attempt)
            else:
                if response.status_code == 429:
                    time.sleep(int(response.headers.get("Retry-After", "1")))
                    continue
                elif response.status_code == ${second}:
                    time.sleep(2 ** attempt)
                    continue
                break
        if response.ok:
            return response.json()
        elif response.status_code == 400:
            raise ValidationError(response)
        else:
            ${raise}
`;

describe('retryable-treated-as-final: refusals retried, the rest handed on', () => {
  it('is silent when 429 and 503 are retried and the rest raise an error keeping the response', async () => {
    assert.deepEqual(await ruleLines('python', dispatch(503, 'raise APIError(response)'), 'retryable-treated-as-final'), []);
  });

  it('reports the same loop when the give-up is a generic error', async () => {
    assert.deepEqual(await ruleLines('python', dispatch(503, 'raise RuntimeError("request failed")'), 'retryable-treated-as-final'), [25]);
  });

  it('reports a loop that retries 429 and 500, leaving 503 out', async () => {
    assert.deepEqual(await ruleLines('python', dispatch(500, 'raise APIError(response)'), 'retryable-treated-as-final'), [25]);
  });
});
