import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { diagnosticsOf } from '../support/serviceHarness';

async function rulesAt(language: LanguageId, text: string, line: number): Promise<string[]> {
  return (await diagnosticsOf(language, text)).filter((f) => f.range.start.line + 1 === line).map((f) => f.rule).sort();
}

// A retry loop whose response is bound for a block (`with … as resp`, try-with-resources, `using (…)`): the block's
// success test returns and anything else goes round — a 404 as often as a 503.
const EXPECTED = ['non-retryable-retried', 'retry-ignores-retry-after'];

describe('retry loops reading a response bound for a block', () => {
  it('Python `async with session.get(url) as resp:`', async () => {
    const text = [
      'async def cover(session, url):',
      '    tries = 0',
      '    done = False',
      '    while tries < 5 and not done:',
      '        async with session.get(url) as resp:',
      '            if resp.status == 200:',
      '                done = True',
      '            else:',
      '                tries += 1',
      '                await asyncio.sleep(2 ** tries)',
    ].join('\n');
    const rules = await rulesAt('python', text, 4);
    for (const rule of EXPECTED) assert.ok(rules.includes(rule), rules.join(', '));
  });

  it('Java try-with-resources', async () => {
    const text = [
      'class U {',
      '  String get(OkHttpClient client, Request req) throws Exception {',
      '    for (int i = 0; i < 5; i++) {',
      '      try (Response response = client.newCall(req).execute()) {',
      '        if (response.isSuccessful()) {',
      '          return response.body().string();',
      '        }',
      '        Thread.sleep(1000L << i);',
      '      }',
      '    }',
      '    return null;',
      '  }',
      '}',
    ].join('\n');
    const rules = await rulesAt('java', text, 3);
    for (const rule of EXPECTED) assert.ok(rules.includes(rule), rules.join(', '));
  });

  it('C# `using (var response = …) { … }`', async () => {
    const text = [
      'class U {',
      '  async Task<string> Get(HttpClient client) {',
      '    for (var i = 0; i < 5; i++) {',
      '      using (var response = await client.GetAsync("/items")) {',
      '        if (response.IsSuccessStatusCode) {',
      '          return await response.Content.ReadAsStringAsync();',
      '        }',
      '        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, i)));',
      '      }',
      '    }',
      '    return null;',
      '  }',
      '}',
    ].join('\n');
    const rules = await rulesAt('csharp', text, 3);
    for (const rule of EXPECTED) assert.ok(rules.includes(rule), rules.join(', '));
  });
});
