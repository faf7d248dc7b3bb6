/**
 * A Go retry loop around a sender of the file that leaves on `if !isRetryable(err) { return err }`, where the
 * predicate reads the error's typed view (`errors.As(err, &apiErr)`, then `apiErr.StatusCode == 429`, `>= 500`):
 * only those statuses go round, so no client error is retried. Its wait is `clock.Sleep(ctx, delay)`: the duration is
 * the argument after the context, here computed afresh each round by a growing helper that reads the server's wait.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const client = `package zones

import (
	"context"
	"errors"
	"net/http"
	"time"
)

type APIError struct {
	StatusCode int
	RetryAfter time.Duration
}

func (e *APIError) Error() string { return "api error" }

type Sleeper interface {
	Sleep(ctx context.Context, d time.Duration) error
}

type Client struct {
	httpClient *http.Client
	clock   Sleeper
	retries int
}

func (c *Client) call(ctx context.Context, method, url string) error {
	var lastErr error
	for attempt := 0; attempt <= c.retries; attempt++ {
		if attempt > 0 {
			delay := c.backoffDelay(attempt, lastErr)
			if err := c.clock.Sleep(ctx, delay); err != nil {
				return err
			}
		}
		err := c.once(ctx, method, url)
		if err == nil {
			return nil
		}
		lastErr = err
		if !isRetryable(err) {
			return err
		}
	}
	return lastErr
}

func (c *Client) once(ctx context.Context, method, url string) error {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return &APIError{StatusCode: 0}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return c.toError(resp)
}

func (c *Client) toError(resp *http.Response) error {
	return &APIError{StatusCode: resp.StatusCode}
}

func isRetryable(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	if apiErr.StatusCode == http.StatusTooManyRequests {
		return true
	}
	if apiErr.StatusCode >= 500 {
		return true
	}
	return false
}

func (c *Client) backoffDelay(attempt int, lastErr error) time.Duration {
	var apiErr *APIError
	if errors.As(lastErr, &apiErr) && apiErr.RetryAfter > 0 {
		return apiErr.RetryAfter
	}
	d := 500 * time.Millisecond
	for i := 1; i < attempt; i++ {
		d *= 2
	}
	return d
}
`;

describe('Go predicates on the error view, and waits handed a context', () => {
  it('retries no client error when the loop leaves on !isRetryable(err)', async () => {
    assert.deepEqual(await ruleLines('go', client, 'non-retryable-retried'), []);
  });

  it('reads the wait after the context as growing, and its helper as reading Retry-After', async () => {
    assert.deepEqual(await ruleLines('go', client, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', client, 'retry-ignores-retry-after'), []);
  });

  it('still reports a fixed wait after the context', async () => {
    const fixed = client.replace('c.clock.Sleep(ctx, delay)', 'c.clock.Sleep(ctx, time.Second)');
    assert.deepEqual(await ruleLines('go', fixed, 'retry-without-backoff'), [32]);
  });

  it('still reports the loop when the predicate also takes 404', async () => {
    const loose = client.replace('if apiErr.StatusCode == http.StatusTooManyRequests {', 'if apiErr.StatusCode == http.StatusTooManyRequests || apiErr.StatusCode == http.StatusNotFound {');
    assert.notDeepEqual(await ruleLines('go', loose, 'non-retryable-retried'), []);
  });
});
