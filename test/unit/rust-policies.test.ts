/** Rust retry crates' schedules as data (server/data/retry-policies.json) and as the evaluator reads them (policyRust.ts). */
import * as assert from 'node:assert/strict';
import data from '../../server/data/retry-policies.json';
import { policyDefaults } from '../../server/src/service/diagnostics/policyDefaults';
import { openDoc, testService } from '../support/serviceHarness';

const behaviour = (id: string): string => (data.libraries as Array<{ id: string; behaviour: string }>).find((l) => l.id === id)?.behaviour ?? '';

async function findings(text: string): Promise<Array<[string, number]>> {
  const service = testService();
  const uri = await openDoc('rust', text, service);
  try {
    return service.diagnostics(uri).map((f) => [f.rule, f.range.start.line]);
  } finally {
    service.close(uri);
  }
}

const FETCH = 'async fn fetch(c: &reqwest::Client) -> Result<String, reqwest::Error> {\n    c.get("https://x.example.com").send().await?.error_for_status()?.text().await\n}\n';

describe('Rust retry crates read as data', () => {
  it('cites the defaults read from Debian backoff 0.4.0 and the reqwest-retry / tokio-retry sources', () => {
    assert.equal(policyDefaults('rust-backoff').delayMs, 500);
    assert.equal(policyDefaults('rust-backoff').multiplier, 1.5);
    assert.equal(policyDefaults('rust-backoff').backoffMaxSeconds, 60);
    assert.match(behaviour('rust-backoff'), /MAX_ELAPSED_TIME_MILLIS = 900000/);
    assert.equal(policyDefaults('reqwest-retry').respectRetryAfterHeader, false);
    assert.match(behaviour('reqwest-retry'), /408 and 429/);
    assert.match(behaviour('tokio-retry'), /without \.take\(n\) it retries for ever/);
  });

  it('tokio-retry: a strategy without take(n) retries for ever; with it, nothing to say', async () => {
    const head = `use tokio_retry::{strategy::ExponentialBackoff, Retry};\n${FETCH}`;
    const line = head.split('\n').length;
    assert.deepEqual(await findings(`${head}async fn run(c: &reqwest::Client) {\n    let _ = Retry::spawn(ExponentialBackoff::from_millis(10), || fetch(c)).await;\n}\n`), [['retry-without-backoff', line]]);
    assert.deepEqual(await findings(`${head}async fn run(c: &reqwest::Client) {\n    let _ = Retry::spawn(ExponentialBackoff::from_millis(10).take(3), || fetch(c)).await;\n}\n`), []);
  });

  it('backoff: with_multiplier(1.0) never grows; the default policy is fine', async () => {
    const head = `use backoff::ExponentialBackoffBuilder;\n${FETCH}`;
    const line = head.split('\n').length + 1;
    const flat = `${head}async fn run(c: &reqwest::Client) {\n    let policy = ExponentialBackoffBuilder::new().with_multiplier(1.0).build();\n    let _ = backoff::future::retry(policy, || async { Ok(fetch(c).await?) }).await;\n}\n`;
    assert.deepEqual(await findings(flat), [['retry-without-backoff', line]]);
    assert.deepEqual(await findings(flat.replace('with_multiplier(1.0)', 'with_multiplier(2.0)')), []);
  });
});
