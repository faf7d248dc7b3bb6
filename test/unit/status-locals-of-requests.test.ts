/**
 * A local that holds only the status of a request — read off the call (`val code = http.post(u) { … }.status.value`,
 * `status = requests.get(u).status_code`) or through an accessor handed the response (`$code =
 * wp_remote_retrieve_response_code($resp)`) — is tested as the response: a loop that leaves on some statuses and
 * waits and goes round on the rest retries the rest.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const kotlin = `import io.ktor.client.HttpClient
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import kotlinx.coroutines.delay

class Sessions(private val http: HttpClient) {
    suspend fun check(ticket: String): Boolean {
        for (round in 1..4) {
            val code = http.post("https://auth.example.test/check") {
                setBody(ticket)
            }.status.value

            if (code == 200) return true
            if (code == 401) return false

            delay(3000L)
        }
        return false
    }
}
`;

const python = `import time
import requests


def ping(url):
    for _ in range(5):
        status = requests.get(url, timeout=10).status_code
        if status == 200:
            return True
        if status == 404:
            return False
        time.sleep(2)
    return False
`;

const php = `<?php
function push_order($url, $body) {
    $tries = 3;
    do {
        $resp = wp_remote_post($url, array('body' => $body));
        $code = wp_remote_retrieve_response_code($resp);
        if ($code == 200) {
            break;
        }
        sleep(2);
    } while (--$tries);
    return $resp;
}
`;

describe("a local holding a request's status", () => {
  it("reads Ktor's .status.value taken off the call", async () => {
    assert.deepEqual(await ruleLines('kotlin', kotlin, 'non-retryable-retried'), [8]);
    assert.deepEqual(await ruleLines('kotlin', kotlin, 'retry-ignores-retry-after'), [8]);
  });

  it('reads a Python status_code taken off the call', async () => {
    assert.deepEqual(await ruleLines('python', python, 'retry-ignores-retry-after'), [6]);
  });

  it('reads a PHP status read through an accessor handed the response', async () => {
    assert.deepEqual(await ruleLines('php', php, 'retry-ignores-retry-after'), [4]);
    assert.deepEqual(await ruleLines('php', php, 'non-retryable-retried'), [4]);
  });

  it('finds no client error retried once every status but 503 leaves', async () => {
    const only503 = python.replace('if status == 404:\n            return False', 'if status != 503:\n            return False');
    assert.deepEqual(await ruleLines('python', only503, 'non-retryable-retried'), []);
  });
});
