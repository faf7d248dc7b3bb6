/**
 * A small, reusable LSP client for protocol-tier tests: spawns the bundled language server
 * (`node out/server/main.js --stdio` or `--node-ipc`), speaks JSON-RPC to it through
 * vscode-languageserver-protocol, keeps the latest publishDiagnostics per URI, mirrors open
 * documents so incremental edits can be computed here, and shuts the server down cleanly.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CodeActionRequest,
  Command,
  ConfigurationParams,
  ConfigurationRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  Hover,
  HoverRequest,
  InitializedNotification,
  InitializeParams,
  InitializeRequest,
  InitializeResult,
  LogMessageNotification,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  RegistrationRequest,
  ShutdownRequest,
  ShowMessageNotification,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
/**
 * ECI_OUT_DIR points the tiers at another build's out/ folder (its server/main.js and cli/eci.js);
 * it is then used as is, without the staleness check and rebuild.
 */
const OUT_OVERRIDE = process.env.ECI_OUT_DIR ? path.resolve(process.env.ECI_OUT_DIR) : undefined;
export const SERVER_MAIN = path.join(OUT_OVERRIDE ?? path.join(ROOT, 'out'), 'server', 'main.js');
export const CLI_BIN = OUT_OVERRIDE ? path.join(OUT_OVERRIDE, 'cli', 'eci.js') : path.join(ROOT, 'bin', 'eci.js');
export const FIXTURES = path.join(__dirname, 'fixtures');

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

let buildChecked = false;

/**
 * Builds out/ with `node scripts/build.mjs` when the server or CLI bundle is missing or older than
 * any source under server/src (or server/data). Done once per test process.
 */
export function ensureBuilt(): void {
  if (buildChecked || OUT_OVERRIDE) return;
  const outputs = [SERVER_MAIN, path.join(ROOT, 'out', 'cli', 'eci.js')];
  const oldestOutput = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const newestSource = Math.max(newestMtime(path.join(ROOT, 'server', 'src')), newestMtime(path.join(ROOT, 'server', 'data')));
  if (oldestOutput === 0 || newestSource > oldestOutput) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 });
  }
  buildChecked = true;
}

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixtureUri(name: string): string {
  return pathToFileURL(fixturePath(name)).toString();
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** Position of the `nth` (0-based) occurrence of `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, nth = 0, offset = 0): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' occurrence ${nth} not found`);
  }
  index += offset;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}

/** Plain text of a hover's contents, whatever shape the server chose. */
export function hoverText(hover: Hover | null | undefined): string {
  if (!hover) return '';
  const c = hover.contents;
  const one = (x: unknown): string => (typeof x === 'string' ? x : (x as { value: string }).value);
  return Array.isArray(c) ? c.map(one).join('\n') : one(c);
}

export interface ClientOptions {
  transport?: 'stdio' | 'node-ipc';
  /** Announce workspace.configuration (the server then pulls settings with workspace/configuration). */
  configurationPull?: boolean;
  /** Answer to workspace/configuration for section `errorCodeInsight` (and initializationOptions.settings). */
  settings?: Record<string, unknown>;
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv;
}

interface OpenDocument {
  languageId: string;
  version: number;
  text: string;
}

