/**
 * A give-up inside the try of a retry loop: a raise there is caught by the loop's handler and goes round again, but a
 * return (or an exit) leaves the function whatever the try catches — the 429 it hands back is final.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const ledger = (giveUp: string) => `import asyncio
import aiohttp


class Ledger:
    def __init__(self):
        self._server_failures = {500, 502, 503, 504}
        self._attempts = 3

    async def entries(self, method, url):
        for attempt in range(1, self._attempts + 1):
            try:
                async with (
                    aiohttp.ClientSession() as session,
                    session.request(method, url) as resp,
                ):
                    if resp.status >= 400:
                        if resp.status in self._server_failures and attempt < self._attempts:
                            await asyncio.sleep(2 ** attempt)
                            continue
                        ${giveUp}
                    return await resp.json()
            except aiohttp.ClientError as error:
                print(error)
            if attempt < self._attempts:
                await asyncio.sleep(attempt)
        return None
`;

describe('retryable-treated-as-final: a give-up inside the try of a retry loop', () => {
  it('reports a 429 returned from inside the try (a return is not caught)', async () => {
    assert.deepEqual(await ruleLines('python', ledger('return None'), 'retryable-treated-as-final'), [21]);
  });

  it('leaves a raise inside the try that the loop catches and retries', async () => {
    const text = ledger('raise aiohttp.ClientError(f"status {resp.status}")');
    assert.deepEqual(await ruleLines('python', text, 'retryable-treated-as-final'), []);
  });
});
