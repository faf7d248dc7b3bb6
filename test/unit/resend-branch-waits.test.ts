/**
 * A function that re-sends itself from two branches, each with its own wait: the 429 branch waits what Retry-After
 * says (bound by a pattern, `… is TimeSpan wait`), the 502 branch a fixed half second. Each branch is judged by its
 * own wait, so the fixed one is reported and the one that honours the header is not.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const twoBranches = `using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

public class Subtitles
{
    private readonly HttpClient _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<HttpResponseMessage> Fetch(string url, int attempt)
    {
        var response = await _http.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5 && response.Headers.RetryAfter?.Delta is TimeSpan wait)
        {
            await Task.Delay(wait);
            return await Fetch(url, attempt + 1);
        }
        if (response.StatusCode == HttpStatusCode.BadGateway && attempt < 5)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return await Fetch(url, attempt + 1);
        }
        return response;
    }
}
`;

describe('re-sends judged by their own branch\'s wait', () => {
  it('reports the fixed wait of the 502 branch only', async () => {
    assert.deepEqual(await ruleLines('csharp', twoBranches, 'retry-without-backoff'), [20]);
  });
});