/** Applies one LSP range edit to a string (UTF-16 columns, `\n` or `\r\n` lines). */
export function applyEdit(text: string, range: Range, newText: string): string {
  const offset = (p: Position): number => {
    let line = 0;
    let i = 0;
    while (line < p.line) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return text.length;
      i = nl + 1;
      line++;
    }
    const lineEnd = text.indexOf('\n', i);
    return Math.min(i + p.character, lineEnd < 0 ? text.length : lineEnd);
  };
  return text.slice(0, offset(range.start)) + newText + text.slice(offset(range.end));
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** Every byte the server wrote to stdout (stdio transport only). */
  readonly stdoutChunks: Buffer[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** Every message received from the server, in order (for frame counting). */
  messagesReceived = 0;
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: unknown[] = [];
  initializeResult?: InitializeResult;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly diagnosticWaiters = new Set<() => void>();
  private readonly documents = new Map<string, OpenDocument>();
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(readonly options: ClientOptions) {
    const transport = options.transport ?? 'stdio';
    this.child = spawn(process.execPath, [SERVER_MAIN, `--${transport}`], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: transport === 'stdio' ? ['pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    this.child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString('utf8')));
    if (transport === 'stdio') {
      this.child.stdout!.on('data', (d: Buffer) => this.stdoutChunks.push(d));
      this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    } else {
      this.child.stdout!.on('data', (d: Buffer) => this.stdoutChunks.push(d));
      this.connection = createProtocolConnection(new IPCMessageReader(this.child), new IPCMessageWriter(this.child));
    }
    this.connection.onUnhandledNotification(() => this.messagesReceived++);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.messagesReceived++;
      this.diagnostics.set(params.uri, params);
      for (const wake of [...this.diagnosticWaiters]) wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.messagesReceived++;
      this.logs.push(p.message);
    });
    this.connection.onNotification(ShowMessageNotification.type, (p) => {
      this.messagesReceived++;
      this.logs.push(p.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.messagesReceived++;
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'errorCodeInsight' || item.section === undefined ? (this.options.settings ?? {}) : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.messagesReceived++;
      this.registrations.push(...params.registrations);
    });
    this.connection.onRequest(UnregistrationRequest.type, () => {
      this.messagesReceived++;
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => {
      this.messagesReceived++;
    });
    this.connection.listen();
  }

  /** Spawns the server and completes initialize/initialized. */
  static async start(options: ClientOptions = {}): Promise<LspClient> {
    ensureBuilt();
    const client = new LspClient(options);
    try {
      client.initializeResult = await withTimeout(
        client.connection.sendRequest(InitializeRequest.type, initializeParams(options)),
        15_000,
        () => `initialize got no answer; stderr: ${client.stderr.join('')}`,
      );
      await client.connection.sendNotification(InitializedNotification.type, {});
    } catch (error) {
      client.kill();
      throw error;
    }
    return client;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.documents.set(uri, { languageId, version, text });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Opens a fixture from test/protocol/fixtures; returns its URI and text. */
  async openFixture(name: string, languageId: string): Promise<{ uri: string; text: string }> {
    const uri = fixtureUri(name);
    const text = readFixture(name);
    await this.open(uri, languageId, text);
    return { uri, text };
  }

  /** Sends one incremental didChange (a range and its replacement) and mirrors it locally. */
  async change(uri: string, range: Range, text: string): Promise<number> {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`change: ${uri} is not open`);
    doc.version++;
    doc.text = applyEdit(doc.text, range, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range, text }],
    });
    return doc.version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.text;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 10_000, () => 'hover timed out');
  }

  codeAction(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(Command | CodeAction)[] | null> {
    const params: CodeActionParams = { textDocument: { uri }, range, context: { diagnostics, only, triggerKind: 1 } };
    return withTimeout(this.connection.sendRequest(CodeActionRequest.type, params), 10_000, () => 'codeAction timed out');
  }

  /** Latest diagnostics published for `uri`, if any. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri);
  }

  /**
   * Resolves with the latest diagnostics for `uri` once `predicate` holds for them (checked at once
   * and on every publish); rejects after `timeoutMs` with what was last seen.
   */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const p = this.diagnostics.get(uri);
        if (p && predicate(p.diagnostics, p)) {
          done();
          resolve(p.diagnostics);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        const last = this.diagnostics.get(uri);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last published: ${last ? JSON.stringify(last.diagnostics) : 'none'}\nserver log: ${this.logs.join('\n').slice(-2000)}\nstderr: ${this.stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.diagnosticWaiters.delete(wake);
      };
      const wake = (): void => void check();
      if (!check()) this.diagnosticWaiters.add(wake);
    });
  }

  /** Raw stdout so far. */
  rawStdout(): Buffer {
    return Buffer.concat(this.stdoutChunks);
  }

  hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** Resolves with the exit code once the process has ended, or undefined after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const result = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return result;
  }

  /**
   * shutdown request, exit notification, then waits for the process to end (killing it after
   * `timeoutMs`). Returns the exit code and whether it had to be killed.
   */
  async shutdown(timeoutMs = 5_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }> {
    if (this.exitInfo) return { ...this.exitInfo, killed: false };
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), timeoutMs, () => 'shutdown timed out');
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // fall through to waiting / killing
    }
    const result = await this.waitForExit(timeoutMs);
    this.connection.dispose();
    if (result) return { ...result, killed: false };
    this.kill();
    const after = await this.waitForExit(2_000);
    return { code: after?.code ?? null, signal: after?.signal ?? 'SIGKILL', killed: true };
  }

  /** Ends the process at once (for cleanup after a failed test). */
  kill(): void {
    if (this.exitInfo) return;
    try {
      this.connection.dispose();
    } catch {
      // already disposed
    }
    this.child.kill('SIGKILL');
  }
}

