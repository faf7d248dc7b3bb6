import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function findings(text: string): Promise<string[]> {
  return (await diagnosticsOf('csharp', text)).map((f) => `${f.rule}: ${f.message}`);
}

const policy = (predicate: string): string => [
  'class Policies {',
  '  IAsyncPolicy Build() {',
  '    return Policy',
  `      .Handle<HttpException>(e => ${predicate})`,
  '      .WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(Math.Pow(2, n)));',
  '  }',
  '}',
].join('\n');

describe('a Polly policy for an exception that carries its status, handled for all but a few statuses', () => {
  it('reads `e.StatusCode != 400 && e.StatusCode != 404` as retrying 401, 403, 409, 422 — and 429/503 without Retry-After', async () => {
    const found = await findings(policy('e.StatusCode != (int)HttpStatusCode.BadRequest && e.StatusCode != (int)HttpStatusCode.NotFound'));
    assert.ok(found.some((f) => f.startsWith('non-retryable-retried: Retries every HttpException but 400, 404: 401, 403, 409, 422')), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('retry-ignores-retry-after:')), found.join('\n'));
  });

  it('leaves a predicate that keeps the lasting failures out alone', async () => {
    const found = await findings(policy('e.StatusCode != 400 && e.StatusCode != 401 && e.StatusCode != 403 && e.StatusCode != 404 && e.StatusCode != 409 && e.StatusCode != 422'));
    assert.ok(!found.some((f) => f.startsWith('non-retryable-retried')), found.join('\n'));
  });

  it('leaves a predicate it cannot read as exclusions alone', async () => {
    const found = await findings(policy('e.StatusCode >= 500'));
    assert.deepEqual(found.filter((f) => /^(non-retryable-retried|retry-ignores-retry-after)/.test(f)), []);
  });
});
