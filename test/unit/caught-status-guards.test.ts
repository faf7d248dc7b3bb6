import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A retry loop whose catch first sends some statuses out (`if e.status not in RETRYABLE: raise`) and then waits and
 * goes round retries the transient statuses the test lets through: retry-ignores-retry-after speaks when 429 or 503
 * is among them and nothing reads Retry-After — for a named collection, an inline tuple, and a test joined to the
 * attempt cap.
 */
const NAMED = `import asyncio
import httpx

RETRYABLE = frozenset({429, 500, 502, 503, 504})

async def call_with_retries(operation, tries=4):
    failure = None
    for attempt in range(tries):
        try:
            return await operation()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code not in RETRYABLE:
                raise
            failure = exc
            await asyncio.sleep(0.5 * (2 ** attempt))
    raise failure
`;

const INLINE = NAMED.replace('not in RETRYABLE', 'not in (429, 502, 503)');
const ONLY_SERVER_ERRORS = NAMED.replace('not in RETRYABLE', 'not in (500, 502, 504)');
const READS_HEADER = NAMED.replace('await asyncio.sleep(0.5 * (2 ** attempt))', 'await asyncio.sleep(float(exc.response.headers.get("Retry-After", 1)))');

const TYPESCRIPT = `export async function withRetry<T>(op: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err: any) {
      if (attempt >= attempts || (err.status !== 429 && err.status < 500)) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
`;

describe('retry loops: statuses a catch sends out before going round', () => {
  it('reads a named collection the catch raises outside of', async () => {
    assert.deepEqual(await ruleLines('python', NAMED, 'retry-ignores-retry-after'), [8]);
  });

  it('reads an inline tuple, and stays silent when 429 and 503 are among the statuses sent out', async () => {
    assert.deepEqual(await ruleLines('python', INLINE, 'retry-ignores-retry-after'), [8]);
    assert.deepEqual(await ruleLines('python', ONLY_SERVER_ERRORS, 'retry-ignores-retry-after'), []);
  });

  it('stays silent when the wait reads Retry-After', async () => {
    assert.deepEqual(await ruleLines('python', READS_HEADER, 'retry-ignores-retry-after'), []);
  });

  it('reads the status side of a test joined to the attempt cap', async () => {
    assert.deepEqual(await ruleLines('typescript', TYPESCRIPT, 'retry-ignores-retry-after'), [2]);
    assert.deepEqual(await ruleLines('typescript', TYPESCRIPT.replace("err.status !== 429 && err.status < 500", "err.status !== 500"), 'retry-ignores-retry-after'), []);
  });
});

const CHAIN = `import time
import requests

def push_metrics(endpoint, batch):
    attempts_left = 4
    while attempts_left > 0:
        try:
            resp = requests.post(endpoint, json=batch, timeout=5)
            resp.raise_for_status()
            return True
        except requests.HTTPError as failure:
            code = failure.response.status_code
            if code == 429:
                pause = failure.response.headers.get("Retry-After", "2")
                time.sleep(float(pause))
                attempts_left -= 1
            elif code == 410:
                return False
            else:
                raise
    return False
`;

describe('retry loops: an arm of a chain is no lone guard', () => {
  it('does not read an elif that leaves as sending the rest round, and reports the give-up once', async () => {
    assert.deepEqual(await ruleLines('python', CHAIN, 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', CHAIN, 'retryable-treated-as-final'), [19]);
  });
});
