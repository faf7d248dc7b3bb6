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
