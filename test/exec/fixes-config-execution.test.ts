/**
 * Configuration fixes proven by execution: the flawed program's retry library is configured with no
 * delay; the preferred fix edits only its configuration; both run against the loopback server.
 * - axios-retry `{ retries: 3 }` → `retryDelay: axiosRetry.exponentialDelay` (npm dev dependencies).
 * - got `calculateDelay: () => 300` → `({ computedValue }) => computedValue` (Retry-After and the limit back).
 * - p-retry `factor: 1` → `factor: 2`.
 * - go-retryablehttp `client.Backoff = func(…) { return 300 * time.Millisecond }` → `retryablehttp.DefaultBackoff`
 *   (Debian golang-github-hashicorp-go-retryablehttp-dev 0.7.1, built with GOPATH=/usr/share/gocode).
 * - urllib3 `Retry(total=3, status_forcelist=[…])` → `backoff_factor=0.5` (Debian python3-requests).
 *
 *   npx mocha --import=tsx 'test/exec/fixes-config-execution.test.ts' --timeout 120000 --exit
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyPreferredFix, fixture, writeProgram } from './fixes-support';
import { nodeWorkDir, npmPackageMissing } from './libraryPrograms';
import type { Prepared } from './programs';
import { outcome, PYTHON, pythonModuleMissing, run, unavailableReason } from './runners';
import { startScriptedServer, type Scenario, type ScriptedServer } from './scriptedServer';

const EARLY_MS = 250;
/** Debian's Go library packages install their sources here (GOPATH layout). */
const GOPATH_DEBIAN = '/usr/share/gocode';
const loud = (line: string) => console.log(`\n  ******** ${line} ********\n`);

/** Configuration fixes with no runnable program here, and why (the edits are checked by test/unit/fixes-config-policies.test.ts). */
const NOT_RUNNABLE: Record<string, string> = {
  'Polly v7/v8 and Microsoft.Extensions.Http.Resilience options (C#)': 'Polly and Microsoft.Extensions.Http.Resilience come only from NuGet (not Debian), and this tier installs nothing from NuGet',
  'gRPC retryPolicy (service-config JSON, C# RetryPolicy, Java maps)': 'needs a gRPC (HTTP/2) server; the loopback scripted server speaks HTTP/1.1',
  'Spring Retry @Retryable / RetryTemplate (Java)': 'spring-retry is not packaged by Debian (only spring-framework modules are)',
  'resilience4j RetryConfig (Java)': 'resilience4j is not packaged by Debian',
  'ky retry.delay, undici RetryAgent timeoutFactor (JS)': 'ky is not a dev dependency; undici is only present transitively, so no test relies on it',
};

