import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const timeoutLines = (text: string): Promise<number[]> => ruleLines('typescript', text, 'request-without-timeout');

const helper = (defaults: string, calls: string[]): string => [
  "import fetch from 'node-fetch';",
  '',
  'export function makeFetch(base: string) {',
  `  async function shopFetch(path: string, options = ${defaults}, retries = 3): Promise<unknown> {`,
  '    const resp = await fetch(`${base}${path}`, options);',
  '    if (resp.status === 429 && retries > 0) return shopFetch(path, options, retries - 1);',
  '    return resp;',
  '  }',
  ...calls,
  '}',
].join('\n');

describe('request options read from a parameter default', () => {
  it('reads the default when every call leaves the options out (node-fetch, no signal)', async () => {
    assert.deepEqual(await timeoutLines(helper('{ headers: { accept: "application/json" } }', ['  return (path: string) => shopFetch(path);'])), [5]);
  });

  it('leaves it alone when the default bounds the request', async () => {
    assert.deepEqual(await timeoutLines(helper('{ signal: AbortSignal.timeout(10000) }', ['  return (path: string) => shopFetch(path);'])), []);
  });

  it('leaves it alone when a call hands options of its own', async () => {
    assert.deepEqual(await timeoutLines(helper('{ headers: {} }', ['  return (path: string, o: object) => shopFetch(path, o);'])), []);
  });

  it('leaves an exported function alone: callers elsewhere may hand options', async () => {
    const text = ["import fetch from 'node-fetch';", '', 'export async function get(url: string, options = { headers: {} }) {', '  return fetch(url, options);', '}'].join('\n');
    assert.deepEqual(await timeoutLines(text), []);
  });
});
