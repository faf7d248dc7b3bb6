/**
 * Fixes for the previously reported gaps: Go attempt cap for `for { … }` and `>= 400` rewrite, async
 * httpx retry, unsafe-retry on a retry configuration, C# Idempotency-Key and SendAsync rewrites, and
 * Python imports joined to their group. Runtime behaviour: test/exec/fixes-gaps-execution.test.ts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { mergeImports } from '../../server/src/service/fixes/imports';
import { applyEdits, errorCount } from '../../server/src/service/fixes/text';
import type { CodeActionResult, LanguageId } from '../../server/src/service/types';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';

const ROOT = path.join(__dirname, '..', 'fixtures', 'fixes');
const fixture = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Actions offered for each finding of `rule`, with the text each produces and its ERROR count. */
async function fixesFor(languageId: LanguageId, text: string, rule: string): Promise<Array<CodeActionResult & { fixed: string }>> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    const findings = service.diagnostics(uri).filter((f) => f.rule === rule);
    return findings.flatMap((f) => service.codeActions(uri, f.range, [f]).filter((a) => a.fixes?.includes(rule) && !a.title.startsWith('Suppress')).map((a) => ({ ...a, fixed: applyEdits(text, a.edits) })));
  } finally {
    service.close(uri);
  }
}

async function errors(languageId: LanguageId, text: string): Promise<number> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return errorCount(service.documents.get(uri)!.tree!.rootNode);
  } finally {
    service.close(uri);
  }
}

const GO_LOOP = (results: string, giveUp: string, body = '') => `package main

import (
	"net/http"
	"time"
)

func load(url string) ${results} {
	for {
		resp, err := http.Get(url)
		if err == nil && resp.StatusCode == 503 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
${body}		return ${giveUp}
	}
}
`;

