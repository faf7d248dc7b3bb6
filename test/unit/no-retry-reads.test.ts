import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import type { LanguageId } from '../../server/src/service/types';
import { openDoc, READS_REPORTED, testService } from '../support/serviceHarness';

/**
 * no-retry-on-request speaks about writes by default: a failed write is lost, while whether a failed read matters is
 * not in the code (reviewers marked few of them on the real-world benchmark). `reportReadsWithoutRetry` brings reads back.
 */
async function noRetryLines(language: LanguageId, text: string, settings = DEFAULT_SETTINGS): Promise<number[]> {
  const service = testService();
  service.configure(settings);
  const uri = await openDoc(language, text, service);
  try {
    return service.diagnostics(uri).filter((f) => f.rule === 'no-retry-on-request').map((f) => f.range.start.line + 1);
  } finally {
    service.close(uri);
    service.configure(DEFAULT_SETTINGS);
  }
}

const PYTHON = `import requests

def load_profile(url):
    r = requests.get(url, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("profile unavailable")
    return r.json()

def store_profile(url, profile):
    r = requests.put(url, json=profile, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("profile not stored")

def send_digest(url):
    r = requests.get(url, timeout=10)
    if r.status_code != 200:
        raise RuntimeError("digest not sent")
`;

const TYPESCRIPT = `export async function relay(hook: { url: string; method: string }, body: string) {
  const res = await fetch(hook.url, { method: hook.method, body, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error('relay failed');
}

export async function readStatus(url: string) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error('status unavailable');
  return res.json();
}
`;

describe('no-retry-on-request: reads and writes', () => {
  it('reports a write and a write-named function by default, not a read', async () => {
    assert.deepEqual(await noRetryLines('python', PYTHON), [11, 16]);
  });

  it('reports the read too with reportReadsWithoutRetry', async () => {
    assert.deepEqual(await noRetryLines('python', PYTHON, READS_REPORTED), [5, 11, 16]);
  });

  it('a fetch whose method is chosen at run time may write: reported; a fetch with no method reads', async () => {
    assert.deepEqual(await noRetryLines('typescript', TYPESCRIPT), [3]);
    assert.deepEqual(await noRetryLines('typescript', TYPESCRIPT, READS_REPORTED), [3, 8]);
  });
});
