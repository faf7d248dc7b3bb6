/**
 * go-github service calls (`client.Gists.List(ctx, user, opts)`) are requests. A pager around one is no retry — the
 * page moves on each round — unless its `err` branch goes round without moving it (`if err != nil { log(err);
 * continue }`, a wait and a failure count): then the same page is asked for again, and that branch is the retry,
 * reported where it goes round. A pager that gives up on the error stays a pager.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const stalling = `package backup

import (
	"context"
	"log"

	"github.com/google/go-github/v60/github"
)

func Gists(client *github.Client, user string) []*github.Gist {
	var all []*github.Gist
	opts := &github.GistListOptions{ListOptions: github.ListOptions{PerPage: 50}}
	page := 1
	for {
		opts.Page = page
		gists, _, err := client.Gists.List(context.Background(), user, opts)
		if err != nil {
			log.Println(err)
			continue
		}
		if len(gists) == 0 {
			break
		}
		all = append(all, gists...)
		page++
	}
	return all
}
`;

const givingUp = stalling.replace('\t\t\tlog.Println(err)\n\t\t\tcontinue', '\t\t\tlog.Println(err)\n\t\t\treturn all');

const nextPage = `package backup

import (
	"context"

	"github.com/google/go-github/v60/github"
)

func Installations(ctx context.Context, ac *github.Client) ([]*github.Installation, error) {
	var all []*github.Installation
	opts := &github.ListOptions{PerPage: 100}
	for {
		is, resp, err := ac.Apps.ListInstallations(ctx, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, is...)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return all, nil
}
`;

describe('Go pagers that ask for the same page again', () => {
  it('reports the err branch that goes round before the page moves on', async () => {
    assert.deepEqual(await ruleLines('go', stalling, 'retry-without-backoff'), [17]);
    assert.deepEqual(await ruleLines('go', stalling, 'non-retryable-retried'), [17]);
  });

  it('leaves a pager alone when its err branch gives up', async () => {
    assert.deepEqual(await ruleLines('go', givingUp, 'retry-without-backoff'), []);
  });

  it('reads opts.Page = resp.NextPage as paging, not retrying', async () => {
    assert.deepEqual(await ruleLines('go', nextPage, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('go', nextPage, 'non-retryable-retried'), []);
  });
});
