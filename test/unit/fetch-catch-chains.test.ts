/**
 * `const res = await fetch(url, init).catch(onNetworkError)`: on success the promise's value passes through, so `res`
 * is the response, and the `.catch` call itself is no request. A retry loop around such a call is read like one around
 * a bare fetch: its 429 arm retries, and the throw after the 5xx arm is the give-up once the attempts are spent.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const loop = `export async function callApi(url: string, maxRetries = 3): Promise<Response> {
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((e) => {
      if (attempt < maxRetries) return null as any;
      throw e;
    });
    if (!res) {
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      continue;
    }
    if (res.status === 429 && attempt < maxRetries) {
      const wait = Number(res.headers.get("Retry-After") ?? "1");
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    if (!res.ok) {
      if (res.status >= 500 && attempt < maxRetries) {
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        continue;
      }
      throw new Error("API error " + res.status);
    }
    return res;
  }
  throw new Error("retries exhausted");
}
`;

const noRateLimitArm = loop.replace(/    if \(res\.status === 429[\s\S]*?\n    }\n/, '');

describe('fetch(...).catch(...) in retry loops', () => {
  it('reads the loop as retrying 429 and 5xx: nothing is treated as final', async () => {
    assert.deepEqual(await ruleLines('typescript', loop, 'retryable-treated-as-final'), []);
  });

  it('still sees a 429 the loop never retries', async () => {
    assert.ok(!noRateLimitArm.includes('=== 429'));
    assert.deepEqual(await ruleLines('typescript', noRateLimitArm, 'retryable-treated-as-final'), [16]);
  });
});
