import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { ruleLines } from '../support/serviceHarness';

const giveUps = (language: LanguageId, text: string): Promise<number[]> => ruleLines(language, text, 'retryable-treated-as-final');

describe('a retry wrapper handed its operation by name', () => {
  it('Go: backoff.Permanent for every 4xx, read through `status := resp.StatusCode`, gives a 429 up', async () => {
    const text = [
      'package x',
      '',
      'import "github.com/cenkalti/backoff/v4"',
      '',
      'func send(c *http.Client, req *http.Request) error {',
      '\toperation := func() error {',
      '\t\tresp, err := c.Do(req)',
      '\t\tif err != nil {',
      '\t\t\treturn err',
      '\t\t}',
      '\t\tstatus := resp.StatusCode',
      '\t\tif status >= 400 && status < 500 {',
      '\t\t\treturn backoff.Permanent(fmt.Errorf("client error %d", status))',
      '\t\t}',
      '\t\tif status >= 500 {',
      '\t\t\treturn fmt.Errorf("server error %d", status)',
      '\t\t}',
      '\t\treturn nil',
      '\t}',
      '\treturn backoff.Retry(operation, backoff.NewExponentialBackOff())',
      '}',
    ].join('\n');
    assert.deepEqual(await giveUps('go', text), [12]);
  });

  it('JS: a stop that sits beside a retrying throw in the same branch is no give-up', async () => {
    const text = [
      "import pRetry, { AbortError } from 'p-retry';",
      '',
      'export async function call(url: string) {',
      '  const task = async () => {',
      '    const response = await fetch(url);',
      '    if (response.status === 429) {',
      "      const wait = Number(response.headers.get('retry-after'));",
      '      if (wait > 0) {',
      '        await new Promise((r) => setTimeout(r, wait * 1000));',
      "        throw new Error('rate limited');",
      '      }',
      "      throw new AbortError('no Retry-After');",
      '    }',
      '    return response.json();',
      '  };',
      '  return pRetry(task, { retries: 3 });',
      '}',
    ].join('\n');
    assert.deepEqual(await giveUps('typescript', text), []);
  });
});