/** Realistic client capabilities, close to what VS Code announces for the features we use. */
export function initializeParams(options: ClientOptions): InitializeParams {
  return {
    processId: process.pid,
    clientInfo: { name: 'eci-protocol-tests', version: '1.0.0' },
    locale: 'en',
    rootUri: pathToFileURL(FIXTURES).toString(),
    workspaceFolders: [{ uri: pathToFileURL(FIXTURES).toString(), name: 'fixtures' }],
    initializationOptions: options.settings ? { settings: options.settings } : undefined,
    capabilities: {
      workspace: {
        configuration: options.configurationPull ?? false,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
        hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          dynamicRegistration: true,
          isPreferredSupport: true,
          disabledSupport: true,
          dataSupport: true,
          resolveSupport: { properties: ['edit'] },
          honorsChangeAnnotations: false,
          codeActionLiteralSupport: {
            codeActionKind: {
              valueSet: ['', CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorExtract, CodeActionKind.RefactorInline, CodeActionKind.RefactorRewrite, CodeActionKind.Source, CodeActionKind.SourceOrganizeImports],
            },
          },
        },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        inlayHint: { dynamicRegistration: true },
      },
      window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
      general: { positionEncodings: ['utf-16'], markdown: { parser: 'marked', version: '1.1.0' } },
    },
  };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message())), ms);
    }),
  ]);
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function pollUntil<T>(probe: () => Promise<T> | T, timeoutMs: number, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!last && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}

export interface RawFrame {
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Strictly parses a byte stream as LSP base-protocol frames: each one `Header: value\r\n`… `\r\n`,
 * a Content-Length, then exactly that many bytes of JSON. Throws on any stray byte.
 */
export function parseFrames(bytes: Buffer): RawFrame[] {
  const frames: RawFrame[] = [];
  let i = 0;
  while (i < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', i, 'ascii');
    if (headerEnd < 0) throw new Error(`incomplete header at byte ${i}: ${JSON.stringify(bytes.subarray(i, i + 80).toString('utf8'))}`);
    const headers: Record<string, string> = {};
    for (const line of bytes.subarray(i, headerEnd).toString('ascii').split('\r\n')) {
      const m = /^([A-Za-z-]+): (.+)$/.exec(line);
      if (!m) throw new Error(`not an LSP header at byte ${i}: ${JSON.stringify(line.slice(0, 120))}`);
      headers[m[1].toLowerCase()] = m[2];
    }
    const length = Number(headers['content-length']);
    if (!Number.isInteger(length) || length < 0) throw new Error(`frame at byte ${i} has no valid Content-Length`);
    const start = headerEnd + 4;
    if (start + length > bytes.length) throw new Error(`frame at byte ${i} is truncated (${bytes.length - start} of ${length} bytes)`);
    const body = JSON.parse(bytes.subarray(start, start + length).toString('utf8'));
    if ((body as { jsonrpc?: string }).jsonrpc !== '2.0') throw new Error(`frame at byte ${i} is not JSON-RPC 2.0`);
    frames.push({ headers, body });
    i = start + length;
  }
  return frames;
}

/** Writes one LSP frame. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}
