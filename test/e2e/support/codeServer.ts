/**
 * Start a real VS Code (code-server 4.100.3) on 127.0.0.1 with a scratch HOME, install a VSIX into a fresh
 * extensions dir, and drive it from Debian's headless Chromium via playwright-core.
 *
 * Everything written at run time lives under <repo>/.cache/e2e-run/<run-id>/ (gitignored).
 * See /work/shared/reference/vscode-in-browser.md for the recipe this follows.
 */
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { delay, descendants, killTree, listProcesses } from './proc';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function codeServerBinary(): string {
  return process.env.ECI_CODE_SERVER ?? path.join(REPO_ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
}

export function chromiumBinary(): string | undefined {
  const candidates = [process.env.ECI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (c): c is string => !!c,
  );
  return candidates.find((c) => isExecutable(c));
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile() || fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Why the tier cannot run on this machine, or undefined when code-server and chromium are both present. */
export function missingPrerequisite(): string | undefined {
  if (!isExecutable(codeServerBinary())) {
    return `code-server not found at ${codeServerBinary()} (run: bash scripts/setup-e2e.sh)`;
  }
  if (!chromiumBinary()) {
    return 'chromium not found at /usr/bin/chromium (run: bash scripts/setup-e2e.sh)';
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.on('error', () => resolve(0));
  });
}

export const USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.reduceMotion': 'on',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.hover.sticky': true,
  'editor.acceptSuggestionOnEnter': 'on',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
};

export interface CodeServerOptions {
  /** VSIX to install into the fresh extensions dir before start. */
  vsix?: string;
  /** Extra user settings merged over USER_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Scratch root; default <repo>/.cache/e2e-run/<timestamp-pid>. */
  runDir?: string;
  log?: (line: string) => void;
  healthTimeoutMs?: number;
}

export interface Scratch {
  runDir: string;
  home: string;
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  chromeProfile: string;
  logFile: string;
}

export function makeScratch(runDir: string): Scratch {
  const s: Scratch = {
    runDir,
    home: path.join(runDir, 'home'),
    tmp: path.join(runDir, 'tmp'),
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    configFile: path.join(runDir, 'config.yaml'),
    chromeProfile: path.join(runDir, 'chrome-profile'),
    logFile: path.join(runDir, 'code-server.log'),
  };
  for (const d of [s.home, s.tmp, s.userDataDir, s.extensionsDir, s.chromeProfile]) fs.mkdirSync(d, { recursive: true });
  for (const d of ['.config', '.local/share', '.cache']) fs.mkdirSync(path.join(s.home, d), { recursive: true });
  return s;
}

export function scratchEnv(s: Scratch): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Drop anything that would make code-server talk to an outer VS Code or its IPC.
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|npm_)/.test(k)) continue;
    if (k === 'PASSWORD' || k === 'HASHED_PASSWORD') continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: s.home,
    XDG_CONFIG_HOME: path.join(s.home, '.config'),
    XDG_DATA_HOME: path.join(s.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(s.home, '.cache'),
    TMPDIR: s.tmp,
    TMP: s.tmp,
    TEMP: s.tmp,
  };
}

/** Run a child to completion with a bounded time; returns exit code and combined output. */
export function runBounded(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number },
): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) void killTree(child.pid, 2000);
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, output: output + String(err), timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

export class CodeServer {
  private browserContext: BrowserContext | undefined;
  private stopped = false;

