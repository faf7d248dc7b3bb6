import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const client = (options: string): string => ["import got from 'got';", '', `export const api = got.extend(${options});`, '', "export async function me() { return api.get('v1/me').json(); }"].join('\n');

describe('got.extend', () => {
  it('reports an instance extended with no timeout (got has none by default), once, where it is built', async () => {
    assert.deepEqual(await ruleLines('typescript', client("{ prefixUrl: 'https://api.example.com' }"), 'request-without-timeout'), [3]);
  });

  it('leaves an instance given a timeout alone', async () => {
    assert.deepEqual(await ruleLines('typescript', client("{ prefixUrl: 'https://api.example.com', timeout: { request: 10000 } }"), 'request-without-timeout'), []);
  });
});
