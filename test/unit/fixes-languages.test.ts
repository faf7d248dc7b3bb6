/**
 * Quick fixes on the per-language fixtures (test/fixtures/fixes/<lang>/), with the service's real
 * diagnostics: every action leaves a tree with no new ERROR nodes, edits stay inside the document,
 * the preferred retry fix rewrites the call for the library in use, and fixing a second request in
 * the same file does not insert the helper (or any import) twice.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, errorCount } from '../../server/src/service/fixes/text';
import type { CodeActionResult, Finding, LanguageId } from '../../server/src/service/types';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';

const ROOT = path.join(__dirname, '..', 'fixtures', 'fixes');
const LANG_OF: Record<string, LanguageId> = { py: 'python', js: 'javascript', mjs: 'javascript', ts: 'typescript', go: 'go', java: 'java', cs: 'csharp', rb: 'ruby', php: 'php', rs: 'rust', kt: 'kotlin' };
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

interface Analysed {
  text: string;
  findings: Finding[];
  actions: CodeActionResult[];
  errors: number;
}

async function analyse(languageId: LanguageId, text: string): Promise<Analysed> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    const doc = service.documents.get(uri)!;
    const findings = service.diagnostics(uri);
    return { text, findings, actions: service.codeActions(uri, WHOLE, findings), errors: errorCount(doc.tree!.rootNode) };
  } finally {
    service.close(uri);
  }
}

async function errorsIn(languageId: LanguageId, text: string): Promise<number> {
  return (await analyse(languageId, text)).errors;
}

const fixtures = fs.readdirSync(ROOT).flatMap((dir) => fs.readdirSync(path.join(ROOT, dir)).map((file) => path.join(dir, file)));

describe('fixes: every action on every fixture keeps the tree clean', () => {
  withReadsReported();
  for (const file of fixtures) {
    const languageId = LANG_OF[file.split('.').pop()!];
    it(file, async () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const { actions, errors } = await analyse(languageId, text);
      assert.ok(actions.length > 0, 'no actions at all');
      const lines = text.split('\n').length;
      for (const action of actions) {
        for (const e of action.edits) assert.ok(e.range.end.line < lines, `${action.title}: edit beyond the document`);
        const fixed = applyEdits(text, action.edits);
        assert.notStrictEqual(fixed, text, `${action.title}: no change`);
        const after = await errorsIn(languageId, fixed);
        assert.ok(after <= errors, `${action.title}: ERROR nodes ${errors} → ${after}\n${fixed}`);
      }
    });
  }
});

const HELPER_DEF: Record<string, RegExp> = {
  python: /^def request_with_retry\(/gm,
  javascript: /^async function fetchWithRetry\(/gm,
  go: /^func doWithRetry\(/gm,
  java: /^final class HttpRetry\b/gm,
};

/**
 * Applies the preferred retry fix for the first request finding, re-analyses, repeats for the next.
 * When the diagnostics go quiet once a helper is in the file (Java: the helper class counts as a
 * retry mechanism), the next unwrapped call found by `remaining` gets a synthesised finding.
 */
async function fixAllRequests(languageId: LanguageId, text: string, remaining?: RegExp): Promise<{ text: string; applied: number }> {
  let applied = 0;
  for (let round = 0; round < 4; round++) {
    let { actions } = await analyse(languageId, text);
    let fix = actions.find((a) => a.isPreferred && a.title === 'Retry with backoff honouring Retry-After');
    const next = remaining?.exec(text);
    if (!fix && next && round > 0) {
      actions = await synthesisedActions(languageId, text, next.index, next.index + next[0].length);
      fix = actions.find((a) => a.isPreferred);
    }
    if (!fix) break;
    text = applyEdits(text, fix.edits);
    applied++;
  }
  return { text, applied };
}

async function synthesisedActions(languageId: LanguageId, text: string, start: number, end: number): Promise<CodeActionResult[]> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    const lines = service.documents.get(uri)!.lines;
    const requestRange = lines.rangeOf(start, end);
    const finding: Finding = {
      rule: 'no-retry-on-request',
      severity: 'information',
      message: 'synthesised',
      range: requestRange,
      data: { language: languageId, indent: '', library: 'java.net.http', method: 'GET', requestRange, requestStatementRange: requestRange, requestText: text.slice(start, end) },
    };
    return service.codeActions(uri, requestRange, [finding]);
  } finally {
    service.close(uri);
  }
}

