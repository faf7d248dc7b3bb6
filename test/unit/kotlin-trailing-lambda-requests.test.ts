import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

// Ktor's usual request, `client.post(url) { setBody(x) }`: a call whose trailing lambda builds the request.
const loop = (request: string): string => [
  'import io.ktor.client.HttpClient',
  'import io.ktor.client.request.post',
  '',
  'class RootService(val client: HttpClient) {',
  '  suspend fun validate(url: String, attempts: Int = 5): Boolean {',
  '    for (i in 1..attempts) {',
  `      val response = ${request}`,
  '      if (response.status.value == 200) return true',
  '      if (response.status.value == 404) return false',
  '      delay(5000L)',
  '    }',
  '    throw IllegalStateException("no valid response")',
  '  }',
  '}',
].join('\n');

describe('Kotlin calls with a trailing lambda', () => {
  it('names `client.post(url) { … }` by its head: the request is read like `client.post(url)`', async () => {
    const plain = await ruleLines('kotlin', loop('client.post(url)'), 'retry-without-backoff');
    const withBuilder = await ruleLines('kotlin', loop('client.post(url) {\n        expectSuccess = false\n      }').replace(/\n {6}expectSuccess/, '\n        expectSuccess'), 'retry-without-backoff');
    assert.deepEqual(plain, [10]);
    assert.equal(withBuilder.length, 1, 'the loop around the lambda-built request is read as a retry too');
  });
});
