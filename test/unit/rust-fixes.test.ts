/**
 * Rust quick fixes other than the retry wrap: Retry-After on axum and actix-web responses (missing-retry-after). axum
 * and actix-web are not packaged by Debian, so these edits are checked for their text, a clean parse and the
 * finding clearing — not compiled (the reqwest fixes are built and run by the exec tier).
 */
import * as assert from 'node:assert/strict';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { wasmModulePath } from '../../server/src/service/parsing/grammars';
import { applyEdits } from '../../server/src/service/fixes/text';
import { applyPreferredFix } from '../exec/fixes-support';
import { openDoc, testService } from '../support/serviceHarness';

const handler = (body: string, returns = 'axum::response::Response'): string =>
  `use axum::http::StatusCode;\nuse axum::response::IntoResponse;\nuse actix_web::HttpResponse;\n\npub async fn handle(busy: bool) -> ${returns} {\n    if busy {\n        return ${body};\n    }\n    todo!()\n}\n`;

function hasError(node: Node): boolean {
  return node.isError || node.isMissing || node.children.some((c) => !!c && hasError(c));
}

async function rulesOf(text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc('rust', text, service);
  try {
    return service.diagnostics(uri).map((f) => f.rule);
  } finally {
    service.close(uri);
  }
}

describe('Rust: Retry-After on axum and actix-web responses (missing-retry-after fix)', () => {
  let parser: Parser;
  before(async () => {
    await Parser.init();
    parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve(wasmModulePath('rust'))));
  });

  const cases: Array<[string, string, string, RegExp]> = [
    ['an axum (status, body) tuple', '(StatusCode::TOO_MANY_REQUESTS, "slow down").into_response()', 'axum::response::Response', /return \(StatusCode::TOO_MANY_REQUESTS, \[\("retry-after", "60"\)\], "slow down"\)\.into_response\(\);/],
    ['a bare StatusCode::….into_response()', 'StatusCode::SERVICE_UNAVAILABLE.into_response()', 'axum::response::Response', /return \(StatusCode::SERVICE_UNAVAILABLE, \[\("retry-after", "60"\)\]\)\.into_response\(\);/],
    ['an actix-web status builder', 'HttpResponse::ServiceUnavailable().body("busy")', 'HttpResponse', /return HttpResponse::ServiceUnavailable\(\)\.insert_header\(\("Retry-After", "60"\)\)\.body\("busy"\);/],
  ];
  for (const [name, body, returns, expected] of cases) {
    it(`${name}: the header is added where the response is made, the tree stays clean and the finding clears`, async () => {
      const text = handler(body, returns);
      assert.deepEqual(await rulesOf(text), ['missing-retry-after']);
      const { fixed } = await applyPreferredFix('rust', text, 'missing-retry-after');
      assert.match(fixed, expected);
      assert.ok(!hasError(parser.parse(fixed)!.rootNode), fixed);
      assert.deepEqual(await rulesOf(fixed), []);
    });
  }
});

describe('Rust: the async and the blocking reqwest helpers in one file', () => {
  it('share RetryConfig, its Default and the Retry-After parsers, each defined once (a second impl would not compile)', async () => {
    const give = (name: string, client: string, awaitIt: string) =>
      `fn ${name}(client: &${client}, url: &str) -> Result<String, String> {\n    let response = client.get(url).send()${awaitIt}.map_err(|e| e.to_string())?;\n    if response.status().as_u16() == 503 {\n        return Err("down".into());\n    }\n    Ok(String::new())\n}\n`;
    let text = `use std::time::Duration;\n\nasync ${give('a', 'reqwest::Client', '.await')}\n${give('b', 'reqwest::blocking::Client', '')}`;
    for (let round = 0; round < 2; round++) {
      const service = testService();
      const uri = await openDoc('rust', text, service);
      try {
        const finding = service.diagnostics(uri).find((f) => f.rule === 'retryable-treated-as-final');
        assert.ok(finding, `round ${round}: no finding left in\n${text}`);
        const action = service.codeActions(uri, finding.range, [finding]).find((a) => a.isPreferred)!;
        text = applyEdits(text, action.edits);
      } finally {
        service.close(uri);
      }
    }
    assert.match(text, /send_with_retry\(\|\| client\.get\(url\.clone\(\)\)\)\.await/);
    assert.match(text, /send_with_retry_blocking\(\|\| client\.get\(url\.clone\(\)\)\)\.map_err/);
    for (const once of [/impl Default for RetryConfig/g, /^struct RetryConfig/gm, /^fn parse_http_date/gm, /^fn parse_retry_after/gm, /^const RETRYABLE_STATUSES/gm, /^use std::time::\{SystemTime, UNIX_EPOCH\};$/gm]) {
      assert.equal((text.match(once) ?? []).length, 1, String(once));
    }
    assert.deepEqual(await rulesOfText(text), []);
  });
});

describe('Rust: ureq requests through call_with_retry', () => {
  it('a POST gets an Idempotency-Key made once before the statement, set on the request the helper clones', async () => {
    const text = 'fn submit(url: &str) -> Result<ureq::Response, String> {\n    match ureq::post(url).call() {\n        Err(ureq::Error::Status(503, _)) => Err("busy".into()),\n        other => other.map_err(|e| e.to_string()),\n    }\n}\n';
    const { fixed } = await applyPreferredFix('rust', text, 'retryable-treated-as-final');
    assert.match(fixed, /\n {4}let idempotency_key = format!\("\{:016x\}\{:016x\}", RandomState::new\(\)\.build_hasher\(\)\.finish\(\), RandomState::new\(\)\.build_hasher\(\)\.finish\(\)\);\n {4}match call_with_retry\(ureq::post\(url\)\.set\("Idempotency-Key", &idempotency_key\)\) \{/);
    assert.deepEqual(await rulesOfText(fixed), []);
  });
});

async function rulesOfText(text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc('rust', text, service);
  try {
    return service.diagnostics(uri).map((f) => f.rule);
  } finally {
    service.close(uri);
  }
}
