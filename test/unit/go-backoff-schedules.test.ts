/**
 * cenkalti/backoff: the schedule handed to `backoff.Retry` decides the waits. A constant schedule waits the same time
 * before every attempt (and alone never stops), a zero schedule not at all; the library's exponential one is fine.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const file = (schedule: string) => `package feed

import (
	"fmt"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
)

var web = &http.Client{Timeout: 10 * time.Second}

func Refresh(url string) error {
	op := func() error {
		resp, err := web.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 {
			return fmt.Errorf("upstream %d", resp.StatusCode)
		}
		return nil
	}
	return backoff.Retry(op, ${schedule})
}
`;

async function backoffFindings(schedule: string) {
  return (await diagnosticsOf('go', file(schedule))).filter((d) => d.rule === 'retry-without-backoff');
}

describe('cenkalti/backoff schedules', () => {
  it('a constant schedule is a fixed wait with no end', async () => {
    const found = await backoffFindings('backoff.NewConstantBackOff(3*time.Second)');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /ConstantBackOff.*never stops/);
  });
  it('a constant schedule capped by WithMaxRetries is still a fixed wait', async () => {
    const found = await backoffFindings('backoff.WithMaxRetries(backoff.NewConstantBackOff(time.Second), 4)');
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0].message, /never stops/);
  });
  it('a zero schedule retries at once', async () => {
    const found = await backoffFindings('&backoff.ZeroBackOff{}');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /ZeroBackOff/);
  });
  it("the library's exponential schedule is left alone", async () => {
    assert.equal((await backoffFindings('backoff.NewExponentialBackOff()')).length, 0);
  });
});
