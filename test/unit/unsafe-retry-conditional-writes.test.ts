import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/*
 * unsafe-retry: a write that names the version it changes — a conditional request (`If-Match`,
 * `If-Unmodified-Since`) or a sender that turns the server's refusal of a stale version into an error the retry stops
 * on (409 Conflict as an optimistic-lock error, 412 Precondition Failed) — cannot be applied twice: the first copy
 * changes the version the second one names, and the server refuses the second (RFC 9110 §13.1.1; RFC 5789 §2).
 * Without that, the same retry of a POST or PATCH is still reported.
 */
describe('unsafe-retry: conditional writes and refused stale versions', () => {
  it('Python: a PATCH sent with If-Match in a retry loop is not reported; a POST without it is', async () => {
    const text = (verb: string, header: string) => [
      'import time',
      'import requests',
      '',
      'class ProfileStore:',
      '    def __init__(self, base):',
      '        self.base = base',
      '        self.http = requests.Session()',
      '',
      '    def rename(self, profile_id, name, etag):',
      '        for attempt in range(4):',
      '            try:',
      `                r = self.http.${verb}(f"{self.base}/profiles/{profile_id}", json={"name": name}, headers=${header}, timeout=10)`,
      '            except requests.ConnectionError:',
      '                time.sleep(2 ** attempt)',
      '                continue',
      '            if r.status_code in (502, 504):',
      '                time.sleep(2 ** attempt)',
      '                continue',
      '            return r',
      '        raise RuntimeError("gave up")',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('patch', '{"If-Match": etag}'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('post', '{"X-Trace": etag}'), 'unsafe-retry'), [12]);
  });

  it('TypeScript: fetch with an If-Match header re-sent on 5xx is not reported; a POST without it is', async () => {
    const text = (method: string, header: string) => [
      'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));',
      '',
      'export async function retitle(base: string, id: string, title: string, revision: string): Promise<Response> {',
      '  let lastError: unknown;',
      '  for (let attempt = 0; attempt < 5; attempt++) {',
      '    try {',
      '      const res = await fetch(`${base}/documents/${id}`, {',
      `        method: '${method}',`,
      `        headers: { 'Content-Type': 'application/json', ${header} },`,
      '        body: JSON.stringify({ title }),',
      '        signal: AbortSignal.timeout(10_000),',
      '      });',
      '      if (res.status >= 500) {',
      '        await sleep(500 * 2 ** attempt);',
      '        continue;',
      '      }',
      '      return res;',
      '    } catch (err) {',
      '      lastError = err;',
      '      await sleep(500 * 2 ** attempt);',
      '    }',
      '  }',
      '  throw lastError;',
      '}',
    ].join('\n');
    assert.deepEqual(await ruleLines('typescript', text('PATCH', "'If-Unmodified-Since': revision"), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('typescript', text('POST', "'X-Revision': revision"), 'unsafe-retry'), [7]);
  });

  it('Java and C#: the conditional header on the request builder or typed headers keeps the retry quiet', async () => {
    const java = (header: string, verb: string) => [
      'import java.io.IOException;',
      'import java.net.URI;',
      'import java.net.http.HttpClient;',
      'import java.net.http.HttpRequest;',
      'import java.net.http.HttpResponse;',
      'import java.time.Duration;',
      '',
      'public class QuotaClient {',
      '    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();',
      '',
      '    public HttpResponse<String> updateQuota(String base, String tenant, String json, String etag) throws Exception {',
      '        IOException last = null;',
      '        for (int attempt = 0; attempt < 4; attempt++) {',
      '            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/tenants/" + tenant))',
      '                    .timeout(Duration.ofSeconds(10))',
      `                    .header("${header}", etag)`,
      `                    .method("${verb}", HttpRequest.BodyPublishers.ofString(json))`,
      '                    .build();',
      '            try {',
      '                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());',
      '                if (res.statusCode() == 502 || res.statusCode() == 504) {',
      '                    Thread.sleep(1000L << attempt);',
      '                    continue;',
      '                }',
      '                return res;',
      '            } catch (IOException e) {',
      '                last = e;',
      '                Thread.sleep(1000L << attempt);',
      '            }',
      '        }',
      '        throw last;',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await ruleLines('java', java('If-Match', 'PATCH'), 'unsafe-retry'), []);
    assert.equal((await ruleLines('java', java('X-Tenant', 'POST'), 'unsafe-retry')).length, 1);
    const csharp = (header: string, method: string) => [
      'using System;',
      'using System.Net.Http;',
      'using System.Net.Http.Headers;',
      'using System.Text;',
      'using System.Threading.Tasks;',
      '',
      'public class InventoryClient',
      '{',
      '    private readonly HttpClient _http;',
      '    public InventoryClient(HttpClient http) { _http = http; }',
      '',
      '    public async Task<HttpResponseMessage> AdjustAsync(string sku, string json, string etag)',
      '    {',
      '        for (var attempt = 0; ; attempt++)',
      '        {',
      `            using var request = new HttpRequestMessage(HttpMethod.${method}, $"/stock/{sku}") {`,
      '                Content = new StringContent(json, Encoding.UTF8, "application/json"),',
      '            };',
      `            ${header}`,
      '            try',
      '            {',
      '                var response = await _http.SendAsync(request);',
      '                if ((int)response.StatusCode >= 500 && attempt < 3)',
      '                {',
      '                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));',
      '                    continue;',
      '                }',
      '                return response;',
      '            }',
      '            catch (HttpRequestException) when (attempt < 3)',
      '            {',
      '                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));',
      '            }',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await ruleLines('csharp', csharp('request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));', 'Patch'), 'unsafe-retry'), []);
    assert.equal((await ruleLines('csharp', csharp('request.Headers.Add("X-Sku", sku);', 'Post'), 'unsafe-retry')).length, 1);
  });

  it('Go: a transport helper whose sender turns 409 into a stale-version error the loop stops on re-sends no write twice', async () => {
    const text = (status: string) => [
      'package ledger',
      '',
      'import (',
      '\t"bytes"',
      '\t"context"',
      '\t"encoding/json"',
      '\t"errors"',
      '\t"net/http"',
      '\t"time"',
      ')',
      '',
      'var ErrStale = errors.New("ledger: refused")',
      '',
      'type Client struct {',
      '\tHTTP *http.Client',
      '\tBase string',
      '}',
      '',
      'func (c *Client) send(ctx context.Context, verb, path string, payload interface{}) (*http.Response, error) {',
      '\tvar buf bytes.Buffer',
      '\tjson.NewEncoder(&buf).Encode(payload)',
      '\treq, err := http.NewRequestWithContext(ctx, verb, c.Base+path, &buf)',
      '\tif err != nil {',
      '\t\treturn nil, err',
      '\t}',
      '\tres, err := c.HTTP.Do(req)',
      '\tif err != nil {',
      '\t\treturn nil, err',
      '\t}',
      `\tif res.StatusCode == ${status} {`,
      '\t\treturn res, ErrStale',
      '\t}',
      '\treturn res, nil',
      '}',
      '',
      'func (c *Client) sendPatiently(ctx context.Context, verb, path string, payload interface{}) (*http.Response, error) {',
      '\tfor {',
      '\t\tres, err := c.send(ctx, verb, path, payload)',
      '\t\tif err == ErrStale {',
      '\t\t\treturn res, err',
      '\t\t}',
      '\t\tif err != nil || res.StatusCode >= 500 {',
      '\t\t\ttime.Sleep(3 * time.Second)',
      '\t\t\tcontinue',
      '\t\t}',
      '\t\treturn res, nil',
      '\t}',
      '}',
      '',
      'func (c *Client) SaveEntry(ctx context.Context, id string, entry interface{}) error {',
      '\t_, err := c.sendPatiently(ctx, "POST", "/entries/"+id, entry)',
      '\treturn err',
      '}',
    ].join('\n');
    assert.deepEqual(await ruleLines('go', text('http.StatusConflict'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('go', text('http.StatusPreconditionFailed'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('go', text('http.StatusTeapot'), 'unsafe-retry'), [38]);
  });
});
