import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { DiagnosticSeverity, Hover, HoverRequest, Position } from 'vscode-languageserver-protocol/node';
import { hoverText, LspClient } from './lspClient';

/**
 * Hostile and odd files against the real server over stdio: it keeps answering (hover within a bound),
 * gives the right answer or skips the file with a visible `file-skipped` notice, and its memory stays bounded.
 */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, 'no VmRSS in /proc status');
  return Number(m[1]) / 1024;
}

/** LSP position of the nth `needle` (lines split at \r\n, \r and \n; UTF-16 characters). */
function at(text: string, needle: string, nth = 0, plus = 1): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  const before = text.slice(0, index).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length + plus };
}

async function hoverWithin(client: LspClient, uri: string, position: Position, ms: number): Promise<Hover | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hover on ${uri} got no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let n = 0;
const uriFor = (ext: string) => `file:///odd/${++n}.${ext}`;

describe('odd files (server over stdio)', function () {
  this.timeout(180_000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    const result = await client.shutdown();
    assert.equal(result.killed, false, 'server did not exit after shutdown/exit');
  });
  afterEach(() => {
    assert.equal(client.hasExited(), false, `server died; stderr: ${client.stderr.join('').slice(-2000)}`);
  });

  it('skips a 5 MB file with a visible file-skipped notice, keeps answering, memory bounded', async () => {
    const pid = client.child.pid!;
    const before = rssMb(pid);
    const unit = 'def fetch(r):\n    if r.status_code == 429:\n        return None\n\n';
    const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    const uri = uriFor('py');
    await client.open(uri, 'python', text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'file-skipped'), 60_000);
    const notice = diags.find((d) => d.code === 'file-skipped')!;
    assert.equal(notice.severity, DiagnosticSeverity.Information);
    assert.match(typeof notice.message === 'string' ? notice.message : notice.message.value, /maxFileSize/);
    assert.equal(await hoverWithin(client, uri, at(text, '429'), 10_000), null);
    // An edit to the skipped file keeps it skipped and the server responsive.
    await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# edited\n');
    assert.equal(await hoverWithin(client, uri, { line: 2, character: 25 }, 10_000), null);
    const after = rssMb(pid);
    assert.ok(after < 400, `server RSS ${after.toFixed(0)} MB (was ${before.toFixed(0)} MB) after a 5 MB file`);
    await client.close(uri);
  });

  it('a skipped file keeps every edit: shrunk under maxFileSize it is analysed with the text the editor has', async () => {
    const filler = '# filler line to make the file large enough to be skipped\n';
    const head = 'import requests\n\nif r.status_code == 429:\n    pass\n';
    const text = head + filler.repeat(Math.ceil((2.2 * 1024 * 1024) / filler.length));
    const uri = uriFor('py');
    await client.open(uri, 'python', text);
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'file-skipped'), 30_000).catch((e: Error) => assert.fail(`skip notice at open: ${e.message}`));
    // Two incremental edits: rename the check to 503, then delete all the filler.
    await client.change(uri, { start: { line: 2, character: 20 }, end: { line: 2, character: 23 } }, '503');
    const lines = client.text(uri).split('\n').length;
    await client.change(uri, { start: { line: 4, character: 0 }, end: { line: lines - 1, character: 0 } }, '');
    assert.equal(client.text(uri), head.replace('429', '503'));
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'file-skipped'), 30_000);
    const hover = await hoverWithin(client, uri, { line: 2, character: 21 }, 10_000);
    assert.match(hoverText(hover), /Service Unavailable/, 'the server lost an edit made while the file was skipped');
    // And the other way: grown over the limit by an edit, then shrunk again by another.
    await client.change(uri, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, filler.repeat(Math.ceil((2.2 * 1024 * 1024) / filler.length)));
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'file-skipped'), 30_000).catch((e: Error) => assert.fail(`skip notice after growing: ${e.message}`));
    await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, 'IMPORT');
    const grown = client.text(uri).split('\n').length;
    await client.change(uri, { start: { line: 4, character: 0 }, end: { line: grown - 1, character: 0 } }, '');
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'file-skipped'), 30_000);
    const again = await hoverWithin(client, uri, { line: 2, character: 21 }, 10_000);
    assert.match(hoverText(again), /Service Unavailable/);
    await client.close(uri);
  });

  it('analyses a single 1 MB minified line and answers hovers on it, memory bounded', async () => {
    const text = 'if(r.status===429){a()};var b=[1,2,3];'.repeat(Math.ceil((1024 * 1024) / 38));
    const uri = uriFor('js');
    await client.open(uri, 'javascript', text);
    const hover = await hoverWithin(client, uri, at(text, '429', 1000), 60_000);
    assert.match(hoverText(hover), /Too Many Requests/);
    assert.deepEqual(hover!.range!.start, at(text, '429', 1000, 0));
    const rss = rssMb(client.child.pid!);
    assert.ok(rss < 600, `server RSS ${rss.toFixed(0)} MB after a 1 MB file`);
    await client.close(uri);
  });

  it('binary content, invalid UTF-8, NUL bytes and 5,000 nested parens: the server answers', async () => {
    const bytes = Buffer.from(Array.from({ length: 32 * 1024 }, (_, i) => (i * 7919 + (i >> 3)) % 256));
    const check = 'if r.status_code == 429:\n    pass\n';
    const cases: Array<[string, string, string]> = [
      ['py', 'python', bytes.toString('latin1')],
      ['js', 'javascript', bytes.toString('utf8')],
      ['py', 'python', Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x28, 0x0a]), Buffer.from(check)]).toString('utf8')],
      ['py', 'python', `x = "\0\0"\n\0\n${check}`],
      ['py', 'python', `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n${check}`],
      ['http', 'http', `GET https://x.test/\0\n\nHTTP/1.1 ${'('.repeat(5000)}\n\n###\nGET https://x.test/\n\nHTTP/1.1 429 Too Many Requests\n`],
    ];
    for (const [ext, lang, text] of cases) {
      const uri = uriFor(ext);
      await client.open(uri, lang, text);
      const hover = await hoverWithin(client, uri, text.includes('429') ? at(text, '429') : { line: 0, character: 3 }, 20_000);
      if (text.includes('429')) assert.match(hoverText(hover), /Too Many Requests/, `no 429 hover in ${JSON.stringify(text.slice(0, 60))}`);
      await client.close(uri);
    }
  });

  it('thousands of status codes: the last one still hovers', async () => {
    const text = Array.from({ length: 4000 }, (_, i) => `if (res.status === ${[429, 503, 500, 404][i % 4]}) { f${i}(); }\n`).join('');
    const uri = uriFor('js');
    await client.open(uri, 'javascript', text);
    const hover = await hoverWithin(client, uri, { line: 3999, character: 20 }, 20_000);
    assert.match(hoverText(hover), /Not Found/);
    await client.close(uri);
  });

  it('CRLF, mixed endings, BOM, non-ASCII identifiers and emoji: hovers land on the right UTF-16 character', async () => {
    const cases: Array<[string, string, string, string, RegExp]> = [
      ['py', 'python', 'import requests\r\n\r\nif r.status_code == 429:\r\n    pass\r\n', '429', /Too Many Requests/],
      ['js', 'javascript', 'const a = 1;\r\nconst b = 2;\nconst c = 3;\rif (res.status === 503) {}\r\n', '503', /Service Unavailable/],
      ['py', 'python', '\uFEFFif r.status_code == 429:\n    pass\n', '429', /Too Many Requests/],
      ['js', 'javascript', 'const 名前 = "😀😀👩‍👩‍👧"; if (res.status === 429) { 名前(); }\n', '429', /Too Many Requests/],
      ['go', 'go', 'package main\n\nfunc f() {\n\ts := "😀😀"; if resp.StatusCode == 503 { _ = s }\n}\n', '503', /Service Unavailable/],
      ['http', 'http', '# 😀😀\r\nGET https://x.test/😀\r\n\r\nHTTP/1.1 429 Too Many Requests\r\n', '429', /Too Many Requests/],
    ];
    for (const [ext, lang, text, code, expect] of cases) {
      const uri = uriFor(ext);
      await client.open(uri, lang, text);
      const hover = await hoverWithin(client, uri, at(text, code), 10_000);
      assert.match(hoverText(hover), expect, `${lang}: ${JSON.stringify(text)}`);
      assert.deepEqual(hover!.range, { start: at(text, code, 0, 0), end: at(text, code, 0, code.length) }, `${lang}: range drift in ${JSON.stringify(text)}`);
      await client.close(uri);
    }
  });
});
