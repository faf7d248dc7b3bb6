/**
 * urllib3's `Retry(status_forcelist=[500, 502, 503, 504])` retries server errors and hands a 429 back as the failed
 * response: the rate limit is given up with a retry right there. The fix adds 429 to the list (urllib3 then waits
 * for its Retry-After).
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/service/fixes/text';
import { diagnosticsOf, openDoc, testService } from '../support/serviceHarness';

const session = (forcelist: string) => `import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


def make_session():
    session = requests.Session()
    retries = Retry(total=5, backoff_factor=1, status_forcelist=${forcelist})
    session.mount("https://", HTTPAdapter(max_retries=retries))
    return session
`;

describe('a forcelist that leaves the rate limit out', () => {
  it('reports server errors retried without 429, with a fix that adds it', async () => {
    const found = (await diagnosticsOf('python', session('[500, 502, 503, 504]'))).filter((f) => f.rule === 'retryable-treated-as-final');
    assert.deepEqual(found.map((f) => f.range.start.line + 1), [8]);
    const fix = (found[0].data as { configFix?: { edits: Array<{ newText: string }> } }).configFix;
    assert.deepEqual(fix?.edits.map((e) => e.newText), ['429, ']);
  });

  it('offers the fix as the preferred action, and it clears the finding', async () => {
    const text = session('[500, 502, 503, 504]');
    const service = testService();
    const uri = await openDoc('python', text, service);
    const finding = service.diagnostics(uri).find((f) => f.rule === 'retryable-treated-as-final')!;
    const preferred = service.codeActions(uri, finding.range, [finding]).find((a) => a.isPreferred);
    service.close(uri);
    assert.ok(preferred, 'a preferred fix');
    const fixed = applyEdits(text, preferred.edits);
    assert.match(fixed, /status_forcelist=\[429, 500, 502, 503, 504\]/);
    assert.deepEqual((await diagnosticsOf('python', fixed)).filter((f) => f.rule === 'retryable-treated-as-final'), []);
  });

  it('leaves a list with 429, or one that retries a single status', async () => {
    for (const list of ['[429, 500, 502, 503, 504]', '[503]', '(502, 429)']) {
      assert.deepEqual((await diagnosticsOf('python', session(list))).filter((f) => f.rule === 'retryable-treated-as-final'), [], list);
    }
  });
});