  private constructor(
    readonly scratch: Scratch,
    readonly port: number,
    readonly child: ChildProcess,
    private readonly log: (line: string) => void,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  folderUrl(folder: string): string {
    return `${this.baseUrl}/?folder=${encodeURIComponent(path.resolve(folder))}`;
  }

  /** Install the VSIX (if any), start code-server with a free port, wait for /healthz. */
  static async start(opts: CodeServerOptions = {}): Promise<CodeServer> {
    const log = opts.log ?? (() => undefined);
    const runDir = opts.runDir ?? path.join(REPO_ROOT, '.cache', 'e2e-run', `${Date.now()}-${process.pid}`);
    const s = makeScratch(runDir);
    const env = scratchEnv(s);
    fs.writeFileSync(s.configFile, 'auth: none\ncert: false\n');
    fs.mkdirSync(path.join(s.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(s.userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...USER_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
    );
    const bin = codeServerBinary();
    const common = ['--config', s.configFile, '--user-data-dir', s.userDataDir, '--extensions-dir', s.extensionsDir];

    if (opts.vsix) {
      const t0 = Date.now();
      const r = await runBounded(bin, [...common, '--install-extension', path.resolve(opts.vsix), '--force'], {
        env,
        timeoutMs: 120_000,
      });
      if (r.code !== 0 || r.timedOut) {
        throw new Error(`installing ${opts.vsix} failed (code ${r.code}${r.timedOut ? ', timed out' : ''}):\n${r.output}`);
      }
      log(`installed ${path.basename(opts.vsix)} in ${Date.now() - t0} ms`);
    }

    const port = await freePort();
    const logFd = fs.openSync(s.logFile, 'a');
    const child = spawn(
      bin,
      [
        ...common,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
      ],
      { env, stdio: ['ignore', logFd, logFd], detached: true },
    );
    fs.closeSync(logFd);
    const cs = new CodeServer(s, port, child, log);
    let exited: string | undefined;
    child.on('exit', (code, sig) => (exited = `code-server exited early (code ${code}, signal ${sig})`));

    const deadline = Date.now() + (opts.healthTimeoutMs ?? 60_000);
    const t0 = Date.now();
    for (;;) {
      if (exited) throw new Error(`${exited}; log:\n${tail(s.logFile)}`);
      if ((await httpStatus(`${cs.baseUrl}/healthz`, 2000)) === 200) break;
      if (Date.now() > deadline) {
        await cs.stop();
        throw new Error(`code-server did not answer /healthz within ${opts.healthTimeoutMs ?? 60_000} ms; log:\n${tail(s.logFile)}`);
      }
      await delay(150);
    }
    log(`code-server up on ${cs.baseUrl} (pid ${child.pid}) after ${Date.now() - t0} ms`);
    return cs;
  }

  /** Launch headless Chromium (one persistent context, reused across pages). */
  async browser(): Promise<BrowserContext> {
    if (this.browserContext) return this.browserContext;
    const exe = chromiumBinary();
    if (!exe) throw new Error('chromium not found');
    this.browserContext = await chromium.launchPersistentContext(this.scratch.chromeProfile, {
      executablePath: exe,
      headless: true,
      viewport: { width: 1400, height: 900 },
      env: { ...scratchEnv(this.scratch), ...this.browserTmp() } as { [key: string]: string },
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    return this.browserContext;
  }

  /** A new page with the given folder open. Closes any other page first. */
  async openFolder(folder: string): Promise<Page> {
    const ctx = await this.browser();
    const page = await ctx.newPage();
    for (const p of ctx.pages()) if (p !== page) await p.close().catch(() => undefined);
    await page.goto(this.folderUrl(folder), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return page;
  }

  /** PIDs of the headless Chromium processes we launched (found by their profile dir). */
  private chromiumPids(): number[] {
    const procs = listProcesses();
    const mine = new Set(descendants(process.pid, procs));
    return procs.filter((p) => mine.has(p.pid) && p.cmdline.includes(this.scratch.chromeProfile)).map((p) => p.pid);
  }

  /** Close the browser and kill code-server's whole process tree (extension host, language server, ...). */
  /**
   * Chromium puts its singleton socket under TMPDIR, and a Unix socket path may not exceed ~107 bytes: inside a
   * deep checkout (CI clones into temporary folders) the scratch tmp is too long, so the browser gets a short
   * private folder under the system temp directory, removed again by stop().
   */
  private browserTmp(): NodeJS.ProcessEnv {
    this.shortTmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'eci-e2e-'));
    return { TMPDIR: this.shortTmp, TMP: this.shortTmp, TEMP: this.shortTmp };
  }

  private shortTmp: string | undefined;

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const chromePids = this.chromiumPids();
    if (this.browserContext) {
      await Promise.race([this.browserContext.close().catch(() => undefined), delay(10_000)]);
    }
    const pid = this.child.pid;
    const pids = pid ? await killTree(pid, 5000, chromePids) : [];
    if (this.shortTmp) fs.rmSync(this.shortTmp, { recursive: true, force: true });
    this.log(`stopped code-server tree (${pids.length} processes)`);
  }
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
