/**
 * Request options written as a spread of options the function (or the module) builds once: `got.post(url, {
 * ...shared, json })`. The spread is read through to its literal, so a shared object with no timeout leaves every
 * request it is spread into unbounded; a spread of something the file does not show may carry one and is not guessed.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const tracker = (shared: string, extra = ''): string => `import got from 'got';

export async function fileTicket(base, token, title, settings) {
  const shared = ${shared};
${extra}
  const found = await got(base + '/tickets?q=' + title, { ...shared }).json();
  if (found.length) return found[0];
  const loadNotes = async (id) => {
    return got.get(base + '/tickets/' + id + '/notes', { ...shared, ...settings.proxy }).json();
  };
  const created = await got.post(base + '/tickets', { ...shared, json: { title } }).json();
  return { created, notes: await loadNotes(created.id) };
}
`;

describe('request options spread from a shared object', () => {
  it('reads a spread local literal with no timeout: every request it is spread into can hang', async () => {
    assert.deepEqual(await ruleLines('javascript', tracker("{ headers: { 'private-token': token }, retry: { limit: 3 } }"), 'request-without-timeout'), [6, 9, 11]);
  });

  it('leaves the requests alone when the shared literal sets a timeout', async () => {
    assert.deepEqual(await ruleLines('javascript', tracker("{ headers: { 'private-token': token }, timeout: { request: 15000 } }"), 'request-without-timeout'), []);
  });

  it('does not guess at a spread whose value the file does not show, nor one changed after it is made', async () => {
    assert.deepEqual(await ruleLines('javascript', tracker('settings.requestOptions'), 'request-without-timeout'), []);
    assert.deepEqual(await ruleLines('javascript', tracker('{ headers: {} }', '  shared.timeout = settings.timeout;'), 'request-without-timeout'), []);
  });

  it('reads a module constant spread into an axios config', async () => {
    const code = `import axios from 'axios';

const defaults = { headers: { accept: 'application/json' } };
const bounded = { ...defaults, timeout: 8000 };

export async function notify(url, body) {
  await axios.post(url, body, { ...defaults, params: { v: 2 } });
  await axios.post(url, body, { ...bounded });
}
`;
    assert.deepEqual(await ruleLines('typescript', code, 'request-without-timeout'), [7]);
  });
});
