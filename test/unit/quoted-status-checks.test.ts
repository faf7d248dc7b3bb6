/**
 * Statuses written as strings and compared with a status: a project's own fetch helper that hands back the status
 * as text (`res['code'] == "429"`), or code that stringifies it (`str(r.status_code) == "503"`), in any language —
 * not only Ruby's Net::HTTP. A three-digit string compared with something that is not a status stays unspotted.
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf, ruleLines } from '../support/serviceHarness';

const lookup = `def lookup(self, target):
    res = self.fetch_url(self.base + target, timeout=15)
    if res['code'] == "404":
        return None
    if res['code'] == '429':
        self.note("rate limited by the provider")
        return None
    if str(res['status']) in ("500", "503"):
        return None
    if self.version == "200":
        return "legacy"
    return res['content']
`;

describe('statuses compared as strings', () => {
  it('spots each quoted status compared with a status, as a client check', async () => {
    const found = (await occurrencesOf('python', lookup)).map((o) => `${o.code}:${o.role}:${o.range.start.line + 1}`);
    assert.deepEqual(found.sort(), ['404:client-check:3', '429:client-check:5', '500:client-check:8', '503:client-check:8']);
  });

  it('reads the give-up on a quoted 429 like a numeric one', async () => {
    assert.deepEqual(await ruleLines('python', lookup, 'retryable-treated-as-final'), [5, 8]);
  });

  it('spots a TypeScript comparison of a stringified status', async () => {
    const ts = `export async function ping(url: string): Promise<boolean> {\n  const r = await fetch(url);\n  if (String(r.status) === "503") return false;\n  return r.ok;\n}\n`;
    const found = (await occurrencesOf('typescript', ts)).map((o) => `${o.code}:${o.role}`);
    assert.deepEqual(found, ['503:client-check']);
  });
});
