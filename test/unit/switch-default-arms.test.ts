/**
 * A C# switch expression on the status is a chain of cases: each arm (`HttpStatusCode.TooManyRequests =>
 * Task.Delay(d)`) takes its statuses, and the discard arm (`_ => throw …`) takes what no arm names. In a retry helper
 * named for retrying, that arm gives a 502 or a 504 up on its first attempt: `retryable-treated-as-final` there.
 * Kotlin's `else ->` arm of a `when` on the status is such a default arm too.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const helper = `using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

public static class Resend
{
    public static async Task<HttpResponseMessage> Retry(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var res = await send();
            if (res.IsSuccessStatusCode)
            {
                return res;
            }
            await (res.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => Task.Delay(TimeSpan.FromSeconds(attempt * attempt)),
                HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError => Task.Delay(TimeSpan.FromSeconds(attempt * attempt)),
                _ => throw new HttpRequestException(res.ReasonPhrase)
            });
        }
        throw new InvalidOperationException("gave up");
    }
}
`;

const everyTransient = helper.replace('HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError =>', 'HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout =>');

describe('C# switch expression arms on the status', () => {
  it('reports the discard arm that throws the statuses no arm retries', async () => {
    assert.deepEqual(await ruleLines('csharp', helper, 'retryable-treated-as-final'), [21]);
  });

  it('says nothing when the arms retry every transient status', async () => {
    assert.deepEqual(await ruleLines('csharp', everyTransient, 'retryable-treated-as-final'), []);
  });
});

const kotlinWhen = `package demo

import kotlinx.coroutines.delay
import okhttp3.OkHttpClient
import okhttp3.Request

class Fetcher(private val client: OkHttpClient) {
    suspend fun fetch(url: String): String {
        var attempt = 0
        while (attempt < 4) {
            attempt++
            client.newCall(Request.Builder().url(url).build()).execute().use { response ->
                when (response.code) {
                    200 -> return response.body!!.string()
                    429, 503 -> delay(1000L * attempt)
                    else -> throw IllegalStateException("status " + response.code)
                }
            }
        }
        throw IllegalStateException("gave up")
    }
}
`;

describe("Kotlin's else arm of a when on the status", () => {
  it('reports the else arm that throws the statuses no arm retries', async () => {
    assert.deepEqual(await ruleLines('kotlin', kotlinWhen, 'retryable-treated-as-final'), [16]);
  });
});
