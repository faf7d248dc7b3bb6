/**
 * Protocol tier: the bundled language server (out/server/main.js) driven over real stdio / node-ipc
 * by a JSON-RPC client, as an editor would. Run with `npm run test:protocol`.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CodeAction, Command, DiagnosticSeverity, MarkupContent, TextDocumentSyncKind, TextEdit } from 'vscode-languageserver-protocol/node';
import {
  LspClient,
  ROOT,
  SERVER_MAIN,
  applyEdit,
  ensureBuilt,
  fixtureUri,
  frame,
  hoverText,
  parseFrames,
  positionOf,
  readFixture,
  withTimeout,
} from './lspClient';

const PY = 'rate_limited.py';
const HTTP = 'requests.http';

describe('protocol: language server over stdio', function () {
  this.timeout(30_000);
  const clients: LspClient[] = [];
  const start = async (options: Parameters<typeof LspClient.start>[0] = {}): Promise<LspClient> => {
    const client = await LspClient.start(options);
    clients.push(client);
    return client;
  };

  before(() => ensureBuilt());
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      if (!client.hasExited()) await client.shutdown(3_000);
    }
  });

  it('answers initialize with its capabilities and server info', async () => {
    const client = await start();
    const result = client.initializeResult!;
    assert.equal(result.serverInfo?.name, 'eci-language-server');
    assert.match(result.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
    const caps = result.capabilities;
    assert.equal(caps.hoverProvider, true);
    const sync = caps.textDocumentSync;
    assert.ok(sync && typeof sync === 'object', 'textDocumentSync is an options object');
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    // Without workspace.configuration the server must not pull settings.
    await client.hover(fixtureUri(PY), { line: 0, character: 0 });
    assert.equal(client.configurationRequests.length, 0);
  });

  it('pulls errorCodeInsight settings when the client supports workspace/configuration', async () => {
    const client = await start({ configurationPull: true, settings: {} });
    const pulled = await waitFor(() => client.configurationRequests.length > 0, 5_000);
    assert.ok(pulled, 'server sent workspace/configuration after initialized');
    assert.equal(client.configurationRequests[0].items[0].section, 'errorCodeInsight');
    assert.ok(
      client.registrations.some((r) => (r as { method?: string }).method === 'workspace/didChangeConfiguration'),
      `registered for didChangeConfiguration; got ${JSON.stringify(client.registrations)}`,
    );
  });

  it('hovers a Python 429 with markdown naming Too Many Requests', async () => {
    const client = await start();
    const { uri, text } = await client.openFixture(PY, 'python');
    const at = positionOf(text, '429', 0, 1);
    const hover = await client.hover(uri, at);
    assert.ok(hover, 'hover on 429');
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(hoverText(hover), /Too Many Requests/);
    assert.deepEqual(hover.range, { start: positionOf(text, '429'), end: positionOf(text, '429', 0, 3) });
  });

  it('follows incremental edits: the hover moves with the code and leaves the old position', async () => {
    const client = await start();
    const { uri, text } = await client.openFixture(PY, 'python');
    const old = positionOf(text, '429', 0, 1);
    assert.match(hoverText(await client.hover(uri, old)), /Too Many Requests/);

    await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# rate limits\n# are per user\n\n');
    const shifted = { line: old.line + 3, character: old.character };
    assert.deepEqual(positionOf(client.text(uri), '429', 0, 1), shifted, 'local mirror agrees');
    const moved = await client.hover(uri, shifted);
    assert.match(hoverText(moved), /Too Many Requests/);
    assert.equal(moved?.range?.start.line, shifted.line);
    const stale = await client.hover(uri, old);
    assert.doesNotMatch(hoverText(stale), /Too Many Requests/, 'old position no longer hovers 429');

    // A second edit on the same line, left of the code, shifts the column too.
    await client.change(uri, { start: shifted, end: shifted }, '');
    const col = positionOf(client.text(uri), '429').character;
    const at = { line: shifted.line, character: col };
    await client.change(uri, { start: at, end: at }, ' ');
    const sameLine = { line: shifted.line, character: col + 2 };
    assert.deepEqual(positionOf(client.text(uri), '429', 0, 1), sameLine);
    assert.match(hoverText(await client.hover(uri, sameLine)), /Too Many Requests/);
    assert.equal((await client.hover(uri, sameLine))?.range?.start.character, col + 1);
  });

  it('hovers the status code of an .http response status line', async () => {
    const client = await start();
    const { uri, text } = await client.openFixture(HTTP, 'http');
    const hover = await client.hover(uri, positionOf(text, 'HTTP/1.1 503', 0, 10));
    assert.match(hoverText(hover), /Service Unavailable/);
    assert.equal(hover?.range?.start.line, positionOf(text, 'HTTP/1.1 503').line);
    // The request line's path segment 42 is not a status code.
    assert.equal(await client.hover(uri, positionOf(text, '/42', 0, 1)), null);
  });

  it('hovers a JSON-RPC error code and a WebSocket close code from their own catalogs', async () => {
    const client = await start();
    const uri = 'file:///tmp/eci-protocol/rpc-socket.ts';
    const source = "export const METHOD_NOT_FOUND = -32601;\nsocket.close(1013, 'busy, come back later');\nconst pollMs = 1000;\n";
    await client.open(uri, 'typescript', source);
    const rpc = await client.hover(uri, positionOf(source, '-32601', 0, 2));
    assert.match(hoverText(rpc), /-32601\*\* — Method not found/);
    assert.match(hoverText(rpc), /JSON-RPC 2\.0 and MCP error codes/);
    const ws = await client.hover(uri, positionOf(source, '1013', 0, 1));
    assert.match(hoverText(ws), /Try Again Later/);
    assert.match(hoverText(ws), /WebSocket close codes/);
    assert.equal(await client.hover(uri, positionOf(source, '1000', 0, 1)), null, 'a poll interval is no close code');
    // In an .http file: a JSON-RPC error in a response body and a status in an httpYac {{ }} script.
    const http = 'file:///tmp/eci-protocol/rpc.http';
    const body = 'POST https://rpc.example.test/\n\nHTTP/1.1 200 OK\n\n{"jsonrpc": "2.0", "id": 1, "error": {"code": -32602, "message": "bad"}}\n\n{{\n  test.status(429);\n}}\n';
    await client.open(http, 'http', body);
    assert.match(hoverText(await client.hover(http, positionOf(body, '-32602', 0, 2))), /Invalid params/);
    assert.match(hoverText(await client.hover(http, positionOf(body, '429', 0, 1))), /Too Many Requests/);
  });

  it('does not hover a port number', async () => {
    const client = await start();
    const { uri, text } = await client.openFixture(PY, 'python');
    assert.equal(await client.hover(uri, positionOf(text, '8443', 0, 1)), null);
    const other = 'file:///tmp/eci-protocol/ports.py';
    const source = 'import socket\n\nPORT = 503\nsock = socket.create_connection(("db.internal", 503))\napp.run(host="0.0.0.0", port=429)\n';
    await client.open(other, 'python', source);
    assert.equal(await client.hover(other, positionOf(source, '503', 1, 1)), null, 'port argument of create_connection');
    assert.equal(await client.hover(other, positionOf(source, '429', 0, 1)), null, 'port= keyword');
  });

  it('writes nothing but LSP frames to stdout (raw byte check)', async () => {
    ensureBuilt();
    const child = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const response = async (id: number): Promise<Record<string, unknown>> => {
        let found: Record<string, unknown> | undefined;
        await waitFor(() => {
          // Only complete frames are checked here; the final check below is strict about every byte.
          found = framesSoFar(Buffer.concat(chunks)).find((f) => (f as { id?: number }).id === id && !('method' in f));
          return found !== undefined;
        }, 10_000);
        assert.ok(found, `response ${id} arrived; stderr: ${stderr}`);
        return found;
      };
      const uri = fixtureUri(PY);
      const text = readFixture(PY);
      child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }));
      await response(1);
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'python', version: 1, text } } }));
      child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: positionOf(text, '429', 0, 1) } }));
      const hover = await response(2);
      assert.match(JSON.stringify(hover.result), /Too Many Requests/);
      // Let the (debounced) diagnostics run so their output is part of what is checked.
      await waitFor(() => framesSoFar(Buffer.concat(chunks)).some((f) => (f as { method?: string }).method === 'textDocument/publishDiagnostics'), 5_000);
      child.stdin.write(frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' }));
      await response(3);
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      const code = await withTimeout(exited, 5_000, () => 'server did not exit after shutdown + exit');
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const bytes = Buffer.concat(chunks);
    const frames = parseFrames(bytes); // throws on any byte that is not part of a frame
    assert.ok(frames.length >= 3, `at least the three responses; got ${frames.length}`);
    const responses = frames.filter((f) => 'id' in (f.body as object) && !('method' in (f.body as object)));
    assert.deepEqual(responses.map((f) => (f.body as { id: number }).id), [1, 2, 3]);
    for (const f of frames) assert.equal(Number(f.headers['content-length']) > 0, true);
  });

  it('keeps stdout protocol-only across a full client session', async () => {
    const client = await start({ configurationPull: true, settings: {} });
    const { uri, text } = await client.openFixture(PY, 'python');
    await client.hover(uri, positionOf(text, '429', 0, 1));
    await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '\n');
    await client.hover(uri, positionOf(client.text(uri), '429', 0, 1));
    const { uri: httpUri, text: httpText } = await client.openFixture(HTTP, 'http');
    await client.hover(httpUri, positionOf(httpText, '503', 0, 1));
    await client.waitForDiagnostics(uri, () => true, 5_000);
    const { code } = await client.shutdown();
    assert.equal(code, 0);
    const frames = parseFrames(client.rawStdout());
    const incoming = frames.filter((f) => 'method' in (f.body as object)).length;
    assert.equal(incoming, client.messagesReceived, 'every server-sent request/notification was a frame the client received');
  });

  it('works over --node-ipc too', async () => {
    const client = await start({ transport: 'node-ipc' });
    assert.equal(client.initializeResult?.capabilities.hoverProvider, true);
    const { uri, text } = await client.openFixture(PY, 'python');
    assert.match(hoverText(await client.hover(uri, positionOf(text, '429', 0, 1))), /Too Many Requests/);
    const { code, killed } = await client.shutdown();
    assert.equal(killed, false);
    assert.equal(code, 0);
    assert.equal(client.rawStdout().length, 0, 'nothing on stdout in ipc mode');
  });

  it('ends with exit code 0 after shutdown + exit', async () => {
    const client = await start();
    await client.openFixture(PY, 'python');
    const result = await client.shutdown();
    assert.deepEqual(result, { code: 0, signal: null, killed: false });
  });

  it('ends with exit code 1 on exit without shutdown (LSP spec)', async () => {
    const client = await start();
    await client.connection.sendNotification('exit');
    const result = await client.waitForExit(5_000);
    assert.ok(result, 'process ended');
    assert.equal(result.code, 1);
  });

  describe('diagnostics and quick fixes (need the rules engine and code actions)', () => {
    it('publishes retryable-treated-as-final for a 429 branch that raises', async () => {
      const client = await start();
      const { uri, text } = await client.openFixture(PY, 'python');
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'retryable-treated-as-final'), 15_000);
      const d = diagnostics.find((x) => x.code === 'retryable-treated-as-final')!;
      assert.equal(d.source, 'error-code-insight');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.match(typeof d.message === 'string' ? d.message : d.message.value, /429/);
      const checkLine = positionOf(text, 'status_code == 429').line;
      const raiseLine = positionOf(text, 'raise RuntimeError').line;
      assert.ok(d.range.start.line >= checkLine && d.range.start.line <= raiseLine, `range ${JSON.stringify(d.range)} lies on the branch`);
      assert.equal(client.latestDiagnostics(uri)?.version, 1, 'published for the opened version');
    });

    it('applies a severity override pulled via workspace/configuration', async () => {
      const client = await start({ configurationPull: true, settings: { rules: { 'retryable-treated-as-final': 'error' } } });
      const { uri } = await client.openFixture(PY, 'python');
      const diagnostics = await client.waitForDiagnostics(
        uri,
        (d) => d.some((x) => x.code === 'retryable-treated-as-final' && x.severity === DiagnosticSeverity.Error),
        15_000,
      );
      assert.ok(diagnostics.length > 0);
    });

    it('offers a quick fix whose edit changes the file', async () => {
      const client = await start();
      const { uri, text } = await client.openFixture(PY, 'python');
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'retryable-treated-as-final'), 15_000);
      const d = diagnostics.find((x) => x.code === 'retryable-treated-as-final')!;
      const actions = (await client.codeAction(uri, d.range, [d])) ?? [];
      const fixes = actions.filter((a): a is CodeAction => !Command.is(a) && a.kind?.startsWith('quickfix') === true);
      assert.ok(fixes.length > 0, `quick fixes offered; got ${JSON.stringify(actions)}`);
      const withEdit = fixes.find((f) => f.edit);
      assert.ok(withEdit, 'a quick fix carries a workspace edit');
      const edits: TextEdit[] = withEdit.edit!.changes?.[uri] ?? withEdit.edit!.documentChanges?.flatMap((c) => ('edits' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : [])) ?? [];
      assert.ok(edits.length > 0, 'edits for this document');
      const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      const after = sorted.reduce((t, e) => applyEdit(t, e.range, e.newText), text);
      assert.notEqual(after, text);
    });
  });
});

/** Complete JSON bodies among the frames received so far (a trailing partial frame is ignored). */
function framesSoFar(bytes: Buffer): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let i = 0;
  while (i < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', i, 'ascii');
    if (headerEnd < 0) break;
    const m = /Content-Length: (\d+)/i.exec(bytes.subarray(i, headerEnd).toString('ascii'));
    if (!m) break;
    const start = headerEnd + 4;
    const end = start + Number(m[1]);
    if (end > bytes.length) break;
    out.push(JSON.parse(bytes.subarray(start, end).toString('utf8')));
    i = end;
  }
  return out;
}

/** Polls a condition every 25 ms; resolves true once it holds, false after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}
