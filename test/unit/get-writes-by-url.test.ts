/**
 * A GET whose URL names an action (Telegram's `…/bot{token}/sendMessage?chat_id=…`) sends something: a failure only
 * logged loses the message, like a POST's. A GET whose URL reads (`/getUpdates`, `/users/{id}`) stays a read.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const relay = (path: string) => `import requests


def _telegram(text, token, chat_id, log):
    reply = requests.get(f"https://api.telegram.org/bot{token}/${path}?chat_id={chat_id}&text={text}", timeout=15)
    if reply.status_code // 100 != 2:
        log.error("telegram answered %s", reply.status_code)
`;

describe('GETs whose URL names an action', () => {
  it('reads a GET to sendMessage whose failure is only logged as a lost write', async () => {
    assert.deepEqual(await ruleLines('python', relay('sendMessage'), 'no-retry-on-request'), [6]);
  });

  it('leaves a GET that reads', async () => {
    assert.deepEqual(await ruleLines('python', relay('getUpdates'), 'no-retry-on-request'), []);
  });
});
