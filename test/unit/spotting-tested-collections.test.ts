/**
 * A collection constant or field named for nothing in particular is a status set when the file tests a received
 * status against it: its numbers are spotted (retry-config when the test's branch goes round, constant otherwise),
 * and the loops that read it see which statuses they retry.
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf, ruleLines } from '../support/serviceHarness';

const poller = (setLine: string, test: string) => `import time
import requests

${setLine}


def poll(url):
    for attempt in range(5):
        resp = requests.get(url, timeout=10)
        if ${test}:
            time.sleep(2 ** attempt)
            continue
        if resp.status_code >= 400:
            raise RuntimeError(f"failed with {resp.status_code}")
        return resp.json()
`;

const at = (occ: Awaited<ReturnType<typeof occurrencesOf>>, line: number) => occ.filter((o) => o.range.start.line + 1 === line).map((o) => `${o.code} ${o.role}`);

describe('spotting: collections a status is tested against', () => {
  it('spots a module constant a retry loop tests the status against, as retry-config', async () => {
    const occ = await occurrencesOf('python', poller('GATEWAY_TROUBLE = {500, 502, 503, 504}', 'resp.status_code in GATEWAY_TROUBLE'));
    assert.deepEqual(at(occ, 4), ['500 retry-config', '502 retry-config', '503 retry-config', '504 retry-config']);
  });

  it('lets the loop see what it retries: a 429 left over raises as final', async () => {
    const text = poller('GATEWAY_TROUBLE = {500, 502, 503, 504}', 'resp.status_code in GATEWAY_TROUBLE');
    assert.deepEqual(await ruleLines('python', text, 'retryable-treated-as-final'), [13]);
  });

  it('spots a field set in the constructor and tested in a method (JavaScript includes)', async () => {
    const text = `class Feed {
  constructor() {
    this.flaky = [502, 503];
  }
  async read(url) {
    const res = await fetch(url);
    if (this.flaky.includes(res.status)) return null;
    return res.json();
  }
}
`;
    assert.deepEqual(at(await occurrencesOf('javascript', text), 3), ['502 constant', '503 constant']);
  });

  it('leaves a constant no status is tested against', async () => {
    const occ = await occurrencesOf('python', poller('PAGE_SIZES = {500, 502, 503, 504}', 'attempt < 3 and resp.status_code == 503'));
    assert.deepEqual(at(occ, 4), []);
  });

  it('says nothing of what a loop retries when the set it tests is imported and unknown here', async () => {
    const text = poller('from .settings import GATEWAY_TROUBLE', 'resp.status_code in GATEWAY_TROUBLE').replace('if resp.status_code >= 400:', 'if resp.status_code >= 400 and attempt < 4:');
    const broad = text.replace(/        if resp\.status_code in GATEWAY_TROUBLE:\n            time\.sleep\(2 \*\* attempt\)\n            continue\n        if resp\.status_code >= 400 and attempt < 4:\n            raise/, '        if resp.status_code >= 400:\n            if resp.status_code in GATEWAY_TROUBLE:\n                time.sleep(2 ** attempt)\n                continue\n            raise');
    assert.notEqual(broad, text);
    assert.deepEqual(await ruleLines('python', broad, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('python', broad, 'retry-ignores-retry-after'), []);
  });
});

