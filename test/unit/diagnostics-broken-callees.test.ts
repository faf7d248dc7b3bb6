import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';

/**
 * Code in the middle of an edit: a comment opened inside a `for` header makes the callee of the next call a piece
 * of text, not a name (`* in range`). Every reader that builds a pattern from a callee must treat it as text.
 * (The shape the quick-fix fuzz test found; analysis must not throw on it.)
 */
describe('diagnostics on callees that are not names', () => {
  const text = [
    'import random',
    'import time',
    'import requests',
    '',
    '',
    'def tile_with_retries(x, y):',
    '    for attempt/* in range(5):',
    '        try:',
    '            return fetch_tile(x, y)',
    '        except (RuntimeError, requests.HTTPError):',
    '            time.sleep(random*/.uniform(0, min(30, 2 ** attempt)))',
    '    raise RuntimeError("tile unavailable")',
    '',
    '',
    'def send(url):',
    '    req/*uest = requests.post',
    '    return req*/uest(url, timeout=5)',
    '',
  ].join('\n');

  for (const languageId of ['python', 'typescript'] as const) {
    it(`analyses ${languageId} without throwing`, async () => {
      const service = testService();
      const uri = await openDoc(languageId, text, service);
      try {
        assert.doesNotThrow(() => service.diagnostics(uri));
      } finally {
        service.close(uri);
      }
    });
  }
});

/**
 * A response read through a name that half an edit turned into text (a comment's end glued to `exceptreply`): the
 * readers that build a pattern from a response's name escape it (the shape the quick-fix fuzz test found).
 */
describe('diagnostics on response names that are not names', () => {
  const text = [
    'f fetch(session, url, started=None, tries=0):',  // (`def` half typed)
    '    started = started or datetime.now()',
    '    if datetime.now() - started > BUDGET:',
    '        raise TimeoutError(url)',
    '    if tries:',
    '        time.sleep(0}}}}.5 * 1.5 ** tries * (random.random() + 0.5))',
    '    reply = session.get(url, timeout=10)',
    '    if*/ exceptreply.status_code in (500, 502, 504):',
    '        return fetch(session, url, started, tries + <1)',
    '    return reply',
    '',
  ].join('\n');

  it('analyses python without throwing', async () => {
    const service = testService();
    const uri = await openDoc('python', text, service);
    try {
      assert.doesNotThrow(() => service.diagnostics(uri));
    } finally {
      service.close(uri);
    }
  });
});
