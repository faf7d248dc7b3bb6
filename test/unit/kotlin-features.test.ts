/**
 * Kotlin through the shared service: hover, completion, inlay hints, suppression comments and the language mapping,
 * on the status vocabulary of OkHttp, Retrofit, Ktor (client and server) and Spring.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, errorCount } from '../../server/src/service/fixes/text';
import { languageForPath } from '../../server/src/service/parsing/grammars';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { cursor, hoverAt, openDoc, testService } from '../support/serviceHarness';

describe('Kotlin in the shared service', () => {
  it('maps .kt and .kts files to kotlin', () => {
    assert.equal(languageForPath('app/src/main/kotlin/BillingClient.kt'), 'kotlin');
    assert.equal(languageForPath('build.gradle.kts'), 'kotlin');
    assert.equal(languageForPath('notes.ktx'), undefined);
  });

  it('hovers an OkHttp status, a Ktor constant and a Spring constant read through Java\'s table', async () => {
    assert.match((await hoverAt('kotlin', 'fun f(r: Response) {\n    if (r.code == 4|29) Thread.sleep(1000)\n}\n')) ?? '', /Too Many Requests/);
    assert.match((await hoverAt('kotlin', 'suspend fun f(r: HttpResponse) {\n    if (r.status == HttpStatusCode.ServiceUn|available) delay(1000)\n}\n')) ?? '', /503 Service Unavailable/);
    assert.match((await hoverAt('kotlin', 'fun f() = ResponseEntity.status(HttpStatus.TOO_MANY_|REQUESTS).build<Unit>()\n')) ?? '', /429/);
  });

  it('hovers exception classes where a Kotlin catch names them (Ktor, java.net, Spring\'s status exceptions)', async () => {
    const caught = (type: string) => `suspend fun f(): String? {\n    try {\n        return client.get(u).bodyAsText()\n    } catch (e: ${type}) {\n        throw e\n    }\n}\n`;
    assert.match((await hoverAt('kotlin', caught('ServerResponse|Exception'))) ?? '', /Ktor client exception[^]*5xx/);
    assert.match((await hoverAt('kotlin', caught('HttpRequestTimeout|Exception'))) ?? '', /requestTimeoutMillis/);
    assert.match((await hoverAt('kotlin', caught('SocketTimeout|Exception'))) ?? '', /Java exception/);
    assert.match((await hoverAt('kotlin', caught('HttpClientErrorException.TooMany|Requests'))) ?? '', /429 Too Many Requests/);
    assert.equal(await hoverAt('kotlin', 'fun f(): Nothing = throw ServerResponse|Exception(r, "")\n'), undefined);
  });

  it('offers status codes after a Kotlin comparison, and the Ktor constant where the file uses Ktor constants', async () => {
    const { text, position } = cursor('fun f(r: HttpResponse) {\n    if (r.status == HttpStatusCode.OK) return\n    if (r.status.value == |');
    const service = testService();
    const uri = await openDoc('kotlin', text, service);
    try {
      const items = service.completions(uri, position);
      assert.ok(items.some((i) => i.label === '429'), items.slice(0, 5).map((i) => i.label).join(','));
      assert.ok(items.some((i) => JSON.stringify(i).includes('HttpStatusCode.TooManyRequests')), 'the Ktor spelling is offered');
    } finally {
      service.close(uri);
    }
  });

  it('puts the reason phrase after a bare status, not after a constant that names it', async () => {
    const service = testService();
    service.configure({ ...DEFAULT_SETTINGS, inlayHints: true });
    const uri = await openDoc('kotlin', 'fun f(r: Response) {\n    if (r.code == 503) return\n    if (r.code == HttpURLConnection.HTTP_UNAVAILABLE) return\n}\n', service);
    try {
      const hints = service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
      assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[1, 'Service Unavailable']]);
    } finally {
      service.close(uri);
    }
  });

  it('fixes a fixed delay and a missing Retry-After in Kotlin syntax (no JavaScript left in a .kt file)', async () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'diagnostics', 'kotlin');
    const expected: Array<[string, string, RegExp]> = [
      ['RetryLoops.kt', 'retry-without-backoff', /Thread\.sleep\(\(Math\.random\(\) \* minOf\(30_000L, 500L shl minOf\(attempt, 30\)\)\)\.toLong\(\)\)/],
      ['NonRetryable.kt', 'retry-ignores-retry-after', /^fun parseRetryAfterMillis\([^]*val retryAfterMillis = parseRetryAfterMillis\(response\.header\("Retry-After"\), 60_000\)\n\s+Thread\.sleep\(retryAfterMillis \?: \(\(1000L shl attempt\)[^\n]*\)\.toLong\(\)\)/m],
      ['ServerStatuses.kt', 'missing-retry-after', /call\.response\.header\("Retry-After", "60"\)\n    call\.respond\(HttpStatusCode\.ServiceUnavailable/],
      ['ServerStatuses.kt', 'missing-retry-after', /ResponseEntity\.status\(HttpStatus\.TOO_MANY_REQUESTS\)\.header\("Retry-After", "60"\)\.body/],
    ];
    const service = testService();
    for (const [file, rule, pattern] of expected) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const uri = await openDoc('kotlin', text, service);
      try {
        const fixedTexts = service.diagnostics(uri).filter((f) => f.rule === rule).flatMap((f) => service.codeActions(uri, f.range, [f]))
          .filter((a) => !/^Suppress/.test(a.title)).map((a) => applyEdits(text, a.edits));
        const hit = fixedTexts.find((t) => pattern.test(t));
        assert.ok(hit, `${file} ${rule}: no fix gives ${pattern}`);
        const check = await openDoc('kotlin', hit, service);
        assert.equal(errorCount(service.documents.get(check)!.tree!.rootNode), 0, hit);
        service.close(check);
      } finally {
        service.close(uri);
      }
    }
  });

  it('adds a growing wait to a Kotlin loop that has none: Thread.sleep, or delay in a suspend fun; while (true) gets a cap', async () => {
    const loop = (head: string, fn = 'fun') => `import okhttp3.OkHttpClient\n${fn} f(client: OkHttpClient, req: Request): String? {\n    ${head} {\n        val response = client.newCall(req).execute()\n        if (response.code == 503) continue\n        return response.body?.string()\n    }\n    return null\n}\n`;
    const cases: Array<[string, RegExp]> = [
      [loop('for (attempt in 1..4)'), /for \(attempt in 1\.\.4\) \{\n        if \(attempt > 1\) Thread\.sleep\(\(Math\.random\(\) \* minOf\(30_000L, 500L shl minOf\(attempt, 30\)\)\)\.toLong\(\)\)\n/],
      ['import okhttp3.OkHttpClient\nsuspend fun f(client: OkHttpClient, req: Request): String? {\n    repeat(4) { attempt ->\n        val response = client.newCall(req).execute()\n        if (response.code == 503) return@repeat\n        return response.body?.string()\n    }\n    return null\n}\n',
        /^import kotlinx\.coroutines\.delay$[^]*repeat\(4\) \{ attempt ->\n        if \(attempt > 0\) delay\(/m],
      [loop('while (true)'), /for \(attempt in 0 until 4\) \{\n        if \(attempt > 0\) Thread\.sleep\([^]*\n    \}\n    throw IllegalStateException\("gave up after 4 attempts"\)/],
    ];
    const service = testService();
    for (const [text, pattern] of cases) {
      const uri = await openDoc('kotlin', text, service);
      try {
        const finding = service.diagnostics(uri).find((f) => f.rule === 'retry-without-backoff');
        assert.ok(finding, text);
        const action = service.codeActions(uri, finding.range, [finding]).find((a) => !/^Suppress/.test(a.title));
        assert.ok(action, `no fix for\n${text}`);
        const fixed = applyEdits(text, action.edits);
        assert.match(fixed, pattern);
        const check = await openDoc('kotlin', fixed, service);
        assert.equal(errorCount(service.documents.get(check)!.tree!.rootNode), 0, fixed);
        service.close(check);
      } finally {
        service.close(uri);
      }
    }
  });

  it('suppresses a finding with a // comment', async () => {
    const service = testService();
    const text = 'fun f(client: OkHttpClient, req: Request): Response? {\n    val response = client.newCall(req).execute()\n    if (response.code == 503) return null\n    return response\n}\n';
    const uri = await openDoc('kotlin', text, service);
    try {
      const finding = service.diagnostics(uri).find((f) => f.rule === 'retryable-treated-as-final');
      assert.ok(finding, 'the 503 given up is reported');
      const actions = service.codeActions(uri, finding.range, [finding]);
      const suppress = actions.find((a) => /suppress|ignore/i.test(a.title));
      assert.ok(suppress, actions.map((a) => a.title).join(' | '));
      assert.match(JSON.stringify(suppress.edits), /"    \/\/ eci-disable-next-line retryable-treated-as-final\\n"/);
    } finally {
      service.close(uri);
    }
  });
});
