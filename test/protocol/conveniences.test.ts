/**
 * Protocol tier for the editor conveniences: completion, inlay hints, the workspace scan (work-done
 * progress, diagnostics for files that are not open, exclusions, cancellation) and the custom
 * `errorCodeInsight/workspaceCodes` request. Runs `node out/server/main.js --stdio` on temporary folders.
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  InlayHintRequest,
  type InlayHint,
  type ProgressToken,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  CodesChangedNotification,
  type CodesChangedParams,
  ScanWorkspaceRequest,
  WorkspaceCodesRequest,
} from '../../server/src/protocol/customMessages';
import { SERVER_MAIN, ensureBuilt } from './lspClient';

type ProgressValue = { kind: 'begin' | 'report' | 'end'; percentage?: number; cancellable?: boolean; message?: string; title?: string };

const APP = 'import requests\n\ndef get_user(uid):\n    r = requests.get(f"{BASE}/users/{uid}", timeout=10)\n    if r.status_code == 429:\n        return None\n    return r.json()\n';
const RETRY = 'from urllib3.util import Retry\n\nRETRY = Retry(total=5, backoff_factor=0.5, status_forcelist=[429, 503])\n';
const OPEN = 'def check(r):\n    if r.status_code == 503:\n        pass\n    if r.status_code == \n';

class Session {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly progress: Array<{ token: ProgressToken; value: ProgressValue }> = [];
  readonly created: ProgressToken[] = [];
  readonly codesChanged: CodesChangedParams[] = [];
  inlayRefreshes = 0;
  private readonly waiters = new Set<() => void>();
  private readonly child: ChildProcess;
  readonly connection: ProtocolConnection;

  constructor() {
    this.child = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.resume();
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.created.push(p.token);
      this.wake();
    });
    this.connection.onRequest(InlayHintRefreshRequest.type, () => {
      this.inlayRefreshes++;
      this.wake();
    });
    this.connection.onNotification('$/progress', (p: { token: ProgressToken; value: ProgressValue }) => {
      this.progress.push(p);
      this.wake();
    });
    this.connection.onNotification(CodesChangedNotification.type, (p) => {
      this.codesChanged.push(p);
      this.wake();
    });
    this.connection.listen();
  }

  async start(folder: string): Promise<void> {
    const uri = pathToFileURL(folder).toString();
    await withTimeout(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: 'ws' }],
        capabilities: { window: { workDoneProgress: true }, workspace: { inlayHint: { refreshSupport: true } } },
      }),
      15_000,
      'initialize',
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  until(what: string, predicate: () => boolean, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 3_000, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // killed below either way
    }
    this.connection.dispose();
    this.child.kill();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return pathToFileURL(file).toString();
}

describe('protocol: completion, inlay hints, workspace scan and codes', function () {
  this.timeout(60_000);
  let root: string;
  let session: Session;
  const uris: Record<string, string> = {};

  before(async () => {
    ensureBuilt();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-conveniences-'));
    uris.app = write(root, 'src/app.py', APP);
    uris.retry = write(root, 'src/retry_config.py', RETRY);
    uris.open = write(root, 'src/open_doc.py', OPEN);
    uris.plain = write(root, 'src/plain.py', 'def add(a, b):\n    return a + b\n');
    uris.gitignored = write(root, 'build/app.py', APP);
    uris.gitignoredGlob = write(root, 'src/client.gen.py', APP);
    uris.nestedIgnored = write(root, 'pkg/cache/app.py', APP);
    uris.excluded = write(root, 'generated/app.py', APP);
    uris.settingExcluded = write(root, 'legacy/app.py', APP);
    write(root, '.gitignore', '# build output\nbuild/\n*.gen.py\n');
    write(root, 'pkg/.gitignore', 'cache/\n');
    session = new Session();
    await session.start(root);
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { errorCodeInsight: { exclude: ['legacy/**'] } } });
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uris.open, languageId: 'python', version: 1, text: OPEN },
    });
  });

  after(async () => {
    await session?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('completes status codes after `status_code ==` and nothing elsewhere', async () => {
    const at = { textDocument: { uri: uris.open }, position: { line: 3, character: '    if r.status_code == '.length } };
    const result = (await withTimeout(session.connection.sendRequest(CompletionRequest.type, at), 10_000, 'completion')) as CompletionList | CompletionItem[] | null;
    const items = Array.isArray(result) ? result : result?.items ?? [];
    const item429 = items.find((i) => i.label === '429');
    assert.ok(item429, 'no 429 item');
    assert.equal(item429.detail, 'Too Many Requests');
    assert.equal(typeof item429.documentation === 'object' && item429.documentation.kind, 'markdown');
    const first = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
    assert.equal(first.label, '200');
    const none = await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uris.open }, position: { line: 0, character: 4 } });
    assert.ok(none === null || (Array.isArray(none) ? none.length === 0 : none.items.length === 0), 'completion outside a status context');
  });

  it('returns inlay hints with the reason phrase after bare codes', async () => {
    const hints = (await session.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: uris.open },
      range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } },
    })) as InlayHint[] | null;
    assert.deepEqual(
      (hints ?? []).map((h) => [h.position.line, h.position.character, h.label, h.paddingLeft]),
      [[1, '    if r.status_code == 503'.length, 'Service Unavailable', true]],
    );
  });

  it('scans the workspace with work-done progress and publishes diagnostics for unopened files', async () => {
    const result = await withTimeout(session.connection.sendRequest(ScanWorkspaceRequest.type, { filesExclude: ['**/generated'] }), 30_000, 'scan');
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 4, `files: ${result.files}`); // app, retry_config, open_doc, plain
    assert.ok(result.analysed >= 2);
    assert.equal(session.created.length, 1, 'window/workDoneProgress/create not sent');
    const token = session.created[0];
    const kinds = session.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(kinds[0]?.kind, 'begin');
    assert.equal(kinds[0]?.cancellable, true);
    assert.ok(kinds.some((v) => v.kind === 'report' && typeof v.percentage === 'number'), 'no report with a percentage');
    assert.equal(kinds[kinds.length - 1]?.kind, 'end');
    await session.until('diagnostics for src/app.py', () => (session.diagnostics.get(uris.app) ?? []).length > 0);
    assert.deepEqual(session.diagnostics.get(uris.app)!.map((d) => d.code), ['retryable-treated-as-final']);
    for (const key of ['gitignored', 'gitignoredGlob', 'nestedIgnored', 'excluded', 'settingExcluded']) {
      assert.equal(session.diagnostics.get(uris[key]), undefined, `${key} should not be scanned`);
    }
    await session.until('codesChanged after the scan', () => session.codesChanged.some((c) => c.reason === 'scan'));
  });

  it('answers workspaceCodes with codes grouped by code and their places', async () => {
    const codes = await session.connection.sendRequest(WorkspaceCodesRequest.type, {});
    assert.equal(codes.scanned, true);
    const g429 = codes.groups.find((g) => g.code === '429');
    assert.ok(g429, 'no 429 group');
    assert.equal(g429.name, 'Too Many Requests');
    assert.equal(g429.places.length, 2);
    assert.equal(g429.unhandled, 1);
    assert.equal(g429.retryConfigured, 1);
    const unhandled = g429.places.find((p) => p.state === 'unhandled')!;
    assert.equal(unhandled.uri, uris.app);
    assert.equal(unhandled.range.start.line, 4);
    assert.equal(unhandled.lineText, 'if r.status_code == 429:');
    assert.equal(g429.places.find((p) => p.state === 'retry-configured')?.uri, uris.retry);
    assert.ok(codes.groups.find((g) => g.code === '503'), 'open document codes missing');
    const only = await session.connection.sendRequest(WorkspaceCodesRequest.type, { onlyUnhandledRetryable: true });
    assert.deepEqual(only.groups.map((g) => g.code), ['429']);
  });

  it('asks the client to refresh inlay hints when settings change, and the setting turns them off', async () => {
    const before = session.inlayRefreshes;
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { errorCodeInsight: { inlayHints: false } } });
    await session.until('workspace/inlayHint/refresh', () => session.inlayRefreshes > before);
    const hints = await session.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: uris.open },
      range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } },
    });
    assert.deepEqual(hints ?? [], []);
  });
});

