import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rulesFor(text: string): Promise<string[]> {
  return (await diagnosticsOf('csharp', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

const loop = (afterRequest: string[]): string => [
  'class U {',
  '  async Task Upload(HttpClient client, string json) {',
  '    for (var i = 0; i < 10; i++) {',
  '      var response = await client.PostAsync("/upload", new StringContent(json));',
  ...afterRequest,
  '    }',
  '  }',
  '}',
].join('\n');

describe('C# retry loops whose failures fall through to the next round', () => {
  it('reads a `var response = await …` declaration as the statement the loop goes on from', async () => {
    const rules = await rulesFor(loop([
      '      if (response.IsSuccessStatusCode) {',
      '        return;',
      '      }',
      '      _logger.LogError("failed {0}", response.StatusCode);',
    ]));
    // Anything but success goes round: a 400 as often as a 503, and a 429 without its Retry-After.
    assert.ok(rules.includes('3 non-retryable-retried'), rules.join('\n'));
    assert.ok(rules.includes('3 retry-ignores-retry-after'), rules.join('\n'));
    assert.ok(rules.includes('3 retry-without-backoff'), rules.join('\n'));
  });

  it('takes a loop that leaves whenever the response carries no Retry-After as retrying what the server says', async () => {
    const rules = await rulesFor(loop([
      '      if (response.IsSuccessStatusCode) {',
      '        return;',
      '      }',
      '      var retryAfter = response.Headers.RetryAfter?.Delta;',
      '      if (retryAfter == null) {',
      '        return;',
      '      }',
      '      await Task.Delay(retryAfter.Value);',
    ]));
    assert.ok(!rules.some((r) => r.endsWith('non-retryable-retried')), rules.join('\n'));
    assert.ok(!rules.some((r) => r.endsWith('retry-ignores-retry-after')), rules.join('\n'));
  });
});
