import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A wait computed from the response by a function another file defines (`delay(resetDelayOf(response))`) reads what
 * the server said — Retry-After or a rate-limit reset — so retry-ignores-retry-after stays silent; a function of the
 * same file is read where it is written, and a wait computed from the attempt alone is the retry's own schedule.
 */
const KOTLIN = `suspend fun postNote(note: Note): Note {
    val response = client.post("notes") { setBody(note) }
    return if (response.status.value == 429) {
        delay(resetDelayOf(response))
        postNote(note)
    } else {
        response.body()
    }
}
`;

const PYTHON = `import time
import requests

def fetch(url, attempt=0):
    r = requests.get(url, timeout=10)
    if r.status_code == 429 and attempt < 5:
        time.sleep(pause_for(r))
        return fetch(url, attempt + 1)
    return r
`;

describe('retry-ignores-retry-after: waits computed from the response', () => {
  it('stays silent when another file computes the wait from the response (Kotlin re-send)', async () => {
    assert.deepEqual(await ruleLines('kotlin', KOTLIN, 'retry-ignores-retry-after'), []);
  });

  it('still reports the missing cap on a Kotlin re-send (the function body is read, not taken for a declaration)', async () => {
    assert.deepEqual(await ruleLines('kotlin', KOTLIN, 'retry-without-backoff'), [3]);
  });

  it('reports a wait computed from the attempt count alone', async () => {
    assert.deepEqual(await ruleLines('kotlin', KOTLIN.replace('resetDelayOf(response)', 'backoffOf(1)'), 'retry-ignores-retry-after'), [3]);
  });

  it('reads a function of the same file where it is written (Python re-send)', async () => {
    assert.deepEqual(await ruleLines('python', PYTHON, 'retry-ignores-retry-after'), []);
    const ownPause = `${PYTHON}\ndef pause_for(resp):\n    return 2\n`;
    assert.deepEqual(await ruleLines('python', ownPause, 'retry-ignores-retry-after'), [6]);
  });
});
