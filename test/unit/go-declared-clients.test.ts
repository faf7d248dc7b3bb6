/**
 * Go: a client variable the file declares as net/http's (`var api = &http.Client{Timeout: d}`, a `*http.Client` field)
 * sends plain net/http requests whatever it is called, so its error is a transport failure only: a loop that goes
 * round on `err != nil` and on `>= 500`, and returns on anything else, retries no 4xx.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const loop = (declaration: string, receiver: string) => `package notify

import (
	"net/http"
	"time"
)

${declaration}

func Ping(url string) error {
	var lastErr error
	for i := 0; i < 4; i++ {
		resp, err := ${receiver}.Get(url)
		if err != nil {
			lastErr = err
			time.Sleep(time.Duration(1<<i) * time.Second)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<i) * time.Second)
			continue
		}
		return nil
	}
	return lastErr
}
`;

describe('Go clients declared as net/http', () => {
  for (const [declaration, receiver] of [
    ['var api = &http.Client{Timeout: 10 * time.Second}', 'api'],
    ['var web *http.Client', 'web'],
  ]) {
    it(`reads ${receiver}.Get as net/http: no 4xx retried, the 503 retry is seen`, async () => {
      const rules = (await diagnosticsOf('go', loop(declaration, receiver))).map((d) => d.rule);
      assert.ok(!rules.includes('non-retryable-retried'), rules.join(', '));
      assert.ok(rules.includes('retry-ignores-retry-after'), rules.join(', '));
    });
  }
});
