import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const giveUpLines = (text: string): Promise<number[]> => ruleLines('python', text, 'retryable-treated-as-final');

const deliver = (onTimeout: string): string => [
  'import httpx',
  '',
  'async def deliver(client, url, body):',
  '    try:',
  '        response = await client.post(url, content=body)',
  '        return (response.is_success, response.status_code, None)',
  '    except httpx.TimeoutException:',
  `        ${onTimeout}`,
].join('\n');

describe('a network failure handed back as a record of what went wrong', () => {
  it('leaves `return (False, None, "Timeout after 10s")` to the caller, as it would a raise', async () => {
    assert.deepEqual(await giveUpLines(deliver('return (False, None, "Timeout after 10s")')), []);
  });

  it('still reports a bare drop: `return None`', async () => {
    assert.deepEqual(await giveUpLines(deliver('return None')), [7]);
  });

  it('still reports a record that says nothing: `return (False, None, None)`', async () => {
    assert.deepEqual(await giveUpLines(deliver('return (False, None, None)')), [7]);
  });
});