describe('configuration fixes, proven by execution', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  const pyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixes-config-'));
  const programs: Record<string, Prepared> = {};
  let runs = 0;

  before(async function () {
    this.timeout(120_000);
    server = await startScriptedServer();
    const jsReason = npmPackageMissing('axios', 'axios-retry');
    if (jsReason) loud(`FIX EXEC (axios-retry config): NOT RUN — ${jsReason}`);
    else {
      const flawed = fixture('javascript', 'axios_retry_no_delay.mjs');
      const { fixed, action } = await applyPreferredFix('javascript', flawed, 'retry-without-backoff');
      assert.match(action.title, /exponential/);
      assert.match(fixed, /axiosRetry\(client, \{ retries: 3, retryDelay: axiosRetry\.exponentialDelay \}\);/);
      const dir = nodeWorkDir('eci-axios-retry-');
      for (const [name, source] of Object.entries({ axiosFlawed: flawed, axiosFixed: fixed })) {
        programs[name] = { command: process.execPath, args: [writeProgram(dir, `${name}.mjs`, source)] };
      }
    }
    const gotReason = npmPackageMissing('got', 'p-retry');
    if (gotReason) loud(`FIX EXEC (got / p-retry config): NOT RUN — ${gotReason}`);
    else {
      const dir = nodeWorkDir('eci-got-p-retry-');
      const gotFlawed = fixture('javascript', 'got_fixed_delay.mjs');
      const gotFixed = (await applyPreferredFix('javascript', gotFlawed, 'retry-without-backoff')).fixed;
      assert.match(gotFixed, /retry: \{ limit: 2, calculateDelay: \(\{ computedValue \}\) => computedValue \}/);
      const pFlawed = fixture('javascript', 'p_retry_flat.mjs');
      const pFixed = (await applyPreferredFix('javascript', pFlawed, 'retry-without-backoff')).fixed;
      assert.match(pFixed, /\{ retries: 3, factor: 2, minTimeout: 300, randomize: false \}/);
      for (const [name, source] of Object.entries({ gotFlawed, gotFixed, pFlawed, pFixed })) {
        programs[name] = { command: process.execPath, args: [writeProgram(dir, `${name}.mjs`, source)] };
      }
    }
    const goReason = (await unavailableReason('go', ['version'], 'Go toolchain (Debian golang-go)')) ??
      (fs.existsSync(path.join(GOPATH_DEBIAN, 'src/github.com/hashicorp/go-retryablehttp')) ? undefined : `go-retryablehttp not in ${GOPATH_DEBIAN} (Debian golang-github-hashicorp-go-retryablehttp-dev); run scripts/setup-exec.sh`);
    if (goReason) loud(`FIX EXEC (go-retryablehttp Backoff): NOT RUN — ${goReason}`);
    else {
      const flawed = fixture('go', 'retryablehttp_fixed_backoff.go');
      const fixed = (await applyPreferredFix('go', flawed, 'retry-without-backoff')).fixed;
      assert.match(fixed, /client\.Backoff = retryablehttp\.DefaultBackoff\n/);
      for (const [name, source] of Object.entries({ goFlawed: flawed, goFixed: fixed })) programs[name] = await buildGo(path.join(pyDir, name), source);
    }
    const pyReason = await pythonModuleMissing('requests', 'python3-requests');
    if (pyReason) loud(`FIX EXEC (urllib3 backoff_factor): NOT RUN — ${pyReason}`);
    else {
      const flawed = fixture('python', 'retry_config_no_backoff.py');
      const { fixed } = await applyPreferredFix('python', flawed, 'retry-without-backoff');
      assert.match(fixed, /Retry\(total=3, status_forcelist=\[500, 502, 503\], raise_on_status=False, backoff_factor=0\.5\)/);
      for (const [name, source] of Object.entries({ pyFlawed: flawed, pyFixed: fixed })) {
        programs[name] = { command: PYTHON, args: [writeProgram(path.join(pyDir, name), 'program.py', source)] };
      }
    }
  });
  after(async () => {
    await server?.close();
    fs.rmSync(pyDir, { recursive: true, force: true });
  });

  for (const [what, reason] of Object.entries(NOT_RUNNABLE)) {
    it(`${what}: execution`, function () {
      loud(`FIX EXEC (config): ${what} NOT RUN — ${reason}`);
      this.skip();
    });
  }

  async function buildGo(dir: string, source: string): Promise<Prepared> {
    const main = writeProgram(dir, 'main.go', source);
    const binary = path.join(dir, 'program');
    const env = { ...process.env, GOCACHE: path.join(os.tmpdir(), 'eci-fixes-gocache'), GOPATH: GOPATH_DEBIAN, GO111MODULE: 'off', GOFLAGS: '' };
    const built = await run('go', ['build', '-o', binary, main], { cwd: dir, env, timeoutMs: 120_000 });
    if (built.code !== 0) throw new Error(`go build failed:\n${built.stderr}\n--- source ---\n${source}`);
    return { command: binary, args: [] };
  }

  async function exec(ctx: Mocha.Context, name: string, scenario: Scenario, timeoutMs = 30_000) {
    const p = programs[name];
    if (!p) ctx.skip();
    const urlPath = `/config-${name}-${++runs}/${scenario}`;
    const result = await run(p.command, [...p.args, server.baseUrl + urlPath], { timeoutMs });
    const requests = server.requests(urlPath);
    return { ...outcome(result), stderr: result.stderr, requests, gaps: requests.slice(1).map((r, i) => r.time - requests[i].time) };
  }

  it('axios-retry flawed: 500 forever → 4 attempts back to back', async function () {
    const r = await exec(this, 'axiosFlawed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 4);
    for (const gap of r.gaps) assert.ok(gap < 150, `gap ${gap.toFixed(0)} ms: expected no delay`);
  });

  it('axios-retry fixed: 500 forever → 4 attempts with growing delays (≈200, 400, 800 ms)', async function () {
    const r = await exec(this, 'axiosFixed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 4);
    [200, 400, 800].forEach((min, i) => assert.ok(r.gaps[i] >= min - EARLY_MS / 2 && r.gaps[i] < min * 1.2 + 1000, `gap ${i}: ${r.gaps[i].toFixed(0)} ms, expected ≈${min} ms`));
    assert.ok(r.gaps[2] > r.gaps[0], `delays do not grow: ${r.gaps.map((g) => g.toFixed(0)).join(', ')}`);
  });

  it('axios-retry fixed: 429 with Retry-After: 1 → still waits about a second', async function () {
    const r = await exec(this, 'axiosFixed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.ok(r.gaps[0] >= 1000 - EARLY_MS && r.gaps[0] < 4000, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('got flawed: 429 with Retry-After: 1 → retried after the fixed 300 ms, not the second asked', async function () {
    const r = await exec(this, 'gotFlawed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.ok(r.gaps[0] < 1000 - EARLY_MS, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('got flawed: 500 forever → goes on past its limit of 2 retries', async function () {
    const r = await exec(this, 'gotFlawed', '500-forever', 2500);
    assert.ok(r.requests.length > 3, `${r.requests.length} requests`);
  });

  it('got fixed: 429 with Retry-After: 1 → waits about a second', async function () {
    const r = await exec(this, 'gotFixed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.ok(r.gaps[0] >= 1000 - EARLY_MS && r.gaps[0] < 4000, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('got fixed: 500 forever → 3 attempts (limit 2), growing delays, the 500 returned', async function () {
    const r = await exec(this, 'gotFixed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 3);
    assert.ok(r.gaps[1] > r.gaps[0] + 300, `delays do not grow: ${r.gaps.map((g) => g.toFixed(0)).join(', ')}`);
  });

  it('p-retry flawed: 500 forever → 4 attempts, every gap the same 300 ms', async function () {
    const r = await exec(this, 'pFlawed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 4);
    for (const gap of r.gaps) assert.ok(gap >= 300 - EARLY_MS / 2 && gap < 700, `gap ${gap.toFixed(0)} ms`);
  });

  it('p-retry fixed: 500 forever → 4 attempts, delays ≈300, 600, 1200 ms', async function () {
    const r = await exec(this, 'pFixed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 4);
    [300, 600, 1200].forEach((ms, i) => assert.ok(r.gaps[i] >= ms - EARLY_MS / 2 && r.gaps[i] < ms + 700, `gap ${i}: ${r.gaps[i].toFixed(0)} ms, expected ≈${ms}`));
  });

  it('go-retryablehttp flawed: 429 with Retry-After: 1 → retried after the fixed 300 ms', async function () {
    const r = await exec(this, 'goFlawed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.ok(r.gaps[0] < 1000 - EARLY_MS, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('go-retryablehttp fixed: 429 with Retry-After: 1 → waits about a second', async function () {
    const r = await exec(this, 'goFixed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.ok(r.gaps[0] >= 1000 - EARLY_MS && r.gaps[0] < 4000, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('go-retryablehttp: 500 forever → flawed gaps all ≈300 ms, fixed ≈100, 200, 400 ms', async function () {
    const flawed = await exec(this, 'goFlawed', '500-forever');
    const fixed = await exec(this, 'goFixed', '500-forever');
    for (const r of [flawed, fixed]) {
      assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
      assert.strictEqual(r.requests.length, 4);
    }
    for (const gap of flawed.gaps) assert.ok(gap >= 300 - EARLY_MS / 2 && gap < 700, `flawed gap ${gap.toFixed(0)} ms`);
    [100, 200, 400].forEach((ms, i) => assert.ok(fixed.gaps[i] >= ms - EARLY_MS / 2 && fixed.gaps[i] < ms + 600, `fixed gap ${i}: ${fixed.gaps[i].toFixed(0)} ms`));
    assert.ok(fixed.gaps[2] > fixed.gaps[0], 'fixed delays do not grow');
  });

  it('urllib3 flawed: 500 forever → 4 attempts, the first retries at once', async function () {
    const r = await exec(this, 'pyFlawed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 4);
    for (const gap of r.gaps) assert.ok(gap < 150, `gap ${gap.toFixed(0)} ms: expected no delay`);
  });

  it('urllib3 fixed: 500 forever → 4 attempts, delays grow (urllib3 ≥1.26: 0 s, then 1 s, 2 s)', async function () {
    const r = await exec(this, 'pyFixed', '500-forever');
    assert.strictEqual(r.status, 500, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 4);
    assert.ok(r.gaps[1] >= 1000 - EARLY_MS && r.gaps[2] >= 2000 - EARLY_MS, `gaps ${r.gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    assert.ok(r.gaps[2] > r.gaps[1], `delays do not grow: ${r.gaps.map((g) => g.toFixed(0)).join(', ')}`);
  });
});
