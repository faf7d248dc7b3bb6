/**
 * Python: a file that imports urllib3 for its Retry and mounts it on a `requests.Session()` still sends through
 * requests: a name bound to the session is a requests session (no default timeout), not a urllib3 pool.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const archive = (call: string) => `import requests
import urllib3.util
from requests.adapters import HTTPAdapter


class ArchiveClient:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()
        retry = urllib3.util.Retry(total=4, backoff_factor=0.5, status_forcelist=[429, 502, 503, 504])
        self.session.mount("https://", HTTPAdapter(max_retries=retry))

    def page(self, number):
        response = ${call}
        response.raise_for_status()
        return response.json()
`;

describe('requests sessions in a file that imports urllib3', () => {
  it('reports a request through the session with no timeout', async () => {
    assert.deepEqual(await ruleLines('python', archive('self.session.get(self.base, params={"page": number})'), 'request-without-timeout'), [14]);
  });

  it('leaves one given a timeout', async () => {
    assert.deepEqual(await ruleLines('python', archive('self.session.get(self.base, params={"page": number}, timeout=20)'), 'request-without-timeout'), []);
  });

  it('leaves a urllib3 pool of the same file alone (it is not a requests session)', async () => {
    const pool = archive('self.pool.request("GET", self.base)').replace('self.session = requests.Session()', 'self.session = requests.Session()\n        self.pool = urllib3.PoolManager()');
    assert.deepEqual(await ruleLines('python', pool, 'request-without-timeout'), []);
  });
});
