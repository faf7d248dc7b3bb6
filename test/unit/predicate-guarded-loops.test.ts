import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A loop whose only look at a failure is a predicate of the file (`if is_retryable(response.status_code):`,
 * `if (isRetryable(response.status.value))`) is a retry loop, reported at its head: the predicate's return says which statuses go round, in
 * Python and in Kotlin (a block body or an `= expr` body, the status read as Ktor's `status.value`).
 */
const PYTHON = `import time
import requests

def is_retryable(code):
    return code == 429 or code >= 500

def send(body):
    attempt = 0
    while True:
        response = requests.put("https://api.example.com/x", json=body, timeout=5)
        if is_retryable(response.status_code) and attempt < 3:
            attempt += 1
            time.sleep(1)
            continue
        return response.json()
`;

const KOTLIN = `import io.ktor.client.*
import io.ktor.client.request.*

class Api(private val client: HttpClient) {
    suspend fun send(body: String): String {
        var attempt = 0
        while (true) {
            val response = client.put("https://api.example.com/x") { setBody(body) }
            if (isRetryable(response.status.value) && attempt < 3) {
                attempt++
                delay(1000)
                continue
            }
            return response.bodyAsText()
        }
    }
}

fun isRetryable(code: Int) = code == 429 || code >= 500
`;

describe('retry loops guarded by a predicate of the file', () => {
  it('reads a Python predicate on the status', async () => {
    assert.deepEqual(await ruleLines('python', PYTHON, 'retry-ignores-retry-after'), [9]);
    assert.deepEqual(await ruleLines('python', PYTHON, 'retry-without-backoff'), [13]);
  });

  it('stays silent when the predicate holds for no transient status', async () => {
    assert.deepEqual(await ruleLines('python', PYTHON.replace('code == 429 or code >= 500', 'code == 409'), 'retry-ignores-retry-after'), []);
  });

  it('reads a Kotlin predicate with an expression body or a block body', async () => {
    assert.deepEqual(await ruleLines('kotlin', KOTLIN, 'retry-ignores-retry-after'), [7]);
    const block = KOTLIN.replace('fun isRetryable(code: Int) = code == 429 || code >= 500', 'fun isRetryable(code: Int): Boolean {\n    return code == 429 || code >= 500\n}');
    assert.deepEqual(await ruleLines('kotlin', block, 'retry-ignores-retry-after'), [7]);
  });
});
