/**
 * A status error caught where the status is already known: in the branch of `== 401`, `raise_for_status()` raises the
 * 401, so the clause that catches it and raises again gives up nothing retryable. In the branch of `== 503` it does.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const wrapper = (status: number) => `import logging
import time

from requests.exceptions import HTTPError

log = logging.getLogger(__name__)


def rate_limited(f):
    def wrapper(*args, **kwargs):
        errors = 0
        while True:
            resp = f(*args, **kwargs)
            if resp.status_code == 200:
                return resp
            elif resp.status_code == ${status}:
                try:
                    resp.raise_for_status()
                except HTTPError as e:
                    log.warning("%s for %s", resp.status_code, resp.url)
                    raise
            elif resp.status_code >= 500:
                errors += 1
                if errors > 5:
                    resp.raise_for_status()
                time.sleep(2 ** errors)
            else:
                resp.raise_for_status()
    return wrapper
`;

describe('status errors caught under a known status', () => {
  it('leaves the catch under == 401', async () => {
    assert.deepEqual(await ruleLines('python', wrapper(401), 'retryable-treated-as-final'), []);
  });

  it('reports the catch under == 503', async () => {
    assert.deepEqual(await ruleLines('python', wrapper(503), 'retryable-treated-as-final'), [19]);
  });

  it('reports the catch under a test that names a refusal and an outage together', async () => {
    const text = wrapper(401).replace('elif resp.status_code == 401:', 'elif resp.status_code in (401, 503):');
    assert.deepEqual(await ruleLines('python', text, 'retryable-treated-as-final'), [19]);
  });
});
