/**
 * Neovim tier: a second, independent LSP client. Runs `nvim --headless` with test/neovim/run.lua,
 * which drives Neovim's built-in client against out/server/main.js and writes what it saw as JSON.
 *
 * Needs `nvim` (scripts/setup-neovim.sh installs Debian's 0.7.x). Without it the tier prints
 * `NEOVIM TIER NOT RUN: <reason>` and fails, unless ECI_NEOVIM_OPTIONAL=1 (then it is skipped).
 * ECI_OUT_DIR may point at another build's out/ folder (default: out/, built first if stale).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, SERVER_MAIN, ensureBuilt } from '../protocol/lspClient';

const NVIM = process.env.ECI_NVIM ?? 'nvim';
const RUN_LUA = path.join(__dirname, 'run.lua');
const FIXTURES = path.join(__dirname, 'fixtures');
const NVIM_TIMEOUT_MS = 90_000;

interface NeovimResults {
  nvim_version?: string;
  errors: string[];
  client_started?: boolean;
  initialized?: boolean;
  hover_provider?: boolean;
  code_action_provider?: boolean;
  hover_python?: string;
  hover_python_kind?: string;
  hover_http?: string;
  diagnostics_arrived?: boolean;
  diagnostics?: { code: string | null; lnum: number; col: number; severity: number; message: string; source: string | null }[];
  code_actions?: { title: string; kind: string | null; has_edit: boolean }[];
  applied_title?: string;
  buffer_changed?: boolean;
  buffer_after?: string;
  server_stopped?: boolean;
  server_exit_code?: number;
}

function nvimMissingReason(): string | undefined {
  const probe = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return `'${NVIM}' could not be run (${probe.error.message}); install it with: bash scripts/setup-neovim.sh`;
  const m = /NVIM v(\d+)\.(\d+)/.exec(probe.stdout);
  if (!m) return `'${NVIM} --version' printed no NVIM version`;
  if (Number(m[1]) === 0 && Number(m[2]) < 7) return `Neovim ${m[0]} is older than 0.7 (needs vim.diagnostic and vim.lsp.start_client)`;
  return undefined;
}

function runNeovim(server: string, resultFile: string): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${RUN_LUA}`], {
      cwd: ROOT,
      env: { ...process.env, ECI_SERVER: server, ECI_FIXTURES: FIXTURES, ECI_RESULT: resultFile, ECI_NODE: process.execPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, NVIM_TIMEOUT_MS);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

describe('neovim: built-in LSP client against eci-language-server', function () {
  this.timeout(NVIM_TIMEOUT_MS + 60_000);
  let results: NeovimResults;
  let output = '';

  before(async function () {
    const missing = nvimMissingReason();
    if (missing) {
      const banner = `NEOVIM TIER NOT RUN: ${missing}`;
      console.error(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n`);
      if (process.env.ECI_NEOVIM_OPTIONAL === '1') this.skip();
      throw new Error(banner);
    }
    ensureBuilt();
    const server = SERVER_MAIN;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-neovim-'));
    const resultFile = path.join(dir, 'results.json');
    try {
      const run = await runNeovim(server, resultFile);
      output = run.stderr;
      assert.ok(!run.timedOut, `nvim did not finish within ${NVIM_TIMEOUT_MS} ms; output: ${output}`);
      assert.ok(fs.existsSync(resultFile), `nvim wrote no results (exit ${run.code}); output: ${output}`);
      results = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NeovimResults;
      results.errors ??= [];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts and initializes the client', () => {
    assert.equal(results.client_started, true, JSON.stringify(results.errors));
    assert.equal(results.initialized, true, JSON.stringify(results.errors));
    assert.equal(results.hover_provider, true);
  });

  it('hovers a Python 429 with Too Many Requests (textDocument/hover)', () => {
    assert.match(results.hover_python ?? '', /Too Many Requests/, JSON.stringify(results.errors));
    assert.equal(results.hover_python_kind, 'markdown');
  });

  it('hovers the status line of an .http file', () => {
    assert.match(results.hover_http ?? '', /Service Unavailable/, JSON.stringify(results.errors));
  });

  it('receives retryable-treated-as-final in vim.diagnostic.get', () => {
    assert.equal(results.diagnostics_arrived, true, `diagnostics: ${JSON.stringify(results.diagnostics)}`);
    const d = results.diagnostics!.find((x) => x.code === 'retryable-treated-as-final');
    assert.ok(d);
    assert.equal(d.source, 'error-code-insight');
    assert.equal(d.severity, 2, 'vim.diagnostic.severity.WARN');
    const line = fs.readFileSync(path.join(FIXTURES, 'rate_limited.py'), 'utf8').split('\n').findIndex((l) => l.includes('== 429'));
    assert.equal(d.lnum, line);
  });

  it('offers code actions for the diagnostic (textDocument/codeAction)', () => {
    assert.ok((results.code_actions ?? []).length > 0, `errors: ${JSON.stringify(results.errors)}; actions: ${JSON.stringify(results.code_actions)}`);
    assert.ok(results.code_actions!.some((a) => a.kind?.startsWith('quickfix')), 'a quickfix among them');
  });

  it('applies a quick fix with vim.lsp.util.apply_workspace_edit, changing the buffer', () => {
    assert.equal(results.buffer_changed, true, `errors: ${JSON.stringify(results.errors)}; applied: ${results.applied_title}`);
    assert.notEqual(results.buffer_after, fs.readFileSync(path.join(FIXTURES, 'rate_limited.py'), 'utf8').replace(/\n$/, ''));
  });

  it('stops the server cleanly (vim.lsp.stop_client: shutdown + exit, exit code 0)', () => {
    assert.equal(results.server_stopped, true);
    assert.equal(results.server_exit_code, 0);
  });

  it('reports no errors from the Lua driver', () => {
    assert.deepEqual(results.errors, [], `nvim output: ${output}`);
  });
});
