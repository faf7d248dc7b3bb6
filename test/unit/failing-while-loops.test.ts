import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { diagnosticsOf } from '../support/serviceHarness';

async function rulesAt(language: LanguageId, text: string, line: number): Promise<string[]> {
  return (await diagnosticsOf(language, text)).filter((f) => f.range.start.line + 1 === line).map((f) => f.rule).sort();
}

const EVERY_FAILURE = ['non-retryable-retried', 'retry-ignores-retry-after'];

const interceptor = (condition: string): string => [
  'class RetryInterceptor : Interceptor {',
  '  override fun intercept(chain: Interceptor.Chain): Response {',
  '    val request = chain.request()',
  '    var response = chain.proceed(request)',
  '    var tries = 0',
  `    while (${condition}) {`,
  '      tries++',
  '      response.close()',
  '      Thread.sleep(1000L shl tries)',
  '      response = try { chain.proceed(request) } catch (e: Exception) { throw IOException("retry failed", e) }',
  '    }',
  '    return response',
  '  }',
  '}',
].join('\n');

describe('a loop that goes round while the response is not a success', () => {
  it('Python `while not r.ok and tries < 3:` retries every failure status', async () => {
    const text = ['def fetch(url):', '    tries = 0', '    r = requests.get(url, timeout=5)', '    while not r.ok and tries < 3:', '        tries += 1', '        time.sleep(2 ** tries)', '        r = requests.get(url, timeout=5)', '    return r'].join('\n');
    assert.deepEqual(await rulesAt('python', text, 4), EVERY_FAILURE);
  });

  it('Kotlin `while (!response.isSuccessful && …)`, the request re-sent as the value of a try expression', async () => {
    assert.deepEqual(await rulesAt('kotlin', interceptor('!response.isSuccessful && tries < 3'), 6), EVERY_FAILURE);
  });

  it('keeps what an exclusion leaves: `&& response.code != 401` still retries 400, 403 and 404', async () => {
    assert.deepEqual(await rulesAt('kotlin', interceptor('!response.isSuccessful && tries < 3 && response.code != 401'), 6), EVERY_FAILURE);
  });

  it('leaves a condition that names what goes round: `&& response.code == 500`', async () => {
    assert.deepEqual(await rulesAt('kotlin', interceptor('!response.isSuccessful && response.code == 500 && tries < 3'), 6), []);
  });
});
