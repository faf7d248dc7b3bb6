/**
 * A write whose catch logs what it can tell apart (`if (err.response) console.error(err.response.status)`) and
 * answers `false` still lets every failure go; and a method chosen at run time with a default
 * (`method: hook.verb || 'POST'`) is that default unless the code says otherwise.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const RULE = 'no-retry-on-request';

const notifier = (method: string, handler: string): string => `const axios = require('axios');

class Notifier {
  async deliver(hook, body) {
    try {
      await axios({ method: ${method}, url: hook.url, data: body, timeout: 5000 });
      return true;
    } catch (err) {
      console.error('delivery failed', err.message);
${handler}
      return false;
    }
  }
}

module.exports = Notifier;
`;

const logsStatus = `      if (err.response) {
        console.error('status', err.response.status);
      }`;

describe('writes whose catch only logs, told apart by an if', () => {
  it('reports a POST (a run-time method defaulting to POST) whose catch logs in arms and answers false', async () => {
    assert.deepEqual(await ruleLines('javascript', notifier("hook.verb || 'POST'", logsStatus), RULE), [6]);
    assert.deepEqual(await ruleLines('javascript', notifier("hook.verb ?? 'post'", logsStatus), RULE), [6]);
  });

  it('leaves a run-time method defaulting to GET to the reads setting', async () => {
    assert.deepEqual(await ruleLines('javascript', notifier("hook.verb || 'GET'", logsStatus), RULE), []);
  });

  it('leaves a catch alone when an arm does more than log', async () => {
    const rethrows = `      if (err.response && err.response.status >= 500) {
        throw err;
      }`;
    assert.deepEqual(await ruleLines('javascript', notifier("'POST'", rethrows), RULE), []);
  });
});
