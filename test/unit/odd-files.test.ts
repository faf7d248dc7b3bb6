import { strict as assert } from 'node:assert';
import type { LanguageId, Position } from '../../server/src/service/types';
import { linesOf, positionOf } from '../fuzz/arbitraries';
import { assertRangeInside } from '../fuzz/harness';
import { testService } from '../support/serviceHarness';

/**
 * Hostile and odd files through the analysis service: huge, minified, binary, invalid UTF-8, deeply nested,
 * full of codes, CRLF/CR/mixed line endings, BOM, non-ASCII identifiers, emoji before a code, NUL bytes.
 * Every case must finish within a bound, keep ranges inside the document and (where the file is sensible)
 * hover at the right UTF-16 character.
 */
let n = 0;
const log = (message: string): void => console.log(`      ${message}`);

async function analyse(lang: LanguageId, text: string, boundMs: number) {
  const service = testService();
  const uri = `memory://odd/${++n}.${lang}`;
  const t0 = performance.now();
  await service.open({ uri, languageId: lang, version: 1, text });
  const occurrences = service.occurrences(uri);
  const findings = typeof service.diagnostics === 'function' ? service.diagnostics(uri) : [];
  const took = performance.now() - t0;
  assert.ok(took < boundMs, `${lang}: ${text.length} characters took ${took.toFixed(0)} ms (bound ${boundMs} ms)`);
  const lines = linesOf(text);
  for (const o of occurrences) assertRangeInside(text, o.range, `occurrence ${o.code}`, lines);
  for (const f of findings) assertRangeInside(text, f.range, `finding ${f.rule}`, lines);
  return { service, uri, occurrences, findings, close: () => service.close(uri) };
}

/** Hover at `needle` (the nth one) must answer with a range starting exactly there. */
async function expectHoverAt(lang: LanguageId, text: string, needle: string, expect: RegExp, nth = 0): Promise<Position> {
  const { service, uri, close } = await analyse(lang, text, 10_000);
  try {
    let index = -1;
    for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `${needle} not in text`);
    const at = positionOf(text, index);
    const hover = service.hover(uri, { line: at.line, character: at.character + 1 });
    assert.ok(hover, `no hover at ${JSON.stringify(at)} in ${JSON.stringify(text.slice(0, 120))}`);
    assert.match(hover.contents, expect);
    assert.deepEqual(hover.range.start, at, 'hover range does not start at the code (UTF-16 position drift)');
    assert.deepEqual(hover.range.end, { line: at.line, character: at.character + needle.length });
    // One character before the code there is nothing to explain.
    if (at.character > 0 && /\s/.test(text[index - 1])) assert.equal(service.hover(uri, { line: at.line, character: at.character - 1 }), undefined);
    return at;
  } finally {
    close();
  }
}

const PY_CHECK = 'if r.status_code == 429:\n    raise RuntimeError("limited")\n';

