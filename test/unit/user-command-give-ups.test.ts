/**
 * A request made for a person's command (a chat bot's command handler that replies in the chat) may give up on a 429
 * or a 5xx and tell the person: whoever asked sees it and asks again, so retryable-treated-as-final stays silent there,
 * as no-retry-on-request does. The same give-up in a background sync is still reported.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const body = (fnHead: string, reply: string) => `// handlers
import axios from 'axios';

${fnHead} {
  await int.deferReply();
  try {
    const res = await axios.get('https://quotes.example.com/api/random', { timeout: 5000 });
    ${reply}({ content: res.data.text });
  } catch (e: any) {
    if (e?.response?.status === 429) return ${reply}({ content: 'Slow down a little.' });
    if (e?.response?.status === 503) return ${reply}({ content: 'The quote service is down.' });
    throw e;
  }
}
`;

describe('give-ups in a command that answers the person who asked', () => {
  it('stays silent in a slash command replying in the chat', async () => {
    const text = body('export async function quoteCommand(int: any)', 'await int.editReply');
    const rules = (await diagnosticsOf('typescript', text)).map((d) => d.rule);
    assert.ok(!rules.includes('retryable-treated-as-final'), rules.join(', '));
  });

  it('reports the same give-up in a background job', async () => {
    const text = body('export async function syncQuotes(interaction: any)', 'await store.save').replace('await int.deferReply();', '');
    const rules = (await diagnosticsOf('typescript', text)).map((d) => d.rule);
    assert.ok(rules.includes('retryable-treated-as-final'), rules.join(', '));
  });

  const cog = (decorator: string) => `import aiohttp
from redbot.core import commands

class Jokes(commands.Cog):
${decorator}
    async def joke(self, ctx):
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get("https://jokes.example.com/random", timeout=10) as r:
                    text = await r.text()
        except aiohttp.ClientConnectionError:
            log.warning("joke service unreachable")
            return None
        await store.add(text)
`;

  it('stays silent on a network failure dropped in a chat bot command (decorated, Python)', async () => {
    for (const decorator of ['    @commands.command()', '    @commands.hybrid_command(name="joke")', '    @app_commands.command()']) {
      const rules = (await diagnosticsOf('python', cog(decorator))).map((d) => d.rule);
      assert.ok(!rules.includes('retryable-treated-as-final'), `${decorator}: ${rules.join(', ')}`);
    }
  });

  it('reports the same dropped network failure in an undecorated sync task', async () => {
    const rules = (await diagnosticsOf('python', cog('    @tasks.loop(minutes=5)'))).map((d) => d.rule);
    assert.ok(rules.includes('retryable-treated-as-final'), rules.join(', '));
  });

  it('reads a click command as a command a person runs (no-retry-on-request stays off its write)', async () => {
    const cli = (decorator: string) => `import click
import requests

${decorator}
def publish(name):
    r = requests.post("https://registry.example.com/packages", json={"name": name}, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("publish failed")
`;
    const inCommand = (await diagnosticsOf('python', cli('@cli.command()'))).map((d) => d.rule);
    assert.ok(!inCommand.includes('no-retry-on-request'), inCommand.join(', '));
    const inWorker = (await diagnosticsOf('python', cli('@app.task()'))).map((d) => d.rule);
    assert.ok(inWorker.includes('no-retry-on-request'), inWorker.join(', '));
  });
});
