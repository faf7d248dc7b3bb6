import { strict as assert } from 'node:assert';
import { ruleLines, testService } from '../support/serviceHarness';
import { mayContainCodes } from '../../server/src/cli/preFilter';

/** golang.org/x/oauth2's NewClient hands back an http.Client with no Timeout. */
const SOURCE = `package forge

import (
	"context"

	"github.com/google/go-github/v50/github"
	"golang.org/x/oauth2"
)

func NewForge(token string) *github.Client {
	ctx := context.Background()
	httpClient := oauth2.NewClient(ctx, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}))
	return github.NewClient(httpClient)
}
`;

const timeoutLines = (text: string): Promise<number[]> => ruleLines('go', text, 'request-without-timeout');

describe('Go: oauth2.NewClient', () => {
  it('reports the client it builds, with no Timeout', async () => {
    assert.deepEqual(await timeoutLines(SOURCE), [12]);
  });

  it('is silent once the client is given a Timeout', async () => {
    const bounded = SOURCE.replace('\treturn github.NewClient(httpClient)', '\thttpClient.Timeout = 30 * time.Second\n\treturn github.NewClient(httpClient)').replace('"context"', '"context"\n\t"time"');
    assert.deepEqual(await timeoutLines(bounded), []);
  });

  it('the CLI pre-filter keeps a file whose only request is through it', () => {
    const service = testService();
    assert.equal(mayContainCodes(Buffer.from(SOURCE), service.registry, true), true);
    assert.equal(mayContainCodes(Buffer.from(SOURCE.replace(/oauth2/g, 'tokens')), service.registry, true), false);
  });
});
