import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/** reqwest's async client waits for ever by default; its blocking API times out after 30 s unless told otherwise. */
const timeoutLines = (text: string): Promise<number[]> => ruleLines('rust', text, 'request-without-timeout');

const ASYNC = `pub async fn fetch_cover(url: &str) -> Result<Vec<u8>, reqwest::Error> {
    let bytes = reqwest::get(url).await?.bytes().await?;
    Ok(bytes.to_vec())
}
`;

const BLOCKING = `use reqwest::blocking::Client;

pub fn fetch_cover(url: &str) -> Result<Vec<u8>, reqwest::Error> {
    let once = reqwest::blocking::get(url)?.bytes()?;
    let client = Client::new();
    let again = client.get(url).send()?.bytes()?;
    Ok([once.to_vec(), again.to_vec()].concat())
}
`;

describe('Rust: reqwest async and blocking timeouts', () => {
  it('reports the async module function', async () => {
    assert.deepEqual(await timeoutLines(ASYNC), [2]);
  });

  it('leaves the blocking API alone: it is bounded at 30 s', async () => {
    assert.deepEqual(await timeoutLines(BLOCKING), []);
  });

  it('reads the blocking Client out of a nested use tree', async () => {
    const nested = BLOCKING.replace('use reqwest::blocking::Client;', 'use reqwest::{\n    Method,\n    blocking::{Client, RequestBuilder},\n};');
    assert.deepEqual(await timeoutLines(nested), []);
    const asyncNested = nested.replace('blocking::{Client, RequestBuilder}', 'blocking::RequestBuilder,\n    Client').replace('let once = reqwest::blocking::get(url)?.bytes()?;', 'let once = Vec::new();');
    assert.deepEqual(await timeoutLines(asyncNested), [9]);
  });

  it('still reports an async Client::new() beside a blocking import of something else', async () => {
    const mixed = BLOCKING.replace('use reqwest::blocking::Client;', 'use reqwest::Client;\nuse reqwest::blocking::Response;').replace('let again = client.get(url).send()?.bytes()?;', 'let again = client.get(url).send().await?.bytes().await?;').replace('pub fn', 'pub async fn');
    assert.deepEqual(await timeoutLines(mixed), [6]);
  });
});
