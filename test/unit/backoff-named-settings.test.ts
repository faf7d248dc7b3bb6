/**
 * A delay named for backing off is one setting unless the file makes it grow: `sleep(cfg.backoff_time)` waits the
 * same on every attempt. Rust retry helpers that run the operation they are handed (`op: F` with `F: Fn() -> …`)
 * in a loop re-run their callers' requests, as Go's and TypeScript's do.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const rustHelper = (delay: string, grow = '') => `use std::time::Duration;

pub struct Pacing {
    pub tries: u32,
    pub backoff_time: Duration,
}

pub async fn call_with_retries<T, E, F, Fut>(mut pacing: Pacing, op: F) -> Result<T, E>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let mut failure = None;
    for round in 1..=pacing.tries {
        match op().await {
            Ok(v) => return Ok(v),
            Err(e) => failure = Some(e),
        }
        if round < pacing.tries {
            tokio::time::sleep(${delay}).await;${grow}
        }
    }
    Err(failure.unwrap())
}
`;

const pyLoop = (extra: string) => `import time
import requests

class Feed:
    def __init__(self):
        self.backoff = 2

    def pull(self, url):
        for attempt in range(5):
            r = requests.get(url, timeout=10)
            if r.status_code == 200:
                return r.json()
${extra}            time.sleep(self.backoff)
        return None
`;

describe('backoff-named settings and Rust retry helpers', () => {
  it('reports a Rust retry helper that waits a backoff-named field never made to grow', async () => {
    assert.deepEqual(await ruleLines('rust', rustHelper('pacing.backoff_time'), 'retry-without-backoff'), [20]);
  });

  it('stays quiet when the file doubles the backoff-named field', async () => {
    assert.deepEqual(await ruleLines('rust', rustHelper('pacing.backoff_time', '\n            pacing.backoff_time *= 2;'), 'retry-without-backoff'), []);
  });

  it('stays quiet when the delay is computed by a call named for backing off', async () => {
    assert.deepEqual(await ruleLines('rust', rustHelper('next_backoff(round)'), 'retry-without-backoff'), []);
  });

  it('reads a Python field named backoff and set once as a fixed wait', async () => {
    assert.deepEqual(await ruleLines('python', pyLoop(''), 'retry-without-backoff'), [13]);
  });

  it('reads a backoff field the loop grows from itself as growing', async () => {
    assert.deepEqual(await ruleLines('python', pyLoop('            self.backoff = self.backoff * 2\n'), 'retry-without-backoff'), []);
  });
});
