import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/** One function, two re-sends: a 429 branch that waits what the server asked, and a catch that sends again. */
const client = (onConnectionError: string[]): string => [
  'import asyncio',
  'import aiohttp',
  '',
  'class Api:',
  '    async def request(self, url, retry=3):',
  '        try:',
  '            async with self.session.get(url, timeout=10) as response:',
  '                if response.status == 429:',
  '                    await asyncio.sleep(float(response.headers.get("Retry-After", "1")))',
  '                    return await self.request(url, retry)',
  '                response.raise_for_status()',
  '                return await response.json()',
  '        except aiohttp.ClientConnectionError:',
  '            if retry > 0:',
  ...onConnectionError,
  '                return await self.request(url, retry - 1)',
  '            raise',
].join('\n');

describe("a re-send's waits are those on its path", () => {
  it("reports a catch that sends again at once, though the function's 429 branch waits Retry-After", async () => {
    assert.deepEqual(await ruleLines('python', client([]), 'retry-without-backoff').then((l) => l.filter((n) => n >= 13)), [14]);
  });

  it('stays silent when the catch waits a growing delay of its own', async () => {
    const lines = await ruleLines('python', client(['                await asyncio.sleep(2 ** (3 - retry))']), 'retry-without-backoff');
    assert.deepEqual(lines.filter((n) => n >= 13), []);
  });
});
