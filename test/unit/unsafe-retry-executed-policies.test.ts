import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/*
 * unsafe-retry: a retry policy the file builds and runs by hand retries what it runs. A Polly policy executed around a
 * status poll (`_statusRetry.ExecuteAsync(() => StatusAsync(id, ct))`) does not re-send the POST the same client sends
 * elsewhere in the file; executed around the submit, it does. (Java's resilience4j and Python's tenacity `Retrying`
 * were already read this way: their operation is the one handed to them.)
 */
describe('unsafe-retry: policies run by hand cover what they run', () => {
  const polly = (operation: string) => `using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

public class JobsClient
{
    private readonly HttpClient _http;
    private readonly AsyncRetryPolicy _statusRetry = Policy
        .Handle<HttpRequestException>()
        .WaitAndRetryAsync(5, n => TimeSpan.FromSeconds(Math.Pow(2, n)));

    public JobsClient(HttpClient http) { _http = http; }

    private async Task<HttpResponseMessage> DispatchAsync(HttpRequestMessage message, CancellationToken ct)
    {
        var response = await _http.SendAsync(message, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{message.Method} failed: {response.StatusCode}");
        return response;
    }

    public async Task<string> SubmitAsync(string json, CancellationToken ct)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/jobs") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await DispatchAsync(message, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<string> StatusAsync(string id, CancellationToken ct)
    {
        var response = await DispatchAsync(new HttpRequestMessage(HttpMethod.Get, $"/jobs/{id}"), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<string> WaitAsync(string id, CancellationToken ct)
    {
        while (true)
        {
            var state = await _statusRetry.ExecuteAsync(() => ${operation}(id, ct));
            if (state.Contains("done")) return state;
            await Task.Delay(5000, ct);
        }
    }
}`;

  it('C#: a Polly policy executed around a GET poll does not make the shared sender re-send writes', async () => {
    assert.deepEqual(await ruleLines('csharp', polly('StatusAsync'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('csharp', polly('SubmitAsync'), 'unsafe-retry'), [20]);
  });

  it('C#: a POST the executed operations never reach is sent once; one they reach is retried', async () => {
    const text = (member: string) => `using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Polly;

public class OrdersGateway
{
    private readonly HttpClient _http;
    private readonly IAsyncPolicy _retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));

    public OrdersGateway(HttpClient http) { _http = http; }

    public Task<HttpResponseMessage> PlaceAsync(string json) =>
        _http.PostAsync("/orders", new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<string> ReadAsync(string id) => _http.GetStringAsync($"/orders/{id}");

    ${member}
}`;
    assert.deepEqual(await ruleLines('csharp', text('public Task<string> ReadPatientlyAsync(string id) => _retry.ExecuteAsync(() => ReadAsync(id));'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('csharp', text('public Task<HttpResponseMessage> PlacePatientlyAsync(string json) => _retry.ExecuteAsync(() => PlaceAsync(json));'), 'unsafe-retry'), [15]);
  });

  it('C#: a policy put into the client pipeline still covers every request of the file', async () => {
    const text = `using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Polly;

public static class Wiring
{
    public static void Register(IServiceCollection services) =>
        services.AddHttpClient<Payments>().AddPolicyHandler(Policy<HttpResponseMessage>.Handle<HttpRequestException>().WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n)));
}

public class Payments
{
    private readonly HttpClient _http;
    public Payments(HttpClient http) { _http = http; }
    public Task<HttpResponseMessage> ChargeAsync(string json) => _http.PostAsync("/charges", new StringContent(json, Encoding.UTF8, "application/json"));
    public Task<string> ReadAsync(string id) => Policy.Handle<HttpRequestException>().RetryAsync(2).ExecuteAsync(() => _http.GetStringAsync($"/charges/{id}"));
}`;
    assert.equal((await ruleLines('csharp', text, 'unsafe-retry')).length, 1);
  });

  it('Java and Python: an operation handed to resilience4j or tenacity Retrying that only reads is not reported', async () => {
    const java = `import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

public class ReportsClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Retry lookups = Retry.ofDefaults("lookups");
    private final String base;

    public ReportsClient(String base) { this.base = base; }

    private String exchange(String verb, String path, String body) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(verb, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() >= 500) throw new IllegalStateException("server said " + res.statusCode());
            return res.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String requestReport(String spec) { return exchange("POST", "/reports", spec); }

    public String reportState(String id) { return exchange("GET", "/reports/" + id, null); }

    public String pollState(String id) {
        Supplier<String> attempt = Retry.decorateSupplier(lookups, () -> reportState(id));
        return attempt.get();
    }
}`;
    assert.deepEqual(await ruleLines('java', java, 'unsafe-retry'), []);
    const python = `import requests
from tenacity import Retrying, stop_after_attempt, wait_exponential, retry_if_exception_type


class ExportsClient:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()

    def _call(self, method, path, payload=None):
        r = self.session.request(method, self.base + path, json=payload, timeout=15)
        r.raise_for_status()
        return r.json()

    def start_export(self, spec):
        return self._call("POST", "/exports", spec)

    def export_state(self, export_id):
        return self._call("GET", f"/exports/{export_id}")

    def wait_for(self, export_id):
        for attempt in Retrying(stop=stop_after_attempt(4), wait=wait_exponential(max=20), retry=retry_if_exception_type(requests.RequestException)):
            with attempt:
                return self.export_state(export_id)
`;
    assert.deepEqual(await ruleLines('python', python, 'unsafe-retry'), []);
  });
});
