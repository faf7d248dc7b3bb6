/**
 * Polly policies whose result predicate takes any failed response (`r => !r.IsSuccessStatusCode`) retry 429 and 503
 * among the rest: without Retry-After they ignore it, and they retry 400/403/404 too — except a status the predicate
 * leaves out with `!=`. A sleep-duration list followed by an on-retry callback is still read.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const policy = (predicate: string) => `using System;
using System.Net;
using System.Net.Http;
using Polly;
using Polly.Retry;

public static class SyncPolicies
{
	public static AsyncRetryPolicy<HttpResponseMessage> Upload = Policy
		.HandleResult<HttpResponseMessage>(${predicate})
		.WaitAndRetryAsync(new[] { TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4) },
		(outcome, wait, attempt, context) => Console.WriteLine($"retry {attempt}"));
}
`;

const rules = async (predicate: string) => (await diagnosticsOf('csharp', policy(predicate))).map((d) => `${d.rule}:${d.range.start.line + 1}`).sort();

describe('Polly policies on any failed response', () => {
  it('reports the fixed schedule, the unread Retry-After and the client errors retried', async () => {
    assert.deepEqual(await rules('r => !r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.Unauthorized'), [
      'non-retryable-retried:9',
      'retry-ignores-retry-after:10',
      'retry-without-backoff:11',
    ]);
  });

  it('does not call a status left out with != retried', async () => {
    const found = await diagnosticsOf('csharp', policy('r => !r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.Unauthorized'));
    assert.ok(found.every((d) => !/\b401\b/.test(d.message)), found.map((d) => d.message).join('\n'));
  });

  it('leaves a predicate on server errors only to the other rules', async () => {
    assert.deepEqual((await rules('r => (int)r.StatusCode >= 500')).filter((r) => r.startsWith('non-retryable')), []);
  });
});
