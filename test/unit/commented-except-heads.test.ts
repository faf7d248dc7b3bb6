import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * Python keeps the comments written between `except X as exc:` and the block's first statement inside the clause: the
 * caught error is still `exc`, and the words of the comment are no caught types. A clause that goes round only on a
 * 429 and raises everything else retries no refusal.
 */
const PY = (comment: string) => `import time
import requests


def enrollments(api_url, querystring, max_tries=5):
    found = {}
    page = 0
    throttled = 0
    more = True
    while more:
        page += 1
        querystring["page"] = page
        try:
            response = requests.get(api_url, params=querystring, timeout=10)
            response.raise_for_status()
            throttled = 0
        except requests.exceptions.HTTPError as exc:
${comment}            if exc.response.status_code == 429 and throttled < max_tries:
                time.sleep(2 ** throttled)
                page -= 1
                throttled += 1
                continue
            raise
        body = response.json()
        found.update(body["results"])
        more = body["next"] is not None
    return found
`;

describe('comments at the top of an except block', () => {
  it('do not hide the caught name: the refusals the clause raises are not retried', async () => {
    const commented = PY('            # A known limitation: If we get HTTP429 we pause, and raise any other errors.\n');
    assert.deepEqual(await ruleLines('python', commented, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('python', PY(''), 'non-retryable-retried'), []);
  });

  it('the same page asked for again after a 429 is that page retried', async () => {
    assert.deepEqual(await ruleLines('python', PY('            # why we wait\n'), 'retry-ignores-retry-after'), [19]);
  });
});
