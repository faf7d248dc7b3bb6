import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const lines = (text: string, rule: string): Promise<number[]> => ruleLines('typescript', text, rule);

const put = (cause: string): string => [
  'export async function put(url: string, data: unknown) {',
  "  const response = await fetch(url, { method: 'PUT', body: JSON.stringify(data), signal: AbortSignal.timeout(5000) });",
  '  if (!response.ok) {',
  `    throw new Error(\`\${response.status} \${response.statusText}\`, { cause: ${cause} });`,
  '  }',
  '  return response.json();',
  '}',
].join('\n');

describe('an error whose cause is the response', () => {
  it('hands the caller the response: `new Error(message, { cause: response })` is not a give-up', async () => {
    assert.deepEqual(await lines(put('response'), 'no-retry-on-request'), []);
  });

  it('keeps the status too: `{ cause: response.status }`', async () => {
    assert.deepEqual(await lines(put('response.status'), 'no-retry-on-request'), []);
  });

  it('still reports a cause that is not the failure (the body text)', async () => {
    assert.deepEqual(await lines(put('body'), 'no-retry-on-request'), [3]);
  });
});