describe('odd files (service)', function () {
  this.timeout(300_000);
  before(async () => {
    // Load every grammar first, so bounds measure analysis, not wasm start-up.
    for (const lang of ['python', 'javascript', 'typescript', 'typescriptreact', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'kotlin'] as LanguageId[]) (await analyse(lang, 'x', 30_000)).close();
  });

  it('a 5 MB Python file finishes within a bound, with bounded memory', async () => {
    const unit = 'def fetch(r):\n    if r.status_code == 429:\n        return None\n    return r.json()\n\n';
    const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    const rss0 = process.memoryUsage().rss;
    const { occurrences, close } = await analyse('python', text, 60_000);
    const grown = (process.memoryUsage().rss - rss0) / 2 ** 20;
    close();
    assert.ok(occurrences.length > 1000, `only ${occurrences.length} occurrences`);
    // The service has no size limit of its own (the server skips files over maxFileSize, 2 MB by default):
    // a fully analysed 5 MB file costs ~700 MB of RSS (tree-sitter tree + wasm heap, which never shrinks).
    assert.ok(grown < 1200, `RSS grew by ${grown.toFixed(0)} MB`);
  });

  for (const lang of ['javascript', 'python', 'go'] as LanguageId[]) {
    it(`a single 1 MB minified line (${lang}) finishes within a bound`, async () => {
      const text = 'if(r.status===429){a()};var b=[1,2,3];'.repeat(Math.ceil((1024 * 1024) / 38));
      assert.equal(linesOf(text).length, 1);
      (await analyse(lang, text, 40_000)).close();
    });
  }

  it('a run of 20,000 comment lines after code (quadratic in tree-sitter-python) is cut off by the parse budget and recovers', async () => {
    const text = PY_CHECK + '# commented-out line of an old implementation\n'.repeat(20_000);
    const t0 = performance.now();
    const { service, uri, close } = await analyse('python', text, 20_000);
    log(`20,000 trailing comment lines: ${(performance.now() - t0).toFixed(0)} ms, tree ${service.documents.get(uri)!.tree ? 'kept' : 'dropped (parse budget)'}`);
    try {
      // A dropped tree is announced (the server publishes it as an `analysis-incomplete` notice).
      if (!service.documents.get(uri)!.tree) assert.match(service.analysisNotice(uri) ?? '', /time budget/);
      // Once the comments are gone, the next edit parses and analyses the document again.
      service.update(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 20_002, character: 0 } }, text: '' }]);
      assert.equal(service.documents.get(uri)!.text, PY_CHECK);
      assert.ok(service.documents.get(uri)!.tree, 'no tree after the document shrank');
      assert.match(service.hover(uri, { line: 0, character: 21 })?.contents ?? '', /Too Many Requests/);
      assert.equal(service.analysisNotice(uri), undefined, 'the notice goes once the file is analysed');
    } finally {
      close();
    }
  });

  it('binary content and invalid UTF-8 (decoded to U+FFFD) are analysed without throwing', async () => {
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + (i >> 3)) % 256));
    for (const text of [bytes.toString('latin1'), bytes.toString('utf8'), bytes.toString('utf16le')]) {
      for (const lang of ['python', 'javascript', 'csharp', 'http'] as LanguageId[]) (await analyse(lang, text, 10_000)).close();
    }
    const invalid = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x0a]), Buffer.from(PY_CHECK)]).toString('utf8');
    await expectHoverAt('python', invalid, '429', /Too Many Requests/);
  });

  it('5,000 nested parentheses and brackets do not overflow or hang', async () => {
    const cases: Array<[LanguageId, string]> = [
      ['python', `x = ${'('.repeat(5000)}429${')'.repeat(5000)}\n${PY_CHECK}`],
      ['python', `x = ${'['.repeat(5000)}429${']'.repeat(5000)}\n${PY_CHECK}`],
      ['javascript', `const x = ${'('.repeat(5000)}429${')'.repeat(5000)};\nif (res.status === 503) throw e;\n`],
      ['typescript', `const x = ${'['.repeat(5000)}${']'.repeat(5000)};\n`],
      ['go', `package main\nvar x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`],
      ['java', `class A { int x = ${'('.repeat(5000)}1${')'.repeat(5000)}; }\n`],
      ['csharp', `class A { int x = ${'('.repeat(5000)}1${')'.repeat(5000)}; }\n`],
      ['python', `${'('.repeat(20000)}\n${PY_CHECK}`],
    ];
    for (const [lang, text] of cases) (await analyse(lang, text, 15_000)).close();
    await expectHoverAt('python', cases[0][1], '429', /Too Many Requests/, 1);
    await expectHoverAt('javascript', cases[2][1], '503', /Service Unavailable/);
  });

  it('thousands of status codes in one file are all found', async () => {
    const codes = [429, 503, 500, 404, 502];
    const py = Array.from({ length: 5000 }, (_, i) => `def f${i}(r):\n    if r.status_code == ${codes[i % 5]}:\n        return None\n`).join('');
    const a = await analyse('python', py, 20_000);
    assert.equal(a.occurrences.length, 5000);
    a.close();
    const js = Array.from({ length: 5000 }, (_, i) => `if (res.status === ${codes[i % 5]}) { f${i}(); }\n`).join('');
    const b = await analyse('javascript', js, 20_000);
    assert.equal(b.occurrences.length, 5000);
    b.close();
  });

  it('CRLF, lone CR and mixed line endings keep lines and characters right', async () => {
    await expectHoverAt('python', 'import requests\r\n\r\nr = requests.get(u)\r\nif r.status_code == 429:\r\n    pass\r\n', '429', /Too Many Requests/);
    await expectHoverAt('python', 'import requests\rr = requests.get(u)\rif r.status_code == 503:\r    pass\r', '503', /Service Unavailable/);
    await expectHoverAt('javascript', 'const a = 1;\r\nconst b = 2;\nconst c = 3;\rif (res.status === 429) {}\r\nif (res.status === 503) {}\n', '503', /Service Unavailable/);
    await expectHoverAt('http', 'GET https://x.test/a\r\n\r\n###\rGET https://x.test/b\r\n\r\nHTTP/1.1 429 Too Many Requests\r\n', '429', /Too Many Requests/);
  });

  it('a BOM, non-ASCII identifiers and emoji before a code keep UTF-16 positions right', async () => {
    await expectHoverAt('python', `\uFEFF${PY_CHECK}`, '429', /Too Many Requests/);
    await expectHoverAt('python', 'if réponse_Ωμέγα.status_code == 429: pass\n', '429', /Too Many Requests/);
    await expectHoverAt('javascript', 'const 名前 = "😀😀👩‍👩‍👧"; if (res.status === 429) { 名前(); }\n', '429', /Too Many Requests/);
    await expectHoverAt('python', 'msg = "😀"; x = "𝔘𝔫𝔦"\nif r.status_code == 503: pass  # 😀\n', '503', /Service Unavailable/);
    await expectHoverAt('go', 'package main\n\nfunc f() {\n\ts := "😀😀"; if resp.StatusCode == 429 { _ = s }\n}\n', '429', /Too Many Requests/);
    await expectHoverAt('java', 'class A { void f() { String s = "😀"; if (response.statusCode() == 429) {} } }\n', '429', /Too Many Requests/);
    await expectHoverAt('csharp', 'class A { void F() { var s = "😀"; if (response.StatusCode == (HttpStatusCode)429) {} } }\n', '429', /Too Many Requests/);
    await expectHoverAt('http', '# 😀😀 emoji\nGET https://x.test/😀\n\nHTTP/1.1 503 Service Unavailable\n', '503', /Service Unavailable/);
  });

  it('NUL bytes do not stop analysis', async () => {
    await expectHoverAt('python', `x = "\0\0\0"\n\0\n${PY_CHECK}`, '429', /Too Many Requests/);
    await expectHoverAt('javascript', `const a = "\0";\0\nif (res.status === 429) {}\n`, '429', /Too Many Requests/);
  });
});
