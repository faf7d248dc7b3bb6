import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { openDoc, testService } from '../support/serviceHarness';

/**
 * no-retry-on-request follows a response handed to a function of the same file that checks it (`validate(r)`), stays
 * silent where the give-up a 429 or 503 reaches hands the caller a typed error keeping the status (the branch's last
 * statement after a nested test of its own; Ruby's `raise ServerError, response`), and where a Session mounts an
 * adapter another module builds.
 */
async function rulesByLine(language: LanguageId, text: string): Promise<Array<[number, string]>> {
  const service = testService();
  const uri = await openDoc(language, text, service);
  try {
    return service.diagnostics(uri).map((f) => [f.range.start.line + 1, f.rule] as [number, string]);
  } finally {
    service.close(uri);
  }
}

const noRetryLines = async (language: LanguageId, text: string): Promise<number[]> =>
  (await rulesByLine(language, text)).filter(([, rule]) => rule === 'no-retry-on-request').map(([line]) => line);

const HANDED = `import requests

def ensure_ok(response):
    if not response.ok:
        raise RuntimeError("request failed")

def check_transient(resp):
    if resp.status_code == 503:
        raise RuntimeError("try later")
    if resp.status_code != 200:
        raise RuntimeError("failed")

def keep_error(resp):
    if not resp.ok:
        raise OrderError(resp)

def place_order(order):
    r = requests.post("https://shop.example/orders", json=order, timeout=10)
    ensure_ok(r)
    return r.json()

def cancel_order(order_id):
    r = requests.post("https://shop.example/cancel", json={"id": order_id}, timeout=10)
    check_transient(r)

def refund_order(order_id):
    r = requests.post("https://shop.example/refund", json={"id": order_id}, timeout=10)
    keep_error(r)
`;

describe('no-retry-on-request: responses handed to a helper of the file', () => {
  it('reports the hand-over to a helper that raises a plain error on any failure', async () => {
    assert.deepEqual(await noRetryLines('python', HANDED), [19]);
  });

  it('leaves a helper that picks out a retryable code to retryable-treated-as-final', async () => {
    const found = await rulesByLine('python', HANDED);
    assert.ok(found.some(([line, rule]) => line === 8 && rule === 'retryable-treated-as-final'));
    assert.ok(!found.some(([line, rule]) => line === 24 && rule === 'no-retry-on-request'));
  });

  it('stays silent when the helper raises an error that keeps the response', async () => {
    assert.ok(!(await noRetryLines('python', HANDED)).includes(28));
  });
});

const CSHARP = `using System.Net.Http;
public class Orders {
  private readonly HttpClient _http = new HttpClient();
  public async Task Place(string body) {
    var response = await _http.PostAsync("https://shop.example/orders", new StringContent(body));
    if (!response.IsSuccessStatusCode) {
      if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized) {
        throw new LoginRequiredException("sign in again");
      }
      throw new OrderApiException(response.StatusCode, "order failed");
    }
  }
  public async Task Cancel(string body) {
    var response = await _http.PostAsync("https://shop.example/cancel", new StringContent(body));
    if (!response.IsSuccessStatusCode) {
      if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized) {
        throw new LoginRequiredException("sign in again");
      }
      throw new InvalidOperationException("cancel failed");
    }
  }
}
`;

const RUBY = `require "httparty"

class Orders
  def place(order)
    r = HTTParty.post("https://shop.example/orders", body: order.to_json, timeout: 5)
    if r.code >= 400
      raise Shop::ServerError, r
    end
    r
  end

  def cancel(order)
    r = HTTParty.post("https://shop.example/cancel", body: order.to_json, timeout: 5)
    if r.code >= 400
      raise "cancel failed with #{r.code}"
    end
    r
  end
end
`;

describe('no-retry-on-request: the give-up a transient failure reaches', () => {
  it('reads the failure branch last statement when a nested test throws first (C#)', async () => {
    assert.deepEqual(await noRetryLines('csharp', CSHARP), [15]);
  });

  it("reads Ruby's raise of a class with the response as a typed error", async () => {
    assert.deepEqual(await noRetryLines('ruby', RUBY), [14]);
  });
});

const MOUNTED = `import requests
from shared.transport import retrying_adapter

http = requests.Session()
http.mount("https://", retrying_adapter)

def publish(event):
    r = http.post("https://hooks.example/events", json=event, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("not published")
`;

describe('no-retry-on-request: adapters built in another module', () => {
  it('counts a Session mounting an imported adapter as retrying', async () => {
    assert.deepEqual(await noRetryLines('python', MOUNTED), []);
    assert.deepEqual(await noRetryLines('python', MOUNTED.replace('from shared.transport import retrying_adapter', 'retrying_adapter = object()')), [9]);
  });
});
