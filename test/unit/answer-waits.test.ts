import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * The server's word on when to come back, in a form other than the Retry-After header: a field of the failed answer's
 * body (Google's `retryDelay`, a `waitMilliseconds`, a `nextRequest` instant), the attribute of the caught error that
 * carries it, a header name kept in a constant. A wait computed from them follows the server: retry-ignores-retry-after
 * stays silent and retry-without-backoff does not call it fixed. A wait computed from the attempt alone is still the
 * retry's own schedule.
 */
const PYTHON = `import time
import requests


def generate(session, url, body):
    for attempt in range(4):
        r = session.post(url, json=body, timeout=30)
        if r.status_code == 429:
            details = r.json()["error"]["details"]
            delay = next((d["retryDelay"] for d in details if "retryDelay" in d), "5s")
            time.sleep(float(delay.rstrip("s")))
            continue
        r.raise_for_status()
        return r.json()


def upload(session, url, body):
    for attempt in range(4):
        r = session.post(url, json=body, timeout=30)
        if r.status_code == 429:
            time.sleep(r.json()["waitMilliseconds"] / 1000)
            continue
        r.raise_for_status()
        return r.json()
`;

const TS = `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function render(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) });
    if (res.status === 429) {
      const info = await res.json();
      await pause(info.nextRequest * 1000 - Date.now());
      continue;
    }
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  }
  throw new Error('gave up');
}
`;

const PY_CAUGHT = `import time


class Throttled(Exception):
    def __init__(self, seconds):
        self.wait_seconds = seconds


def read(client, path):
    for attempt in range(5):
        try:
            return client.get(path)
        except Throttled as exc:
            time.sleep(exc.wait_seconds)
`;

const GO = `package feeds

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

const headerRetryAfter = "Retry-After"

func Fetch(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(resp.Header.Get(headerRetryAfter))
			resp.Body.Close()
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("rate limited")
}
`;

describe('waits read off the answer in another form', () => {
  it('a body field the server fills (Python: retryDelay, waitMilliseconds)', async () => {
    assert.deepEqual(await ruleLines('python', PYTHON, 'retry-ignores-retry-after'), []);
  });

  it('a body field through a local taken from the body (TypeScript)', async () => {
    assert.deepEqual(await ruleLines('typescript', TS, 'retry-ignores-retry-after'), []);
  });

  it('the caught error carries the wait: not a fixed delay (Python)', async () => {
    assert.deepEqual(await ruleLines('python', PY_CAUGHT, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('python', PY_CAUGHT.replace('time.sleep(exc.wait_seconds)', 'time.sleep(5)'), 'retry-without-backoff'), [14]);
  });

  it('a header name kept in a constant is read (Go)', async () => {
    assert.deepEqual(await ruleLines('go', GO, 'retry-ignores-retry-after'), []);
  });

  it('still reports a wait computed from the attempt, the body only logged', async () => {
    const own = PYTHON.replace('time.sleep(r.json()["waitMilliseconds"] / 1000)', 'print(r.json())\n            time.sleep(2 ** attempt)');
    assert.deepEqual(await ruleLines('python', own, 'retry-ignores-retry-after'), [20]);
    const ts = TS.replace('info.nextRequest * 1000 - Date.now()', '1000 * 2 ** attempt');
    assert.deepEqual(await ruleLines('typescript', ts, 'retry-ignores-retry-after'), [6]);
    const go = GO.replace('resp.Header.Get(headerRetryAfter)', '"2"');
    assert.deepEqual(await ruleLines('go', go, 'retry-ignores-retry-after'), [18]);
  });

  it('a wait a function of the file computes is read where it is written', async () => {
    const helper = PYTHON.replace('time.sleep(r.json()["waitMilliseconds"] / 1000)', 'time.sleep(pause_for(r))') + '\n\ndef pause_for(resp):\n    return 2\n';
    assert.deepEqual(await ruleLines('python', helper, 'retry-ignores-retry-after'), [20]);
  });
});
