/**
 * TypeScript: tree-sitter reads `await api.get<User>(u)` as `(await api.get)<User>(u)`. A call with type arguments is
 * still the member call it is written as: a request, with its client and verb.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const users = (call: string) => `import axios from 'axios';

interface User {
  id: string;
}

export async function user(id: string): Promise<User> {
  const res = ${call};
  return res.data;
}
`;

describe('TypeScript calls with type arguments', () => {
  it('reads an awaited generic axios call as a request with no timeout', async () => {
    assert.deepEqual(await ruleLines('typescript', users('await axios.get<User>(`/users/${id}`)'), 'request-without-timeout'), [8]);
  });

  it('reads its options like those of a plain call', async () => {
    assert.deepEqual(await ruleLines('typescript', users('await axios.get<User>(`/users/${id}`, { timeout: 4_000 })'), 'request-without-timeout'), []);
  });
});
