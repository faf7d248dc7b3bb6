/**
 * A loop walking pages (`for page in range(1, 50)`, `for page := 0; ; page++`) goes round on success, not on failure:
 * a 429 given up inside it is given up for good. A loop counting attempts is still read as a possible retry.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const walk = (counter: string) => `import requests


def all_items(base):
    items = []
    for ${counter} in range(1, 50):
        resp = requests.get(f"{base}/items", params={"page": ${counter}}, timeout=10)
        if resp.status_code == 429:
            return items
        resp.raise_for_status()
        data = resp.json()
        if not data:
            break
        items.extend(data)
    return items
`;

describe('give-ups inside a loop walking pages', () => {
  it('reports a 429 given up in a paging loop', async () => {
    assert.deepEqual(await ruleLines('python', walk('page'), 'retryable-treated-as-final'), [8]);
  });

  it('leaves one inside a loop counting attempts', async () => {
    assert.deepEqual(await ruleLines('python', walk('attempt'), 'retryable-treated-as-final'), []);
  });
});
