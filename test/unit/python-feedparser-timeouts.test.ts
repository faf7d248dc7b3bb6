import { strict as assert } from 'node:assert';
import { ruleLines, testService } from '../support/serviceHarness';
import { mayContainCodes } from '../../server/src/cli/preFilter';

/** feedparser.parse(url) downloads through urllib with no timeout, and has no option to set one. */
const POLLER = `import feedparser

WATCHED = ["https://status.example.org/history.rss"]

def latest_titles(feed_url):
    parsed = feedparser.parse(feed_url)
    return [entry.title for entry in parsed.entries]

def from_text(body):
    return feedparser.parse(body)
`;

const lines = (text: string): Promise<number[]> => ruleLines('python', text, 'request-without-timeout');

describe('Python: feedparser fetching a feed by its address', () => {
  it('reports parse(url), not parse of a text already fetched', async () => {
    assert.deepEqual(await lines(POLLER), [6]);
  });

  it('reads a literal address and the imported bare name', async () => {
    const bare = POLLER.replace('import feedparser', 'from feedparser import parse as read_feed').replace('feedparser.parse(feed_url)', 'read_feed("https://news.example.org/rss")').replace('feedparser.parse(body)', 'read_feed(body)');
    assert.deepEqual(await lines(bare), [6]);
  });

  it('is silent when the process sets a socket default timeout', async () => {
    assert.deepEqual(await lines(`import socket\n${POLLER}\nsocket.setdefaulttimeout(20)\n`), []);
  });

  it('the CLI pre-filter keeps a file whose only request is feedparser.parse', () => {
    const service = testService();
    assert.equal(mayContainCodes(Buffer.from(POLLER), service.registry, true), true);
  });
});
