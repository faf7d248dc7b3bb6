/**
 * A counted loop whose counter picks what each round sends walks a collection by index, even when the counter
 * reaches the request through locals set from it in the loop (`chunk = names[i:i + N]`, `body = {...chunk...}`).
 * Going round there sends the next batch: no retry, so no retry rule speaks. A counter that only counts attempts
 * still makes a retry loop.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const RETRY_RULES = ['retry-without-backoff', 'retry-ignores-retry-after', 'non-retryable-retried'];

const pythonBatches = `import json
import requests

BATCH = 25


def describe_all(session, url, names):
    results = {}
    for i in range(0, len(names), BATCH):
        chunk = names[i:i + BATCH]
        body = {"requests": [{"name": n} for n in chunk]}
        resp = session.post(url, data=json.dumps(body), timeout=30)
        if resp.status_code != 200:
            raise RuntimeError("batch failed")
        results.update(resp.json())
    return results
`;

const pythonRetry = `import requests


def fetch(session, url):
    for attempt in range(5):
        payload = {"attempt_started": True}
        resp = session.post(url, json=payload, timeout=30)
        if resp.status_code == 200:
            return resp.json()
    raise RuntimeError("gave up")
`;

const tsBatches = `export async function pushAll(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 50) {
    const batch = ids.slice(i, i + 50);
    const res = await fetch('https://api.example.com/bulk', { method: 'PUT', body: JSON.stringify({ ids: batch }) });
    if (!res.ok) {
      continue;
    }
  }
}
`;

describe('a loop counter that picks the batch through locals', () => {
  it('reads a Python chunk loop as iteration, not a retry', async () => {
    for (const rule of RETRY_RULES) assert.deepEqual(await ruleLines('python', pythonBatches, rule), [], rule);
  });

  it('reads a TypeScript slice loop as iteration, not a retry', async () => {
    for (const rule of RETRY_RULES) assert.deepEqual(await ruleLines('typescript', tsBatches, rule), [], rule);
  });

  it('still reads a counter that only counts attempts as a retry loop', async () => {
    assert.deepEqual(await ruleLines('python', pythonRetry, 'retry-without-backoff'), [5]);
  });
});
