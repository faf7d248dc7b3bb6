/**
 * Python: a project's own fetch helper that hands back a dict (`{"code": "429", "content": …}`) is a request when
 * the function compares the dict's status with a status (`res['code'] == "429"`); its retry loop is then read like
 * any other. A dict whose `code` is never compared with a status (an error code in a body) is no response.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const poll = `import time


class Feed:
    def latest(self, url):
        tries = 0
        while tries < 3:
            time.sleep(2)
            res = self.net.fetch_page(url, timeout=20)
            if res['code'] == "200":
                return res['content']
            if res['code'] == "429":
                time.sleep(5)
            tries += 1
        return None
`;

const body = `class Feed:
    def latest(self, url):
        tries = 0
        while tries < 3:
            res = self.parser.decode(url)
            if res['code'] == "E_RETRY":
                tries += 1
                continue
            return res
        return None
`;

describe('dict-shaped responses of a project helper', () => {
  it('reads the retry loop around a helper whose dict status is compared', async () => {
    assert.deepEqual(await ruleLines('python', poll, 'retry-ignores-retry-after'), [12]);
    assert.deepEqual(await ruleLines('python', poll, 'retry-without-backoff'), [8]);
  });

  it('leaves a dict whose code is a body error code', async () => {
    for (const rule of ['retry-ignores-retry-after', 'retry-without-backoff', 'non-retryable-retried']) assert.deepEqual(await ruleLines('python', body, rule), []);
  });
});
