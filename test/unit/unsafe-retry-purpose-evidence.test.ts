import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/*
 * unsafe-retry asks whether a second copy of the request can change something twice. These cases carry the
 * answer in the code around the request, not in its method: an answer kept in a cache, a retry kept to rate-limit
 * refusals, a client that only asks, a server that rejects a duplicate, a token endpoint.
 */
describe('unsafe-retry: what the code says about sending the request twice', () => {
  it('a function whose answer is memoised by a caching decorator asks for something: retrying its POST duplicates nothing', async () => {
    const text = (decorator: string) => [
      'import functools',
      'import httpx',
      'from tenacity import retry, stop_after_attempt, wait_exponential',
      '',
      decorator,
      '@retry(stop=stop_after_attempt(4), wait=wait_exponential(min=1, max=20))',
      'def geocode_batch(addresses):',
      '    resp = httpx.post(GEOCODER, json={"items": addresses}, timeout=30)',
      '    resp.raise_for_status()',
      '    return resp.json()',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('@functools.lru_cache(maxsize=256)'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('@memoize'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('# no cache'), 'unsafe-retry'), [6]);
  });

  it('a function that first looks the answer up in a store of earlier answers sends a question', async () => {
    const text = (lookup: string) => [
      'import time',
      'import requests',
      '',
      'def run_query(query_text):',
      `    earlier = ${lookup}`,
      '    if earlier is not None:',
      '        return earlier',
      '    for attempt in range(5):',
      '        r = requests.post(ENDPOINT, data={"q": query_text}, timeout=90)',
      '        if r.status_code in (429, 502, 504):',
      '            time.sleep(10 * 2 ** attempt)',
      '            continue',
      '        return r.json()',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('load_from_cache(query_text)'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('self.responses.get_cached(query_text)'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('remember(query_text)'), 'unsafe-retry'), [9]);
  });

  it('a retry wrapper named for rate limits re-sends what the server refused, which it never applied', async () => {
    const text = (wrapper: string) => [
      `import { ${wrapper} } from './net/retrying';`,
      '',
      'export class Ledger {',
      '  constructor(private http: any) {}',
      '  async addEntry(entry: unknown) {',
      `    return ${wrapper}(async () => this.http.post('/entries', entry));`,
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(await ruleLines('typescript', text('retryWhenThrottled'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('typescript', text('withRateLimitBackoff'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('typescript', text('withRetries'), 'unsafe-retry'), [6]);
  });

  it('a retry configuration allowing POST on a session whose only POST asks for data sends no write through it', async () => {
    const text = (fn: string) => [
      'import requests',
      'from requests.adapters import HTTPAdapter',
      'from urllib3.util.retry import Retry',
      '',
      'class Catalogue:',
      '    def __init__(self):',
      '        self.http = requests.Session()',
      '        policy = Retry(total=4, backoff_factor=1, status_forcelist=[500, 502, 504], allowed_methods=["GET", "POST"])',
      '        self.http.mount("https://", HTTPAdapter(max_retries=policy))',
      '',
      `    def ${fn}(self, criteria):`,
      '        return self.http.post(BASE + "/v2/items", json=criteria, timeout=20).json()',
      '',
      '    def item(self, item_id):',
      '        return self.http.get(BASE + "/v2/items/" + item_id, timeout=20).json()',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('find_items'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('add_item'), 'unsafe-retry'), [8]);
  });

  it('a write whose 409 Conflict answer is handled is one the server refuses to apply twice', async () => {
    const text = (conflict: string) => [
      'import time',
      'import requests',
      '',
      'def store_report(report_id, pdf_bytes):',
      '    for attempt in range(4):',
      '        r = requests.post(f"{STORE}/reports/{report_id}", data=pdf_bytes, timeout=60)',
      conflict,
      '        if r.status_code >= 500:',
      '            time.sleep(2 ** attempt)',
      '            continue',
      '        r.raise_for_status()',
      '        return r.json()',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('        if r.status_code == 409:\n            return None'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('        pass'), 'unsafe-retry'), [6]);
  });

  it('a POST to a token endpoint named by a constant or a field hands out another token, as the literal /oauth/token does', async () => {
    const text = (fn: string, url: string) => [
      'import asyncio',
      'import httpx',
      '',
      `async def ${fn}(client: httpx.AsyncClient, code: str):`,
      '    for _ in range(30):',
      `        r = await client.post(${url}, data={"code": code})`,
      '        if r.status_code == 200:',
      '            return r.json()',
      '        await asyncio.sleep(5)',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', text('wait_for_grant', 'DEVICE_TOKEN_URL'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('wait_for_grant', 'url=self.token_endpoint'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('python', text('wait_for_grant', 'ORDERS_URL'), 'unsafe-retry'), [6]);
  });
});
