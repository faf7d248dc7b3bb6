import { strict as assert } from 'node:assert';
import type { LanguageId } from '../../server/src/service/types';
import { diagnosticsOf } from '../support/serviceHarness';

async function finalAt(language: LanguageId, text: string, line: number): Promise<string[]> {
  return (await diagnosticsOf(language, text))
    .filter((f) => f.rule === 'retryable-treated-as-final' && f.range.start.line + 1 === line)
    .map((f) => f.message);
}

/** A loop that retries 429 only, whose give-up for other failures sits in a try with the handler given. */
const gateway = (handler: string[]): string => [
  'import time',
  'import requests',
  '',
  'def publish(url, body):',
  '    for attempt in range(4):',
  '        try:',
  '            resp = requests.post(url, json=body, timeout=10)',
  '            if resp.status_code == 429:',
  '                time.sleep(2 ** attempt)',
  '                continue',
  '            if resp.status_code >= 400:',
  '                raise PublishError(f"publish failed: {resp.status_code}")',
  '            return resp.json()',
  ...handler,
  '    raise PublishError("still rate limited")',
].join('\n');

describe('a give-up inside a try of a retry loop whose handlers leave', () => {
  it('reports the 5xx a 429-only loop raises when the handler re-raises as another error', async () => {
    const text = gateway(['        except requests.ConnectionError as exc:', '            raise PublishError("unreachable") from exc']);
    const messages = await finalAt('python', text, 11);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^500\/502\/503\/504 is retryable/);
  });

  it('stays silent when the handler logs and lets the loop go round', async () => {
    const text = gateway(['        except Exception as exc:', '            print("attempt failed", exc)']);
    assert.deepEqual(await finalAt('python', text, 11), []);
  });

  it('stays silent when the handler says continue', async () => {
    const text = gateway(['        except Exception:', '            time.sleep(1)', '            continue']);
    assert.deepEqual(await finalAt('python', text, 11), []);
  });

  it('reports a TypeScript loop whose catch rethrows a wrapped error', async () => {
    const text = [
      'const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));',
      'export async function publish(url: string): Promise<unknown> {',
      '  for (let attempt = 0; attempt < 4; attempt++) {',
      '    try {',
      '      const res = await fetch(url, { method: "PUT", signal: AbortSignal.timeout(5000) });',
      '      if (res.status === 429) { await wait(1000 * 2 ** attempt); continue; }',
      '      if (!res.ok) throw new Error(`publish failed: ${res.status}`);',
      '      return await res.json();',
      '    } catch (err) {',
      '      throw new Error(`publish: ${String(err)}`);',
      '    }',
      '  }',
      '  throw new Error("still rate limited");',
      '}',
    ].join('\n');
    const messages = await finalAt('typescript', text, 7);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /500\/502\/503\/504/);
  });
});
