/**
 * A catch clause that leaves the retry loop only when the attempts run out (`if tries == max: break`) still
 * retries what it catches: the caught name `e` is not the `e` inside `tries` or `max_tries`. A loop retrying every
 * RequestException around raise_for_status() goes round on 4xx and on 429/503 alike.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const hook = `import time
import requests


class ExportHook:
    def fetch(self, url):
        tries = 0
        while True:
            try:
                reply = requests.get(url, timeout=20)
                reply.raise_for_status()
                return reply.json()
            except requests.RequestException as e:
                self.log.warning("export fetch failed: %s", e)
                if tries == self.max_tries:
                    break
                tries += 1
                time.sleep(self.delay)
        raise RuntimeError("export unavailable")
`;

describe('a catch that leaves only at the attempt cap', () => {
  it('reads what the catch takes as retried', async () => {
    const rules = (await diagnosticsOf('python', hook)).map((d) => `${d.rule}:${d.range.start.line + 1}`).sort();
    assert.deepEqual(rules, ['non-retryable-retried:8', 'retry-ignores-retry-after:8', 'retry-without-backoff:18']);
  });

  it('still leaves a catch whose give-up tests the caught error', async () => {
    const gives = hook.replace('if tries == self.max_tries:', 'if e.response is not None and e.response.status_code < 500:\n                    raise\n                if tries == self.max_tries:');
    const rules = (await diagnosticsOf('python', gives)).map((d) => d.rule);
    assert.ok(!rules.includes('non-retryable-retried'), rules.join(','));
  });
});
