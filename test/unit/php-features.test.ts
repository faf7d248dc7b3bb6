/** PHP through the shared service: language mapping, hover, completion and inlay hints on Guzzle, Laravel and Symfony code. */
import * as assert from 'node:assert/strict';
import { languageForPath } from '../../server/src/service/parsing/grammars';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPreferredFix } from '../exec/fixes-support';
import { cursor, hoverAt, openDoc, testService } from '../support/serviceHarness';

describe('PHP in the shared service', () => {
  it('backs a fixed-wait loop off in PHP, not in JavaScript: sleep() gets whole seconds with jitter', async () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'diagnostics', 'php', 'RetryLoops.php'), 'utf8');
    const { fixed } = await applyPreferredFix('php', text, 'retry-without-backoff');
    assert.doesNotMatch(fixed, /Math\.random|Math\.min/);
    assert.match(fixed, /sleep\(\(int\) ceil\(mt_rand\(\) \/ mt_getrandmax\(\) \* min\(30, 0\.5 \* 2 \*\* \$attempt\)\)\);/);
  });

  it('maps .php files to php', () => {
    assert.equal(languageForPath('app/Http/Controllers/ReportController.php'), 'php');
  });

  it('hovers a status, a Symfony constant and a Laravel predicate', async () => {
    assert.match((await hoverAt('php', '<?php\nif ($response->getStatusCode() == 4|29) {}\n')) ?? '', /Too Many Requests/);
    assert.match((await hoverAt('php', '<?php\nreturn new Response("", Response::HTTP_SERVICE_UN|AVAILABLE);\n')) ?? '', /503/);
    assert.match((await hoverAt('php', '<?php\nif ($response->tooMany|Requests()) {}\n')) ?? '', /429/);
  });

  it('offers status codes after a comparison and in abort(', async () => {
    for (const marked of ['<?php\nif ($response->getStatusCode() === |', '<?php\nabort(|']) {
      const { text, position } = cursor(marked);
      const service = testService();
      const uri = await openDoc('php', text, service);
      try {
        const codes = service.completions(uri, position).map((i) => i.label).filter((l) => /^\d{3}$/.test(l));
        assert.ok(codes.includes('503'), `${JSON.stringify(marked)}: ${codes.slice(0, 5).join(',')}`);
      } finally {
        service.close(uri);
      }
    }
  });

  it('puts the reason phrase after a bare status', async () => {
    const service = testService();
    service.configure({ ...DEFAULT_SETTINGS, inlayHints: true });
    const uri = await openDoc('php', '<?php\nabort(503);\n', service);
    try {
      const hints = service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
      assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[1, 'Service Unavailable']]);
    } finally {
      service.close(uri);
    }
  });

  it('is summarised for the workspace index: namespace, use imports, classes and what each function does', async () => {
    const service = testService();
    const text = "<?php\nnamespace App\\Http;\n\nuse GuzzleHttp\\Client as Guzzle;\nuse App\\Support\\{Patience, Clock as C};\n\nclass Quotes extends \\App\\Base\\Api\n{\n    public function f($url) {\n        $response = Http::get($url);\n        if ($response->status() === 503) { return null; }\n        return $response;\n    }\n}\n";
    const uri = await openDoc('php', text, service);
    try {
      const summary = service.summarise(uri);
      assert.ok(summary, 'a summary');
      assert.equal(summary.packageName, 'App\\Http');
      assert.deepEqual(summary.imports.map((b) => `${b.local}=${b.module}\\${b.member}`), ['Guzzle=GuzzleHttp\\Client', 'Patience=App\\Support\\Patience', 'C=App\\Support\\Clock']);
      assert.deepEqual(summary.classes.map((c) => [c.name, c.bases]), [['Quotes', ['Api']]]);
      assert.equal(summary.functions[0]?.givesUp?.rule, 'retryable-treated-as-final');
      assert.deepEqual(service.diagnostics(uri).map((f) => f.rule), ['retryable-treated-as-final']);
    } finally {
      service.close(uri);
    }
  });
});
