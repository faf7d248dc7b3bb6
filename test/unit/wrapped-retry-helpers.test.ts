/**
 * A retry wrapper handed a callback that only calls a function of the same file (`pRetry(() => loadOwner(org))`):
 * that function's request and checks are what the wrapper retries, as if written in the callback.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const owners = (stop: string) => `import pRetry, { AbortError } from 'p-retry';

async function loadOwner(org) {
  const res = await fetch(\`https://api.example.com/orgs/\${org}\`, { signal: AbortSignal.timeout(5000) });
  ${stop}
  if (!res.ok) throw new Error(\`owner lookup failed: \${res.status}\`);
  return res.json();
}

export async function owner(org) {
  return pRetry(() => loadOwner(org), { retries: 4 });
}
`;

describe('retry wrappers around a helper of the file', () => {
  it('reads the helper the callback calls: every failure it throws is retried', async () => {
    assert.deepEqual(await ruleLines('javascript', owners(''), 'non-retryable-retried'), [11]);
  });

  it('sees the helper stop the retries for client errors', async () => {
    const stops = owners('if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new AbortError(String(res.status));');
    assert.deepEqual(await ruleLines('javascript', stops, 'non-retryable-retried'), []);
  });
});
