/**
 * Go SDKs in go-github's style hand back `(value, *Response, error)`: the response whose status is read is the
 * middle name (`issues, resp, err := c.Issues.ListByRepo(…)`), so a retry around such a call is read like one around
 * `http.Client.Do`. A file's own method of the same name (`func (c *Client) EditRelease`) does not hide the SDK's.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const lister = `package backup

import (
	"context"
	"net/http"
	"time"

	"github.com/google/go-github/v60/github"
)

type Client struct{ gh *github.Client }

func (c *Client) ListByRepo(ctx context.Context, owner, repo string) ([]*github.Issue, error) {
	for attempt := 0; attempt < 5; attempt++ {
		issues, resp, err := c.gh.Issues.ListByRepo(ctx, owner, repo, nil)
		if err == nil {
			return issues, nil
		}
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(5 * time.Second)
			continue
		}
		return nil, err
	}
	return nil, nil
}
`;

describe('Go SDK calls returning (value, response, error)', () => {
  it('reads the retry around the SDK call through its middle value', async () => {
    assert.deepEqual(await ruleLines('go', lister, 'retry-without-backoff'), [20]);
  });
});
