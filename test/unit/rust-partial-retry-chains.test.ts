import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function finalLines(text: string): Promise<Array<[number, string]>> {
  return (await diagnosticsOf('rust', text))
    .filter((f) => f.rule === 'retryable-treated-as-final')
    .map((f): [number, string] => [f.range.start.line + 1, f.message.split(' is retryable')[0]]);
}

const header = ['use reqwest::{Client, StatusCode};', 'use std::time::Duration;', ''];

describe('Rust retry loops that retry a rate limit only', () => {
  it('an else-if chain: success flag on the status, 429 waits, the else bails', async () => {
    const text = [
      ...header,
      'pub async fn notify(client: &Client, url: &str) -> anyhow::Result<()> {',
      '    let mut round = 0;',
      '    loop {',
      '        let reply = client.put(url).timeout(Duration::from_secs(5)).send().await?;',
      '        if reply.status().is_success() {',
      '            return Ok(());',
      '        } else if reply.status() == StatusCode::TOO_MANY_REQUESTS {',
      '            round += 1;',
      '            tokio::time::sleep(Duration::from_millis(500 * round)).await;',
      '        } else {',
      '            anyhow::bail!("notify failed: {}", reply.status());',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await finalLines(text), [[13, '500/502/503/504']]);
  });

  it('the else returning `Err(…)` is a give-up too', async () => {
    const text = [
      ...header,
      'pub async fn notify(client: &Client, url: &str) -> Result<(), String> {',
      '    for round in 0..4u64 {',
      '        let reply = client.put(url).timeout(Duration::from_secs(5)).send().await.map_err(|e| e.to_string())?;',
      '        if reply.status() == StatusCode::OK {',
      '            return Ok(());',
      '        } else if reply.status() == StatusCode::TOO_MANY_REQUESTS {',
      '            tokio::time::sleep(Duration::from_secs(1 << round)).await;',
      '        } else {',
      '            return Err(format!("notify failed: {}", reply.status()));',
      '        }',
      '    }',
      '    Err("still limited".into())',
      '}',
    ].join('\n');
    assert.deepEqual(await finalLines(text), [[11, '500/502/503/504']]);
  });

  it('a match on the send with guarded arms: the unguarded `Ok(r)` arm is the else', async () => {
    const text = [
      ...header,
      'pub async fn notify(client: &Client, url: &str) -> anyhow::Result<()> {',
      '    let mut wait = 1;',
      '    loop {',
      '        match client.put(url).timeout(Duration::from_secs(5)).send().await {',
      '            Ok(r) if r.status().is_success() => return Ok(()),',
      '            Ok(r) if r.status() == StatusCode::TOO_MANY_REQUESTS => {',
      '                tokio::time::sleep(Duration::from_secs(wait)).await;',
      '                wait *= 2;',
      '            }',
      '            Ok(r) => return Err(anyhow::anyhow!("notify failed: {}", r.status())),',
      '            Err(e) => return Err(e.into()),',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await finalLines(text), [[13, '500/502/503/504']]);
  });

  it('stays silent when the else arm goes round as well', async () => {
    const text = [
      ...header,
      'pub async fn notify(client: &Client, url: &str) -> anyhow::Result<()> {',
      '    loop {',
      '        match client.put(url).timeout(Duration::from_secs(5)).send().await {',
      '            Ok(r) if r.status().is_success() => return Ok(()),',
      '            Ok(r) if r.status() == StatusCode::TOO_MANY_REQUESTS => tokio::time::sleep(Duration::from_secs(30)).await,',
      '            Ok(_) => tokio::time::sleep(Duration::from_secs(5)).await,',
      '            Err(e) => return Err(e.into()),',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await finalLines(text), []);
  });
});
