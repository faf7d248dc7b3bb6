/**
 * A retry decorator of the project's own (`def retry_on_limit(func): def wrapper(*args, **kwargs): … func(…)`) runs
 * the operation it decorates in its wrapper's loop: the loop is read as a retry structure — by its shape (it leaves when
 * the operation succeeds and goes round when it fails), whatever the decorator is called. Here it waits its own
 * schedule on a 429 and never reads Retry-After.
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

const renamed = decorator.replace('def retry_on_limit(func):', 'def timed(func):');
// Not leaving when the operation succeeds: it runs the operation every round, whatever it answers.
const notRetrying = renamed.replace('return func(*args, **kwargs)', 'func(*args, **kwargs)');

describe("a project's own retry decorator", () => {
  it("reads the wrapper's loop as the retry of the decorated operation", async () => {
    assert.deepEqual(await ruleLines('python', decorator, 'retry-ignores-retry-after'), [12]);
  });

  it('reads a decorator shaped as a retry whatever its name', async () => {
    assert.deepEqual(await ruleLines('python', renamed, 'retry-ignores-retry-after'), [12]);
  });

  it('leaves a decorator alone whose loop does not leave when the operation succeeds', async () => {
    assert.deepEqual(await ruleLines('python', notRetrying, 'retry-ignores-retry-after'), []);
  });
});
