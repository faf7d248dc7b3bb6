import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(text: string): Promise<string[]> {
  return (await diagnosticsOf('rust', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

// A Rust retry loop matching the request's result, its arms guarded by the status.
const send = (rateLimitArm: string[]): string => [
  'use reqwest::{Client, StatusCode};',
  '',
  'async fn send(client: &Client, url: &str, body: &Value) -> Result<StatusCode, StatusCode> {',
  '    let mut backoff = Duration::from_secs(4);',
  '    loop {',
  '        match client.post(url).json(body).timeout(Duration::from_secs(10)).send().await {',
  '            Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR),',
  '            Ok(response) if response.status().is_success() => return Ok(StatusCode::OK),',
  '            Ok(response) if response.status() == StatusCode::TOO_MANY_REQUESTS => {',
  ...rateLimitArm,
  '            }',
  '            Ok(response) => return Err(response.status()),',
  '        }',
  '    }',
  '}',
].join('\n');

describe('a Rust loop that matches the request result on guarded arms', () => {
  it('reads the guarded 429 arm as what goes round: a refusal (no unsafe-retry), a doubling delay capped by its bound, Retry-After unread', async () => {
    const found = await rules(send([
      '                tokio::time::sleep(backoff).await;',
      '                if (backoff * 2).as_secs() > 128 {',
      '                    return Err(StatusCode::TOO_MANY_REQUESTS);',
      '                }',
      '                backoff *= 2;',
    ]));
    assert.ok(found.includes('9 retry-ignores-retry-after'), found.join('\n'));
    assert.ok(!found.some((f) => /unsafe-retry|retry-without-backoff/.test(f)), found.join('\n'));
  });

  it('still asks for a cap when the doubling delay is never bounded', async () => {
    const found = await rules(send(['                tokio::time::sleep(backoff).await;', '                backoff *= 2;']));
    assert.ok(found.some((f) => f.endsWith('retry-without-backoff')), found.join('\n'));
  });
});
