import * as assert from 'assert';
import { diagnosticsOf } from '../support/serviceHarness';

/*
 * Kotlin's grammar reads `!setOf(429, 503).contains(code)` as a call of `!setOf`: the `!` negates the whole membership.
 * (Kept out of test/fixtures: the fuzz tier mutates every fixture file, and this one led its fixed seed to a Kotlin
 * text whose parse hits the 2 s budget after thousands of earlier parses — see RESULTS.md, fourteenth round.)
 */
const LOOP = [
  'import kotlinx.coroutines.delay',
  'import okhttp3.OkHttpClient',
  'import okhttp3.Request',
  '',
  'class Catalogue(private val client: OkHttpClient) {',
  '    suspend fun page(url: String): String? {',
  '        var left = 3',
  '        while (left-- > 0) {',
  '            val response = client.newCall(Request.Builder().url(url).build()).execute()',
  '            if (!setOf(429, 503).contains(response.code)) {',
  '                return response.body?.string()',
  '            }',
  '            delay(200)',
  '        }',
  '        return null',
  '    }',
  '}',
  '',
].join('\n');

describe('diagnostics: Kotlin negated membership', function () {
  this.timeout(30_000);

  it('retries the listed statuses of a loop that leaves on every other one', async () => {
    const found = (await diagnosticsOf('kotlin', LOOP)).map((d) => `${d.range.start.line + 1}:${d.rule}`).sort();
    assert.deepEqual(found, ['13:retry-without-backoff', '8:retry-ignores-retry-after']);
  });
});
