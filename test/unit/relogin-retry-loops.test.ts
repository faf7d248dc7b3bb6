import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(language: 'rust' | 'python', text: string): Promise<string[]> {
  return (await diagnosticsOf(language, text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

// A Rust helper that re-sends what a builder factory makes, logging in again on a refused session.
const factoryHelper = (bound: string, param: string, refusedArm: string[]): string => [
  'use reqwest::{Client, RequestBuilder, Response, StatusCode};',
  'use tokio::time::sleep;',
  '',
  'impl Tracker {',
  `    async fn send_with_retries${bound}(&self, ${param}) -> anyhow::Result<Response> {`,
  '        let pause = Duration::from_secs(2);',
  '        for _ in 0..4 {',
  '            match build().send().await {',
  '                Ok(resp) => {',
  '                    if resp.status().is_success() {',
  '                        return Ok(resp);',
  '                    }',
  ...refusedArm,
  '                    sleep(pause).await;',
  '                }',
  '                Err(_) => {',
  '                    sleep(pause).await;',
  '                }',
  '            }',
  '        }',
  '        anyhow::bail!("gave up")',
  '    }',
  '',
  '    async fn sign_in(&self) -> anyhow::Result<()> {',
  '        self.http.post(self.url.join("session")?).form(&self.creds).send().await?;',
  '        Ok(())',
  '    }',
  '}',
].join('\n');

const reloginArm = [
  '                    if resp.status() == StatusCode::UNAUTHORIZED || resp.status() == StatusCode::FORBIDDEN {',
  '                        self.sign_in().await?;',
  '                        continue;',
  '                    }',
];

describe('a retry helper handed a request-builder factory', () => {
  it('reads `build().send()` as the request it re-sends (a generic bound): the fixed pause is reported, the re-login is not the retried POST', async () => {
    const found = await rules('rust', factoryHelper('<F>', 'build: F) where F: Fn() -> RequestBuilder', reloginArm).replace(') where F', ')\n    where\n        F'));
    assert.ok(found.some((f) => f.endsWith('retry-without-backoff')), found.join('\n'));
    assert.ok(!found.some((f) => f.endsWith('unsafe-retry')), found.join('\n'));
  });

  it('reads an `impl Fn() -> RequestBuilder` parameter the same way', async () => {
    const found = await rules('rust', factoryHelper('', 'build: impl Fn() -> RequestBuilder', reloginArm));
    assert.ok(found.some((f) => f.endsWith('retry-without-backoff')), found.join('\n'));
    assert.ok(!found.some((f) => f.endsWith('unsafe-retry')), found.join('\n'));
  });

  it('does not take a parameter that makes something else for a request factory', async () => {
    const text = [
      'use reqwest::Client;',
      '',
      'async fn drain<F>(next: F) -> u32 where F: Fn() -> Job {',
      '    let mut done = 0;',
      '    loop {',
      '        match next().send().await {',
      '            Ok(_) => return done,',
      '            Err(_) => { done += 1; continue; }',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(await rules('rust', text), []);
  });
});

describe('a 403 answered by logging in again', () => {
  it('is no refusal retried when the branch renews the session before going round', async () => {
    const found = await rules('rust', factoryHelper('', 'build: impl Fn() -> RequestBuilder', reloginArm));
    assert.ok(!found.some((f) => f.endsWith('non-retryable-retried')), found.join('\n'));
  });

  it('is still reported when the branch only waits and goes round', async () => {
    const text = [
      'import time',
      'import requests',
      '',
      'def fetch_report(url):',
      '    for attempt in range(5):',
      '        r = requests.get(url, timeout=10)',
      '        if r.status_code == 403:',
      '            time.sleep(2 ** attempt)',
      '            continue',
      '        if r.status_code == 200:',
      '            return r.json()',
      '        raise RuntimeError(r.text)',
    ].join('\n');
    assert.ok((await rules('python', text)).includes('7 non-retryable-retried'));
  });
});

describe('a login retried', () => {
  const login = (name: string): string => [
    'import time',
    'import requests',
    '',
    `def ${name}(base, creds):`,
    '    for attempt in range(4):',
    '        try:',
    '            r = requests.post(base + "/api/auth", data=creds, timeout=10)',
    '            r.raise_for_status()',
    '            return r.cookies',
    '        except requests.ConnectionError:',
    '            time.sleep(2 ** attempt)',
    '    raise RuntimeError("cannot sign in")',
  ].join('\n');

  it('is no unsafe retry: a second login hands out a second session, it duplicates nothing', async () => {
    assert.ok(!(await rules('python', login('login'))).some((f) => f.endsWith('unsafe-retry')));
    assert.ok(!(await rules('python', login('authenticate_user'))).some((f) => f.endsWith('unsafe-retry')));
  });

  it('is still unsafe when the function is named for making something (a sign-up creates an account)', async () => {
    assert.ok((await rules('python', login('register_account'))).some((f) => f.endsWith('unsafe-retry')));
    assert.ok((await rules('python', login('create_session_record'))).some((f) => f.endsWith('unsafe-retry')));
  });
});
