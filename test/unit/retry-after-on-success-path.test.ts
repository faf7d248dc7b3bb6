import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';

/**
 * retry-ignores-retry-after: a loop around a call that throws on every failure status (axios) reads rate-limit
 * headers only after the call succeeded; the 429 that sends it round is caught and waited out on a fixed pause.
 */
const LOOP = `import axios from 'axios';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function fetchLedger(account: string) {
  let left = 4;
  let failure: unknown;
  while (left > 0) {
    try {
      const res = await axios.get(\`https://ledger.example.com/v1/accounts/\${account}\`, { timeout: 5000 });
      if (Number(res.headers['x-ratelimit-remaining']) === 0) {
        await pause(Number(res.headers['x-ratelimit-reset-after']) * 1000);
      }
      return res.data;
    } catch (err: any) {
      left--;
      failure = err;
      await pause(2000);
    }
  }
  throw failure;
}
`;

async function lines(text: string): Promise<number[]> {
  const service = testService();
  const uri = await openDoc('typescript', text, service);
  const found = service.diagnostics(uri).filter((f) => f.rule === 'retry-ignores-retry-after').map((f) => f.range.start.line + 1);
  service.close(uri);
  return found;
}

describe('Retry-After read on the success path only', () => {
  it('reports the loop whose only rate-limit reads are of a good answer', async () => {
    assert.deepEqual(await lines(LOOP), [8]);
  });

  it('is silent when the catch reads the Retry-After of the failed response', async () => {
    const honoured = LOOP.replace('      await pause(2000);', "      await pause(Number(err?.response?.headers?.['retry-after'] ?? 2) * 1000);");
    assert.deepEqual(await lines(honoured), []);
  });

  it('keeps reading the try block for a client that hands back failure statuses (fetch)', async () => {
    const withFetch = LOOP.replace("import axios from 'axios';\n", '').replace(
      "const res = await axios.get(`https://ledger.example.com/v1/accounts/${account}`, { timeout: 5000 });",
      "const res = await fetch(`https://ledger.example.com/v1/accounts/${account}`);\n      if (res.status === 429) { await pause(Number(res.headers.get('retry-after')) * 1000); continue; }",
    ).replace(/res\.headers\['([\w-]+)'\]/g, "res.headers.get('$1')").replace('return res.data;', 'return res.json();');
    assert.deepEqual(await lines(withFetch), []);
  });
});
