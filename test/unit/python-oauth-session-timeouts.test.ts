/**
 * requests-oauthlib's OAuth2Session is a requests.Session (no default timeout), and its token calls (`fetch_token`,
 * `refresh_token`) are requests too; a session whose mounted adapter is a plain HTTPAdapter held in a name
 * (`adapter = HTTPAdapter(max_retries=…)`) is as unbounded as one mounting it inline.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const billing = (extra: string) => `import requests
from requests_oauthlib import OAuth2Session
from urllib3.util import Retry


class Billing:
    def connect(self, client_id, token):
        self._oauth = OAuth2Session(client_id, token=token, auto_refresh_url="https://id.example.org/token")
        retry = Retry(connect=3, backoff_factor=1)
        adapter = requests.adapters.HTTPAdapter(max_retries=retry)
        self._oauth.mount("https://", adapter)

    def authorise(self, callback_url, secret):
        return self._oauth.fetch_token("https://id.example.org/token", authorization_response=callback_url, client_secret=secret${extra})

    def invoices(self):
        return self._oauth.get("https://api.example.org/invoices"${extra}).json()
`;

describe('OAuth2Session requests and named plain adapters', () => {
  it('reports the token call and the GET with no timeout', async () => {
    assert.deepEqual(await ruleLines('python', billing(''), 'request-without-timeout'), [14, 17]);
  });

  it('leaves them when each passes a timeout', async () => {
    assert.deepEqual(await ruleLines('python', billing(', timeout=10'), 'request-without-timeout'), []);
  });

  it('leaves a session whose named adapter is a class of the project (it may set a timeout)', async () => {
    const own = billing('').replace('adapter = requests.adapters.HTTPAdapter(max_retries=retry)', 'adapter = TimeoutAdapter(max_retries=retry)');
    assert.deepEqual(await ruleLines('python', own, 'request-without-timeout'), []);
  });
});

describe('OAuth1Session token calls', () => {
  const trello = (extra: string): string => [
    'from requests_oauthlib import OAuth1Session',
    '',
    'def request_token(key, secret):',
    '    session = OAuth1Session(client_key=key, client_secret=secret)',
    `    return session.fetch_request_token("https://trello.com/1/OAuthGetRequestToken"${extra})`,
    '',
    'def access_token(key, secret, verifier):',
    '    session = OAuth1Session(client_key=key, client_secret=secret,',
    '                            verifier=verifier)',
    `    return session.fetch_access_token("https://trello.com/1/OAuthGetAccessToken"${extra})`,
  ].join('\n');

  it('reports fetch_request_token and fetch_access_token with no timeout (an OAuth1Session is a requests.Session)', async () => {
    assert.deepEqual(await ruleLines('python', trello(''), 'request-without-timeout'), [5, 10]);
  });

  it('leaves them when each passes a timeout', async () => {
    assert.deepEqual(await ruleLines('python', trello(', timeout=10'), 'request-without-timeout'), []);
  });
});
