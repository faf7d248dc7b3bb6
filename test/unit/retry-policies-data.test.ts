import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { policyDefaults, type PolicyId } from '../../server/src/service/diagnostics/policyDefaults';

/** server/data/retry-policies.json: valid against its schema, and the defaults the evaluator reads are the cited ones. */
const root = path.resolve(__dirname, '..', '..');
const data = JSON.parse(fs.readFileSync(path.join(root, 'server/data/retry-policies.json'), 'utf8')) as { libraries: { id: PolicyId; behaviour: string }[] };
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/retry-policies.schema.json'), 'utf8')) as object;

describe('retry policy defaults (server/data/retry-policies.json)', () => {
  it('is valid against schemas/retry-policies.schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
  });

  it('has one entry per policy the evaluator reads, each with distinct id', () => {
    const ids = data.libraries.map((l) => l.id);
    assert.deepEqual([...new Set(ids)].sort(), ['activejob-retry-on', 'axios-retry', 'celery-autoretry', 'faraday-retry', 'go-retryablehttp', 'got-ky-retry', 'guzzle-retry-middleware', 'http-retry-strategy', 'ktor-http-request-retry', 'laravel-http-retry', 'ofetch-retry', 'p-retry', 'polly-retry-strategy', 'reqwest-retry', 'resilience4j-retry', 'rust-backoff', 'songmu-retry', 'spring-retryable', 'tokio-retry', 'urllib3-retry', 'go-pkgz-repeater', 'polly-transient-http-error', 'symfony-generic-retry-strategy', 'actions-http-client'].sort());
    for (const id of ids) assert.ok(Object.keys(policyDefaults(id)).length > 0, id);
  });

  it('the words and the values agree for the defaults that decide a finding', () => {
    const words = (id: PolicyId) => data.libraries.find((l) => l.id === id)!.behaviour;
    assert.equal(policyDefaults('urllib3-retry').backoffFactor, 0);
    assert.ok(!policyDefaults('got-ky-retry').retryMethods!.includes('POST'));
    // Which methods a retry re-sends: every one for policies that never read it, idempotent ones where the library says so.
    for (const id of ['go-retryablehttp', 'ktor-http-request-retry', 'guzzle-retry-middleware', 'polly-transient-http-error'] as const) assert.ok(policyDefaults(id).retryMethods!.includes('POST'), id);
    for (const id of ['urllib3-retry', 'axios-retry', 'symfony-generic-retry-strategy', 'actions-http-client'] as const) assert.ok(!policyDefaults(id).retryMethods!.includes('POST'), id);
    assert.ok(policyDefaults('axios-retry').networkRetryMethods!.includes('POST'));
    assert.match(words('axios-retry'), /isNetworkError[^.]*retries a failed connection for every method/);
    assert.match(words('symfony-generic-retry-strategy'), /flat array[^.]*every method/);
    assert.match(words('got-ky-retry'), /POST or PATCH is sent once/);
    assert.equal(policyDefaults('songmu-retry').delay, 'fixed');
    assert.equal(policyDefaults('go-pkgz-repeater').delay, 'fixed');
    assert.match(words('go-pkgz-repeater'), /FixedDelay strategy that sleeps the same delay/);
    assert.equal(policyDefaults('ofetch-retry').delayMs, 0);
    assert.equal(policyDefaults('ofetch-retry').respectRetryAfterHeader, false);
    assert.match(words('ofetch-retry'), /retryDelay .* defaults to 0/);
    assert.match(words('ofetch-retry'), /no Retry-After is read/);
    assert.match(words('urllib3-retry'), /backoff_factor defaults to 0/);
    assert.equal(policyDefaults('axios-retry').delay, 'retry-after-only');
    assert.match(words('axios-retry'), /retryDelay defaults to noDelay, which waits only for a Retry-After/);
    assert.equal(policyDefaults('polly-retry-strategy').backoffType, 'Constant');
    assert.match(words('polly-retry-strategy'), /BackoffType defaults to Constant/);
    assert.equal(policyDefaults('http-retry-strategy').backoffType, 'Exponential');
    assert.equal(policyDefaults('spring-retryable').delayMs, 1000);
    assert.match(words('spring-retryable'), /value 1000 ms and multiplier 0/);
    assert.equal(policyDefaults('p-retry').factor, 2);
    assert.equal(policyDefaults('faraday-retry').delayMs, 0);
    assert.equal(policyDefaults('faraday-retry').backoffFactor, 1);
    assert.match(words('faraday-retry'), /interval 0 \(every retry is sent at once\)/);
    assert.equal(policyDefaults('laravel-http-retry').delayMs, 0);
    assert.equal(policyDefaults('activejob-retry-on').retries, 5);
    assert.equal(policyDefaults('celery-autoretry').delayMs, 180000);
    assert.match(words('celery-autoretry'), /default_retry_delay, 180 seconds by default/);
    assert.match(words('activejob-retry-on'), /wait: 3\.seconds, attempts: 5/);
    assert.equal(policyDefaults('guzzle-retry-middleware').delay, 'growing');
    assert.equal(policyDefaults('guzzle-retry-middleware').respectRetryAfterHeader, false);
    assert.match(words('guzzle-retry-middleware'), /2\^\(retries - 1\) \* 1000 ms/);
    assert.match(words('laravel-http-retry'), /0 by default, the same every time for a number/);
    assert.equal(policyDefaults('ktor-http-request-retry').factor, 2);
    assert.equal(policyDefaults('ktor-http-request-retry').conditionRetries429, false);
    assert.match(words('ktor-http-request-retry'), /a 429 is not retried unless a retryIf says so/);
  });
});
