/**
 * A `while True` retry that steps a counter is capped only when something compares that counter (an exit's
 * condition, a catch filter) or hands it to a call that decides; a counter that only grows the wait caps nothing.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const py = (guard: string) => `import time

import openai


def ask(client, messages):
    trial = 0
    while True:
        try:
            return client.chat.completions.create(model="m", messages=messages)
        except openai.RateLimitError:
${guard}            time.sleep(2**trial)
            trial += 1
`;

const cs = (filter: string) => `using System;
using System.Threading.Tasks;

public static class Retries
{
    public static async Task<T> WithRateLimitRetryAsync<T>(Func<Task<T>> operation, int maxRetries = 3)
    {
        var attempts = 0;
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (RateLimitExceededException ex)${filter}
            {
                attempts++;
                await Task.Delay(ex.RetryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempts)));
            }
        }
    }
}
`;

async function noCap(language: 'python' | 'csharp', text: string): Promise<boolean> {
  return (await diagnosticsOf(language, text)).some((f) => f.rule === 'retry-without-backoff' && /no cap on attempts/.test(f.message));
}

describe('counters that cap a retry', () => {
  it('reports a counter that only grows the wait', async () => {
    assert.equal(await noCap('python', py('')), true);
  });

  it('leaves a counter an exit compares', async () => {
    assert.equal(await noCap('python', py('            if trial > 5:\n                raise\n')), false);
  });

  it('leaves a counter a catch filter compares (C# when)', async () => {
    assert.equal(await noCap('csharp', cs(' when (attempts < maxRetries)')), false);
  });
});
