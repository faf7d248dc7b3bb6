/**
 * The @vscode/test-electron tier: the extension (from this repo, built with `npm run build`) inside a real desktop
 * VS Code, with mocha tests running in the extension host (test/vscode/suite/*.test.ts).
 *
 *   npx tsx test/vscode/runTest.ts
 *
 * VS Code itself:
 *   ECI_VSCODE_PATH=/path/to/code     use this VS Code executable (no download)
 *   ECI_VSCODE_DOWNLOAD=1             allow @vscode/test-electron to download VS Code (needs its CDN)
 * Without either, or when VS Code cannot be obtained, it prints `VSCODE TEST-ELECTRON TIER NOT RUN: <reason>` and
 * exits non-zero, or 0 when ECI_VSCODE_OPTIONAL=1.
 * Headless Linux needs a display: run under `xvfb-run -a` (Debian package xvfb).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WORK = path.join(REPO_ROOT, '.cache', 'vscode-test');

function notRun(reason: string): never {
  console.log('');
  console.log('='.repeat(78));
  console.log(`VSCODE TEST-ELECTRON TIER NOT RUN: ${reason}`);
  console.log('='.repeat(78));
  const optional = process.env.ECI_VSCODE_OPTIONAL === '1';
  if (optional) console.log('(ECI_VSCODE_OPTIONAL=1: exiting 0)');
  process.exit(optional ? 0 : 1);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Compile the suite (index + every *.test.ts) to CommonJS for the extension host; `vscode`/`mocha` stay external. */
async function buildSuite(outDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const suiteDir = path.join(__dirname, 'suite');
  const entries = fs
    .readdirSync(suiteDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(suiteDir, f));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

async function main(): Promise<number> {
  const exe = process.env.ECI_VSCODE_PATH;
  const mayDownload = process.env.ECI_VSCODE_DOWNLOAD === '1';
  if (exe && !isExecutable(exe)) notRun(`ECI_VSCODE_PATH=${exe} is not an executable file`);
  if (!exe && !mayDownload) {
    notRun('no VS Code: set ECI_VSCODE_PATH to a VS Code executable, or ECI_VSCODE_DOWNLOAD=1 on a machine that can download it');
  }

  if (process.env.ECI_VSCODE_SKIP_BUILD !== '1') {
    console.log('[vscode] npm run build');
    const b = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 300_000 });
    if (b.status !== 0) {
      console.log(`FAIL build: npm run build exited with ${b.status ?? b.signal}`);
      console.log('vscode: 0 passed, 1 failed');
      return 1;
    }
  }

  const testsPath = await buildSuite(path.join(WORK, 'suite'));
  const workspace = path.join(WORK, 'workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(REPO_ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const userData = path.join(WORK, 'user-data');
  fs.rmSync(userData, { recursive: true, force: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'git.enabled': false }),
  );

  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      ...(exe ? { vscodeExecutablePath: exe } : {}),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: testsPath,
      extensionTestsEnv: { ECI_VSCODE_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(WORK, 'extensions'),
      ],
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // runTests rejects with "Test run failed with code N" when the suite ran and failed; anything else means VS Code
    // could not be obtained or started.
    if (/Test run failed with code/.test(msg)) {
      console.log(`FAIL extension-host suite: ${msg}`);
      return 1;
    }
    notRun(`could not obtain or start VS Code: ${msg.split('\n')[0]}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log(`FAIL vscode runner crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exit(1);
  },
);
