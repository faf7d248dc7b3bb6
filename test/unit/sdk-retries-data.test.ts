import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticsOf } from '../support/serviceHarness';

/** server/data/sdk-retries.json: each SDK names its source, and the numbers the rule multiplies are the cited ones. */
const root = path.resolve(__dirname, '..', '..');
const data = JSON.parse(fs.readFileSync(path.join(root, 'server/data/sdk-retries.json'), 'utf8')) as {
  sdks: Array<{ id: string; defaultRetries: number; option: string; off: string; behaviour: string; source: { library: string; version: string; file: string } }>;
};

describe('SDK retries (server/data/sdk-retries.json)', () => {
  it('each SDK cites library, version and file, and its words say the number the rule uses', () => {
    assert.ok(data.sdks.length >= 4);
    for (const sdk of data.sdks) {
      for (const key of ['library', 'version', 'file'] as const) assert.ok(sdk.source[key]?.trim(), `${sdk.id}: source.${key}`);
      assert.ok(sdk.behaviour.includes(String(sdk.defaultRetries)) || /twice/.test(sdk.behaviour), `${sdk.id}: behaviour names ${sdk.defaultRetries}`);
      // (A module function retrying through a client of its own, `getIDToken`, has no switch a caller can set.)
      assert.ok(sdk.off.includes(sdk.option) || (sdk.off === '' && (sdk as { functions?: string[] }).functions?.length), `${sdk.id}: the off switch sets ${sdk.option}`);
    }
  });

  it('multiplies the outer attempts by the SDK’s, and stays silent once the SDK’s retries are off', async () => {
    const text = ['from openai import OpenAI', 'from tenacity import retry, stop_after_attempt, wait_random_exponential', 'client = OpenAI()', '', '@retry(wait=wait_random_exponential(max=30), stop=stop_after_attempt(4))', 'def ask(q):', '    return client.chat.completions.create(model="m", messages=[q])', ''].join('\n');
    const found = (await diagnosticsOf('python', text)).filter((f) => f.rule === 'retry-amplification');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /4 × 3 = 12 calls/);
    assert.equal((found[0].data as { edit?: { newText: string } }).edit?.newText, 'max_retries=0', 'the fix turns the inner layer off where the client is built');
    const off = text.replace('client = OpenAI()', 'client = OpenAI(max_retries=0)');
    assert.equal((await diagnosticsOf('python', off)).filter((f) => f.rule === 'retry-amplification').length, 0);
  });
});
