import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/** Polly v8's plain RetryStrategyOptions reads no Retry-After; only a DelayGenerator could. */
const PIPELINE = `using System;
using System.Net;
using System.Net.Http;
using Polly;
using Polly.Retry;

public class Catalogue
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && (int)r.StatusCode >= 500),
            Delay = TimeSpan.FromSeconds(1),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
`;

const lines = (text: string): Promise<number[]> => ruleLines('csharp', text, 'retry-ignores-retry-after');

describe('Polly v8: RetryStrategyOptions retrying refusals', () => {
  it('reports a ShouldHandle that retries the 5xx class with no DelayGenerator', async () => {
    assert.deepEqual(await lines(PIPELINE), [12]);
  });

  it('reports a ShouldHandle naming TooManyRequests', async () => {
    const limited = PIPELINE.replace('(int)r.StatusCode >= 500', 'r.StatusCode == HttpStatusCode.TooManyRequests');
    assert.deepEqual(await lines(limited), [12]);
  });

  it('is silent when a DelayGenerator decides the wait', async () => {
    const generated = PIPELINE.replace('            UseJitter = true,', '            UseJitter = true,\n            DelayGenerator = args => ValueTask.FromResult(ServerWait(args.Outcome.Result)),');
    assert.deepEqual(await lines(generated), []);
  });

  it('is silent when ShouldHandle retries neither a 429 nor a 5xx', async () => {
    const timeouts = PIPELINE.replace('(int)r.StatusCode >= 500', 'r.StatusCode == HttpStatusCode.RequestTimeout');
    assert.deepEqual(await lines(timeouts), []);
  });

  it('leaves HttpRetryStrategyOptions to its own default (it waits for Retry-After)', async () => {
    const http = PIPELINE.replace('new RetryStrategyOptions<HttpResponseMessage>', 'new HttpRetryStrategyOptions').replace('using Polly.Retry;', 'using Polly.Retry;\nusing Microsoft.Extensions.Http.Resilience;');
    assert.deepEqual(await lines(http), []);
  });
});
