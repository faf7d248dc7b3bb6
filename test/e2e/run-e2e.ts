/**
 * The real-VS-Code end-to-end tier: the packaged extension in code-server 4.100.3 (VS Code 1.100.3), driven by
 * Debian's headless Chromium through playwright-core, fully offline.
 *
 *   npx tsx test/e2e/run-e2e.ts [scenario-name-substring ...]
 *
 * Steps: `npm run package` -> error-code-insight.vsix; copy test/e2e/workspace/ to a scratch dir; start one
 * code-server with the VSIX installed into a fresh extensions dir; run every test/e2e/scenarios/*.ts in one window;
 * print PASS/FAIL per scenario and `e2e: N passed, N failed`; exit non-zero on any failure.
 *
 * Environment:
 *   ECI_E2E_OPTIONAL=1      missing code-server/chromium/VSIX is reported but exits 0
 *   ECI_E2E_VSIX=path       use this VSIX instead of running `npm run package`
 *   ECI_E2E_KEEP=1          keep .cache/e2e-run/<run>/ (scratch HOME, logs) even when everything passed
 *   ECI_E2E_TIMEOUT_MS=n    bound for the whole tier (default 570000, i.e. 9.5 minutes)
 *   ECI_CODE_SERVER, ECI_CHROMIUM   override the binaries' locations
 * Screenshots: test-output/e2e/<scenario>/<nn-step>.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CodeServer, missingPrerequisite, REPO_ROOT, runBounded, tail } from './support/codeServer';
import { descendants } from './support/proc';
import type { Scenario, ScenarioContext } from './support/scenario';
import { Workbench } from './support/workbench';

const E2E_DIR = __dirname;
const FIXTURE_DIR = path.join(E2E_DIR, 'workspace');
const SCENARIO_DIR = path.join(E2E_DIR, 'scenarios');
const DEFAULT_VSIX = path.join(REPO_ROOT, 'error-code-insight.vsix');

const t0 = Date.now();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const log = (msg: string) => console.log(`[e2e +${secs(Date.now() - t0)}] ${msg}`);

function notRun(reason: string): never {
  console.log('');
  console.log('='.repeat(78));
  console.log(`E2E TIER NOT RUN: ${reason}`);
  console.log('='.repeat(78));
  const optional = process.env.ECI_E2E_OPTIONAL === '1';
  if (optional) console.log('(ECI_E2E_OPTIONAL=1: exiting 0)');
  process.exit(optional ? 0 : 1);
}

function loadScenarios(filters: string[]): Scenario[] {
  const files = fs
    .readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
  const out: Scenario[] = [];
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(SCENARIO_DIR, f)) as { scenario?: Scenario };
    if (!mod.scenario) throw new Error(`${f} does not export \`scenario\``);
    if (filters.length > 0 && !filters.some((flt) => mod.scenario!.name.includes(flt) || f.includes(flt))) continue;
    out.push(mod.scenario);
  }
  return out;
}

async function obtainVsix(): Promise<string> {
  const fromEnv = process.env.ECI_E2E_VSIX;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) notRun(`ECI_E2E_VSIX=${fromEnv} does not exist`);
    log(`using VSIX from ECI_E2E_VSIX: ${fromEnv}`);
    return path.resolve(fromEnv);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.package) notRun("package.json has no 'package' script to build error-code-insight.vsix (or set ECI_E2E_VSIX)");
  log('building the VSIX: npm run package');
  const started = Date.now();
  const buildLog = path.join(REPO_ROOT, '.cache', 'e2e-package.log');
  fs.mkdirSync(path.dirname(buildLog), { recursive: true });
  const r = await runBounded('npm', ['run', 'package'], { cwd: REPO_ROOT, env: process.env, timeoutMs: 300_000 });
  fs.writeFileSync(buildLog, r.output);
  if (r.code !== 0 || r.timedOut || !fs.existsSync(DEFAULT_VSIX)) {
    console.log(r.output.split('\n').slice(-40).join('\n'));
    throw new Error(
      `npm run package failed (code ${r.code}${r.timedOut ? ', timed out' : ''}${fs.existsSync(DEFAULT_VSIX) ? '' : ', no error-code-insight.vsix'}); log: ${buildLog}`,
    );
  }
  log(`VSIX built in ${secs(Date.now() - started)}: ${DEFAULT_VSIX}`);
  return DEFAULT_VSIX;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const tierBudget = Number(process.env.ECI_E2E_TIMEOUT_MS ?? 570_000);
  const tierDeadline = t0 + tierBudget;

  const missing = missingPrerequisite();
  if (missing) notRun(missing);

  const scenarios = loadScenarios(filters);
  if (scenarios.length === 0) notRun(`no scenario matched ${JSON.stringify(filters)}`);

  let vsix: string;
  try {
    vsix = await obtainVsix();
  } catch (e) {
    console.log(`FAIL package: ${(e as Error).message}`);
    console.log(`e2e: 0 passed, ${scenarios.length} failed`);
    return 1;
  }

  const runRoot = path.join(REPO_ROOT, '.cache', 'e2e-run');
  const runDir = path.join(runRoot, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  const workspaceDir = path.join(runDir, 'workspace');
  fs.mkdirSync(runDir, { recursive: true });
  fs.cpSync(FIXTURE_DIR, workspaceDir, { recursive: true });
  // Old runs' scratch dirs (kept only for debugging) are removed, except the newest few.
  const old = fs.readdirSync(runRoot).filter((d) => path.join(runRoot, d) !== runDir).sort();
  for (const d of old.slice(0, Math.max(0, old.length - 3))) fs.rmSync(path.join(runRoot, d), { recursive: true, force: true });
  fs.rmSync(path.join(REPO_ROOT, 'test-output', 'e2e'), { recursive: true, force: true });

  const resetWorkspace = (rel?: string) => {
    if (rel) fs.copyFileSync(path.join(FIXTURE_DIR, rel), path.join(workspaceDir, rel));
    else fs.cpSync(FIXTURE_DIR, workspaceDir, { recursive: true, force: true });
  };

  let cs: CodeServer | undefined;
  const stopAll = async () => {
    if (cs) await cs.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping code-server`);
      void stopAll().finally(() => process.exit(130));
    });
  }

  const results: { name: string; ok: boolean; ms: number; error?: string }[] = [];
  try {
    cs = await CodeServer.start({ vsix, runDir, log });
  } catch (e) {
    console.log(`FAIL code-server start: ${(e as Error).message}`);
    await stopAll();
    console.log(`e2e: 0 passed, ${scenarios.length} failed`);
    return 1;
  }

  let wb: Workbench | undefined;
  let needReload = true;
  try {
    for (const sc of scenarios) {
      const started = Date.now();
      const remaining = tierDeadline - started;
      if (remaining < 15_000) {
        results.push({ name: sc.name, ok: false, ms: 0, error: 'not started: the tier ran out of time' });
        console.log(`FAIL ${sc.name} (not started: tier time budget of ${secs(tierBudget)} used up)`);
        continue;
      }
      let scenarioWb: Workbench | undefined;
      try {
        await withTimeout(
          (async () => {
            if (needReload || sc.freshWindow || !wb) {
              const page = await cs!.openFolder(workspaceDir);
              wb = new Workbench(page, workspaceDir, sc.name);
              await wb.waitForWorkbench();
              needReload = false;
            } else {
              wb = new Workbench(wb.page, workspaceDir, sc.name);
              await wb.press('Escape');
              await wb.closeAllEditors();
            }
            scenarioWb = wb;
            const ctx: ScenarioContext = {
              wb,
              page: wb.page,
              codeServer: cs!,
              workspaceDir,
              resetWorkspace,
              log: (m) => log(`  [${sc.name}] ${m}`),
            };
            await sc.run(ctx);
          })(),
          Math.min(sc.timeoutMs ?? 120_000, remaining - 10_000),
          `scenario ${sc.name}`,
        );
        const ms = Date.now() - started;
        results.push({ name: sc.name, ok: true, ms });
        console.log(`PASS ${sc.name} (${secs(ms)}) ${sc.title}`);
      } catch (e) {
        const ms = Date.now() - started;
        const msg = e instanceof Error ? e.message : String(e);
        results.push({ name: sc.name, ok: false, ms, error: msg });
        const shot = scenarioWb ? await withTimeout(scenarioWb.screenshot('failure'), 20_000, 'screenshot').catch(() => undefined) : undefined;
        console.log(`FAIL ${sc.name} (${secs(ms)}) ${sc.title}`);
        for (const line of msg.split('\n').slice(0, 20)) console.log(`     ${line}`);
        if (shot) console.log(`     screenshot: ${path.relative(REPO_ROOT, shot)}`);
        needReload = true; // the window may be in any state: start the next scenario in a fresh one
      }
    }
  } finally {
    await stopAll();
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (failed > 0) {
    log(`code-server log (last lines of ${path.relative(REPO_ROOT, cs.scratch.logFile)}):`);
    console.log(tail(cs.scratch.logFile, 25).replace(/^/gm, '  | '));
  }
  if (failed === 0 && process.env.ECI_E2E_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  log(`done in ${secs(Date.now() - t0)}; screenshots in test-output/e2e/`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.log(`FAIL e2e runner crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    // Nothing we started may outlive us.
    for (const pid of descendants(process.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
