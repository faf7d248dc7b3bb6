import { strict as assert } from 'node:assert';
import { unitOf } from '../../server/src/service/diagnostics/units/delayUnits';
import { diagnosticsOf } from '../support/serviceHarness';

/** The unit of a delay value, read from where the value came from (server/src/service/diagnostics/units/). */
const at = (text: string, use: string) => unitOf(use, { text, before: text.lastIndexOf(use) });

describe('delay units', () => {
  it('reads headers, body fields, names and conversions', () => {
    assert.equal(unitOf("res.headers.get('retry-after')", { text: '', before: 0 }), 's');
    assert.equal(unitOf("Number(res.headers.get('Retry-After') ?? '1')", { text: '', before: 0 }), 's');
    assert.equal(unitOf("int(resp.headers['retry-after-ms'])", { text: '', before: 0 }), 'ms');
    assert.equal(unitOf('data.parameters.retry_after', { text: '', before: 0 }), 's');
    assert.equal(unitOf('backoff_ms', { text: '', before: 0 }), 'ms');
    assert.equal(unitOf('waitSeconds', { text: '', before: 0 }), 's');
    assert.equal(unitOf('delayMillis / 1000', { text: '', before: 0 }), 's');
    assert.equal(unitOf("res.headers.get('retry-after') * 1000", { text: '', before: 0 }), 'ms');
    assert.equal(unitOf('Date.parse(h) - Date.now()', { text: '', before: 0 }), 'ms');
    assert.equal(unitOf('(until - now).total_seconds()', { text: '', before: 0 }), 's');
    assert.equal(unitOf('Math.min(capMs, baseMs * 2 ** n)', { text: '', before: 0 }), 'ms');
  });

  it('reads a ternary by its branches, not the header its condition names, over several lines', () => {
    const text = [
      'const retryAfter = headers["Retry-After"]',
      '  ? parseInt(headers["Retry-After"], 10) * 1000',
      '  : undefined;',
      'const delay = retryAfter ?? retryDelayMs * retries;',
      'await new Promise((resolve) => setTimeout(resolve, delay));',
      '',
    ].join('\n');
    assert.equal(at(text, 'delay));'.slice(0, 5)), 'ms');
    assert.equal(at(text.replace(' * 1000', ''), 'delay));'.slice(0, 5)), 's');
    assert.equal(unitOf('headers["Retry-After"] ? parseInt(headers["Retry-After"], 10) * 1000 : undefined', { text: '', before: 0 }), 'ms');
  });

  it('says nothing when the code does not', () => {
    for (const e of ['delay', 'wait', '5', 'this.retryAfter', 'Math.min(a, b)', 'backoff(attempt)']) assert.equal(unitOf(e, { text: '', before: 0 }), undefined, e);
    assert.equal(unitOf('Math.max(waitSeconds, delayMs)', { text: '', before: 0 }), undefined, 'disagreeing parts');
  });

  it('follows a name to the value it was last given before the use', () => {
    const text = "let wait = 5;\nconst retryAfter = Number(res.headers.get('retry-after'));\nwait = retryAfter;\nsetTimeout(go, wait);\nwait = retryAfter * 1000;\n";
    assert.equal(at(text, 'wait);'.slice(0, 4)), 's');
    const py = 'delay = compute()\nbackoff = delay_ms\ntime.sleep(backoff)';
    assert.equal(at(py, 'backoff)'.slice(0, 7)), 'ms');
  });

  it('reports seconds given to setTimeout with a conversion as the fix, and stays silent once converted', async () => {
    const flawed = "export function later(fn: () => void, res: Response) {\n  const retryAfter = Number(res.headers.get('retry-after'));\n  setTimeout(fn, retryAfter);\n}\n";
    const found = (await diagnosticsOf('typescript', flawed)).filter((f) => f.rule === 'retry-delay-unit');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /seconds, but setTimeout takes milliseconds: it waits 1000× too short/);
    assert.equal((found[0].data as { edit?: { newText: string } }).edit?.newText, 'retryAfter * 1000');
    const fixed = flawed.replace('setTimeout(fn, retryAfter)', 'setTimeout(fn, retryAfter * 1000)');
    assert.equal((await diagnosticsOf('typescript', fixed)).filter((f) => f.rule === 'retry-delay-unit').length, 0);
  });

  it('reads a header or body field by its fixed unit, whatever name it is kept in', async () => {
    assert.equal(at("const retryAfterMs = Number(res.headers.get('retry-after'));\nsetTimeout(go, retryAfterMs);\n", 'retryAfterMs);'.slice(0, 12)), 's');
    assert.equal(at("const retryAfterMs = Number(res.headers.get('retry-after')) * 1000;\nsetTimeout(go, retryAfterMs);\n", 'retryAfterMs);'.slice(0, 12)), 'ms');
    assert.equal(at('retry_after_ms = int(resp.headers.get("Retry-After", "1"))\ntime.sleep(retry_after_ms)\n', 'retry_after_ms)'.slice(0, 14)), 's');
    assert.equal(at('retry_after_ms = int(resp.headers["retry-after-ms"])\ntime.sleep(retry_after_ms)\n', 'retry_after_ms)'.slice(0, 14)), 'ms');
    assert.equal(at('backoff_ms = 200\ntime.sleep(backoff_ms)\n', 'backoff_ms)'.slice(0, 10)), 'ms');
    const rust = [
      'async fn wait(resp: &reqwest::Response) {',
      '    let retry_after_millis: u64 = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(1);',
      '    tokio::time::sleep(Duration::from_millis(retry_after_millis + 500)).await;',
      '}',
      '',
    ].join('\n');
    assert.deepEqual((await diagnosticsOf('rust', rust)).filter((f) => f.rule === 'retry-delay-unit').map((f) => f.range.start.line + 1), [3]);
  });

  it('reads a header named through a constant of the file or a library', () => {
    const kt = 'val delayTime = response.header(HEADER_RETRY_AFTER)?.toLong()\nTimer().schedule(task, delayTime)\nconst val HEADER_RETRY_AFTER = "Retry-After"\n';
    assert.equal(unitOf('delayTime', { text: kt, before: kt.indexOf('Timer'), file: kt }), 's');
    assert.equal(unitOf('delayTime', { text: kt, before: kt.indexOf('Timer'), file: kt.replace('"Retry-After"', '"X-Request-Id"') }), undefined);
    assert.equal(unitOf('response.headers.firstValue(HttpHeaders.RETRY_AFTER).get().toLong()', { text: '', before: 0 }), 's');
    assert.equal(unitOf('headers.get(RETRY_AFTER)', { text: '', before: 0 }), 's');
  });

  it('reports a fallback in milliseconds among values in seconds waited on as seconds, and no fallback in seconds', async () => {
    const ts = [
      "import { pause } from './timing';",
      '',
      'export async function onLimited(res: { headers: Record<string, string>; data?: { retry_after?: number } }) {',
      '  let waitFor = 3000;',
      '  if (res.data) waitFor = res.data.retry_after || waitFor;',
      "  if (res.headers) waitFor = Number(res.headers['retry-after']) || waitFor;",
      '  await pause(waitFor * 1000);',
      '}',
      '',
    ].join('\n');
    const found = (await diagnosticsOf('typescript', ts)).filter((f) => f.rule === 'retry-delay-unit');
    assert.deepEqual(found.map((f) => f.range.start.line + 1), [4]);
    assert.match(found[0].message, /this fallback reads as milliseconds: without the header the wait is 3000 s \(50 minutes\), not 3 s/);
    assert.equal((found[0].data as { edit?: { newText: string } }).edit?.newText, '3');
    assert.deepEqual((await diagnosticsOf('typescript', ts.replace('let waitFor = 3000', 'let waitFor = 30'))).filter((f) => f.rule === 'retry-delay-unit'), []);
    const py = 'import time\n\n\ndef on_limited(resp):\n    retry_after = 2000\n    if "Retry-After" in resp.headers:\n        retry_after = int(resp.headers["Retry-After"])\n    time.sleep(retry_after)\n';
    assert.deepEqual((await diagnosticsOf('python', py)).filter((f) => f.rule === 'retry-delay-unit').map((f) => f.range.start.line + 1), [5]);
    // (A backoff in milliseconds with no value from the response is one unit throughout.)
    const ms = 'export async function grow(cap: number) {\n  let delay = 5000;\n  delay = Math.min(delay * 2, cap);\n  await new Promise((r) => setTimeout(r, delay));\n}\n';
    assert.deepEqual((await diagnosticsOf('typescript', ms)).filter((f) => f.rule === 'retry-delay-unit'), []);
  });

  it('reads milliseconds multiplied by 1000 as 1000× too long for a wait in milliseconds, and drops the multiplication', async () => {
    assert.equal(unitOf('backoffMs * 1000', { text: '', before: 0 }), 'us');
    assert.equal(unitOf('backoffMs * 1000 / 1000', { text: '', before: 0 }), 'ms');
    const ts = 'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\n\nexport async function again(backoffMs: number, waitSeconds: number) {\n  await sleep(backoffMs * 1000);\n  await sleep(waitSeconds * 1000);\n}\n';
    const found = (await diagnosticsOf('typescript', ts)).filter((f) => f.rule === 'retry-delay-unit');
    assert.deepEqual(found.map((f) => f.range.start.line + 1), [4]);
    assert.match(found[0].message, /milliseconds multiplied by 1000, but sleep \(setTimeout\) takes milliseconds: it waits 1000× too long/);
    assert.equal((found[0].data as { edit?: { newText: string } }).edit?.newText, 'backoffMs');
    const py = (await diagnosticsOf('python', 'import time\n\n\ndef again(delay_ms):\n    time.sleep(delay_ms * 1000)\n')).filter((f) => f.rule === 'retry-delay-unit');
    assert.match(py[0].message, /1,000,000× too long/);
    assert.equal((py[0].data as { edit?: { newText: string } }).edit?.newText, 'delay_ms / 1000');
  });
});

