/**
 * Go hands a call's failure back as a value. In a loop, the `err` branch decides what goes round: a branch that
 * stays (a log line and `continue`, a counter) sends the call again on every failure its error stands for, less
 * the statuses a test inside the branch gives up on. A generated gRPC stub's error stands for every status; so does
 * a go-github-style call's; net/http's `Do` fails on the transport only.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const stubLoop = `package jobs

import (
	"context"
	"log"
	"time"

	"google.golang.org/grpc"
	pb "example.com/render/api"
)

func Render(conn *grpc.ClientConn, req *pb.RenderReq) error {
	client := pb.NewRendererClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var err error
	tries := 0
	for {
		if tries == maxTries {
			break
		}
		_, err = client.SubmitRender(ctx, req)
		if err != nil {
			log.Println("render failed, again", err)
			tries++
			continue
		}
		break
	}
	return err
}
`;

const giveUpAfter = `package jobs

import (
	"context"
	"log"

	"google.golang.org/grpc"
	pb "example.com/render/api"
)

func Render(conn *grpc.ClientConn, req *pb.RenderReq) error {
	client := pb.NewRendererClient(conn)
	for tries := 0; tries < 4; tries++ {
		_, err := client.SubmitRender(context.Background(), req)
		if err != nil {
			if isTransient(err) {
				continue
			}
		}
		return err
	}
	return nil
}
`;

const sdkLoop = `package backup

import (
	"context"
	"net/http"
	"time"

	"github.com/google/go-github/v60/github"
)

func Issues(ctx context.Context, gh *github.Client, owner, name string) []*github.Issue {
	failures := 0
	for {
		list, resp, err := gh.Issues.ListByRepo(ctx, owner, name, nil)
		if err != nil {
			if resp.StatusCode == http.StatusForbidden {
				return nil
			}
			if failures < 5 {
				time.Sleep(time.Duration(failures+1) * 2 * time.Second)
				failures++
			} else {
				return nil
			}
		} else {
			return list
		}
	}
}
`;

describe("Go loops that go round on a call's error value", () => {
  it('a gRPC stub retried on any error, back to back: every refusal goes round too', async () => {
    assert.deepEqual(await ruleLines('go', stubLoop, 'non-retryable-retried'), [18]);
    assert.deepEqual(await ruleLines('go', stubLoop, 'retry-without-backoff'), [18]);
    // A gRPC status carries no Retry-After.
    assert.deepEqual(await ruleLines('go', stubLoop, 'retry-ignores-retry-after'), []);
  });

  it('a branch that runs on into a return leaves: only what the unread predicate lets through goes round', async () => {
    assert.deepEqual(await ruleLines('go', giveUpAfter, 'non-retryable-retried'), []);
  });

  it('an SDK call retried on every failure but the 403 it gives up on', async () => {
    assert.deepEqual(await ruleLines('go', sdkLoop, 'non-retryable-retried'), [13]);
    assert.deepEqual(await ruleLines('go', sdkLoop, 'retry-ignores-retry-after'), [13]);
  });
});
