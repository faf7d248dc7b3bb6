import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';
import type { LanguageId } from '../../server/src/service/types';

/** 1-based lines of the file's unsafe-retry findings. */
async function unsafeLines(language: LanguageId, text: string): Promise<number[]> {
  return (await diagnosticsOf(language, text)).filter((f) => f.rule === 'unsafe-retry').map((f) => f.range.start.line + 1);
}

/** A line number of the first line holding `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

/** A Go carrier client: go-retryablehttp behind a sender whose callers pick the method, one of them booking a pickup (POST). */
const carrier = [
  "package shipping",
  "",
  "import (",
  "\t\"bytes\"",
  "\t\"encoding/json\"",
  "\t\"net/http\"",
  "\t\"time\"",
  "",
  "\t\"github.com/hashicorp/go-retryablehttp\"",
  ")",
  "",
  "type Carrier struct {",
  "\thttp    *http.Client",
  "\tbaseURL string",
  "}",
  "",
  "func NewCarrier(base string) *Carrier {",
  "\trc := retryablehttp.NewClient()",
  "\trc.RetryMax = 5",
  "\trc.HTTPClient.Timeout = 20 * time.Second",
  "\treturn &Carrier{http: rc.StandardClient(), baseURL: base}",
  "}",
  "",
  "func (c *Carrier) send(method, path string, payload any) (*http.Response, error) {",
  "\tbuf, _ := json.Marshal(payload)",
  "\treq, err := http.NewRequest(method, c.baseURL+path, bytes.NewReader(buf))",
  "\tif err != nil {",
  "\t\treturn nil, err",
  "\t}",
  "\treturn c.http.Do(req)",
  "}",
  "",
  "func (c *Carrier) BookPickup(p any) error {",
  "\tresp, err := c.send(http.MethodPost, \"/pickups\", p)",
  "\tif err != nil {",
  "\t\treturn err",
  "\t}",
  "\tdefer resp.Body.Close()",
  "\treturn nil",
  "}",
].join('\n');

/** A typed .NET client registered with a Polly transient-error retry, issuing invoices by POST. */
const invoicing = [
  "using System.Net.Http;",
  "using System.Net.Http.Json;",
  "using Microsoft.Extensions.DependencyInjection;",
  "using Polly;",
  "using Polly.Extensions.Http;",
  "",
  "namespace Billing;",
  "",
  "public static class Registration",
  "{",
  "    public static IServiceCollection AddInvoicing(this IServiceCollection services)",
  "    {",
  "        services.AddHttpClient<InvoiceGateway>()",
  "            .AddPolicyHandler(HttpPolicyExtensions",
  "                .HandleTransientHttpError()",
  "                .WaitAndRetryAsync(4, n => TimeSpan.FromSeconds(Math.Pow(2, n))));",
  "        return services;",
  "    }",
  "}",
  "",
  "public class InvoiceGateway",
  "{",
  "    private readonly HttpClient _http;",
  "    public InvoiceGateway(HttpClient http) { _http = http; }",
  "",
  "    public async Task IssueAsync(object invoice)",
  "    {",
  "        var resp = await _http.PostAsJsonAsync(\"invoices\", invoice);",
  "        resp.EnsureSuccessStatusCode();",
  "    }",
  "}",
].join('\n');

/** A Ktor client retrying exceptions and 5xx, placing orders by POST. */
const orders = [
  "package demo.orders",
  "",
  "import io.ktor.client.HttpClient",
  "import io.ktor.client.plugins.HttpRequestRetry",
  "import io.ktor.client.request.post",
  "import io.ktor.client.request.setBody",
  "",
  "class OrdersApi {",
  "    private val client = HttpClient {",
  "        install(HttpRequestRetry) {",
  "            retryOnExceptionOrServerErrors(maxRetries = 4)",
  "            exponentialDelay()",
  "        }",
  "    }",
  "",
  "    suspend fun placeOrder(order: String) {",
  "        client.post(\"https://shop.example/orders\") { setBody(order) }",
  "    }",
  "}",
].join('\n');

/** axios-retry with a condition that admits network errors and 5xx whatever the method; tickets opened by POST. */
const tickets = [
  "import axios from 'axios';",
  "import axiosRetry from 'axios-retry';",
  "",
  "const api = axios.create({ baseURL: 'https://tickets.example', timeout: 8000 });",
  "axiosRetry(api, {",
  "  retries: 4,",
  "  retryDelay: axiosRetry.exponentialDelay,",
  "  retryCondition: (error) => axiosRetry.isNetworkError(error) || (error.response?.status ?? 0) >= 500,",
  "});",
  "",
  "export async function openTicket(subject: string) {",
  "  const res = await api.post('/tickets', { subject });",
  "  return res.data;",
  "}",
].join('\n');

/** A Guzzle stack whose decider retries connection errors and 5xx and never reads the method; shipments created by POST. */
const relay = [
  "<?php",
  "namespace Relay;",
  "",
  "use GuzzleHttp\\Client;",
  "use GuzzleHttp\\HandlerStack;",
  "use GuzzleHttp\\Middleware;",
  "use GuzzleHttp\\Exception\\ConnectException;",
  "",
  "class Relay",
  "{",
  "    private Client $client;",
  "",
  "    public function __construct()",
  "    {",
  "        $stack = HandlerStack::create();",
  "        $stack->push(Middleware::retry(function ($attempt, $request, $response = null, $error = null) {",
  "            if ($attempt >= 3) {",
  "                return false;",
  "            }",
  "            return $error instanceof ConnectException || ($response && $response->getStatusCode() >= 500);",
  "        }, function ($attempt) { return 1000 * 2 ** $attempt; }));",
  "        $this->client = new Client(['handler' => $stack, 'timeout' => 15]);",
  "    }",
  "",
  "    public function createShipment(array $data)",
  "    {",
  "        return $this->client->post('/shipments', ['json' => $data]);",
  "    }",
  "}",
].join('\n');