describe('fixes: the helper goes in once per file', () => {
  withReadsReported();
  const cases: Array<[string, LanguageId, string[], RegExp?]> = [
    ['python/two_requests.py', 'python', ['request_with_retry(requests.Session(), "GET", url, timeout=10)', 'request_with_retry(session, "GET", url, timeout=']],
    ['javascript/two_fetches.mjs', 'javascript', ['await fetchWithRetry(url)', "await fetchWithRetry(url, { headers: { Accept: 'application/json' } })"]],
    ['go/two_gets.go', 'go', ['return doWithRetry(http.DefaultClient, req)', 'resp, err := doWithRetry(client, req)']],
    ['java/TwoSends.java', 'java', ['HttpRetry.send(client, request, HttpResponse.BodyHandlers.ofString())'], /(?<!HttpRetry\.send\()client\.send\(request, HttpResponse\.BodyHandlers\.ofString\(\)\)/],
  ];
  for (const [file, languageId, expected, remaining] of cases) {
    it(file, async () => {
      const original = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const { text, applied } = await fixAllRequests(languageId, original, remaining);
      assert.strictEqual(applied, 2, `expected two fixes applied, got ${applied}\n${text}`);
      assert.strictEqual(text.match(HELPER_DEF[languageId])?.length, 1, `helper defined once\n${text}`);
      for (const snippet of expected) assert.ok(text.includes(snippet), `missing ${snippet}\n${text}`);
      const importLines = text.split('\n').filter((l) => /^\s*(import|using|from \S+ import)\b|^\t"[\w/]+"$/.test(l));
      assert.strictEqual(new Set(importLines).size, importLines.length, `duplicate import lines:\n${importLines.join('\n')}`);
      assert.strictEqual(await errorsIn(languageId, text), 0, text);
    });
  }

  it('python: a module shadowed by a from-import is imported under an alias', async () => {
    const text = 'from datetime import datetime\nimport requests\n\n\ndef f(url):\n    r = requests.get(url)\n    if r.status_code != 200:\n        raise RuntimeError("failed")\n    return datetime.now()\n';
    const { text: fixed } = await fixAllRequests('python', text);
    assert.ok(fixed.includes('import datetime as _datetime'), fixed);
    assert.ok(fixed.includes('_datetime.datetime.now(_datetime.timezone.utc)'), fixed);
    assert.ok(!/^import datetime$/m.test(fixed), fixed);
  });
});

describe('fixes: per-library call rewrites (real diagnostics)', () => {
  withReadsReported();
  const rewrites: Array<[string, LanguageId, RegExp[]]> = [
    ['python/httpx_raise.py', 'python', [/httpx_request_with_retry\(client, "GET", url\)/]],
    ['python/aiohttp_final.py', 'python', [/await aiohttp_request_with_retry\(session, "GET", url\)/]],
    ['python/requests_post_raise.py', 'python', [/request_with_retry\(requests\.Session\(\), "POST", url, json=order, timeout=10, headers=\{"Idempotency-Key": str\(uuid\.uuid4\(\)\)\}\)/, /^import uuid$/m]],
    ['javascript/fetch_post_not_ok.mjs', 'javascript', [/headers: \{ 'Content-Type': 'application\/json', 'Idempotency-Key': crypto\.randomUUID\(\) \}/]],
    ['typescript/axios_final.ts', 'typescript', [/axiosWithRetry\(axios, \{ method: 'get', url, timeout: 10_000, validateStatus: \(\) => true \}\)/, /import axios, \{ type AxiosInstance, type AxiosRequestConfig, type AxiosResponse \} from 'axios';/]],
    ['go/post_not_200.go', 'go', [/req\.Header\.Set\("Idempotency-Key", newIdempotencyKey\(\)\)\n\tresp, err := doWithRetry\(client, req\)/, /crand "crypto\/rand"/]],
    ['java/PostAtLeast400.java', 'java', [/HttpRequest\.newBuilder\(request, \(name, value\) -> true\)\.header\("Idempotency-Key", UUID\.randomUUID\(\)\.toString\(\)\)\.build\(\)/, /^import java\.util\.UUID;$/m]],
    ['csharp/Client.cs', 'csharp', [/await HttpRetry\.SendAsync\(client, \(\) => new HttpRequestMessage\(HttpMethod\.Get, url\)\)/]],
    ['ruby/net_http_not_success.rb', 'ruby', [/res = Net::HTTP\.start\(uri\.host, uri\.port, use_ssl: uri\.scheme == "https"\) \{ \|http\| request_with_retry\(http, Net::HTTP::Get\.new\(uri\)\) \}/, /^require "net\/http"\nrequire "time"\n\nRETRYABLE_STATUSES = /m]],
    ['kotlin/okhttp_not_success.kt', 'kotlin', [/val response = executeWithRetry\(client, request\)\n/, /^import okhttp3\.Request\nimport java\.time\.ZonedDateTime\n/m, /^fun executeWithRetry\(\n/m]],
    ['kotlin/okhttp_post_503.kt', 'kotlin', [/executeWithRetry\(client, request\.let \{ r -> r\.newBuilder\(\)\.header\("Idempotency-Key", r\.header\("Idempotency-Key"\) \?: UUID\.randomUUID\(\)\.toString\(\)\)\.build\(\) \}\)/, /^import java\.util\.UUID$/m]],
    ['php/guzzle_status_400.php', 'php', [/\$response = requestWithRetry\(\$client, 'GET', \$url, \['http_errors' => false\]\);/, /^use GuzzleHttp\\Client;\n\nconst RETRYABLE_STATUSES = /m]],
    ['php/guzzle_post_503.php', 'php', [/requestWithRetry\(\$client, 'POST', \$url, array_merge_recursive\(\['body' => '\{\}', 'http_errors' => false\], \['headers' => \['Idempotency-Key' => bin2hex\(random_bytes\(16\)\)\]\]\)\)/]],
    ['rust/reqwest_not_success.rs', 'rust', [/let response = send_with_retry\(\|\| client\.get\(url\.clone\(\)\)\)\.await\.map_err/, /^use std::time::Duration;\nuse std::collections::hash_map::RandomState;\nuse std::hash::\{BuildHasher, Hasher\};\nuse std::time::\{SystemTime, UNIX_EPOCH\};\n\nconst RETRYABLE_STATUSES/m]],
    ['rust/reqwest_blocking_503.rs', 'rust', [/let response = send_with_retry_blocking\(\|\| client\.get\(url\.clone\(\)\)\)\.map_err/, /^fn send_with_retry_blocking<F>\(build: F\) -> reqwest::Result<reqwest::blocking::Response>$/m]],
    ['rust/ureq_503.rs', 'rust', [/match call_with_retry\(ureq::get\(url\)\.timeout\(Duration::from_secs\(10\)\)\) \{/, /^fn call_with_retry\(request: ureq::Request\)/m]],
    ['rust/reqwest_post_503.rs', 'rust', [/let idempotency_key = format!\(/, /send_with_retry\(\|\| client\.post\(url\.clone\(\)\)\.body\(payload\.clone\(\)\)\.header\("Idempotency-Key", idempotency_key\.as_str\(\)\)\)\.await/]],
    ['ruby/net_http_post_503.rb', 'ruby', [/req\.body = "\{\}"\n  req\["Idempotency-Key"\] \|\|= SecureRandom\.uuid\n  res = request_with_retry\(http, req\)/, /^require "securerandom"$/m]],
  ];
  for (const [file, languageId, patterns] of rewrites) {
    it(file, async () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const { actions } = await analyse(languageId, text);
      const fix = actions.find((a) => a.isPreferred && a.title === 'Retry with backoff honouring Retry-After');
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      const fixed = applyEdits(text, fix.edits);
      for (const p of patterns) assert.match(fixed, p);
    });
  }

  it('csharp POST: the key is generated once, outside the per-attempt request factory (parse-checked only: no .NET here)', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'csharp/Client.cs'), 'utf8');
    const { actions } = await analyse('csharp', text);
    const fixes = actions.filter((a) => a.title === 'Retry with backoff honouring Retry-After');
    const post = fixes.map((a) => applyEdits(text, a.edits)).find((t) => t.includes('HttpMethod.Post'));
    assert.ok(post);
    assert.match(post, /var idempotencyKey = Guid\.NewGuid\(\)\.ToString\(\);\n\s+var response = await HttpRetry\.SendAsync\(client, \(\) => new HttpRequestMessage\(HttpMethod\.Post, url\) \{ Content = content, Headers = \{ \{ "Idempotency-Key", idempotencyKey \} \} \}\);/);
    assert.strictEqual(await errorsIn('csharp', post), 0);
  });
});
