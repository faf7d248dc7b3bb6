import { strict as assert } from 'node:assert';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

/** Splits a byte stream into LSP frames exactly; throws on anything that is not a well-formed frame. */
export function parseFrames(bytes: Buffer): Array<Record<string, unknown>> {
  const frames: Array<Record<string, unknown>> = [];
  let i = 0;
  while (i < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', i, 'ascii');
    if (headerEnd < 0) throw new Error(`stray bytes at ${i}: ${JSON.stringify(bytes.subarray(i, i + 80).toString('utf8'))}`);
    let length: number | undefined;
    for (const line of bytes.subarray(i, headerEnd).toString('ascii').split('\r\n')) {
      const m = /^([A-Za-z-]+): (.*)$/.exec(line);
      if (!m) throw new Error(`not an LSP header at ${i}: ${JSON.stringify(line.slice(0, 80))}`);
      if (m[1].toLowerCase() === 'content-length') length = Number(m[2]);
      else if (m[1].toLowerCase() !== 'content-type') throw new Error(`unexpected header ${m[1]}`);
    }
    if (length === undefined || !Number.isInteger(length)) throw new Error(`frame at ${i} has no Content-Length`);
    const start = headerEnd + 4;
    if (start + length > bytes.length) throw new Error(`truncated frame at ${i}: wants ${length} bytes, ${bytes.length - start} left`);
    const message = JSON.parse(bytes.subarray(start, start + length).toString('utf8')) as Record<string, unknown>;
    if (message.jsonrpc !== '2.0') throw new Error(`frame at ${i} is not JSON-RPC 2.0`);
    frames.push(message);
    i = start + length;
  }
  return frames;
}

/** In stdio mode stdout carries the protocol and nothing else, even while the server logs errors. */
describe('stdout carries only LSP frames (stdio)', function () {
  this.timeout(60_000);

  it('logging, failed settings reads and bad params never put non-protocol bytes on stdout', async () => {
    const client = await LspClient.start({ configurationPull: true });
    try {
      // Make settings reads fail: the server logs an error through window/logMessage.
      client.connection.onRequest(ConfigurationRequest.type, () => new ResponseError(-32603, 'settings store is broken'));
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });

      // Bad params and odd requests.
      const uri = 'file:///never/opened.py';
      const bad: Array<Promise<unknown>> = [
        client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: -1, character: -5 } }),
        client.connection.sendRequest('textDocument/hover', { bogus: true }),
        client.connection.sendRequest('textDocument/hover', null),
        client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ data: 'garbage' }] } }),
        client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 42 } }),
        client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: {}, end: {} } }),
        client.connection.sendRequest('errorCodeInsight/noSuchMethod', [1, 2, 3]),
      ];
      await Promise.allSettled(bad);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///x.py', languageId: 'python', version: 1, text: null } });
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///x.cobol', languageId: 'cobol', version: 1, text: 'DISPLAY 429' } });

      // A real document with an edit whose range lies far outside it, and a code action with foreign data.
      const doc = 'file:///odd/logging.py';
      await client.open(doc, 'python', 'if r.status_code == 429:\n    raise RuntimeError("x")\n');
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: doc, version: 2 },
        contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: -3, character: 0 } }, text: '\0😀' }],
      });
      await client.codeAction(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, [
        { range: { start: { line: 0, character: 20 }, end: { line: 0, character: 23 } }, message: 'x', code: 'retryable-treated-as-final', source: 'error-code-insight', data: { kind: 'nonsense', nested: [null] } },
      ]).catch(() => undefined);
      const hover = await client.hover(doc, { line: 0, character: 21 });
      assert.ok(hover === null || typeof hover === 'object');

      const deadline = Date.now() + 10_000;
      while (client.logs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(client.logs.some((l) => /could not read settings/.test(l)), `the server did not log through window/logMessage: ${JSON.stringify(client.logs)}`);
    } finally {
      const result = await client.shutdown();
      assert.equal(result.killed, false, 'server did not exit after shutdown/exit');
    }
    const frames = parseFrames(client.rawStdout());
    assert.ok(frames.length >= client.messagesReceived, `${frames.length} frames for ${client.messagesReceived} messages`);
    assert.ok(frames.some((f) => f.method === 'window/logMessage'), 'no logMessage frame on stdout');
  });

  it('the frame parser rejects stray output', () => {
    const ok = Buffer.from('Content-Length: 17\r\n\r\n{"jsonrpc":"2.0"}');
    assert.equal(parseFrames(ok).length, 1);
    assert.throws(() => parseFrames(Buffer.concat([ok, Buffer.from('hello\n')])), /stray bytes|not an LSP header/);
    assert.throws(() => parseFrames(Buffer.concat([Buffer.from('debug: x\r\n'), ok])), /not an LSP header|stray|unexpected header/);
    assert.throws(() => parseFrames(Buffer.from('Content-Length: 99\r\n\r\n{"jsonrpc":"2.0"}')), /truncated/);
  });
});