describe('unsafe-retry where a method-blind retry policy is configured (methodBlindPolicies.ts)', () => {
  it('reports go-retryablehttp where its client is handed over, when the file builds requests with its callers\' method', async () => {
    assert.deepEqual(await unsafeLines('go', carrier), [lineOf(carrier, 'StandardClient()')]);
  });

  it('stays silent for go-retryablehttp when every request of the file is a GET', async () => {
    const reads = carrier
      .replace('func (c *Carrier) send(method, path string, payload any)', 'func (c *Carrier) send(path string, payload any)')
      .replace('http.NewRequest(method,', 'http.NewRequest(http.MethodGet,')
      .replace('c.send(http.MethodPost, "/pickups", p)', 'c.send("/parcels", p)');
    assert.deepEqual(await unsafeLines('go', reads), []);
  });

  it('keeps go-retryablehttp when its transport is wrapped over several lines, not replaced', async () => {
    const wrapped = carrier.replace('return &Carrier{http: rc.StandardClient(), baseURL: base}', 'std := rc.StandardClient()\n\tstd.Transport = &tracingTransport{\n\t\tinner: std.Transport,\n\t}\n\treturn &Carrier{http: std, baseURL: base}');
    assert.deepEqual(await unsafeLines('go', wrapped), [lineOf(wrapped, 'StandardClient()')]);
    const replaced = wrapped.replace('inner: std.Transport,', 'inner: http.DefaultTransport,');
    assert.deepEqual(await unsafeLines('go', replaced), []);
  });

  it('stays silent when the CheckRetry the file installs reads the request method', async () => {
    const guarded = carrier.replace('\trc.RetryMax = 5', '\trc.RetryMax = 5\n\trc.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {\n\t\tif resp != nil && resp.Request.Method == http.MethodPost {\n\t\t\treturn false, nil\n\t\t}\n\t\treturn retryablehttp.DefaultRetryPolicy(ctx, resp, err)\n\t}');
    assert.deepEqual(await unsafeLines('go', guarded), []);
  });

  it('reports a Polly transient-error retry once, at the policy, not at the POST', async () => {
    assert.deepEqual(await unsafeLines('csharp', invoicing), [lineOf(invoicing, '.AddPolicyHandler(HttpPolicyExtensions')]);
  });

  it('stays silent for a Polly policy chosen by the request method', async () => {
    const byMethod = invoicing.replace('.AddPolicyHandler(HttpPolicyExtensions', '.AddPolicyHandler(request => request.Method == HttpMethod.Get ? HttpPolicyExtensions');
    const text = byMethod.replace('n => TimeSpan.FromSeconds(Math.Pow(2, n))));', 'n => TimeSpan.FromSeconds(Math.Pow(2, n))) : Policy.NoOpAsync<HttpResponseMessage>());');
    assert.ok(!(await unsafeLines('csharp', text)).includes(lineOf(text, 'HandleTransientHttpError')));
  });

  it('reports Ktor HttpRequestRetry on server errors for a client that POSTs', async () => {
    assert.deepEqual(await unsafeLines('kotlin', orders), [lineOf(orders, 'install(HttpRequestRetry)')]);
  });

  it('stays silent for Ktor when the client only reads', async () => {
    const reads = orders.replace('import io.ktor.client.request.post', 'import io.ktor.client.request.get').replace('client.post("https://shop.example/orders") { setBody(order) }', 'client.get("https://shop.example/orders/$order")');
    assert.deepEqual(await unsafeLines('kotlin', reads), []);
  });

  it('reports axios-retry whose written condition ignores the method, and not its default or a method-aware one', async () => {
    assert.deepEqual(await unsafeLines('typescript', tickets), [lineOf(tickets, 'axiosRetry(api')]);
    const idempotentOnly = tickets.replace(/retryCondition: .*\n/, 'retryCondition: axiosRetry.isIdempotentRequestError,\n');
    assert.deepEqual(await unsafeLines('typescript', idempotentOnly), []);
    const byDefault = tickets.replace(/  retryCondition: .*\n/, '');
    assert.deepEqual(await unsafeLines('typescript', byDefault), []);
  });

  it('reports a Guzzle retry decider that never reads the method, and not one that does', async () => {
    assert.deepEqual(await unsafeLines('php', relay), [lineOf(relay, 'Middleware::retry')]);
    const aware = relay.replace('if ($attempt >= 3) {', "if ($attempt >= 3 || $request->getMethod() !== 'GET') {");
    assert.deepEqual(await unsafeLines('php', aware), []);
  });

  it('stays silent when the file sends an Idempotency-Key', async () => {
    const keyed = relay.replace("['json' => $data]", "['json' => $data, 'headers' => ['Idempotency-Key' => $data['ref']]]");
    assert.deepEqual(await unsafeLines('php', keyed), []);
  });
});
