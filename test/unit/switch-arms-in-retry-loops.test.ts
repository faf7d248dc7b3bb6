import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(text: string): Promise<string[]> {
  return (await diagnosticsOf('csharp', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

// A long arm (over a few hundred characters) is still the arm its case label tests for.
const filler = Array.from({ length: 8 }, (_, i) => `          _log.LogWarning("rate limited, pausing the queue for bucket {0} ({1})", bucket, ${i});`);

const loop = (defaultArm: string): string => [
  'class Bucket {',
  '  async Task<Stream> Send(HttpClient client, HttpRequestMessage request) {',
  '    while (true) {',
  '      var response = await client.SendAsync(request);',
  '      if (response.StatusCode < (HttpStatusCode)200 || response.StatusCode >= (HttpStatusCode)300) {',
  '        switch (response.StatusCode) {',
  '          case (HttpStatusCode)429:',
  ...filler,
  '            await Task.Delay(RetryAfter(response));',
  '            continue;',
  '          case HttpStatusCode.BadGateway:',
  '            await Task.Delay(1000);',
  '            continue;',
  '          default:',
  `            ${defaultArm}`,
  '        }',
  '      }',
  '      return await response.Content.ReadAsStreamAsync();',
  '    }',
  '  }',
  '}',
].join('\n');

describe('switch arms in a retry loop', () => {
  it('reads a broad failure test whose ways round are only under the 429 and 502 arms as retrying those two', async () => {
    const found = await rules(loop('throw new HttpRequestException("failed");'));
    assert.ok(!found.some((f) => f.endsWith('non-retryable-retried')), found.join('\n'));
  });
});
