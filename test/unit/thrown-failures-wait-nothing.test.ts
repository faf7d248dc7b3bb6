/**
 * A failure built to be thrown (`QuotaReachedException(wait)`, `RateLimitError(msg)`) waits nothing, whatever its name
 * says: a re-send in another branch of the same function is read with the waits it really has.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const kotlin = `import io.ktor.client.HttpClient
import io.ktor.client.request.get
import io.ktor.client.statement.HttpResponse
import kotlinx.coroutines.delay

class RatelimitReachedException(val seconds: Long) : Exception()

class Catalog(private val http: HttpClient) {
    suspend fun load(path: String, triesLeft: Int = 3): HttpResponse {
        val response = http.get(path)
        val status = response.status.value
        if (status in 500..599 && triesLeft > 0) {
            return load(path, triesLeft - 1)
        }
        if (status == 429) {
            val seconds = response.headers["Retry-After"]?.toLong() ?: 1L
            if (triesLeft <= 0) throw RatelimitReachedException(seconds)
            delay(seconds * 1000)
            return load(path, triesLeft - 1)
        }
        return response
    }
}
`;

const waited = kotlin.replace('            return load(path, triesLeft - 1)\n        }\n        if (status == 429)', '            delay(500L shl (3 - triesLeft))\n            return load(path, triesLeft - 1)\n        }\n        if (status == 429)');

describe('thrown failures named for rate limits', () => {
  it('does not take the exception for a wait of the 5xx re-send', async () => {
    assert.deepEqual(await ruleLines('kotlin', kotlin, 'retry-without-backoff'), [12]);
  });

  it('stays silent once that branch waits a growing time', async () => {
    assert.deepEqual(await ruleLines('kotlin', waited, 'retry-without-backoff'), []);
  });
});
