import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A retry that goes round only for failures that got no answer — `if (err.response) throw err`, `!e.response && tries
 * < 5`, an error code of the runtime (`e.code !== 'ECONNRESET'`), Guzzle's `$e->hasResponse()` — retries no status:
 * retry-ignores-retry-after and non-retryable-retried stay silent, while its own pace is still read
 * (retry-without-backoff). TypeScript's annotated catch parameter (`catch (err: any)`) is the error's name.
 */
const TS_LOOP = `import axios from 'axios';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function loadStock(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const res = await axios.get(url, { timeout: 8000 });
      return res.data;
    } catch (err: any) {
      if (err.response) throw err;
      await pause(Math.min(20000, 300 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
  throw new Error('stock service unreachable');
}
`;

const TS_RESEND = `import axios from 'axios';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pushEvent(url: string, tries = 0): Promise<unknown> {
  try {
    const res = await axios.get(url, { timeout: 10000 });
    return res.data;
  } catch (e: any) {
    if (!e.response && tries < 5) {
      await pause(400 * 2 ** tries);
      return pushEvent(url, tries + 1);
    }
    throw e;
  }
}
`;

const JS_CODES = `const axios = require('axios');
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function readQuote(url) {
  for (let i = 0; i < 5; i++) {
    try {
      return (await axios.get(url, { timeout: 10000 })).data;
    } catch (e) {
      if (e.code !== 'ECONNRESET' && e.code !== 'ETIMEDOUT') throw e;
      await pause(300 * 2 ** i);
    }
  }
  throw new Error('quote service unreachable');
}
module.exports = { readQuote };
`;

const PHP = `<?php
use GuzzleHttp\\Client;
use GuzzleHttp\\Exception\\RequestException;

function fetch_rates(Client $client, string $url): string
{
    for ($attempt = 0; $attempt < 5; $attempt++) {
        try {
            return (string) $client->get($url, ['timeout' => 10])->getBody();
        } catch (RequestException $e) {
            if ($e->hasResponse()) {
                throw $e;
            }
            usleep((int) (250000 * 2 ** $attempt));
        }
    }
    throw new RuntimeException('rates unreachable');
}
`;

describe('retries of failures that got no answer', () => {
  it('a catch that throws every error with an answer retries no status (TypeScript, annotated catch)', async () => {
    assert.deepEqual(await ruleLines('typescript', TS_LOOP, 'retry-ignores-retry-after'), []);
    assert.deepEqual(await ruleLines('typescript', TS_LOOP, 'non-retryable-retried'), []);
  });

  it('a re-send under `!e.response` retries no status, and its fixed pace is still reported', async () => {
    assert.deepEqual(await ruleLines('typescript', TS_RESEND, 'retry-ignores-retry-after'), []);
    assert.deepEqual(await ruleLines('typescript', TS_RESEND, 'non-retryable-retried'), []);
    const fixed = TS_RESEND.replace('400 * 2 ** tries', '5000').replace('!e.response && tries < 5', '!e.response');
    assert.deepEqual(await ruleLines('typescript', fixed, 'retry-without-backoff'), [10]);
  });

  it('a catch that gives up unless the code is a dropped connection retries no status (JavaScript)', async () => {
    assert.deepEqual(await ruleLines('javascript', JS_CODES, 'retry-ignores-retry-after'), []);
    assert.deepEqual(await ruleLines('javascript', JS_CODES, 'non-retryable-retried'), []);
  });

  it("Guzzle's hasResponse() is an answer there (PHP)", async () => {
    assert.deepEqual(await ruleLines('php', PHP, 'retry-ignores-retry-after'), []);
  });

  it('still reports a catch that retries every failure, answered or not', async () => {
    assert.deepEqual(await ruleLines('typescript', TS_LOOP.replace('      if (err.response) throw err;\n', ''), 'retry-ignores-retry-after'), [5]);
    assert.deepEqual(await ruleLines('javascript', JS_CODES.replace(/ {6}if \(e\.code[^\n]*\n/, ''), 'retry-ignores-retry-after'), [5]);
  });

  it('still reports a 429 waited out on its own schedule', async () => {
    const rate = `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readRates(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.status === 429) {
      await pause(1000 * 2 ** attempt);
      continue;
    }
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  }
  throw new Error('gave up');
}
`;
    assert.deepEqual(await ruleLines('typescript', rate, 'retry-ignores-retry-after'), [6]);
  });
});