describe('protocol: workspace scan cancellation', function () {
  this.timeout(60_000);
  let root: string;
  let session: Session;

  before(async () => {
    ensureBuilt();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-scan-cancel-'));
    for (let i = 0; i < 400; i++) write(root, `pkg${i % 10}/mod${i}.py`, APP);
    session = new Session();
    await session.start(root);
  });

  after(async () => {
    await session?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers requests on open documents while scanning, and stops when the progress is cancelled', async () => {
    const open = pathToFileURL(path.join(root, 'open.py')).toString();
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: open, languageId: 'python', version: 1, text: APP } });
    let finished = false;
    const pending = session.connection.sendRequest(ScanWorkspaceRequest.type, {}).finally(() => (finished = true));
    await session.until('progress begin', () => session.progress.some((p) => p.value.kind === 'begin'));
    const hints = await withTimeout(
      session.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: open }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } }),
      5_000,
      'inlay hints during the scan',
    );
    assert.equal(hints?.[0]?.label, 'Too Many Requests');
    assert.equal(finished, false, 'the scan had already finished: responsiveness not tested');
    await session.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: session.created[0] });
    const result = await withTimeout(pending, 20_000, 'cancelled scan');
    assert.equal(result.cancelled, true);
    assert.equal(result.files, 400);
    assert.ok(result.analysed < 399, `analysed all ${result.analysed} files despite cancellation`);
    assert.equal(session.progress[session.progress.length - 1].value.kind, 'end');
  });
});
