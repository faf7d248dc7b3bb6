/**
 * superagent waits for ever unless the request's chain sets a timeout: `.timeout(ms)` does, and so does a plugin the
 * chain uses that is handed one (`.use(errorPlugin({ timeout: 20000 }))`).
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const plugin = `const superagent = require('superagent');
const { errorPlugin } = require('./plugins');

function deliver(url, payload) {
  return superagent
    .post(url)
    .use(errorPlugin({ timeout: 20000 }))
    .send(payload)
    .then((res) => res.status);
}

module.exports = { deliver };
`;

const bare = plugin.replace('    .use(errorPlugin({ timeout: 20000 }))\n', '    .use(errorPlugin())\n');

describe('superagent timeouts set by a plugin', () => {
  it('says nothing when a plugin of the chain is handed a timeout', async () => {
    assert.deepEqual(await ruleLines('javascript', plugin, 'request-without-timeout'), []);
  });

  it('still reports the chain when the plugin is handed none', async () => {
    assert.deepEqual(await ruleLines('javascript', bare, 'request-without-timeout'), [5]);
  });
});
