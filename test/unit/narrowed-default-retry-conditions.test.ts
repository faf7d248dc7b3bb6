import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { diagnosticsOf } from '../support/serviceHarness';

async function givenUp(language: LanguageId, text: string): Promise<Array<[number, string]>> {
  return (await diagnosticsOf(language, text))
    .filter((f) => f.rule === 'retryable-treated-as-final')
    .map((f): [number, string] => [f.range.start.line + 1, f.message.split(' is retryable')[0]]);
}

const ktor = (condition: string[], extra: string[] = []): string => [
  'import io.ktor.client.HttpClient',
  'import io.ktor.client.plugins.HttpRequestRetry',
  '',
  'fun catalogueClient(): HttpClient = HttpClient {',
  '    expectSuccess = true',
  '    install(HttpRequestRetry) {',
  '        maxRetries = 4',
  ...condition,
  ...extra,
  '        exponentialDelay()',
  '    }',
  '}',
].join('\n');

describe('a retry condition written in place of a library default that retried more', () => {
  it('Ktor retryIf on 429 alone drops the 5xx the plugin retried by default', async () => {
    assert.deepEqual(await givenUp('kotlin', ktor(['        retryIf { _, reply -> reply.status.value == 429 }'])), [[8, '500/502/503/504']]);
  });

  it('reads the condition through `.let { it == … }`', async () => {
    assert.deepEqual(await givenUp('kotlin', ktor(['        retryIf { _, reply -> reply.status.value.let { it == 429 || it == 503 } }'])), [[8, '500/502/504']]);
  });

  it('a range membership keeps the whole class: `in 500..599 || == 429` leaves nothing out', async () => {
    assert.deepEqual(await givenUp('kotlin', ktor(['        retryIf { _, reply ->', '            reply.status.value in 500..599 || reply.status.value == 429', '        }'])), []);
  });

  it('an exclusive range `until` counts its last code out, its others in', async () => {
    assert.deepEqual(await givenUp('kotlin', ktor(['        retryIf { _, reply -> reply.status.value in 500 until 503 }'])), [[8, '503/504']]);
  });

  it('stays silent when retryOnServerErrors is written in the same block', async () => {
    assert.deepEqual(await givenUp('kotlin', ktor(['        retryIf { _, reply -> reply.status.value == 429 }'], ['        retryOnServerErrors(maxRetries = 4)'])), []);
  });

  it('axios-retry retryCondition on 503 alone drops 429 and the other 5xx', async () => {
    const text = [
      "import axios from 'axios';",
      "import axiosRetry from 'axios-retry';",
      "const http = axios.create({ baseURL: 'https://inventory.example', timeout: 4000 });",
      'axiosRetry(http, {',
      '  retries: 4,',
      '  retryDelay: axiosRetry.exponentialDelay,',
      '  retryCondition: (failure) => failure.response?.status === 503,',
      '});',
    ].join('\n');
    assert.deepEqual(await givenUp('typescript', text), [[7, '429/500/502/504']]);
  });

  it('axios-retry: a condition that keeps the library predicate is no narrowing', async () => {
    const text = [
      "import axiosRetry from 'axios-retry';",
      'axiosRetry(http, {',
      '  retryDelay: axiosRetry.exponentialDelay,',
      '  retryCondition: (e) => axiosRetry.isNetworkOrIdempotentRequestError(e) || e.response?.status === 409,',
      '});',
    ].join('\n');
    assert.deepEqual(await givenUp('typescript', text), []);
  });

  it('a hand-written loop retrying `in 500..599` gives the 429 up, and only the 429', async () => {
    const text = [
      'import kotlinx.coroutines.delay',
      'import okhttp3.OkHttpClient',
      'import okhttp3.Request',
      '',
      'suspend fun fetchPrices(client: OkHttpClient, request: Request): String {',
      '    var round = 0',
      '    while (true) {',
      '        val reply = client.newCall(request).execute()',
      '        if (reply.code in 500..599 && round < 3) {',
      '            reply.close()',
      '            round++',
      '            delay(400L * round)',
      '            continue',
      '        }',
      '        if (!reply.isSuccessful) throw IllegalStateException("prices: ${reply.code}")',
      '        return reply.body!!.string()',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await givenUp('kotlin', text), [[15, '429']]);
  });
});
