import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * Kotlin writes `else if` as an if expression nested in the outer one's last part, Ruby as `elsif`: the chain walker reads those arms
 * like Python's `elif` and the C family's `else if`, so a 5xx thrown by the arm before the 429 retry is reported.
 */
const KOTLIN = `import io.ktor.client.*
import io.ktor.client.request.*

class Hooks(private val http: HttpClient) {
    suspend fun remove(token: String, attempt: Int = 0) {
        val response = http.delete("hooks/$token")
        if (response.status.value != 204 && response.status.value != 429) {
            throw RemoveException("code \${response.status.value}")
        } else if (response.status.value == 429 && attempt < 5) {
            delay(1000L * (1 shl attempt))
            remove(token, attempt + 1)
        }
    }
}
`;

describe('status chains: Kotlin else-if arms', () => {
  it('reports the transient statuses an earlier arm throws while a later arm retries 429', async () => {
    assert.deepEqual(await ruleLines('kotlin', KOTLIN, 'retryable-treated-as-final'), [7]);
  });

  it('stays silent when the retrying arm takes the 5xx too', async () => {
    const both = KOTLIN.replace('response.status.value != 204 && response.status.value != 429', 'response.status.value in 400..499 && response.status.value != 429').replace('response.status.value == 429 && attempt < 5', '(response.status.value == 429 || response.status.value >= 500) && attempt < 5');
    assert.deepEqual(await ruleLines('kotlin', both, 'retryable-treated-as-final'), []);
  });
});

const RUBY = `require "net/http"

def remove(uri, attempt = 0)
  res = Net::HTTP.start(uri.host, uri.port, use_ssl: true, read_timeout: 5) { |h| h.request(Net::HTTP::Delete.new(uri)) }
  if res.code.to_i != 204 && res.code.to_i != 429
    raise RemoveError, "code #{res.code}"
  elsif res.code.to_i == 429 && attempt < 5
    sleep(2**attempt)
    remove(uri, attempt + 1)
  end
end
`;

describe('status chains: Ruby elsif arms on a response from a constant path', () => {
  it('reports what the first arm raises while the elsif retries 429 (res = Net::HTTP.start(…))', async () => {
    assert.deepEqual(await ruleLines('ruby', RUBY, 'retryable-treated-as-final'), [5]);
  });
});
