/**
 * The fixes of each rule on small inline programs, with the service's real diagnostics (and a
 * synthesised finding only where no rule fires on the shape, e.g. got): exact edits, no new ERROR
 * nodes, and — for suppression — that the diagnostic really goes away.
 */
import * as assert from 'assert';
import { applyEdits, errorCount, snippetToPlain } from '../../server/src/service/fixes/text';
import type { CodeActionResult, Finding, LanguageId } from '../../server/src/service/types';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

async function withDoc<T>(languageId: LanguageId, text: string, fn: (uri: string) => T): Promise<T> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return fn(uri);
  } finally {
    service.close(uri);
  }
}

async function actionsFor(languageId: LanguageId, text: string, snippetSupport = false, extra: Finding[] = []): Promise<{ findings: Finding[]; actions: CodeActionResult[] }> {
  return withDoc(languageId, text, (uri) => {
    const findings = [...testService().diagnostics(uri), ...extra];
    return { findings, actions: testService().codeActions(uri, WHOLE, findings, { snippetSupport }) };
  });
}

async function errors(languageId: LanguageId, text: string): Promise<number> {
  return withDoc(languageId, text, (uri) => errorCount(testService().documents.get(uri)!.tree!.rootNode));
}

/** The fixed text of the (preferred) action for `rule` whose title matches. */
async function fix(languageId: LanguageId, text: string, rule: string, title?: RegExp): Promise<string> {
  const { actions, findings } = await actionsFor(languageId, text);
  const action = actions.find((a) => a.fixes?.includes(rule) && (title ? title.test(a.title) : a.isPreferred));
  assert.ok(action, `no action for ${rule}; findings ${findings.map((f) => f.rule).join(', ')}; actions ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = applyEdits(text, action.edits);
  assert.strictEqual(await errors(languageId, fixed), await errors(languageId, text), `ERROR nodes added:\n${fixed}`);
  return fixed;
}

describe('fixes: non-retryable-retried', () => {
  withReadsReported();
  it('python tuple: 400 removed, the tuple stays a tuple', async () => {
    const text = 'import time\nimport requests\n\n\ndef f(url):\n    for attempt in range(3):\n        r = requests.get(url)\n        if r.status_code in (400, 503):\n            time.sleep(2 ** attempt)\n            continue\n        return r\n';
    const fixed = await fix('python', text, 'non-retryable-retried');
    assert.match(fixed, /if r\.status_code in \(503,\):/);
  });

  it('python range test `>= 400` becomes a membership test of the retryable statuses', async () => {
    const text = 'import requests\n\n\ndef f(url):\n    for attempt in range(3):\n        r = requests.get(url)\n        if r.status_code >= 400:\n            continue\n        return r\n';
    const fixed = await fix('python', text, 'non-retryable-retried');
    assert.match(fixed, /if r\.status_code in \(408, 429, 500, 502, 503, 504\):/);
  });
});

describe('fixes: missing-retry-after', () => {
  withReadsReported();
  it('flask abort(429) → abort(429, retry_after=60)', async () => {
    const text = 'from flask import Flask, abort\n\napp = Flask(__name__)\n\n\n@app.route("/x")\ndef x():\n    if busy():\n        abort(429)\n    return "ok"\n';
    assert.match(await fix('python', text, 'missing-retry-after'), /abort\(429, retry_after=60\)/);
  });

  it('express res.status(429) → res.set(\'Retry-After\', \'60\').status(429)', async () => {
    const text = "const express = require('express');\nconst app = express();\napp.get('/x', (req, res) => {\n  if (busy()) {\n    return res.status(429).send('slow down');\n  }\n  res.send('ok');\n});\n";
    assert.match(await fix('javascript', text, 'missing-retry-after'), /return res\.set\('Retry-After', '60'\)\.status\(429\)\.send\('slow down'\);/);
  });

  it('go w.WriteHeader(503) → the header is set on the line before, same indentation', async () => {
    const text = 'package main\n\nimport "net/http"\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n\tif busy() {\n\t\tw.WriteHeader(http.StatusServiceUnavailable)\n\t\treturn\n\t}\n}\n';
    assert.match(await fix('go', text, 'missing-retry-after'), /\n\t\tw\.Header\(\)\.Set\("Retry-After", "60"\)\n\t\tw\.WriteHeader\(http\.StatusServiceUnavailable\)/);
  });

  it('servlet response.setStatus(429) → setHeader first; with snippets the seconds are a tab stop', async () => {
    const text = 'import javax.servlet.http.HttpServletResponse;\n\nclass H {\n    void handle(HttpServletResponse response) {\n        if (busy()) {\n            response.setStatus(429);\n            return;\n        }\n    }\n}\n';
    assert.match(await fix('java', text, 'missing-retry-after'), /\n {12}response\.setHeader\("Retry-After", "60"\);\n {12}response\.setStatus\(429\);/);
    const { actions } = await actionsFor('java', text, true);
    const snippet = actions.find((a) => a.fixes?.includes('missing-retry-after') && a.isPreferred)!;
    assert.strictEqual(snippet.snippet, true);
    assert.ok(snippet.edits.some((e) => e.newText.includes('"${1:60}"')));
  });
});

describe('fixes: retry loops', () => {
  withReadsReported();
  const loop = 'import time\nimport requests\n\n\ndef f(url):\n    for attempt in range(5):\n        r = requests.get(url, timeout=10)\n        if r.status_code in (429, 503):\n            time.sleep(1)\n            continue\n        return r\n    raise RuntimeError("gave up")\n';

  it('retry-ignores-retry-after: the parser goes in once and the delay prefers Retry-After', async () => {
    const fixed = await fix('python', loop, 'retry-ignores-retry-after');
    assert.match(fixed, /\n {12}retry_after = parse_retry_after\(r\.headers\.get\("Retry-After"\)\)\n {12}time\.sleep\(retry_after if retry_after is not None else 1\)/);
    assert.strictEqual(fixed.match(/^def parse_retry_after\(/gm)?.length, 1);
    assert.match(fixed, /^import email\.utils$/m);
  });

  it('retry-without-backoff, then retry-ignores-retry-after: full jitter as the fallback of Retry-After', async () => {
    const once = await fix('python', loop, 'retry-without-backoff');
    assert.match(once, /time\.sleep\(random\.uniform\(0, min\(30, 0\.5 \* 2 \*\* attempt\)\)\)/);
    assert.match(once, /^import random$/m);
    const twice = await fix('python', once, 'retry-ignores-retry-after');
    assert.match(twice, /time\.sleep\(retry_after if retry_after is not None else random\.uniform\(0, min\(30, 0\.5 \* 2 \*\* attempt\)\)\)/);
  });

  it('retry-without-backoff on a delay that already honours Retry-After replaces only the fallback', async () => {
    const text = loop.replace('            time.sleep(1)', '            retry_after = parse_retry_after(r.headers.get("Retry-After"))\n            time.sleep(retry_after if retry_after is not None else 1)');
    const line = text.split('\n').findIndex((l) => l.includes('time.sleep('));
    const col = text.split('\n')[line].indexOf('time.sleep(');
    const argStart = col + 'time.sleep('.length;
    const argEnd = text.split('\n')[line].lastIndexOf(')');
    const at = (c: number) => ({ line, character: c });
    const finding: Finding = {
      rule: 'retry-without-backoff', severity: 'warning', message: 'synthesised', range: { start: at(col), end: at(argEnd + 1) },
      data: { language: 'python', indent: '    ', loopRange: { start: { line: 5, character: 4 }, end: { line: 11, character: 16 } }, loopHeaderRange: { start: { line: 5, character: 4 }, end: { line: 5, character: 28 } }, counterVar: 'attempt', delayRange: { start: at(col), end: at(argEnd + 1) }, delayArgRange: { start: at(argStart), end: at(argEnd) }, problem: 'fixed-delay' },
    };
    const { actions } = await actionsFor('python', text, false, [finding]);
    const a = actions.find((x) => x.fixes?.includes('retry-without-backoff') && x.isPreferred)!;
    assert.match(applyEdits(text, a.edits), /time\.sleep\(retry_after if retry_after is not None else random\.uniform\(0, min\(30, 0\.5 \* 2 \*\* attempt\)\)\)/);
  });

  it('retry-without-backoff (no cap): `while True` gets a counter, a cap and gives up after it', async () => {
    const text = 'import requests\n\n\ndef f(url):\n    while True:\n        r = requests.get(url)\n        if r.status_code == 503:\n            continue\n        return r\n';
    const fixed = await fix('python', text, 'retry-without-backoff');
    assert.match(fixed, /for attempt in range\(4\):\n {8}if attempt:\n {12}time\.sleep\(random\.uniform\(0, min\(30, 0\.5 \* 2 \*\* attempt\)\)\)\n {8}r = requests\.get\(url\)/);
    assert.match(fixed, /return r\n {4}raise RuntimeError\("gave up after 4 attempts"\)/);
  });

  it('JS fixed delay → Math.random() * Math.min(cap, base * 2 ** attempt)', async () => {
    const text = "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\nasync function f(url) {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    const res = await fetch(url);\n    if (res.status === 503) {\n      await sleep(1000);\n      continue;\n    }\n    return res;\n  }\n  throw new Error('gave up');\n}\n";
    assert.match(await fix('javascript', text, 'retry-without-backoff'), /await sleep\(Math\.random\(\) \* Math\.min\(30_000, 500 \* 2 \*\* attempt\)\);/);
  });

  it('unsafe-retry: one key per logical request, generated before the loop and sent on every attempt', async () => {
    const text = 'import time\nimport requests\n\n\ndef create(url, order):\n    for attempt in range(3):\n        r = requests.post(url, json=order, timeout=10)\n        if r.status_code in (502, 503):\n            time.sleep(2 ** attempt)\n            continue\n        return r\n    raise RuntimeError("gave up")\n';
    const fixed = await fix('python', text, 'unsafe-retry');
    assert.match(fixed, /\n {4}idempotency_key = str\(uuid\.uuid4\(\)\)\n {4}for attempt in range\(3\):/);
    assert.match(fixed, /requests\.post\(url, json=order, timeout=10, headers=\{"Idempotency-Key": idempotency_key\}\)/);
    assert.match(fixed, /^import uuid$/m);
  });
});

describe('fixes: refactors and suppression', () => {
  withReadsReported();
  it('Replace 429 with HTTPStatus.TOO_MANY_REQUESTS adds the import once', async () => {
    const text = 'import requests\n\n\ndef f(url):\n    r = requests.get(url)\n    if r.status_code == 429:\n        return None\n    return r\n';
    const { actions } = await actionsFor('python', text);
    const a = actions.find((x) => x.title === 'Replace 429 with HTTPStatus.TOO_MANY_REQUESTS');
    assert.ok(a, actions.map((x) => x.title).join(' | '));
    assert.strictEqual(a.kind, 'refactor.rewrite');
    const fixed = applyEdits(text, a.edits);
    assert.match(fixed, /if r\.status_code == HTTPStatus\.TOO_MANY_REQUESTS:/);
    assert.strictEqual(fixed.match(/^from http import HTTPStatus$/gm)?.length, 1);
  });

  const constants: Array<[LanguageId, string, string]> = [
    ['go', 'package main\n\nimport "net/http"\n\nfunc f(resp *http.Response) bool {\n\treturn resp.StatusCode == 429\n}\n', 'resp.StatusCode == http.StatusTooManyRequests'],
    ['java', 'class A {\n    boolean f(java.net.http.HttpResponse<String> r) {\n        return r.statusCode() == 503;\n    }\n}\n', 'r.statusCode() == HttpURLConnection.HTTP_UNAVAILABLE'],
    ['csharp', 'class A {\n    bool F(System.Net.Http.HttpResponseMessage r) {\n        return (int)r.StatusCode == 503;\n    }\n}\n', '(int)r.StatusCode == (int)HttpStatusCode.ServiceUnavailable'],
    ['javascript', "import { StatusCodes } from 'http-status-codes';\nexport const busy = (res) => res.status === 429;\n", 'res.status === StatusCodes.TOO_MANY_REQUESTS'],
  ];
  for (const [languageId, text, expected] of constants) {
    it(`${languageId}: named constant → ${expected}`, async () => {
      const { actions } = await actionsFor(languageId, text);
      const a = actions.find((x) => x.kind === 'refactor.rewrite');
      assert.ok(a, `no refactor; actions: ${actions.map((x) => x.title).join(' | ')}`);
      const fixed = applyEdits(text, a.edits);
      assert.ok(fixed.includes(expected), fixed);
      assert.strictEqual(await errors(languageId, fixed), 0, fixed);
    });
  }

  it('JS without a status-constant library: no named-constant refactor', async () => {
    const { actions } = await actionsFor('javascript', 'export const busy = (res) => res.status === 429;\n');
    assert.ok(!actions.some((a) => a.kind === 'refactor.rewrite'));
  });

  for (const [languageId, text, comment] of [
    ['python', 'import requests\n\n\ndef f(url):\n    r = requests.get(url)\n    if r.status_code == 503:\n        raise RuntimeError("x")\n    return r\n', '    # eci-disable-next-line retryable-treated-as-final\n'],
    ['javascript', "async function f(url) {\n  const res = await fetch(url);\n  if (res.status === 503) throw new Error('x');\n  return res;\n}\n", '  // eci-disable-next-line retryable-treated-as-final\n'],
  ] as Array<[LanguageId, string, string]>) {
    it(`${languageId}: Suppress <rule> for this line really suppresses it`, async () => {
      const fixed = await fix(languageId, text, 'retryable-treated-as-final', /^Suppress retryable-treated-as-final for this line$/);
      assert.ok(fixed.includes(comment), fixed);
      const left = await withDoc(languageId, fixed, (uri) => testService().diagnostics(uri).map((f) => f.rule));
      assert.ok(!left.includes('retryable-treated-as-final'), `still reported: ${left.join(', ')}`);
    });
  }
});

describe('fixes: snippets', () => {
  withReadsReported();
  it('with snippet support the helper carries tab stops; stripping them gives exactly the plain fix', async () => {
    const text = 'import requests\n\n\ndef f(url):\n    r = requests.get(url)\n    if r.status_code != 200:\n        raise RuntimeError("failed")\n    return r\n';
    const preferred = (a: CodeActionResult) => a.isPreferred && a.fixes?.includes('no-retry-on-request');
    const plain = (await actionsFor('python', text, false)).actions.find(preferred)!;
    const snippet = (await actionsFor('python', text, true)).actions.find(preferred)!;
    assert.strictEqual(plain.snippet, false);
    assert.strictEqual(snippet.snippet, true);
    assert.ok(snippet.edits.some((e) => e.newText.includes('max_attempts=${1:4}, base_delay=${2:0.5}, max_delay=${3:30}')));
    assert.deepStrictEqual(snippet.edits.map((e) => ({ ...e, newText: snippetToPlain(e.newText) })), plain.edits);
  });

  it('snippetToPlain unescapes and drops placeholders', () => {
    assert.strictEqual(snippetToPlain('a ${1:4} \\$x \\} $2 ${3}'), 'a 4 $x }  ');
  });
});

describe('fixes: got (no rule fires on this shape; synthesised finding)', () => {
  withReadsReported();
  it('got(url) → gotWithRetry(url), helper imports merged with the existing `import got`', async () => {
    const text = "import got from 'got';\n\nexport async function load(url) {\n  const res = await got(url, { throwHttpErrors: false });\n  return res.statusCode;\n}\n";
    const start = text.indexOf('got(url');
    const end = text.indexOf(');', start) + 1;
    const lines = text.slice(0, start).split('\n');
    const range = { start: { line: lines.length - 1, character: lines[lines.length - 1].length }, end: { line: lines.length - 1, character: lines[lines.length - 1].length + (end - start) } };
    const finding: Finding = { rule: 'no-retry-on-request', severity: 'information', message: 'synthesised', range, data: { language: 'javascript', indent: '  ', library: 'got', method: 'GET', requestRange: range, requestStatementRange: range, requestText: text.slice(start, end) } };
    const { actions } = await actionsFor('javascript', text, false, [finding]);
    const a = actions.find((x) => x.isPreferred && x.fixes?.includes('no-retry-on-request'))!;
    const fixed = applyEdits(text, a.edits);
    assert.match(fixed, /await gotWithRetry\(url, \{ throwHttpErrors: false \}\)/);
    assert.strictEqual(fixed.match(/^import got from 'got';$/gm)?.length, 1);
    assert.strictEqual(fixed.match(/^const gotWithRetry = got\.extend\(/gm)?.length, 1);
    assert.strictEqual(await errors('javascript', fixed), 0);
  });
});
