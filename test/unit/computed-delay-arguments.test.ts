/**
 * A call inside a delay's own argument (`Task.Delay(pause.BackOff(limit, round))`, `time.sleep(next_pause(n))`) only
 * computes how long the loop waits: it is no retry policy handed the decision to stop. The loop's cap is still asked
 * for, and the delay is read as the loop's.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const endlessCsharp = `using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

static class Again
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(8);

    public static async Task<string> Fetch(HttpClient http, string url, CancellationToken token)
    {
        int round = 0;
        do
        {
            round++;
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(Step.BackOff(Ceiling, round), token);
        }
        while (true);
    }
}
`;

const cappedCsharp = endlessCsharp.replace('while (true);', 'while (round < 6);');

const endlessPython = `import time
import requests


def next_pause(n):
    return min(30, 2 ** n)


def fetch(url):
    n = 0
    while True:
        n += 1
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            time.sleep(next_pause(n))
`;

describe('a call computing the delay inside the delay call', () => {
  it('still asks an endless C# loop for a cap', async () => {
    assert.deepEqual(await ruleLines('csharp', endlessCsharp, 'retry-without-backoff'), [14]);
  });

  it('is satisfied by a loop whose condition caps the rounds', async () => {
    assert.deepEqual(await ruleLines('csharp', cappedCsharp, 'retry-without-backoff'), []);
  });

  it("reads a Python sleep of a computed pause as the loop's own wait", async () => {
    assert.deepEqual(await ruleLines('python', endlessPython, 'retry-without-backoff'), [11]);
  });
});
