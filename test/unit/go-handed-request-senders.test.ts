/**
 * Go API clients often send through a small method of their own that takes the request built by the caller
 * (`func (a *API) send(r *http.Request) (*http.Response, error) { …; return a.conn.Do(r) }`). A `*http.Request` handed
 * in can only be sent by `Do`, whatever the client field is called, so the method is a sender and a loop around a
 * call to it re-sends the request.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const senderInLoop = `package inventory

import (
	"context"
	"io"
	"net/http"
	"time"
)

type API struct {
	conn *http.Client
	root string
}

func (a *API) send(ctx context.Context, r *http.Request) (*http.Response, error) {
	r.Header.Set("User-Agent", "inventory/2")
	return a.conn.Do(r.WithContext(ctx))
}

func (a *API) Stock(ctx context.Context) ([]byte, error) {
	for {
		r, _ := http.NewRequest(http.MethodGet, a.root+"/stock", nil)
		res, err := a.send(ctx, r)
		if err != nil {
			time.Sleep(2 * time.Second)
			continue
		}
		defer res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			time.Sleep(2 * time.Second)
			continue
		}
		return io.ReadAll(res.Body)
	}
}
`;

// The same sender called once: nothing retries.
const senderOnce = `package inventory

import (
	"context"
	"net/http"
)

type API struct {
	conn *http.Client
}

func (a *API) send(ctx context.Context, r *http.Request) (*http.Response, error) {
	return a.conn.Do(r.WithContext(ctx))
}

func (a *API) Ping(ctx context.Context, url string) error {
	r, _ := http.NewRequest(http.MethodHead, url, nil)
	res, err := a.send(ctx, r)
	if err != nil {
		return err
	}
	return res.Body.Close()
}
`;

describe('Go senders taking a *http.Request', () => {
  it('a loop around the sender retries the request it sends', async () => {
    assert.deepEqual(await ruleLines('go', senderInLoop, 'retry-ignores-retry-after'), [29]);
    assert.deepEqual(await ruleLines('go', senderInLoop, 'retry-without-backoff'), [21]);
  });

  it('the sender called once is no retry', async () => {
    assert.deepEqual(await ruleLines('go', senderOnce, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', senderOnce, 'retry-ignores-retry-after'), []);
  });
});
