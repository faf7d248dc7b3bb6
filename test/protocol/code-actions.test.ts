/**
 * Protocol tier: textDocument/codeAction on the real server (`node out/server/main.js --stdio`).
 * - a client without snippet edit support gets plain TextEdits in a TextDocumentEdit for the
 *   requested document only, and applying them gives exactly what the service computes;
 * - a client announcing `workspace.workspaceEdit.snippetEditSupport` (LSP 3.18) gets the helper as
 *   one SnippetTextEdit with tab stops for attempts, base delay and cap;
 * - a client without documentChanges gets `changes`; `context.only` filters kinds.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type TextDocumentEdit,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, snippetToPlain } from '../../server/src/service/fixes/text';
import { ensureBuilt, initializeParams, LspClient, SERVER_MAIN } from './lspClient';

const FIX_FIXTURES = path.join(__dirname, '..', 'fixtures', 'fixes');
const PY = path.join(FIX_FIXTURES, 'python', 'requests_final.py');
const RULE = 'retryable-treated-as-final';

type EditRange = { start: { line: number; character: number }; end: { line: number; character: number } };
type AnyEdit = { range: EditRange; newText?: string; snippet?: { kind: string; value: string } };

function documentEdits(action: CodeAction, uri: string): AnyEdit[] {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(changes, 'documentChanges expected');
  assert.equal(changes.length, 1);
  assert.equal(changes[0].textDocument.uri, uri, 'edits touch only the requested document');
  return changes[0].edits as AnyEdit[];
}

describe('protocol: code actions', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('plain client: preferred fix is TextEdits in one TextDocumentEdit; applying them adds the helper once', async () => {
    const client = await LspClient.start();
    try {
      const uri = pathToFileURL(PY).toString();
      const text = fs.readFileSync(PY, 'utf8');
      await client.open(uri, 'python', text);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === RULE));
      const target = diagnostics.filter((d) => d.code === RULE);
      const actions = (await client.codeAction(uri, target[0].range, target)) as CodeAction[];
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, actions.map((a) => a.title).join(' | '));
      const fix = preferred[0];
      assert.equal(fix.title, 'Retry with backoff honouring Retry-After');
      assert.equal(fix.kind, 'quickfix');
      assert.deepEqual(fix.diagnostics?.map((d) => d.code), [RULE]);
      const edits = documentEdits(fix, uri);
      assert.ok(edits.every((e) => typeof e.newText === 'string' && !e.snippet), 'no snippet edits without snippetEditSupport');
      const fixed = applyEdits(text, edits as { range: EditRange; newText: string }[]);
      assert.equal(fixed.match(/^def request_with_retry\(/gm)?.length, 1);
      assert.match(fixed, /request_with_retry\(requests\.Session\(\), "GET", url, timeout=10\)/);
      assert.ok(!/\$\{\d/.test(fixed), 'tab stops were replaced by their defaults');
      assert.ok(actions.some((a) => a.title === `Suppress ${RULE} for this line`));
      const only = (await client.codeAction(uri, target[0].range, target, ['refactor'])) as CodeAction[];
      assert.ok(only.length > 0 && only.every((a) => a.kind?.startsWith('refactor')), 'context.only filters kinds');
    } finally {
      await client.shutdown();
    }
  });

  it('snippet client (LSP 3.18 snippetEditSupport): the helper arrives as one SnippetTextEdit with tab stops', async () => {
    const { actions, uri, text } = await codeActionsWith((caps) => {
      caps.workspace!.workspaceEdit = { ...caps.workspace!.workspaceEdit, documentChanges: true, snippetEditSupport: true };
    });
    const fix = actions.find((a) => a.isPreferred)!;
    const edits = documentEdits(fix, uri);
    const snippets = edits.filter((e) => e.snippet);
    assert.equal(snippets.length, 1, 'exactly one snippet edit');
    assert.equal(snippets[0].snippet!.kind, 'snippet');
    assert.match(snippets[0].snippet!.value, /max_attempts=\$\{1:4\}, base_delay=\$\{2:0\.5\}, max_delay=\$\{3:30\}/);
    const plain = applyEdits(text, edits.map((e) => ({ range: e.range, newText: e.newText ?? snippetToPlain(e.snippet!.value) })));
    assert.match(plain, /max_attempts=4, base_delay=0\.5, max_delay=30/);
  });

  it('client without documentChanges: plain `changes` for the one document', async () => {
    const { actions, uri } = await codeActionsWith((caps) => {
      caps.workspace!.workspaceEdit = {};
    });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
    assert.equal(fix.edit?.documentChanges, undefined);
  });
});

/** Starts a server with adjusted client capabilities, opens the Python fixture, returns its code actions. */
async function codeActionsWith(adjust: (caps: ReturnType<typeof initializeParams>['capabilities']) => void): Promise<{ actions: CodeAction[]; uri: string; text: string }> {
  const child = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(PY).toString();
  const text = fs.readFileSync(PY, 'utf8');
  const published = new Promise<Diagnostic[]>((resolve) => {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri && p.diagnostics.some((d) => d.code === RULE)) resolve(p.diagnostics);
    });
  });
  connection.listen();
  try {
    const params = initializeParams({});
    adjust(params.capabilities);
    await connection.sendRequest(InitializeRequest.type, params);
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text } });
    const diagnostics = await Promise.race([published, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no diagnostics')), 15_000))]);
    const target = diagnostics.filter((d) => d.code === RULE);
    const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target[0].range, context: { diagnostics: target } })) as CodeAction[];
    return { actions, uri, text };
  } finally {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }
}
