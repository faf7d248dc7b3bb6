/**
 * got (and ky) retry only idempotent methods by default: a POST checked only for success and given up is not covered
 * by got's own retry, so `no-retry-on-request` speaks; a GET through got is retried by it, and a retry option listing
 * `post` in its methods covers the POST too.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const post = `import got from 'got';

export async function createTicket(url: string, body: object): Promise<void> {
  const res = await got.post(url, { json: body, throwHttpErrors: false, timeout: { request: 10000 } });
  if (res.statusCode !== 201) {
    throw new Error('ticket not created');
  }
}
`;

const withMethods = `import got from 'got';

const client = got.extend({ retry: { limit: 3, methods: ['GET', 'POST'] } });

export async function createTicket(url: string, body: object): Promise<void> {
  const res = await got.post(url, { json: body, throwHttpErrors: false, timeout: { request: 10000 } });
  if (res.statusCode !== 201) {
    throw new Error('ticket not created');
  }
}
`;

describe("got's retry and the methods it leaves out", () => {
  it('reports a POST through got checked only for success', async () => {
    assert.deepEqual(await ruleLines('typescript', post, 'no-retry-on-request'), [5]);
  });

  it('says nothing when the retry option lists POST', async () => {
    assert.deepEqual(await ruleLines('typescript', withMethods, 'no-retry-on-request'), []);
  });
});
