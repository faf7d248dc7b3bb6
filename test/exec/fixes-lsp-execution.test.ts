/**
 * End to end through the REAL language server: `node out/server/main.js --stdio` publishes the
 * diagnostic, textDocument/codeAction returns the preferred quick fix, the client applies its
 * WorkspaceEdit, and the fixed program runs against the scripted loopback server.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/service/fixes/text';
import { LspClient } from '../protocol/lspClient';
import { FIXTURES, writeProgram } from './fixes-support';
import { outcome, PYTHON, pythonModuleMissing, run } from './runners';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';

const FILE = path.join(FIXTURES, 'python', 'requests_post_raise.py');
const RULE = 'no-retry-on-request';

describe('quick fix via the real LSP server over stdio, proven by execution', function () {
  this.timeout(120_000);
  let server: ScriptedServer;
  let program: string | undefined;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixes-lsp-'));

  before(async function () {
    const missing = await pythonModuleMissing('requests', 'python3-requests');
    if (missing) {
      console.log(`\n  ******** FIX EXEC (LSP): NOT RUN — ${missing} ********\n`);
      return;
    }
    server = await startScriptedServer();
    const client = await LspClient.start();
    try {
      const uri = pathToFileURL(FILE).toString();
      const text = fs.readFileSync(FILE, 'utf8');
      await client.open(uri, 'python', text);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === RULE), 20_000);
      const target = diagnostics.filter((d) => d.code === RULE);
      const actions = (await client.codeAction(uri, target[0].range, target)) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => d.code === RULE));
      assert.ok(fix, `no preferred fix over LSP: ${actions.map((a) => a.title).join(' | ')}`);
      const change = fix.edit?.documentChanges?.[0] as TextDocumentEdit;
      assert.strictEqual(change.textDocument.uri, uri);
      const fixed = applyEdits(text, change.edits.map((e) => ({ range: e.range, newText: 'newText' in e ? e.newText : '' })));
      assert.match(fixed, /"Idempotency-Key": str\(uuid\.uuid4\(\)\)/);
      program = writeProgram(workDir, 'program.py', fixed);
    } finally {
      await client.shutdown();
    }
  });
  after(async () => {
    await server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('POST failing 503 once: retried with the same Idempotency-Key, succeeds', async function () {
    if (!program) this.skip();
    const urlPath = '/lsp-fix-1/post-503-then-200';
    const result = await run(PYTHON, [program!, server.baseUrl + urlPath], { timeoutMs: 30_000 });
    const requests = server.requests(urlPath);
    assert.strictEqual(outcome(result).status, 200, result.stdout + result.stderr);
    assert.strictEqual(requests.length, 2);
    const key = requests[0].headers['idempotency-key'];
    assert.ok(typeof key === 'string' && key.length >= 16);
    assert.strictEqual(requests[1].headers['idempotency-key'], key);
  });

  it('400: not retried', async function () {
    if (!program) this.skip();
    const urlPath = '/lsp-fix-2/400';
    await run(PYTHON, [program!, server.baseUrl + urlPath], { timeoutMs: 30_000 });
    assert.strictEqual(server.requests(urlPath).length, 1);
  });
});
