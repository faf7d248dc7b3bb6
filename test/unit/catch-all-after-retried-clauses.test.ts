/**
 * A retry loop's try that retries one narrow failure (a timeout) and gives every other failure up in a catch-all
 * clause after it ends a reset connection at once: `retryable-treated-as-final` on the catch-all. When an earlier
 * clause that stays already takes reset connections (`except aiohttp.ClientError`, `except ConnectionError`), the
 * catch-all only sees what is left, and nothing is said.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const timeoutOnly = `import asyncio

import aiohttp


class FetchFailed(Exception):
    pass


async def fetch(session, url, tries=3):
    for attempt in range(tries):
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:
                resp.raise_for_status()
                return await resp.json()
        except asyncio.TimeoutError:
            if attempt < tries - 1:
                await asyncio.sleep(2 ** attempt)
                continue
            raise FetchFailed("timed out")
        except Exception as err:
            raise FetchFailed(str(err)) from err
`;

const networkToo = timeoutOnly.replace(
  '        except Exception as err:',
  `        except aiohttp.ClientError:
            if attempt < tries - 1:
                await asyncio.sleep(2 ** attempt)
                continue
            raise FetchFailed("network")
        except Exception as err:`,
);

describe('a catch-all after clauses that retry', () => {
  it('reports the catch-all when only a timeout is retried', async () => {
    assert.deepEqual(await ruleLines('python', timeoutOnly, 'retryable-treated-as-final'), [21]);
  });

  it('says nothing when an earlier clause that stays takes reset connections', async () => {
    assert.deepEqual(await ruleLines('python', networkToo, 'retryable-treated-as-final'), []);
  });
});
