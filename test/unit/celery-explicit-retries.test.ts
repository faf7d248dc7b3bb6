import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function findings(text: string): Promise<string[]> {
  return (await diagnosticsOf('python', text)).map((f) => `${f.range.start.line + 1} ${f.rule}: ${f.message}`);
}

const task = (retryCall: string, options = 'bind=True, max_retries=5'): string => [
  'import requests',
  'from celery import shared_task',
  'from requests import RequestException, Session',
  '',
  `@shared_task(${options})`,
  'def deliver(self, url, body):',
  '    try:',
  '        Session().post(url, json=body, timeout=10).raise_for_status()',
  '    except RequestException as exc:',
  `        raise ${retryCall}`,
].join('\n');

describe('Celery explicit self.retry', () => {
  it('reports `raise self.retry(exc=exc)` with no countdown: the same default_retry_delay every time', async () => {
    const found = await findings(task('self.retry(exc=exc)'));
    assert.ok(found.some((f) => /^10 retry-without-backoff: .*Celery self\.retry with no countdown.*180 s/.test(f)), found.join('\n'));
  });

  it('names the task\'s own default_retry_delay when it sets one (retry_backoff does not shape an explicit retry)', async () => {
    const found = await findings(task('self.retry(exc=exc)', 'bind=True, default_retry_delay=60, retry_backoff=True'));
    assert.ok(found.some((f) => /^10 retry-without-backoff: .*default_retry_delay \(60\)/.test(f)), found.join('\n'));
  });

  it('leaves a retry with a countdown alone', async () => {
    const found = await findings(task('self.retry(exc=exc, countdown=2 ** self.request.retries)'));
    assert.ok(!found.some((f) => f.includes('retry-without-backoff')), found.join('\n'));
  });

  it('reads `Session().send(req)` as a requests call (a session made for the one call, no timeout)', async () => {
    const text = ['from requests import Session', '', 'def fire(req):', '    return Session().send(req)'].join('\n');
    const found = await findings(text);
    assert.ok(found.some((f) => f.startsWith('4 request-without-timeout')), found.join('\n'));
  });
});
