/**
 * A Go function that calls itself from the success branch of a call (`if p, err := load(id); err == nil { return
 * walk(p) }`) walks a structure; it re-sends nothing after a failure. One that calls itself again from a failure
 * branch (`if resp.StatusCode == 503 { time.Sleep(d); return fetch(url) }`) is a retry by recursion.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const walk = `package notify

type Store interface {
	Get(id string) (Comment, error)
}

type Comment struct{ ID, ParentID, Email string }

func targets(s Store, c Comment) []string {
	out := []string{c.Email}
	if c.ParentID != "" {
		if p, err := s.Get(c.ParentID); err == nil {
			out = append(out, targets(s, p)...)
		}
	}
	return out
}
`;

const retry = `package notify

import (
	"context"
	"net/http"
	"time"
)

func fetch(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusServiceUnavailable {
		resp.Body.Close()
		time.Sleep(time.Second)
		return fetch(ctx, client, url)
	}
	return resp, nil
}
`;

describe('Go recursion on success and on failure', () => {
  it('reads a call of itself on the success branch as a walk, not a retry', async () => {
    assert.deepEqual(await ruleLines('go', walk, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', walk, 'non-retryable-retried'), []);
  });

  it('still reads a call of itself on the failure branch as a retry', async () => {
    assert.deepEqual(await ruleLines('go', retry, 'retry-without-backoff'), [17]);
  });
});
