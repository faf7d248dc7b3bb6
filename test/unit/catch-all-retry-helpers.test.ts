import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A retry helper handed its operation whose loop catches every failure and goes round, asking nothing of what failed,
 * retries the 400s, 401s and 404s the operation throws too: non-retryable-retried. A catch of one type, or one that
 * tests the error before going round, decides what is retried and is read elsewhere.
 */
const HELPER = `export async function withRetries<T>(operation: () => Promise<T>, attempts: number): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      return await operation();
    } catch (e) {
      last = e;
      console.warn(\`attempt \${i + 1} failed\`);
    }
    await sleep(1000 * 2 ** i);
  }
  throw last;
}
`;

describe('non-retryable-retried: retry helpers that catch every failure', () => {
  it('reports a helper whose catch takes everything and goes round', async () => {
    assert.deepEqual(await ruleLines('typescript', HELPER, 'non-retryable-retried'), [3]);
  });

  it('stays silent when the catch tests what failed', async () => {
    const tested = HELPER.replace("console.warn(`attempt ${i + 1} failed`);", 'if (isPermanent(e)) throw e;');
    assert.deepEqual(await ruleLines('typescript', tested, 'non-retryable-retried'), []);
  });

  it('stays silent for a Python helper catching one transient type', async () => {
    const python = [
      'import time',
      '',
      'def with_retries(operation, attempts=3):',
      '    for attempt in range(attempts):',
      '        try:',
      '            return operation()',
      '        except ConnectionError:',
      '            time.sleep(2 ** attempt)',
      '    raise RuntimeError("gave up")',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', python, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('python', python.replace('except ConnectionError:', 'except Exception:'), 'non-retryable-retried'), [4]);
  });
});
