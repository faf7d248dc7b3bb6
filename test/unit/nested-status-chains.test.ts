import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/** A 429 retried inside the 4xx arm; what that arm gives up on is a client error, not a 5xx. */
const bucket = (outer: string) => `export class Bucket {
  async execute(request: Req): Promise<unknown> {
    const res = await fetch(request.url, { signal: AbortSignal.timeout(30000) })
    if (res.ok) {
      return await res.json()
    }
    if (${outer}) {
      if (res.status === 429) {
        await delay(Number(res.headers.get('retry-after') ?? '1') * 1000)
        return await this.execute(request)
      }
      throw new Error('request failed')
    }
    return null
  }
}
`;

describe('status chains nested in an arm that tests the same response', () => {
  it('reads only what the outer arm holds for: a 4xx arm gives up no 5xx', async () => {
    // (A 5xx leaves both arms and reaches `return null`, a give-up of its own on line 14.)
    assert.deepEqual(await ruleLines('typescript', bucket('res.status >= 400 && res.status < 500'), 'retryable-treated-as-final'), [14]);
  });

  it('still reports the give-up when the outer arm lets server errors in', async () => {
    assert.deepEqual(await ruleLines('typescript', bucket('res.status >= 400'), 'retryable-treated-as-final'), [12]);
  });
});
