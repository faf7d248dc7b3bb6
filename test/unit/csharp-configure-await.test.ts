import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';

describe('C# ConfigureAwait', () => {
  it('records the response variable of `await client.GetAsync(u).ConfigureAwait(false)`', async () => {
    const text = [
      'using System.Net;',
      'using System.Net.Http;',
      'class C {',
      '  async System.Threading.Tasks.Task<string> Get(HttpClient client, string u) {',
      '    var resp = await client.GetAsync(u).ConfigureAwait(false);',
      '    if (resp.StatusCode == HttpStatusCode.TooManyRequests) {',
      '      throw new System.Exception("rate limited");',
      '    }',
      '    return "";',
      '  }',
      '}',
    ].join('\n');
    const service = testService();
    const uri = await openDoc('csharp', text, service);
    try {
      const finding = service.diagnostics(uri).find((f) => f.rule === 'retryable-treated-as-final');
      assert.ok(finding, 'the 429 give-up is reported');
      assert.equal(finding.data?.responseVar, 'resp');
    } finally {
      service.close(uri);
    }
  });
});
