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
});
