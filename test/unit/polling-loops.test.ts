import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * Loops that ask again because the answer is not ready, not because the request failed. A job's state polled until
 * done, every failure of the request leaving the loop, goes round only on a success: its fixed pause is a polling
 * interval (retry-without-backoff stays silent, unless it asks again at once). The token endpoint of an OAuth device
 * authorization (RFC 8628) answers "not yet" with a 4xx and sets the pace itself: no fixed-delay, non-retryable or
 * unsafe-retry finding there.
 */
const PY_JOB = `import time
import requests


def wait_for_export(session, job_url):
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        r = session.get(job_url, timeout=10)
        r.raise_for_status()
        state = r.json()["state"]
        if state == "finished":
            return r.json()["result"]
        if state == "failed":
            raise RuntimeError("export failed")
        time.sleep(5)
    raise TimeoutError("export still running")
`;

const TS_JOB = `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitForBuild(url: string) {
  const until = Date.now() + 10 * 60_000;
  while (Date.now() < until) {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(\`build status: \${res.status}\`);
    const build = await res.json();
    if (build.status === 'done') return build;
    await pause(3000);
  }
  throw new Error('build timed out');
}
`;

const GO_JOB = `package jobs

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

type status struct {
	State string \`json:"state"\`
}

func WaitDone(c *http.Client, url string) error {
	deadline := time.Now().Add(10 * time.Minute)
	for time.Now().Before(deadline) {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return fmt.Errorf("job status: %d", resp.StatusCode)
		}
		var s status
		err = json.NewDecoder(resp.Body).Decode(&s)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if s.State == "done" {
			return nil
		}
		time.Sleep(5 * time.Second)
	}
	return fmt.Errorf("job still running")
}
`;

const PY_DEVICE = `import time
import requests


def wait_for_approval(session, token_url, device_code, interval):
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        r = session.post(token_url, data={"device_code": device_code}, timeout=10)
        if r.status_code == 200:
            return r.json()
        if r.status_code not in (400, 428):
            r.raise_for_status()
        time.sleep(interval)
    raise TimeoutError("user never approved")
`;

const GO_DEVICE = `package login

import (
	"fmt"
	"net/http"
	"time"
)

func WaitApproved(c *http.Client, url, deviceCode string, every time.Duration) (*http.Response, error) {
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		resp, err := c.PostForm(url, map[string][]string{"device_code": {deviceCode}})
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusPreconditionRequired {
			return nil, fmt.Errorf("token: %d", resp.StatusCode)
		}
		time.Sleep(every)
	}
	return nil, fmt.Errorf("not approved")
}
`;

describe('polls are not retries', () => {
  it("a job's state polled at a fixed interval, every failure leaving (Python, TypeScript, Go)", async () => {
    assert.deepEqual(await ruleLines('python', PY_JOB, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('typescript', TS_JOB, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', GO_JOB, 'retry-without-backoff'), []);
  });

  it('still reports a loop that goes round on failures at a fixed pause', async () => {
    const swallowed = PY_JOB.replace('        r.raise_for_status()\n', '        if not r.ok:\n            time.sleep(5)\n            continue\n');
    assert.deepEqual(await ruleLines('python', swallowed, 'retry-without-backoff'), [10]);
    const ts = TS_JOB.replace("if (!res.ok) throw new Error(`build status: ${res.status}`);", 'if (res.status >= 500) { await pause(3000); continue; }');
    assert.deepEqual(await ruleLines('typescript', ts, 'retry-without-backoff').then((l) => l.length > 0), true);
  });

  it('a device authorization polled at the interval the server gave (Python, Go)', async () => {
    for (const rule of ['retry-without-backoff', 'non-retryable-retried', 'unsafe-retry']) {
      assert.deepEqual(await ruleLines('python', PY_DEVICE, rule), [], rule);
      assert.deepEqual(await ruleLines('go', GO_DEVICE, rule), [], rule);
    }
  });

  it('a loop retrying the same refusals without the device grant is still reported', async () => {
    const plain = PY_DEVICE.replace(/device_code/g, 'order_id').replace('wait_for_approval', 'place_order');
    assert.deepEqual(await ruleLines('python', plain, 'non-retryable-retried'), [7]);
  });
});
