/**
 * Protocol tier for workspace catalogs and OpenAPI documents: the bundled server (`node out/server/main.js
 * --stdio`) is started on a temporary workspace folder; catalog problems must be published into the
 * catalog file, and a catalog edited on disk plus workspace/didChangeWatchedFiles must change the next hover.
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Diagnostic,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { SERVER_MAIN, ensureBuilt, hoverText } from './lspClient';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const TEAM = fs.readFileSync(path.join(FIXTURES, 'catalogs', 'team.errorcodes.json'), 'utf8');
const BAD = `{
  "catalog": { "id": "bad", "name": "Bad" },
  "codes": [
    { "code": "BAD_ONE", "kind": "error-code", "name": "One", "summary": "s", "retry": { "verdict": "maybe" }, "sources": [{ "title": "t" }] },
    { "code": "BAD_TWO", "kind": "error-code", "name": "Two", "summary": 2, "retry": { "verdict": "no" }, "sources": [{ "title": "t" }] },
    { "code": "GOOD_THREE", "kind": "error-code", "name": "Three", "summary": "Still loads.", "retry": { "verdict": "no" }, "sources": [{ "title": "t" }] }
  ]
}
`;
const APP = 'import requests\n\ndef get_user(uid):\n    r = requests.get(f"{BASE}/users/{uid}")\n    if r.status_code == 429:\n        return None\n';
const HOVER_AT = { line: 4, character: 26 };

/** A bare LSP client on the server's stdio, with bounded waits. */
class Session {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly messages: string[] = [];
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
    this.connection.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p.message);
      this.wake();
    });
    this.connection.listen();
  }

  async start(folder: string, initializationOptions: unknown): Promise<void> {
    const uri = pathToFileURL(folder).toString();
    await withTimeout(
      this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }], capabilities: {}, initializationOptions }),
      15_000,
      'initialize',
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves once `predicate` holds (checked now and on every notification), or fails after `ms`. */
  until(what: string, predicate: () => boolean, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics])}; messages: ${this.messages.join(' | ')}`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  async hover(uri: string): Promise<string> {
    return hoverText(await withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: HOVER_AT }), 10_000, 'hover'));
  }

  /** Polls the hover until it matches (reloads are debounced), bounded. */
  async hoverUntil(uri: string, pattern: RegExp, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.hover(uri);
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`hover never matched ${pattern}; last: ${last.slice(0, 300)}`);
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5_000, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // killed below
    }
    const exited = new Promise((r) => this.child.once('exit', r));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms)))]).finally(() => clearTimeout(timer));
}

describe('protocol: workspace catalogs and OpenAPI', function () {
  this.timeout(60_000);
  let dir: string;
  let outside: string;
  let session: Session | undefined;
  const uri = (name: string): string => pathToFileURL(path.join(dir, name)).toString();
  const write = (name: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };

  before(() => ensureBuilt());
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'eci-ws-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'eci-outside-')));
    session = new Session();
  });
  afterEach(async () => {
    await session?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('publishes problems into a malformed catalog, keeps the rest working, and reloads on didChangeWatchedFiles', async () => {
    const s = session!;
    write('catalogs/team.errorcodes.json', TEAM);
    write('bad.errorcodes.json', BAD);
    write('node_modules/dep/ignored.errorcodes.json', '{ broken');
    write('api/users.openapi.yaml', fs.readFileSync(path.join(FIXTURES, 'openapi', 'users.openapi.yaml'), 'utf8'));
    write('app.py', APP);
    await s.start(dir, { settings: {}, trusted: true });

    await s.until('diagnostics in bad.errorcodes.json', () => (s.diagnostics.get(uri('bad.errorcodes.json'))?.length ?? 0) >= 2);
    const bad = s.diagnostics.get(uri('bad.errorcodes.json'))!;
    assert.deepEqual(bad.map((d) => [d.range.start.line, d.source, d.severity]), [
      [3, 'error-code-insight', 1],
      [4, 'error-code-insight', 1],
    ]);
    assert.match(String(bad[0].message), /Unknown retry verdict "maybe"/);
    assert.equal(bad[0].range.start.character, BAD.split('\n')[3].indexOf('"maybe"'));
    await s.until('a warning message', () => s.messages.length > 0);
    assert.deepEqual(s.messages, ['Error Code Insight: 2 problems in bad.errorcodes.json; the rest of the catalogs still work.']);
    assert.equal(s.diagnostics.has(uri('node_modules/dep/ignored.errorcodes.json')), false);
    await s.until('OpenAPI diagnostics', () => s.diagnostics.has(uri('api/users.openapi.yaml')));
    const spec = s.diagnostics.get(uri('api/users.openapi.yaml'))!.filter((d) => d.code === 'openapi-missing-retry-after');
    assert.deepEqual(spec.map((d) => [d.range.start.line, d.severity]), [[18, 3], [35, 3]]);

    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('app.py'), languageId: 'python', version: 1, text: APP } });
    const first = await s.hoverUntil(uri('app.py'), /Team Quota Exhausted/);
    assert.match(first, /workspace catalog catalogs\/team\.errorcodes\.json/);
    assert.match(first, /`GET \/users\/\{id\}` \(getUser\) in users\.openapi\.yaml: \*\*429\*\*/);

    // Edit both catalogs on disk, then tell the server.
    write('catalogs/team.errorcodes.json', TEAM.replace('Team Quota Exhausted', 'Team Quota Spent'));
    write('bad.errorcodes.json', BAD.replace('"maybe"', '"yes"').replace('"summary": 2', '"summary": "two"'));
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uri('catalogs/team.errorcodes.json'), type: FileChangeType.Changed },
        { uri: uri('bad.errorcodes.json'), type: FileChangeType.Changed },
      ],
    });
    await s.until('bad.errorcodes.json cleared', () => s.diagnostics.get(uri('bad.errorcodes.json'))?.length === 0);
    assert.match(await s.hoverUntil(uri('app.py'), /Team Quota Spent/), /HTTP 429 Team Quota Spent/);
    assert.equal(s.messages.length, 1, 'no new warning for a fixed catalog');

    fs.rmSync(path.join(dir, 'catalogs/team.errorcodes.json'));
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('catalogs/team.errorcodes.json'), type: FileChangeType.Deleted }] });
    assert.match(await s.hoverUntil(uri('app.py'), /HTTP 429 Too Many Requests/), /built-in catalog/);
  });

  it('untrusted: setting paths outside the folders are ignored; hostile catalogs stay inert', async () => {
    const s = session!;
    const marker = path.join(outside, 'pwned');
    fs.writeFileSync(path.join(outside, 'outside.json'), TEAM.replace('Team Quota Exhausted', 'Outside Quota'));
    write('extra/inside.json', TEAM.replace('Team Quota Exhausted', 'Inside Quota'));
    write('hostile.errorcodes.json', fs.readFileSync(path.join(FIXTURES, 'catalogs', 'hostile.errorcodes.json'), 'utf8').replace('/tmp/eci-pwned', marker));
    write('app.py', APP);
    const settings = { catalogs: ['extra/inside.json', path.join(outside, 'outside.json')] };
    await s.start(dir, { settings, trusted: false });
    await s.until('hostile catalog diagnostics', () => s.diagnostics.has(uri('hostile.errorcodes.json')));
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('app.py'), languageId: 'python', version: 1, text: APP } });
    const hover = await s.hoverUntil(uri('app.py'), /Inside Quota/);
    assert.doesNotMatch(hover, /Outside Quota/);
    assert.equal(fs.existsSync(marker), false);
    assert.equal(s.diagnostics.has(pathToFileURL(path.join(outside, 'outside.json')).toString()), false);
  });

  it('trusted: setting paths outside the folders load (and override earlier catalogs)', async () => {
    const s = session!;
    fs.writeFileSync(path.join(outside, 'outside.json'), TEAM.replace('Team Quota Exhausted', 'Outside Quota'));
    write('extra/inside.json', TEAM.replace('Team Quota Exhausted', 'Inside Quota'));
    write('app.py', APP);
    await s.start(dir, { settings: { catalogs: ['extra/inside.json', path.join(outside, 'outside.json')] }, trusted: true });
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('app.py'), languageId: 'python', version: 1, text: APP } });
    const hover = await s.hoverUntil(uri('app.py'), /HTTP 429 Outside Quota/);
    assert.match(hover, /\*\*Also in Team API:\*\* Inside Quota/);
  });
});