describe('fixes: Go', () => {
  withReadsReported();
  it('for { … } → counted loop of 4, give-up return matching (*http.Response, error)', async () => {
    const [fix] = await fixesFor('go', fixture('go/forever_loop.go'), 'retry-without-backoff');
    assert.ok(fix?.isPreferred, 'no cap fix');
    assert.match(fix.fixed, /\tfor attempt := 0; attempt < 4; attempt\+\+ \{\n/);
    assert.match(fix.fixed, /\t}\n\treturn nil, errors\.New\("gave up after 4 attempts"\)\n}/);
    assert.match(fix.fixed, /time\.Sleep\(jitteredBackoff\(attempt, 500\*time\.Millisecond, 30\*time\.Second\)\)/);
    assert.match(fix.fixed, /^\t"errors"$/m);
    assert.strictEqual(await errors('go', fix.fixed), 0, fix.fixed);
  });

  it('zero values per result type; lastErr wrapped when the function keeps one', async () => {
    const [fix] = await fixesFor('go', GO_LOOP('(string, int, bool, []byte, error)', '"", 0, false, nil, err'), 'retry-without-backoff');
    assert.match(fix.fixed, /return "", 0, false, nil, errors\.New\("gave up after 4 attempts"\)/);
    const withLast = GO_LOOP('(*http.Response, error)', 'resp, err').replace('\tfor {', '\tvar lastErr error\n\tfor {');
    const [fix2] = await fixesFor('go', withLast, 'retry-without-backoff');
    assert.match(fix2.fixed, /return nil, fmt\.Errorf\("gave up after 4 attempts: %w", lastErr\)/);
    assert.match(fix2.fixed, /^\t"fmt"$/m);
  });

  it('no cap fix when the give-up value cannot be written or a break leaves the loop', async () => {
    for (const text of [GO_LOOP('(http.Header, error)', 'resp.Header, err'), GO_LOOP('int', '0'), GO_LOOP('(int, error)', '0, err', '\t\tif err != nil {\n\t\t\tbreak\n\t\t}\n')]) {
      const fixes = await fixesFor('go', text, 'retry-without-backoff');
      assert.ok(!fixes.some((f) => /Cap the attempts/.test(f.title)), fixes.map((f) => f.fixed).join('\n----\n'));
    }
  });

  it('`>= 400` → exactly the retryable statuses (no parentheses around an if condition)', async () => {
    const [fix] = await fixesFor('go', fixture('go/forever_loop.go'), 'non-retryable-retried');
    assert.match(fix.fixed, /\t\tif resp\.StatusCode == 408 \|\| resp\.StatusCode == 429 \|\| resp\.StatusCode == 500 \|\| resp\.StatusCode == 502 \|\| resp\.StatusCode == 503 \|\| resp\.StatusCode == 504 \{/);
    assert.strictEqual(await errors('go', fix.fixed), 0);
  });

  it('Retry-After read on a possibly nil response is guarded', async () => {
    const [fix] = await fixesFor('go', fixture('go/forever_loop.go'), 'retry-ignores-retry-after');
    assert.match(fix.fixed, /if resp != nil \{\n\t\t\t\tif wait, ok := parseRetryAfter\(resp\.Header\.Get\("Retry-After"\), 60\*time\.Second\); ok \{/);
  });
});

describe('fixes: Python async httpx and imports', () => {
  withReadsReported();
  it('await client.get(url) on an AsyncClient → await httpx_async_request_with_retry(client, "GET", url)', async () => {
    const [fix] = await fixesFor('python', fixture('python/httpx_async_raise.py'), 'no-retry-on-request');
    assert.match(fix.fixed, /response = await httpx_async_request_with_retry\(client, "GET", url\)\n/);
    assert.match(fix.fixed, /^async def httpx_async_request_with_retry\(/m);
    assert.match(fix.fixed, /await response\.aclose\(\)/);
    assert.ok(!/^def httpx_request_with_retry\(/m.test(fix.fixed), 'the sync helper must not go in');
    assert.ok(fix.fixed.startsWith('import asyncio\nimport datetime\nimport email.utils\nimport random\nimport sys\n\nimport httpx\n'), fix.fixed.slice(0, 200));
  });

  it('an async httpx POST gets an Idempotency-Key generated per call', async () => {
    const text = 'import httpx\n\n\nasync def create(client: httpx.AsyncClient, url, order):\n    response = await client.post(url, json=order)\n    if response.status_code != 200:\n        raise RuntimeError("failed")\n    return response\n';
    const [fix] = await fixesFor('python', text, 'no-retry-on-request');
    assert.match(fix.fixed, /await httpx_async_request_with_retry\(client, "POST", url, json=order, headers=\{"Idempotency-Key": str\(uuid\.uuid4\(\)\)\}\)/);
  });

  async function merged(text: string, wanted: string[]): Promise<string> {
    const service = testService();
    const uri = await openDoc('python', text, service);
    try {
      return applyEdits(text, mergeImports(service.documents.get(uri)!, wanted).edits);
    } finally {
      service.close(uri);
    }
  }

  it('stdlib imports join the stdlib block (sorted), third-party the third-party block', async () => {
    const text = 'import os\nimport time\n\nimport requests\nfrom flask import Flask\n\nfrom app import db\n\nx = 1\n';
    assert.strictEqual(
      await merged(text, ['import random', 'import uuid', 'import httpx']),
      'import os\nimport random\nimport time\nimport uuid\n\nimport httpx\nimport requests\nfrom flask import Flask\n\nfrom app import db\n\nx = 1\n',
    );
  });

  it('no stdlib block: a new one goes before the third-party block; an unsorted block is appended to', async () => {
    assert.strictEqual(await merged('import requests\n\nx = 1\n', ['import uuid']), 'import uuid\n\nimport requests\n\nx = 1\n');
    assert.strictEqual(await merged('import time\nimport os\n\nx = 1\n', ['import random']), 'import time\nimport os\nimport random\n\nx = 1\n');
    assert.strictEqual(await merged('import time\n\nx = 1\n', ['import requests']), 'import time\n\nimport requests\n\nx = 1\n');
  });
});

describe('fixes: unsafe-retry on a retry configuration', () => {
  withReadsReported();
  it('urllib3 allowed_methods list: POST removed', async () => {
    const [fix] = await fixesFor('python', fixture('python/retry_config_post.py'), 'unsafe-retry');
    assert.ok(fix?.isPreferred);
    assert.match(fix.fixed, /allowed_methods=\["GET"\], raise_on_status=False\)/);
  });

  it('a tuple keeps its comma; allowed_methods=False becomes the idempotent methods', async () => {
    const base = 'from urllib3.util.retry import Retry\n\nretry = Retry(total=3, allowed_methods=%s)\n';
    const [tuple] = await fixesFor('python', base.replace('%s', '("POST", "GET")'), 'unsafe-retry');
    assert.match(tuple.fixed, /allowed_methods=\("GET",\)\)/);
    const [all] = await fixesFor('python', base.replace('%s', 'False'), 'unsafe-retry');
    assert.match(all.fixed, /allowed_methods=frozenset\(\{"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"\}\)\)/);
  });
});

describe('fixes: C# (parse-checked only: no .NET runtime here)', () => {
  withReadsReported();
  it('unsafe-retry: key made once before the loop, added to each attempt\'s HttpRequestMessage', async () => {
    const fixes = await fixesFor('csharp', fixture('csharp/PostLoop.cs'), 'unsafe-retry');
    assert.strictEqual(fixes.length, 2, fixes.map((f) => f.title).join(' | '));
    const [send, post] = fixes;
    assert.match(send.fixed, /var idempotencyKey = Guid\.NewGuid\(\)\.ToString\(\);\n\s+for \(var attempt = 0;[^\n]*\n\s+\{\n\s+var request = new HttpRequestMessage\(HttpMethod\.Post, url\) \{ Content = new StringContent\(json\) \};\n\s+request\.Headers\.Add\("Idempotency-Key", idempotencyKey\);\n\s+response = await client\.SendAsync\(request\);/);
    assert.match(post.fixed, /response = await client\.SendAsync\(new HttpRequestMessage\(HttpMethod\.Post, url\) \{ Content = content, Headers = \{ \{ "Idempotency-Key", idempotencyKey \} \} \}\);/);
    assert.ok(!/DefaultRequestHeaders/.test(send.fixed + post.fixed));
    for (const f of fixes) assert.strictEqual(await errors('csharp', f.fixed), 0, f.fixed);
  });

  it('retry fix: SendAsync(request) → a per-attempt factory; the single-use declaration moves into it', async () => {
    const fixes = await fixesFor('csharp', fixture('csharp/SendRequest.cs'), 'no-retry-on-request');
    const preferred = fixes.filter((f) => f.isPreferred);
    assert.strictEqual(preferred.length, 2);
    const [get, post] = preferred.map((f) => f.fixed);
    assert.match(get, /\{\n\s+var response = await HttpRetry\.SendAsync\(client, \(\) => new HttpRequestMessage\(HttpMethod\.Get, url\)\);\n/);
    assert.ok(!/var request = new HttpRequestMessage/.test(get), `declaration left behind\n${get}`);
    assert.match(post, /var idempotencyKey = Guid\.NewGuid\(\)\.ToString\(\);\n\s+var created = await HttpRetry\.SendAsync\(client, \(\) => new HttpRequestMessage\(HttpMethod\.Post, url\) \{ Content = new StringContent\(json\), Headers = \{ \{ "Idempotency-Key", idempotencyKey \} \} \}\);/);
    for (const f of preferred) assert.strictEqual(await errors('csharp', f.fixed), 0, f.fixed);
  });

  it('a message configured after its creation is not turned into a factory', async () => {
    const text = fixture('csharp/SendRequest.cs').replace('        var response = await client.SendAsync(request);', '        request.Headers.Add("X-Trace", "1");\n        var response = await client.SendAsync(request);');
    const fixes = await fixesFor('csharp', text, 'no-retry-on-request');
    assert.ok(!fixes.some((f) => /HttpRetry\.SendAsync\(client, \(\) => new HttpRequestMessage\(HttpMethod\.Get/.test(f.fixed)));
  });
});
