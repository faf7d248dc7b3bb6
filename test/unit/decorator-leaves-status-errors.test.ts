/**
 * A retry decorator that names the failures it retries — connection errors, a timeout — around a function whose
 * `raise_for_status()` raises for every failure status: a 429 or a 503 raises `HTTPError`, which the decorator lets
 * through on the first attempt (`retryable-treated-as-final` on the decorator). Naming a status error, or a function
 * that turns statuses into types of its own, is left alone.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const transportOnly = `import backoff
import requests


class Warehouse:
    def __init__(self, session):
        self.session = session

    @backoff.on_exception(backoff.expo,
                          (requests.exceptions.ConnectionError, requests.exceptions.Timeout),
                          max_tries=5)
    def fetch(self, url):
        resp = self.session.get(url, timeout=60)
        resp.raise_for_status()
        return resp.json()
`;

const namesHttpError = transportOnly.replace('(requests.exceptions.ConnectionError, requests.exceptions.Timeout)', '(requests.exceptions.ConnectionError, requests.exceptions.HTTPError)');

const convertsStatuses = `import requests
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class Throttled(Exception):
    pass


class Store:
    def __init__(self, session):
        self.session = session

    @retry(retry=retry_if_exception_type((Throttled, requests.ConnectionError)), stop=stop_after_attempt(4), wait=wait_exponential())
    def send(self, url, body):
        try:
            resp = self.session.post(url, json=body, timeout=30)
            resp.raise_for_status()
        except requests.exceptions.HTTPError as exc:
            if exc.response.status_code == 429:
                raise Throttled() from exc
            raise
        return resp.json()
`;

describe('retry decorators that leave status errors out', () => {
  it('reports a backoff decorator retrying transport errors around raise_for_status', async () => {
    assert.deepEqual(await ruleLines('python', transportOnly, 'retryable-treated-as-final'), [9]);
  });

  it('says nothing when the decorator names HTTPError', async () => {
    assert.deepEqual(await ruleLines('python', namesHttpError, 'retryable-treated-as-final'), []);
  });

  it('says nothing at the decorator when the function turns statuses into its own types', async () => {
    assert.ok(!(await ruleLines('python', convertsStatuses, 'retryable-treated-as-final')).includes(13));
  });
});
