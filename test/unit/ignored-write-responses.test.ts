import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { diagnosticsOf } from '../support/serviceHarness';

async function findings(language: LanguageId, text: string): Promise<string[]> {
  return (await diagnosticsOf(language, text)).filter((f) => f.rule === 'no-retry-on-request').map((f) => `${f.range.start.line + 1} ${f.message}`);
}

describe('a write whose response nobody reads, with a client that answers a 503 as a value', () => {
  it('Go: `http.Post(…)` as a statement', async () => {
    const found = await findings('go', ['package x', '', 'func notify(url string, body []byte) {', '\thttp.Post(url, "application/json", bytes.NewReader(body))', '}'].join('\n'));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^4 Nothing looks at this POST request's response/);
  });

  it('C#: `await client.PostAsync(…)` as a statement', async () => {
    const found = await findings('csharp', ['class N {', '  async Task Notify(HttpClient client, string json) {', '    await client.PostAsync("/hook", new StringContent(json));', '  }', '}'].join('\n'));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^3 Nothing looks at this POST/);
  });

  it('Java: `client.send(postRequest, …)` as a statement', async () => {
    const found = await findings('java', [
      'class N {',
      '  void notify(HttpClient client) throws Exception {',
      '    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(5)).build();',
      '    client.send(req, HttpResponse.BodyHandlers.discarding());',
      '  }',
      '}',
    ].join('\n'));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^4 Nothing looks at this POST/);
  });

  it('leaves a read alone, and a write whose response is kept', async () => {
    assert.deepEqual(await findings('go', ['package x', '', 'func ping(url string) {', '\thttp.Get(url)', '}'].join('\n')), []);
    assert.deepEqual(await findings('csharp', ['class N {', '  async Task<HttpResponseMessage> Notify(HttpClient client, string json) {', '    return await client.PostAsync("/hook", new StringContent(json));', '  }', '}'].join('\n')), []);
  });
});
