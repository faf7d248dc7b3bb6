/**
 * A retry decorator of the project's own (`def retry_on_limit(func): def wrapper(*args, **kwargs): … func(…)`) runs
 * the operation it decorates in its wrapper's loop: the loop is read as a retry structure, the decorator's name being
 * the one that says so. Here it waits its own schedule on a 429 and never reads Retry-After.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const decorator = `import time

from vendor.errors import ApiException


def retry_on_limit(func):
    def wrapper(*args, **kwargs):
        for attempt in range(5):
            try:
                return func(*args, **kwargs)
            except ApiException as e:
                if e.status in {429, 500, 502, 503, 504}:
                    time.sleep(2 ** attempt)
                else:
                    raise
        raise RuntimeError("gave up")
    return wrapper
`;

const notRetrying = decorator.replace('def retry_on_limit(func):', 'def timed(func):');

describe("a project's own retry decorator", () => {
  it("reads the wrapper's loop as the retry of the decorated operation", async () => {
    assert.deepEqual(await ruleLines('python', decorator, 'retry-ignores-retry-after'), [12]);
  });

  it('leaves a decorator not named for retrying alone', async () => {
    assert.deepEqual(await ruleLines('python', notRetrying, 'retry-ignores-retry-after'), []);
  });
});
