/**
 * A loop around a method of the file that sends (a sender), whose catch sends a 401 round once after new
 * credentials and gives up on client errors by a type-and-status test (`error instanceof ResponseError &&
 * error.statusCode < 500 && error.statusCode !== 429`): only what the catch lets stay is retried.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

function feed(first401: string, giveUp: string): string {
  return `import { ResponseError } from './errors';

export class LiveFeed {
  async follow(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted && attempt < 8) {
      try {
        const session = await this.login();
        await this.stream(session, signal);
      } catch (error) {
        if (${first401}) {
          attempt += 1;
          continue;
        }
        if (${giveUp}) throw error;
        attempt += 1;
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt) * Math.random()));
      }
    }
  }

  private async login(): Promise<string> {
    const res = await fetch('https://feed.example.com/api/login', { method: 'POST', signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new ResponseError(res.status);
    return (await res.json()).token;
  }

  private async stream(token: string, signal: AbortSignal): Promise<void> {
    const res = await fetch('https://feed.example.com/api/stream', { headers: { authorization: token }, signal });
    if (!res.ok) throw new ResponseError(res.status);
  }
}
`;
}

const FIRST_401 = 'error instanceof ResponseError && error.statusCode === 401 && attempt === 0';
const CLIENT_ERRORS = 'error instanceof ResponseError && error.statusCode < 500 && error.statusCode !== 429';

async function nonRetryable(text: string): Promise<string[]> {
  return (await diagnosticsOf('typescript', text)).filter((f) => f.rule === 'non-retryable-retried').map((f) => `${f.range.start.line + 1} ${f.message}`);
}

describe('re-authentication and caught give-ups in a retry loop', () => {
  it('a 401 sent round once after new credentials, client errors given up: nothing non-retryable is retried', async () => {
    assert.deepEqual(await nonRetryable(feed(FIRST_401, CLIENT_ERRORS)), []);
  });

  it('a 401 sent round on every attempt is reported', async () => {
    const found = await nonRetryable(feed('error instanceof ResponseError && error.statusCode === 401', CLIENT_ERRORS));
    assert.deepEqual(found.map((f) => f.split(' ')[0]), ['11']);
    assert.match(found[0], /401/);
  });

  it('a catch that gives up on 400 alone lets 403, 404 and 422 go round: reported at the loop', async () => {
    const found = await nonRetryable(feed(FIRST_401, 'error instanceof ResponseError && error.statusCode === 400'));
    assert.equal(found.length, 1);
    assert.match(found[0], /^6 Retries .*404/);
    assert.doesNotMatch(found[0], /\b400\b/);
  });
});
