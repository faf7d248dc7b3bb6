/**
 * got and ky retry only the idempotent methods unless `retry.methods` lists another: a POST handed retry options
 * (`retry: { limit: 3, statusCodes }`, directly or spread in from shared options) is still sent once, so a 429 or a
 * 503 fails it though the code reads as if it were retried.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const RULE = 'retryable-treated-as-final';

const announcer = (retry: string, send = 'got.post', around = (s: string): string => s): string => `import got from 'got';

export async function announce(base, token, releases) {
  const shared = { headers: { authorization: 'Bearer ' + token }, retry: ${retry}, timeout: { request: 10000 } };
  const postNote = (release) => {
    if (!release.public) return undefined;
    return ${around(`${send}(base + '/notes', { ...shared, json: { body: release.name } })`)};
  };
  await Promise.all(releases.map((r) => postNote(r)));
  return got.get(base + '/notes', { ...shared }).json();
}
`;

describe('got/ky retry options on a write they never retry', () => {
  it('reports a POST handed retry options without its method in retry.methods', async () => {
    assert.deepEqual(await ruleLines('javascript', announcer('{ limit: 3, statusCodes: [429, 502, 503] }'), RULE), [7]);
    assert.deepEqual(await ruleLines('javascript', announcer('2'), RULE), [7]);
  });

  it('reports a ky PATCH the same way', async () => {
    const code = announcer('{ limit: 4 }', 'ky.patch').replace("import got from 'got';", "import got from 'got';\nimport ky from 'ky';");
    assert.deepEqual(await ruleLines('typescript', code, RULE), [8]);
  });

  it('leaves the POST alone when retry.methods lists it, when retries are turned off, or when the options are not shown', async () => {
    assert.deepEqual(await ruleLines('javascript', announcer("{ limit: 3, methods: ['GET', 'POST'] }"), RULE), []);
    assert.deepEqual(await ruleLines('javascript', announcer('{ limit: 0 }'), RULE), []);
    assert.deepEqual(await ruleLines('javascript', announcer('0'), RULE), []);
    assert.deepEqual(await ruleLines('javascript', announcer('{ limit: 3 }').replace('{ ...shared, json', '{ ...settings.clientOptions, json'), RULE), []);
  });

  it('leaves a POST something else retries alone (a retry wrapper around it)', async () => {
    const wrapped = announcer('{ limit: 3 }', 'got.post', (s) => `pRetry(() => ${s}, { retries: 3 })`).replace("import got from 'got';", "import got from 'got';\nimport pRetry from 'p-retry';");
    assert.deepEqual(await ruleLines('javascript', wrapped, RULE), []);
  });

  it('says nothing of a POST with no retry option at all', async () => {
    assert.deepEqual(await ruleLines('javascript', announcer('{ limit: 3 }').replace(', retry: { limit: 3 }', ''), RULE), []);
  });
});
