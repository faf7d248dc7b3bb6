/**
 * A retry loop that leaves unless the status is in a named collection of the file (`if (!TRANSIENT.includes(res.status))
 * return res;`, Go `if !slices.Contains(transient, resp.StatusCode) { return resp, nil }`, Rust `if
 * !TRANSIENT.contains(&status) { return … }`) goes round on what the collection holds: with 429/503 in it and no
 * Retry-After read, the loop ignores the server's wait. Python's `not in` was read so already; the call form, Rust's
 * borrowed subject and Rust's `if` written as an expression statement were not.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const tsLoop = `const FLAKY = [429, 502, 503];

export async function loadReport(url: string): Promise<Response> {
  let res = await fetch(url);
  for (let round = 0; round < 4; round++) {
    res = await fetch(url);
    if (!FLAKY.includes(res.status)) return res;
    await new Promise((done) => setTimeout(done, 800));
  }
  return res;
}
`;

const tsServerFaultsOnly = `const FAULTS = [500, 502, 504];

export async function loadReport(url: string): Promise<Response> {
  let res = await fetch(url);
  for (let round = 0; round < 4; round++) {
    res = await fetch(url);
    if (!FAULTS.includes(res.status)) return res;
    await new Promise((done) => setTimeout(done, 800 * 2 ** round));
  }
  return res;
}
`;

const goLoop = `package reports

import (
	"net/http"
	"slices"
	"time"
)

var flaky = []int{http.StatusTooManyRequests, http.StatusServiceUnavailable}

func load(hc *http.Client, url string) (*http.Response, error) {
	var resp *http.Response
	var err error
	for round := 0; round < 4; round++ {
		resp, err = hc.Get(url)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(flaky, resp.StatusCode) {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(800 * time.Millisecond)
	}
	return resp, err
}
`;

const rustLoop = `use std::time::Duration;
use reqwest::{Client, StatusCode};

const FLAKY: [StatusCode; 2] = [StatusCode::TOO_MANY_REQUESTS, StatusCode::SERVICE_UNAVAILABLE];

pub async fn load(http: &Client, url: &str) -> Result<String, reqwest::Error> {
    let mut round = 0;
    loop {
        let reply = http.get(url).send().await?;
        let code = reply.status();
        if !FLAKY.contains(&code) || round >= 3 {
            return reply.text().await;
        }
        round += 1;
        tokio::time::sleep(Duration::from_millis(800)).await;
    }
}
`;

// The same loop, waiting for what the server's Retry-After says.
const rustReadsWait = rustLoop.replace(
  '        round += 1;\n        tokio::time::sleep(Duration::from_millis(800)).await;',
  '        let secs = reply.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(1);\n        round += 1;\n        tokio::time::sleep(Duration::from_secs(secs)).await;',
);

describe('loops that leave unless the status is in a named collection', () => {
  it('TypeScript: `!FLAKY.includes(res.status)` leaving means 429/503 go round', async () => {
    assert.deepEqual(await ruleLines('typescript', tsLoop, 'retry-ignores-retry-after'), [5]);
  });

  it('TypeScript: a collection without 429/503 retries neither', async () => {
    assert.deepEqual(await ruleLines('typescript', tsServerFaultsOnly, 'retry-ignores-retry-after'), []);
  });

  it('Go: `!slices.Contains(flaky, resp.StatusCode)` leaving means 429/503 go round', async () => {
    assert.deepEqual(await ruleLines('go', goLoop, 'retry-ignores-retry-after'), [14]);
  });

  it('Rust: `!FLAKY.contains(&code)` in an if written as a statement, the status read into a local', async () => {
    assert.deepEqual(await ruleLines('rust', rustLoop, 'retry-ignores-retry-after'), [8]);
  });

  it('Rust: the same loop waiting for Retry-After is not reported', async () => {
    assert.notEqual(rustReadsWait, rustLoop);
    assert.deepEqual(await ruleLines('rust', rustReadsWait, 'retry-ignores-retry-after'), []);
  });
});
