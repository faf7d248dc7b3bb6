import { strict as assert } from 'node:assert';
import { ruleLines, testService } from '../support/serviceHarness';
import { mayContainCodes } from '../../server/src/cli/preFilter';
import { allTimeoutFacts } from '../../server/src/service/diagnostics/timeouts/timeoutFacts';

/** Go SDKs that build their own http.Client without a Timeout (server/data/request-timeouts.json, `sdkClient`). */
const BOT = `package notify

import (
	"log"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func StartPager(token string, chat int64) {
	pager, err := tg.NewBotAPI(token)
	if err != nil {
		log.Fatal(err)
	}
	pager.Send(tg.NewMessage(chat, "the disk is nearly full"))
}
`;

const GRAPH = `package stats

import (
	"context"

	"github.com/machinebox/graphql"
)

func Totals(endpoint string) error {
	background := context.Background()
	gql := graphql.NewClient(endpoint)
	var out map[string]any
	return gql.Run(background, graphql.NewRequest("{ totals { hits } }"), &out)
}
`;

const HUB = `package forge

import (
	"context"

	"github.com/google/go-github/v60/github"
)

func Stars(owner, repo string) (int, error) {
	gh := github.NewClient(nil)
	r, _, err := gh.Repositories.Get(context.TODO(), owner, repo)
	if err != nil {
		return 0, err
	}
	return r.GetStargazersCount(), nil
}
`;

const lines = (text: string): Promise<number[]> => ruleLines('go', text, 'request-without-timeout');

describe('Go: SDK constructors that build a client without a timeout', () => {
  it('reports go-telegram-bot-api NewBotAPI under an alias (its methods take no context)', async () => {
    assert.deepEqual(await lines(BOT), [10]);
  });

  it('is silent once the bot is given a client of its own', async () => {
    const bounded = BOT.replace('\tpager.Send(', '\tpager.Client = &http.Client{Timeout: 40 * time.Second}\n\tpager.Send(');
    assert.deepEqual(await lines(bounded), []);
  });

  it('reads the package clause name when the import has no alias', async () => {
    const plain = BOT.replace('\ttg "github.com', '\t"github.com').replace(/tg\./g, 'tgbotapi.');
    assert.deepEqual(await lines(plain), [10]);
  });

  it('reports machinebox/graphql NewClient when its calls carry only context.Background()', async () => {
    assert.deepEqual(await lines(GRAPH), [11]);
  });

  it('is silent when a client is handed in with WithHTTPClient', async () => {
    const handed = GRAPH.replace('graphql.NewClient(endpoint)', 'graphql.NewClient(endpoint, graphql.WithHTTPClient(shared))');
    assert.deepEqual(await lines(handed), []);
  });

  it('is silent when the calls carry a context that may expire', async () => {
    const deadline = GRAPH.replace('background := context.Background()', 'background, cancel := context.WithTimeout(context.Background(), 20*time.Second)\n\tdefer cancel()');
    assert.deepEqual(await lines(deadline), []);
    const handedIn = GRAPH.replace('func Totals(endpoint string) error {\n\tbackground := context.Background()', 'func Totals(background context.Context, endpoint string) error {');
    assert.deepEqual(await lines(handedIn), []);
  });

  it('reports go-github NewClient(nil), and not a client the caller passes', async () => {
    assert.deepEqual(await lines(HUB), [10]);
    assert.deepEqual(await lines(HUB.replace('github.NewClient(nil)', 'github.NewClient(pooled)')), []);
  });

  it('knows nothing of a package of the same name from another path', async () => {
    assert.deepEqual(await lines(GRAPH.replace('"github.com/machinebox/graphql"', '"example.org/in-house/graphql"')), []);
  });

  it('every SDK entry waits for ever by its documentation and names a constructor', () => {
    const sdks = allTimeoutFacts().filter((f) => f.sdkClient);
    assert.ok(sdks.length >= 5);
    for (const f of sdks) {
      assert.equal(f.defaultSeconds, null, f.id);
      assert.ok(f.sdkClient!.constructors.length > 0, f.id);
      assert.doesNotThrow(() => new RegExp(f.sdkClient!.importPath), f.id);
    }
  });

  it('the CLI pre-filter keeps a file whose only request is such a constructor', () => {
    const service = testService();
    assert.equal(mayContainCodes(Buffer.from(BOT), service.registry, true), true);
    assert.equal(mayContainCodes(Buffer.from(BOT.replace(/NewBotAPI/g, 'NewPager')), service.registry, true), false);
  });
});
