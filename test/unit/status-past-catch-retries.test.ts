import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';
import type { LanguageId } from '../../server/src/service/types';

async function findings(language: LanguageId, text: string): Promise<string[]> {
  return (await diagnosticsOf(language, text)).map((f) => `${f.range.start.line + 1} ${f.rule}: ${f.message}`);
}

const celeryTask = (onFailure: string[]): string => [
  'import logging',
  'import requests',
  'from celery import shared_task',
  '',
  'log = logging.getLogger(__name__)',
  '',
  '@shared_task(bind=True, max_retries=5)',
  'def notify(self, url, body):',
  '    try:',
  '        response = requests.post(url, json=body, timeout=5)',
  '        if response.status_code != 200:',
  ...onFailure,
  '    except requests.RequestException as exc:',
  '        raise self.retry(exc=exc, countdown=2 ** self.request.retries)',
].join('\n');

const requeued = [
  'import logging',
  'import requests',
  '',
  'log = logging.getLogger(__name__)',
  '',
  'def call_hook(hook_id, data, try_count=1):',
  '    try:',
  '        res = requests.post(url_of(hook_id), data=data, timeout=10)',
  '        if not res.ok:',
  '            log.warning("hook %d returned %d", hook_id, res.status_code)',
  '    except requests.exceptions.RequestException as exc:',
  '        log.warning("hook %d failed: %s", hook_id, exc)',
  '        if try_count < 5:',
  '            call_hook.delay(args=(hook_id, data, try_count + 1))',
  '        return None',
  '    return res',
].join('\n');

const recursive = (onFailure: string): string => [
  'export async function postEvent(url: string, body: unknown, left = 3): Promise<unknown> {',
  '  try {',
  "    const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });",
  '    if (!res.ok) {',
  `      ${onFailure}`,
  '    }',
  '    return await res.json();',
  '  } catch (err) {',
  '    if (left > 0) {',
  '      await new Promise((r) => setTimeout(r, 1000 * 2 ** (3 - left)));',
  '      return postEvent(url, body, left - 1);',
  '    }',
  '    throw err;',
  '  }',
  '}',
].join('\n');

describe('failure statuses past a retry in the catch clause', () => {
  it('reports a Celery task that retries exceptions and only logs a failure status, as retryable-treated-as-final', async () => {
    const found = await findings('python', celeryTask(['            log.error("mail failed: %s", response.text)']));
    assert.ok(found.some((f) => /^11 retryable-treated-as-final: .*logged and dropped; only a raised error reaches the retry at line 14/.test(f)), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('no-retry-on-request')), found.join('\n'));
  });

  it('is silent when the failure status is raised inside the try, where self.retry catches it', async () => {
    const found = await findings('python', celeryTask(['            raise requests.HTTPError(response=response)']));
    assert.ok(!found.some((f) => /retryable-treated-as-final|no-retry-on-request/.test(f)), found.join('\n'));
  });

  it('reports a function that queues itself again on exceptions and only logs a non-2xx', async () => {
    const found = await findings('python', requeued);
    assert.ok(found.some((f) => /^9 retryable-treated-as-final: .*not res\.ok → logged and dropped; only a raised error reaches the retry at line 14/.test(f)), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('no-retry-on-request')), found.join('\n'));
  });

  it('reports a recursive re-send from the catch when the failure status returns instead of throwing', async () => {
    const found = await findings('typescript', recursive('return undefined;'));
    assert.ok(found.some((f) => /^4 retryable-treated-as-final: .*!res\.ok → return; only a raised error reaches the retry at line 11/.test(f)), found.join('\n'));
  });

  it('is silent when the failure status throws into that catch', async () => {
    const found = await findings('typescript', recursive('throw new Error(`rejected ${res.status}`);'));
    assert.ok(!found.some((f) => /retryable-treated-as-final|no-retry-on-request/.test(f)), found.join('\n'));
  });

  it('keeps no-retry-on-request where the catch only logs (nothing retries at all)', async () => {
    const text = requeued.replace('            call_hook.delay(args=(hook_id, data, try_count + 1))', '            log.info("giving up")');
    const found = await findings('python', text);
    assert.ok(found.some((f) => f.startsWith('9 no-retry-on-request')), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('retryable-treated-as-final')), found.join('\n'));
  });
});
