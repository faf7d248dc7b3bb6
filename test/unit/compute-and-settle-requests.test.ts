import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

describe('requests whose repetition duplicates nothing', () => {
  it('a model completion (/chat/completions) retried by a loop is no unsafe retry: it computes an answer from what it sends', async () => {
    const text = [
      'import requests, time',
      '',
      'def ask(prompt):',
      '    for attempt in range(3):',
      '        r = requests.post("https://api.example.com/v1/chat/completions", json={"messages": prompt}, timeout=60)',
      '        if r.status_code in (429, 503):',
      '            time.sleep(2 ** attempt)',
      '            continue',
      '        return r.json()',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text, 'unsafe-retry'), []);
  });

  it("Anthropic's /v1/messages is a completion too, while another API's /messages sends something", async () => {
    const text = (url: string) => [
      'import requests, time',
      '',
      'def ask(prompt):',
      '    for attempt in range(3):',
      `        r = requests.post("${url}", json={"messages": prompt}, timeout=60)`,
      '        if r.status_code in (429, 500, 502, 503):',
      '            time.sleep(2 ** attempt)',
      '            continue',
      '        return r.json()',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('https://api.anthropic.com/v1/messages'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('https://chat.example.com/v1/messages'), 'unsafe-retry'), [5]);
  });

  it('a cancel (a /cancel URL, a function named cancel…) settles a state: sent twice, it changes nothing more', async () => {
    const byUrl = [
      "import retry from 'async-retry';",
      '',
      'export default async (http: any, id: string) => {',
      '  await retry(async () => {',
      '    await http.post(`v2/releases/${id}/cancel`);',
      '  }, { retries: 3 });',
      '};',
    ].join('\n');
    assert.deepEqual(await ruleLines('typescript', byUrl, 'unsafe-retry'), []);
    const created = byUrl.replace('/cancel`', '/deploy`');
    assert.deepEqual(await ruleLines('typescript', created, 'unsafe-retry'), [5]);
  });

  it('a request in a closure handed to a retry is named by the function the closure is written in', async () => {
    const text = [
      "import pRetry from 'p-retry';",
      '',
      'export async function embedTexts(url: string, texts: string[]) {',
      '  return pRetry(async () => {',
      "    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ input: texts }) });",
      "    if (!res.ok) throw new Error('embedding failed');",
      '    return res.json();',
      '  }, { retries: 3 });',
      '}',
    ].join('\n');
    assert.deepEqual(await ruleLines('typescript', text, 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('typescript', text.replace('embedTexts', 'storeTexts'), 'unsafe-retry'), [5]);
  });

  it("an aiogram handler that answers the user is a user's command: no no-retry-on-request there", async () => {
    const text = [
      'async def handle_message(message, client):',
      '    response = await client.post("/chat", json={"text": message.text}, timeout=30)',
      '    if response.status_code != 200:',
      '        await message.answer("Something went wrong, try again later")',
      '        raise RuntimeError("chat failed")',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text, 'no-retry-on-request'), []);
  });
});
