/**
 * Octokit's route requests (`octokit.request('GET /repos/{owner}/{repo}')`, a `request` handed in) reject with a
 * RequestError for every status from 400 up, so a retry wrapper around one retries what the route fails with; p-retry's
 * `shouldRetry` option keeps only what its test on the error holds for.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const wrapped = `import pRetry from "p-retry";

export async function installationOf(request, org) {
  return pRetry(
    () => request("GET /orgs/{org}/installation", { org }),
    { retries: 4 }
  );
}
`;

const filtered = wrapped.replace('{ retries: 4 }', '{ retries: 4, shouldRetry: ({ error }) => error.status >= 500 && error.status !== 503 }');
const opaque = wrapped.replace('{ retries: 4 }', '{ retries: 4, shouldRetry: ({ error }) => isTransient(error) }');

describe('Octokit route requests inside retry wrappers', () => {
  it('reads a route request as failing on every status: the wrapper retries 4xx too', async () => {
    assert.deepEqual(await ruleLines('javascript', wrapped, 'non-retryable-retried'), [4]);
    assert.deepEqual(await ruleLines('javascript', wrapped, 'retry-ignores-retry-after'), [4]);
  });

  it('keeps only what shouldRetry holds for', async () => {
    assert.deepEqual(await ruleLines('javascript', filtered, 'non-retryable-retried'), []);
    // 500, 502 and 504 go round; neither 429 nor 503 does.
    assert.deepEqual(await ruleLines('javascript', filtered, 'retry-ignores-retry-after'), []);
  });

  it('says nothing of a shouldRetry it cannot read', async () => {
    assert.deepEqual(await ruleLines('javascript', opaque, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('javascript', opaque, 'retry-ignores-retry-after'), []);
  });
});
