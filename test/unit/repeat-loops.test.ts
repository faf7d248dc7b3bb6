/**
 * A counted loop that never leaves early sends on every round, after a success as after a failure: it repeats a
 * request a number of times (latency samples, an uptime probe's attempts). It is no retry, so the retry rules stay
 * silent; the same loop that leaves on success is a retry and is read as one.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const samples = `package probe

import (
	"net/http"
	"time"
)

type Sample struct {
	Took time.Duration
	Err  string
}

func Measure(client *http.Client, req *http.Request, rounds int) []Sample {
	out := make([]Sample, rounds)
	for i := 0; i < rounds; i++ {
		began := time.Now()
		resp, err := client.Do(req)
		out[i].Took = time.Since(began)
		if err != nil {
			out[i].Err = err.Error()
			continue
		}
		resp.Body.Close()
	}
	return out
}
`;

const retry = `package probe

import (
	"net/http"
)

func Fetch(client *http.Client, req *http.Request) (*http.Response, error) {
	var lastErr error
	for i := 0; i < 4; i++ {
		resp, err := client.Do(req)
		if err != nil {
			lastErr = err
			continue
		}
		return resp, nil
	}
	return nil, lastErr
}
`;

describe('loops that repeat a request rather than retry it', () => {
  it('leaves a sampling loop with no early exit alone', async () => {
    assert.deepEqual(await ruleLines('go', samples, 'retry-without-backoff'), []);
  });

  it('still reads the loop that returns on success as a retry', async () => {
    assert.deepEqual(await ruleLines('go', retry, 'retry-without-backoff'), [9]);
  });
});
