import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A pager that goes round on a 429 before the page moves on (`continue` above `url = r.json()['next']`) asks for the
 * same page again: that round is a retry, and one with no cap when nothing counts it — even when it waits the
 * Retry-After the server sent (a server that keeps answering 429 keeps it going). The page counter it steps only when
 * the page moves on (`i += 50`) caps nothing. A plain pager, and one whose 429 branch counts its attempts, are silent.
 */
const PY = `import time


def all_orders(session, url):
    orders = []
    while True:
        r = session.get(url, timeout=10)
        if r.status_code == 429:
            time.sleep(float(r.headers.get("Retry-After", "5")))
            continue
        r.raise_for_status()
        orders.extend(r.json()["orders"])
        url = r.json().get("next")
        if url is None:
            return orders


def by_ids(session, base, ids):
    out = []
    i = 0
    while i < len(ids):
        r = session.get(base + ",".join(ids[i:i + 50]), timeout=10)
        if r.status_code == 429:
            time.sleep(float(r.headers.get("Retry-After", "5")))
            continue
        r.raise_for_status()
        out.extend(r.json()["items"])
        i += 50
    return out
`;

const TS = `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function allOrders(first: string) {
  const orders: unknown[] = [];
  let url: string | null = first;
  while (url) {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.status === 429) {
      await pause(Number(res.headers.get('retry-after') ?? '5') * 1000);
      continue;
    }
    if (!res.ok) throw new Error(String(res.status));
    const page = await res.json();
    orders.push(...page.orders);
    url = page.next;
  }
  return orders;
}
`;

const RUBY = `require 'net/http'
require 'json'

def all_orders(url)
  orders = []
  loop do
    res = Net::HTTP.get_response(URI(url))
    if res.code == '429'
      sleep(res['Retry-After'].to_f)
      next
    end
    raise "orders #{res.code}" unless res.is_a?(Net::HTTPSuccess)
    body = JSON.parse(res.body)
    orders.concat(body['orders'])
    url = body['next']
    return orders if url.nil?
  end
end
`;

const GO = `package shows

import (
	"fmt"
	"net/http"
	"time"
)

func Episodes(c *http.Client, base string) (int, error) {
	total := 0
	page := 1
	for {
		resp, err := c.Get(fmt.Sprintf("%s?page=%d", base, page))
		if err != nil {
			return 0, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(2 * time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return 0, fmt.Errorf("episodes: %d", resp.StatusCode)
		}
		resp.Body.Close()
		total++
		if page >= 10 {
			return total, nil
		}
		page++
	}
}
`;

describe('pagers that ask for the same page again', () => {
  it('reports the missing cap (Python: a cursor pager and a batch counter)', async () => {
    assert.deepEqual(await ruleLines('python', PY, 'retry-without-backoff'), [8, 23]);
    assert.deepEqual(await ruleLines('python', PY, 'retry-ignores-retry-after'), []);
  });

  it('reports the missing cap (TypeScript, Ruby) and nothing else', async () => {
    assert.deepEqual(await ruleLines('typescript', TS, 'retry-without-backoff'), [8]);
    assert.deepEqual(await ruleLines('ruby', RUBY, 'retry-without-backoff'), [8]);
    assert.deepEqual(await ruleLines('ruby', RUBY, 'non-retryable-retried'), []);
  });

  it('reads a Go pager whose error is given up and whose 429 goes round', async () => {
    assert.deepEqual(await ruleLines('go', GO, 'retry-without-backoff'), [17]);
    assert.deepEqual(await ruleLines('go', GO, 'retry-ignores-retry-after'), [17]);
  });

  it('is silent on a plain pager and on one that counts its 429 rounds', async () => {
    const plain = PY.replace(/ {8}if r\.status_code == 429:\n[^\n]*\n {12}continue\n/g, '');
    assert.deepEqual(await ruleLines('python', plain, 'retry-without-backoff'), []);
    const counted = TS.replace('if (res.status === 429) {', 'if (res.status === 429 && ++waited < 5) {').replace('  let url: string | null = first;', '  let url: string | null = first;\n  let waited = 0;');
    assert.deepEqual(await ruleLines('typescript', counted, 'retry-without-backoff'), []);
  });
});
