/**
 * A catch clause that names a transient failure and ends it where nothing retries anything: a status class picked
 * out (`catch (HttpServerErrorException.ServiceUnavailable e)`, `rescue Faraday::TooManyRequestsError`), a network
 * failure dropped (Ruby's rescue too, Spring's ResourceAccessException, .NET's TaskCanceledException) — and what keeps
 * such a clause silent: a raise that keeps the failure, a class caught with a whole family, an exception filter that
 * lets in refusals only, and a request whose every failure meets the same fate (no-retry-on-request's).
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const RULE = 'retryable-treated-as-final';

const spring = (clause: string, body: string) => `package shop.stock;

import java.util.Optional;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestTemplate;

public class ShelfClient {
    private final RestTemplate rest = new RestTemplate();

    public Optional<String> shelf(String id) {
        try {
            return Optional.ofNullable(rest.getForObject("https://stock.example/shelves/" + id, String.class));
        } catch (${clause} failure) {
${body}
        }
    }
}
`;

describe('transient failures a catch clause ends, nothing retrying', () => {
  it('reports a Spring status class picked out and dropped', async () => {
    assert.deepEqual(await ruleLines('java', spring('HttpClientErrorException.TooManyRequests', '            return Optional.empty();'), RULE), [15]);
  });

  it('reports a status class thrown on as a generic error that keeps nothing of it', async () => {
    assert.deepEqual(await ruleLines('java', spring('HttpServerErrorException.ServiceUnavailable', '            throw new IllegalStateException("shelves unavailable");'), RULE), [15]);
  });

  it('leaves a status class thrown on with the failure as its cause', async () => {
    assert.deepEqual(await ruleLines('java', spring('HttpServerErrorException.ServiceUnavailable', '            throw new IllegalStateException("shelves unavailable", failure);'), RULE), []);
  });

  it("reports Spring's ResourceAccessException (a refused or timed-out connection) dropped", async () => {
    assert.deepEqual(await ruleLines('java', spring('ResourceAccessException', '            return Optional.empty();'), RULE), [15]);
  });

  it('reports the .NET HttpClient timeout dropped', async () => {
    const csharp = `using System.Net.Http;
using System.Threading.Tasks;

public class ShelfClient
{
    private readonly HttpClient _http;
    public ShelfClient(HttpClient http) { _http = http; }

    public async Task<string?> ShelfAsync(string id)
    {
        try
        {
            return await _http.GetStringAsync($"shelves/{id}");
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
`;
    assert.deepEqual(await ruleLines('csharp', csharp, RULE), [15]);
  });
});

describe('C# exception filters', () => {
  const filtered = (filter: string) => `using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

public class PluginClient
{
    private readonly HttpClient _http;
    public PluginClient(HttpClient http) { _http = http; }

    public async Task<string?> VersionAsync(string slug)
    {
        try
        {
            return await _http.GetStringAsync($"plugins/{slug}");
        }
        catch (HttpRequestException ex) when (${filter})
        {
            return null;
        }
    }
}
`;

  it('leaves a clause whose filter lets in a 404 only', async () => {
    assert.deepEqual(await ruleLines('csharp', filtered('ex.StatusCode == HttpStatusCode.NotFound'), RULE), []);
  });

  it('reports a clause whose filter lets a 503 in', async () => {
    assert.deepEqual(await ruleLines('csharp', filtered('ex.StatusCode == HttpStatusCode.ServiceUnavailable'), RULE), [16]);
  });

  it('reports a clause whose filter lets in everything but a 404', async () => {
    assert.deepEqual(await ruleLines('csharp', filtered('ex.StatusCode != HttpStatusCode.NotFound'), RULE), [16]);
  });
});

describe("Ruby's rescue", () => {
  const client = (rescue: string) => `require 'faraday'

class LedgerClient
  def initialize
    @conn = Faraday.new(url: 'https://ledger.example') { |f| f.response :raise_error }
  end

  def balance(account)
    @conn.get("/balances/#{account}").body
${rescue}
  end
end
`;

  it('reports a method rescue that turns a 429 into nil', async () => {
    assert.deepEqual(await ruleLines('ruby', client('  rescue Faraday::TooManyRequestsError\n    nil'), RULE), [10]);
  });

  it('reports a method rescue that logs a timeout and answers nil', async () => {
    const rescue = "  rescue Faraday::TimeoutError, Faraday::ConnectionFailed => e\n    warn(\"balance lookup failed: #{e.message}\")\n    nil";
    assert.deepEqual(await ruleLines('ruby', client(rescue), RULE), [10]);
  });

  it('leaves a rescue that raises an error of its own keeping the failure', async () => {
    assert.deepEqual(await ruleLines('ruby', client('  rescue Faraday::TooManyRequestsError => e\n    raise LedgerBusy.new(e)'), RULE), []);
  });

  it('leaves a 429 rescued with the whole 4xx family: a fallback for any failure', async () => {
    assert.deepEqual(await ruleLines('ruby', client('  rescue Faraday::ClientError, Faraday::TooManyRequestsError\n    []'), RULE), []);
  });

  it('leaves a rescue inside a method that goes on after it', async () => {
    const text = `require 'faraday'

class LedgerClient
  def balance(account)
    conn = Faraday.new(url: 'https://ledger.example') { |f| f.response :raise_error }
    body = begin
      conn.get("/balances/#{account}").body
    rescue Faraday::TimeoutError
      nil
    end
    body || cached_balance(account)
  end
end
`;
    assert.deepEqual(await ruleLines('ruby', text, RULE), []);
  });

  it('leaves a timeout dropped like every failure status of the same request', async () => {
    const text = `require 'faraday'

class AssistantClient
  def complete(path, body)
    conn = Faraday.new(url: 'https://assistant.example')
    response = conn.post(path, body)
    return nil if failed_reply?(response)

    response.body
  rescue Faraday::TimeoutError => e
    warn("timed out: #{e.message}")
    nil
  end

  def failed_reply?(response)
    return false if response.status == 200
    warn("failed #{response.status}")
    true
  end
end
`;
    assert.deepEqual(await ruleLines('ruby', text, RULE), []);
  });
});

describe('a network failure sharing the fate of every failure status', () => {
  it('leaves a connection error answered False beside a success test answered as the result', async () => {
    const text = `import requests


def post_callback(url, body):
    try:
        result = requests.post(url, json=body, timeout=10)
    except requests.ConnectionError:
        return False
    return result.status_code == 200
`;
    assert.deepEqual(await ruleLines('python', text, RULE), []);
  });

  it('leaves a timeout answered with a result object that says what failed', async () => {
    const text = `import requests


class Delivery:
    def __init__(self, ok, error_text=""):
        self.ok = ok
        self.error_text = error_text


def deliver(url, body):
    try:
        r = requests.post(url, json=body, timeout=10)
        return Delivery(ok=r.ok)
    except requests.Timeout:
        return Delivery(ok=False, error_text="request timed out")
`;
    assert.deepEqual(await ruleLines('python', text, RULE), []);
  });

  it('still reports a timeout dropped where the failure statuses are raised', async () => {
    const text = `import requests


def read_profile(url):
    try:
        r = requests.get(url, timeout=10)
    except requests.Timeout:  # a slow profile service
        return None
    r.raise_for_status()
    return r.json()
`;
    assert.deepEqual(await ruleLines('python', text, RULE), [7]);
  });

  it('reads the caught name past a comment closing the clause line', async () => {
    const text = `import requests


def read_limits(url):
    try:
        r = requests.get(url, timeout=10)
    except requests.Timeout as exc:  # the proxy drops idle sockets
        raise RuntimeError("limits lookup timed out") from exc
    return r.json()
`;
    assert.deepEqual(await ruleLines('python', text, RULE), []);
  });
});
