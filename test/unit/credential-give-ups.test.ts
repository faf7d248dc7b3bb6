/**
 * Every failure status reported as bad credentials — `else: raise InvalidAuth(…)` after a success test, `if
 * (!success) throw AuthenticationError()` — turns a 429 or a 503 of a login endpoint into a wrong password: the
 * user is sent to sign in again instead of the request being retried. Naming 401/403 in the test is the right mapping.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const login = (test: string, otherwise = 'else:') => `import aiohttp


class InvalidAuth(Exception):
    pass


async def sign_in(session: aiohttp.ClientSession, url: str, user: str, password: str) -> str:
    async with session.post(url, json={"user": user, "password": password}) as resp:
        if ${test}:
            return (await resp.json())["token"]
        ${otherwise}
            raise InvalidAuth(f"Login failed with status {resp.status}")
`;

const userInfo = (test: string) => `export class Provider {
  userInfo = async (accessToken: string) => {
    const response = await fetch('https://id.example.com/userinfo', {
      headers: { Authorization: \`Bearer \${accessToken}\` },
      signal: AbortSignal.timeout(10_000),
    });
    const success = response.status >= 200 && response.status < 300;
    if (${test}) {
      throw AuthenticationError();
    }
    return response.json();
  };
}
`;

describe('failures reported as bad credentials', () => {
  it('reports the else of a success test that raises a credentials error', async () => {
    assert.deepEqual(await ruleLines('python', login('resp.status == 200'), 'retryable-treated-as-final'), [13]);
  });

  it('leaves a credentials error raised for 401 itself', async () => {
    assert.deepEqual(await ruleLines('python', login('resp.status == 200', 'elif resp.status == 401:'), 'retryable-treated-as-final'), []);
  });

  it('reports a !success flag that throws AuthenticationError, not a check of 401', async () => {
    assert.deepEqual(await ruleLines('typescript', userInfo('!success'), 'retryable-treated-as-final'), [9]);
    assert.deepEqual(await ruleLines('typescript', userInfo('response.status === 401'), 'retryable-treated-as-final'), []);
  });
});
