/**
 * retry-amplification: a wrapper that re-runs the operation it is handed and retries on an error type only one SDK
 * raises (botocore's ClientError, openai.RateLimitError) wraps that SDK's calls, which retry themselves first.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const wrapper = (imports: string, caught: string) => `import time
${imports}


def with_throttle_retry(operation, *args, **kwargs):
    attempt = 0
    while True:
        try:
            return operation(*args, **kwargs)
        except ${caught} as err:
            if attempt >= 6:
                raise
            time.sleep(min(30, 2 ** attempt))
            attempt += 1
`;

describe('retry wrappers around an SDK known by the error they retry', () => {
  it('reports a loop retrying botocore ClientError around the operation it is handed', async () => {
    assert.deepEqual(await ruleLines('python', wrapper('from botocore.exceptions import ClientError', 'ClientError'), 'retry-amplification'), [7]);
  });

  it('reports one retrying openai.RateLimitError', async () => {
    assert.deepEqual(await ruleLines('python', wrapper('import openai', 'openai.RateLimitError'), 'retry-amplification'), [7]);
  });

  it('leaves a wrapper retrying an error of no SDK', async () => {
    assert.deepEqual(await ruleLines('python', wrapper('from requests.exceptions import ConnectionError', 'ConnectionError'), 'retry-amplification'), []);
  });
});
