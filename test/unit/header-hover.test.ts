/** Hovers on retry-relevant headers in .http files, and reading a Retry-After value. */
import * as assert from 'assert';
import { readRetryAfter } from '../../server/src/service/headerHover';
import { hoverAt } from '../support/serviceHarness';

const FILE = `GET https://api.example.com/reports/43
Idempotency-Key: 0b7c6f0e

HTTP/1.1 429 Too Many Requests
Retry-Aft|er: 30
X-RateLimit-Remaining: 0
Content-Type: application/json

{"error": "slow down"}
`;

describe('header hovers in .http files', () => {
  it('explains Retry-After and reads its value', async () => {
    const text = await hoverAt('http', FILE);
    assert.ok(text, 'no hover on Retry-After');
    assert.match(text!, /\*\*Retry-After\*\* · response header/);
    assert.match(text!, /wait 30 s/);
    assert.match(text!, /RFC 9110 §10\.2\.3/);
  });

  it('explains Idempotency-Key on a request and X-RateLimit-Remaining on a response', async () => {
    const key = await hoverAt('http', FILE.replace('Retry-Aft|er', 'Retry-After').replace('Idempotency-Key', 'Idempotency-K|ey'));
    assert.match(key ?? '', /\*\*Idempotency-Key\*\* · request header/);
    const remaining = await hoverAt('http', FILE.replace('Retry-Aft|er', 'Retry-After').replace('X-RateLimit-Remaining', 'X-RateLimit-Rem|aining'));
    assert.match(remaining ?? '', /X-RateLimit-Remaining/);
  });

  it('gives no hover on headers that say nothing about retrying', async () => {
    assert.strictEqual(await hoverAt('http', FILE.replace('Retry-Aft|er', 'Retry-After').replace('Content-Type', 'Content-Ty|pe')), undefined);
  });

  it('reads both Retry-After forms and rejects malformed ones', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    assert.match(readRetryAfter('120', now), /wait 120 s/);
    assert.match(readRetryAfter('3600', now), /longer than most clients honour/);
    assert.match(readRetryAfter('Sun, 22 Nov 2026 10:05:00 GMT', now), /5 min from now/);
    assert.match(readRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now), /in the past/);
    assert.match(readRetryAfter('soon', now), /neither delay-seconds nor/);
  });
});
