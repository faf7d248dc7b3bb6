/** Rust through the shared service: language mapping, hover, completion and inlay hints on reqwest, axum, actix and tonic code. */
import * as assert from 'node:assert/strict';
import constants from '../../server/data/http-constants.json';
import { languageForPath } from '../../server/src/service/parsing/grammars';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { cursor, hoverAt, openDoc, testService } from '../support/serviceHarness';

describe('Rust in the shared service', () => {
  it('maps .rs files to rust', () => {
    assert.equal(languageForPath('src/client/retry.rs'), 'rust');
    assert.equal(languageForPath('src/client/retry.rsx'), undefined);
  });

  it('has the http crate constants as data (receiver StatusCode), names the crate spells, and Rocket\'s Status', () => {
    const table = (constants as unknown as Record<string, Record<string, Record<string, number>>>)['rust']!;
    assert.deepEqual(Object.keys(table), ['StatusCode', 'Status']);
    assert.equal(table['Status']!['TooManyRequests'], 429);
    assert.equal(table['Status']!['ServiceUnavailable'], 503);
    assert.equal(table['StatusCode']!['TOO_MANY_REQUESTS'], 429);
    assert.equal(table['StatusCode']!['PAYLOAD_TOO_LARGE'], 413);
    assert.equal(table['StatusCode']!['HTTP_VERSION_NOT_SUPPORTED'], 505);
    // http 0.2 has no constant for 425 Too Early nor the Spring-style `REQUEST_ENTITY_TOO_LARGE`
    assert.equal(table['StatusCode']!['TOO_EARLY'], undefined);
    assert.equal(table['StatusCode']!['REQUEST_ENTITY_TOO_LARGE'], undefined);
  });

  it('hovers a status, a StatusCode constant, an actix builder and a tonic code', async () => {
    assert.match((await hoverAt('rust', 'fn f(r: Response) -> bool { r.status().as_u16() == 4|29 }\n')) ?? '', /Too Many Requests/);
    assert.match((await hoverAt('rust', 'fn f(r: Response) -> bool { r.status() == StatusCode::SERVICE_UN|AVAILABLE }\n')) ?? '', /503/);
    assert.match((await hoverAt('rust', 'fn h() -> HttpResponse { HttpResponse::TooMany|Requests().finish() }\n')) ?? '', /429/);
    assert.match((await hoverAt('rust', 'fn f(s: &Status) -> bool { s.code() == tonic::Code::Unava|ilable }\n')) ?? '', /UNAVAILABLE/);
  });

  it('offers status codes after a comparison with as_u16()', async () => {
    const { text, position } = cursor('fn f(resp: reqwest::Response) {\n    if resp.status().as_u16() == |');
    const service = testService();
    const uri = await openDoc('rust', text, service);
    try {
      const codes = service.completions(uri, position).map((i) => i.label).filter((l) => /^\d{3}$/.test(l));
      assert.ok(codes.includes('503'), codes.slice(0, 5).join(','));
    } finally {
      service.close(uri);
    }
  });

  it('puts the reason phrase after a bare status', async () => {
    const service = testService();
    service.configure({ ...DEFAULT_SETTINGS, inlayHints: true });
    const uri = await openDoc('rust', 'fn f(resp: Response) -> bool {\n    resp.status().as_u16() == 503\n}\n', service);
    try {
      const hints = service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
      assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[1, 'Service Unavailable']]);
    } finally {
      service.close(uri);
    }
  });

  it('is summarised for the workspace index: the crate under src/ is the package, functions say what they do', async () => {
    const service = testService();
    const text = 'pub async fn f(client: &reqwest::Client, url: &str) -> Result<String, String> {\n    let resp = client.get(url).send().await.map_err(|e| e.to_string())?;\n    if resp.status().as_u16() == 503 { return Err("down".into()); }\n    resp.text().await.map_err(|e| e.to_string())\n}\n';
    const uri = 'file:///work/quotes/src/api/quote.rs';
    await service.open({ uri, languageId: 'rust', version: 1, text });
    try {
      const summary = service.summarise(uri);
      assert.equal(summary?.packageName, 'file:///work/quotes');
      assert.deepEqual(summary?.functions.map((fn) => [fn.name, fn.sends?.library, fn.givesUp?.rule]), [['f', 'reqwest', 'retryable-treated-as-final']]);
      assert.deepEqual(service.diagnostics(uri).map((f) => [f.rule, f.range.start.line]), [['retryable-treated-as-final', 2]]);
    } finally {
      service.close(uri);
    }
  });
});
