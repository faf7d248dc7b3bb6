/**
 * promise-retry hands its callback a `retry` function and retries only what the callback passes to it; an error the
 * callback throws instead ends the attempts. So a callback that calls `retry` only for a parse failure retries no
 * failure status, while one that hands every error to it (`.catch(retry)`) retries 404s and 429s alike.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const mirror = (onError: string): string => `import axios from 'axios';
import promiseRetry from 'promise-retry';

export function loadIndex(base, path) {
  return promiseRetry((retry) => {
    return axios.get(base + path, { timeout: 20000 })${onError};
  }, { retries: 3 });
}
`;

const parseOnly = `.catch((error) => {
      if (error instanceof SyntaxError) {
        return retry(error);
      }
      throw error;
    })`;

describe('promise-retry callbacks', () => {
  it('retries no failure status when retry is called only for an error that is not about the status', async () => {
    assert.deepEqual(await ruleLines('javascript', mirror(parseOnly), 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('javascript', mirror(parseOnly), 'retry-ignores-retry-after'), []);
  });

  it('retries every status the request rejects with when each error is handed to retry', async () => {
    assert.deepEqual(await ruleLines('javascript', mirror('.catch(retry)'), 'non-retryable-retried'), [5]);
    assert.deepEqual(await ruleLines('javascript', mirror('.catch(retry)'), 'retry-ignores-retry-after'), [5]);
  });
});
