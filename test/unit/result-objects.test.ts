/**
 * A failure branch that returns a result object built to carry the response's status back
 * (`return new ServiceResult<T>(response.StatusCode, null, "Too many requests")`) hands the failure to its caller,
 * who can tell a 429 from a 404; one that keeps only a message gives the 429 up.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const service = (rateLimited: string) => `using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

public class BookService
{
    private readonly HttpClient _client;

    public BookService(HttpClient client) { _client = client; }

    public async Task<ServiceResult<string>> GetBookAsync(string id)
    {
        HttpResponseMessage response = await _client.GetAsync($"books/{id}");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            return ${rateLimited};
        return new ServiceResult<string>(response.StatusCode, await response.Content.ReadAsStringAsync(), null);
    }
}
`;

describe('result objects that carry the status back', () => {
  it('leaves a 429 handed back in a result object with the status', async () => {
    assert.deepEqual(await ruleLines('csharp', service('new ServiceResult<string>(response.StatusCode, null, "Too many requests")'), 'retryable-treated-as-final'), []);
  });

  it('reports a 429 turned into a result with a message only', async () => {
    assert.deepEqual(await ruleLines('csharp', service('new ServiceResult<string>(null, "Too many requests")'), 'retryable-treated-as-final'), [14]);
  });
});
