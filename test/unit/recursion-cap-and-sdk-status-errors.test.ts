/**
 * Two readings of retry structures:
 * - A function that re-sends by calling itself with its own arguments unchanged (`return self._send(method, path)`)
 *   counts nothing: even when a helper of the file does the waiting, nothing caps the attempts.
 * - An SDK's base class for failure statuses (openai's and anthropic's `APIStatusError`) stands for every status:
 *   a loop whose `except APIStatusError` stays retries a 400 or a 401 with the 503s.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const selfResend = `import time
import requests


class Tracker:
    def __init__(self):
        self.session = requests.Session()

    def _pace(self):
        time.sleep(0.2)

    def _send(self, method, path, body=None):
        self._pace()
        resp = self.session.request(method, "https://tracker.example.test" + path, json=body, timeout=10)
        if resp.status_code == 429:
            time.sleep(int(resp.headers.get("Retry-After", "30")))
            return self._send(method, path, body)
        resp.raise_for_status()
        return resp.json()
`;

const countedResend = selfResend.replace('def _send(self, method, path, body=None):', 'def _send(self, method, path, body=None, tries=0):')
  .replace('return self._send(method, path, body)', 'return self._send(method, path, body, tries + 1)')
  .replace('if resp.status_code == 429:', 'if resp.status_code == 429 and tries < 4:');

const statusErrors = `import time
import openai

client = openai.OpenAI()


def summarise(text):
    tries = 0
    while tries < 6:
        try:
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
        except openai.APIStatusError as exc:
            print("status", exc.status_code)
            time.sleep(2 ** tries)
            tries += 1
    return None
`;

describe('re-sends that count nothing, and SDK status-error base classes', () => {
  it('reports a self re-send with its own arguments and a helper wait as uncapped', async () => {
    assert.deepEqual(await ruleLines('python', selfResend, 'retry-without-backoff'), [15]);
  });

  it('stays silent when the re-send counts its tries against a bound', async () => {
    assert.deepEqual(await ruleLines('python', countedResend, 'retry-without-backoff'), []);
  });

  it('reads except APIStatusError as every failure status retried', async () => {
    assert.deepEqual(await ruleLines('python', statusErrors, 'non-retryable-retried'), [9]);
  });
});
