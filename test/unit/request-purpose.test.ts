/**
 * What a request is for, read from its function's name and its URL: a POST that only asks or only computes an
 * answer (a search, a translation, a rendering, a conversion) changes nothing when it is sent twice, so retrying it
 * is no unsafe retry; one that creates something is.
 */
import * as assert from 'node:assert/strict';
import { queriesOnly, servedFromCache } from '../../server/src/service/diagnostics/requestPurpose';
import { ruleLines } from '../support/serviceHarness';

describe('request purpose', () => {
  it('reads a function named for asking or computing, past a retry prefix, and not one that also writes', () => {
    for (const name of ['findStaffByIds', 'search_notes', '_retry_translate', 'tryRender', 'convertWordDocToPdf', 'classify_ticket', 'embedChunks']) {
      assert.equal(queriesOnly(name, ''), true, name);
    }
    for (const name of ['create_invoice', 'submitRenderRequest', 'retry_upload', 'translateAndSave', 'send_batch', undefined]) {
      assert.equal(queriesOnly(name, ''), false, String(name));
    }
  });

  it('reads a function that looks its answer up in a cache first as one that asks', () => {
    assert.equal(servedFromCache('const hit = this.cache?.get<T>(cacheKey); if (hit) return hit; const r = await this.axios.post(url, query);'), true);
    assert.equal(servedFromCache('cached = redis_cache.get(key)'), true);
    assert.equal(servedFromCache('await this.axios.post(url, order); this.cache.delete(order.id);'), false);
  });

  it('leaves a cached POST whose failure a catch lets go (a read, reported only with reads on)', async () => {
    const text = `export class Feed {
  async latest(query: string) {
    const hit = this.cache.get(query);
    if (hit) return hit;
    const res = await this.http.post('/graphql', { query }).catch((e) => {
      console.warn('feed query failed', e);
      return undefined;
    });
    this.cache.set(query, res?.data);
    return res?.data;
  }
}
`;
    assert.deepEqual(await ruleLines('typescript', text, 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('typescript', text.replace("const hit = this.cache.get(query);\n    if (hit) return hit;\n", ''), 'no-retry-on-request'), [3]);
  });

  it('reads a URL segment that asks or computes', () => {
    assert.equal(queriesOnly('submitRenderRequest', 'client.post().uri("/subject-access-request/render")'), true);
    assert.equal(queriesOnly('send', 'http.post("https://docs.example.com/forms/office/convert", body)'), true);
    assert.equal(queriesOnly('send', 'http.post("https://docs.example.com/forms/office/upload", body)'), false);
  });

  const loop = (name: string, path: string) => `import time
import requests

session = requests.Session()


def ${name}(payload):
    for attempt in range(5):
        r = session.post("https://api.example.com${path}", json=payload, timeout=10)
        if r.status_code in (502, 503, 504):
            time.sleep(2 ** attempt)
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError("gave up")
`;

  it('reports a retried POST that creates something', async () => {
    assert.deepEqual(await ruleLines('python', loop('create_invoice', '/invoices'), 'unsafe-retry'), [9]);
  });

  it('leaves a retried POST that only translates or renders', async () => {
    assert.deepEqual(await ruleLines('python', loop('_retry_translate', '/v2/text'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', loop('send_batch', '/v1/render'), 'unsafe-retry'), []);
  });

  it('leaves a retried POST of telemetry (log lines, metrics): a duplicate is tolerated as a loss is', async () => {
    assert.deepEqual(await ruleLines('python', loop('send_log_events', '/v1/logs'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', loop('post_metrics', '/v1/series'), 'unsafe-retry'), []);
  });

  const mounted = (call: string) => `import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class Candles:
    def __init__(self):
        self.session = requests.Session()
        retries = Retry(total=3, backoff_factor=1, status_forcelist=[429, 503], allowed_methods=["HEAD", "GET", "POST"])
        self.session.mount("https://", HTTPAdapter(max_retries=retries))

    def place(self, payload):
        return self.session.${call}("https://api.example.com/v5/order", json=payload, timeout=10)
`;

  it('reports a retry allowed to resend POST only where the file sends one through it', async () => {
    assert.deepEqual(await ruleLines('python', mounted('post'), 'unsafe-retry'), [9]);
    assert.deepEqual(await ruleLines('python', mounted('get'), 'unsafe-retry'), []);
  });
});
