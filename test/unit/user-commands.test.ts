/**
 * A request that runs because a person asked for it there and then — a chat bot's command, a CLI subcommand — needs
 * no retry: whoever typed it sees the failure and asks again. The same request from a background handler is lost.
 */
import * as assert from 'node:assert/strict';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';
import { ruleLines } from '../support/serviceHarness';

const bot = (handler: string) => `import requests


def create_ticket(text):
    r = requests.post("https://desk.example.com/v1/tickets", json={"q": text}, timeout=10)
    if r.status_code != 200:
        raise RuntimeError(f"ticket failed: {r.status_code}")
    return r.json()["ticket"]


def ${handler}(bot, message):
    ticket = create_ticket(message.text)
    bot.reply(message, ticket)
`;

async function atPath(languageId: LanguageId, path: string, text: string): Promise<string[]> {
  const service = new ErrorCodeLanguageService();
  const uri = `file:///w/${path}`;
  await service.open({ uri, languageId, version: 1, text });
  const found = service.diagnostics(uri).map((d) => `${d.range.start.line + 1} ${d.rule}`);
  service.close(uri);
  return found;
}

describe('requests a user command sends', () => {
  it('leaves a write whose only caller is a command handler', async () => {
    for (const name of ['cmd_ticket', 'ticket_command', 'handle_ticket_command']) assert.deepEqual(await ruleLines('python', bot(name), 'no-retry-on-request'), [], name);
  });

  it('reports the same write called from a background handler, or from one that sends a command on', async () => {
    assert.deepEqual(await ruleLines('python', bot('on_new_document'), 'no-retry-on-request'), [6]);
    assert.deepEqual(await ruleLines('python', bot('send_command'), 'no-retry-on-request'), [6]);
  });

  it('leaves requests of a file among a bot’s commands', async () => {
    const text = bot('on_new_document');
    assert.deepEqual((await atPath('python', 'bot/commands/ticket.py', text)).filter((f) => f.endsWith('no-retry-on-request')), []);
    assert.deepEqual((await atPath('python', 'bot/workers/ticket.py', text)).filter((f) => f.endsWith('no-retry-on-request')), ['6 no-retry-on-request']);
  });
});
