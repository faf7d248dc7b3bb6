/**
 * A broad failure branch (`>= 400`) whose every way round sits under a narrower test (`attempt < max and s >= 500`)
 * retries what the narrower test keeps: the client errors fall through to the give-up. And a catch clause naming a
 * library's transport errors (`except requests.RequestException`) does not catch the project's own error that the
 * try raises for a status: that error leaves the loop.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const narrowed = `import time
import requests


class SyncError(Exception):
    pass


def call(session, method, url, retries=3):
    for attempt in range(retries + 1):
        try:
            resp = session.request(method, url, timeout=30)
            if resp.status_code == 429:
                if attempt < retries:
                    time.sleep(int(resp.headers.get("Retry-After", "5")))
                    continue
                raise SyncError("rate limited")
            if resp.status_code == 401:
                raise SyncError("bad credentials")
            if resp.status_code >= 400:
                if attempt < retries and resp.status_code >= 500:
                    time.sleep(2 ** attempt)
                    continue
                raise SyncError(f"status {resp.status_code}")
            return resp
        except requests.exceptions.RequestException:
            if attempt < retries:
                time.sleep(2 ** attempt)
                continue
            raise
    raise SyncError("unreachable")
`;

const broad = narrowed.replace('if attempt < retries and resp.status_code >= 500:', 'if attempt < retries:');

describe('retry branches narrowed by a nested test, and own errors past a transport catch', () => {
  it('does not call a >= 400 branch that only goes round on >= 500 a retry of client errors', async () => {
    assert.deepEqual(await ruleLines('python', narrowed, 'non-retryable-retried'), []);
  });

  it('still reports the branch when it goes round on every status it holds', async () => {
    assert.deepEqual(await ruleLines('python', broad, 'non-retryable-retried'), [20]);
  });

});
