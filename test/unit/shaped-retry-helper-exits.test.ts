import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * More ways a retry helper, whatever its name, leaves when the operation it is handed succeeds: a flag its loop's
 * condition reads, set on success (Python's `else:` of the try, a result object carrying `ok`), and a Rust `let … =
 * match op() { Ok(v) => v, Err(e) => { …; continue } }` followed by a return. And what a Go helper's operation declares
 * it returns says what its error stands for: net/http's error is a transport failure, not a status.
 */
describe('retry helpers by shape: how they leave on success, what their operation fails on', () => {
  it('Python: success sets the flag the while loop reads, in the try\'s else', async () => {
    const src = [
      'import time',
      'import requests',
      '',
      'def keep_trying(step, limit=5):',
      '    done, n = False, 0',
      '    while not done:',
      '        try:',
      '            step()',
      '        except requests.RequestException:',
      '            n += 1',
      '            if n > limit:',
      '                raise',
      '            time.sleep(10)',
      '        else:',
      '            done = True',
      '',
      'def push(payload):',
      '    keep_trying(lambda: requests.post("https://sink.example/push", json=payload, timeout=5))',
      '',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', src, 'retry-without-backoff'), [13]);
    assert.deepEqual(await ruleLines('python', src, 'unsafe-retry'), [18]);
    // Without the flag set on success the loop never ends on it: no retry helper.
    const never = src.replace('            done = True', '            print("ok")');
    assert.deepEqual(await ruleLines('python', never, 'retry-without-backoff'), []);
  });

  it('TypeScript: success stores a result whose ok flag the loop reads', async () => {
    const src = `export async function untilDone<T>(work: () => Promise<T>): Promise<T> {
  let outcome: { ok: boolean; value?: T } = { ok: false };
  let rounds = 0;
  while (!outcome.ok) {
    try {
      outcome = { ok: true, value: await work() };
    } catch (e) {
      if (++rounds > 4) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  return outcome.value as T;
}

export function publish(body: string) {
  return untilDone(() => fetch('https://feed.example/items', { method: 'POST', body, signal: AbortSignal.timeout(5000) }));
}
`;
    assert.deepEqual(await ruleLines('typescript', src, 'retry-without-backoff'), [9]);
    assert.deepEqual(await ruleLines('typescript', src, 'unsafe-retry'), [16]);
  });

  it('Rust: the Ok value bound by a let, then returned; the Err arm goes round on some path', async () => {
    const src = `use std::{thread, time::Duration};

pub struct Pacer {
    rounds: u32,
}

impl Pacer {
    pub fn go<F>(&self, op: F) -> Result<ureq::Response, ureq::Error>
    where
        F: Fn() -> Result<ureq::Response, ureq::Error>,
    {
        for n in 0..self.rounds {
            let answer = match op() {
                Ok(answer) => answer,
                Err(e) => {
                    if n + 1 < self.rounds {
                        thread::sleep(Duration::from_secs(3));
                        continue;
                    }
                    return Err(e);
                }
            };
            return Ok(answer);
        }
        unreachable!()
    }
}
`;
    assert.deepEqual(await ruleLines('rust', src, 'retry-without-backoff'), [17]);
  });

  it('Go: a helper going round on the error of a func returning (*http.Response, error) retries no status', async () => {
    const src = `package shipping

import (
	"net/http"
	"time"
)

func doReq(fn func() (*http.Response, error)) (*http.Response, error) {
	var lastErr error
	for i := 0; i < 5; i++ {
		resp, err := fn()
		if err == nil {
			return resp, nil
		}
		lastErr = err
		time.Sleep(time.Second)
	}
	return nil, lastErr
}
`;
    assert.deepEqual(await ruleLines('go', src, 'retry-without-backoff'), [16]);
    assert.deepEqual(await ruleLines('go', src, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('go', src, 'retry-ignores-retry-after'), []);
    // An operation whose error may stand for a status (a client of the project's own) keeps the status reading.
    const own = src.replace('fn func() (*http.Response, error)', 'fn func() (*Answer, error)');
    assert.deepEqual(await ruleLines('go', own, 'non-retryable-retried'), [10]);
  });
});
