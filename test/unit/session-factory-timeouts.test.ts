import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const timeoutLines = (text: string): Promise<number[]> => ruleLines('python', text, 'request-without-timeout');

const file = (factoryBody: string[]): string => [
  'from requests import Session',
  '',
  'def get_client():',
  ...factoryBody,
  '',
  'def create_interview(payload):',
  '    client = get_client()',
  '    response = client.post("https://api.example.com/interviews", json=payload)',
  '    response.raise_for_status()',
  '    return response.json()',
].join('\n');

describe('a requests session built by a factory function of the file', () => {
  it('reads `client = get_client()` as the plain session the factory returns', async () => {
    assert.deepEqual(await timeoutLines(file(['    session = Session()', '    session.headers["Authorization"] = "Bearer x"', '    return session'])), [10]);
  });

  it('leaves a factory that mounts an adapter of its own alone', async () => {
    assert.deepEqual(await timeoutLines(file(['    session = Session()', '    session.mount("https://", TimeoutAdapter(timeout=10))', '    return session'])), []);
  });

  it('leaves a factory that returns something else alone', async () => {
    assert.deepEqual(await timeoutLines(file(['    return ApiClient(timeout=10)'])), []);
  });
});
