/**
 * Execution proof for the loop and configuration fixes added for the known gaps:
 * - Go `for { … }` retrying every `>= 400` with a fixed delay: after "Cap the attempts…",
 *   "Stop retrying 4xx" and "Honour Retry-After", it makes at most 4 attempts, never retries a 400,
 *   honours Retry-After, and still retries a 503.
 * - Python urllib3 `Retry(allowed_methods=[..., "POST"])`: after "Stop retrying POST automatically"
 *   a POST is sent once (no retry without a key) while the flawed program re-sends it.
 *
 *   bash scripts/setup-exec.sh && npx mocha --import=tsx 'test/exec/fixes-gaps-execution.test.ts' --timeout 120000 --exit
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyPreferredFix, buildGoProgram, fixture, writeProgram } from './fixes-support';
import type { Prepared } from './programs';
import { outcome, PYTHON, pythonModuleMissing, run, unavailableReason } from './runners';
import { startScriptedServer, type Scenario, type ScriptedServer } from './scriptedServer';

const EARLY_MS = 250;
const loud = (line: string) => console.log(`\n  ******** ${line} ********\n`);

describe('gap fixes, proven by execution', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixes-gaps-'));
  const programs: Record<string, Prepared> = {};
  let runs = 0;

  before(async function () {
    this.timeout(240_000);
    server = await startScriptedServer();
    const goReason = await unavailableReason('go', ['version'], 'Go toolchain (Debian golang-go)');
    if (goReason) loud(`FIX EXEC (go loop cap): NOT RUN — ${goReason}`);
    else {
      const flawed = fixture('go', 'forever_loop.go');
      const capped = (await applyPreferredFix('go', flawed, 'retry-without-backoff')).fixed;
      const narrowed = (await applyPreferredFix('go', capped, 'non-retryable-retried')).fixed;
      const fixed = (await applyPreferredFix('go', narrowed, 'retry-ignores-retry-after')).fixed;
      assert.match(fixed, /for attempt := 0; attempt < 4; attempt\+\+ \{/);
      assert.match(fixed, /return nil, errors\.New\("gave up after 4 attempts"\)/);
      for (const [name, source] of Object.entries({ goFlawed: flawed, goFixed: fixed })) programs[name] = await buildGo(path.join(workDir, name), source);
    }
    const pyReason = await pythonModuleMissing('requests', 'python3-requests');
    if (pyReason) loud(`FIX EXEC (urllib3 config): NOT RUN — ${pyReason}`);
    else {
      const flawed = fixture('python', 'retry_config_post.py');
      const fixed = (await applyPreferredFix('python', flawed, 'unsafe-retry')).fixed;
      for (const [name, source] of Object.entries({ pyFlawed: flawed, pyFixed: fixed })) {
        programs[name] = { command: PYTHON, args: [writeProgram(path.join(workDir, name), 'program.py', source)] };
      }
    }
  });
  after(async () => {
    await server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const buildGo = buildGoProgram;

  async function exec(ctx: Mocha.Context, name: string, scenario: Scenario, timeoutMs = 30_000) {
    const p = programs[name];
    if (!p) ctx.skip();
    const urlPath = `/gaps-${name}-${++runs}/${scenario}`;
    const result = await run(p.command, [...p.args, server.baseUrl + urlPath], { timeoutMs });
    const requests = server.requests(urlPath);
    return { ...outcome(result), timedOut: result.timedOut, stderr: result.stderr, requests, gaps: requests.slice(1).map((r, i) => r.time - requests[i].time) };
  }

  it('go flawed: a 400 is retried without end', async function () {
    const r = await exec(this, 'goFlawed', '400', 2500);
    assert.ok(r.timedOut && r.requests.length > 4, `${r.requests.length} requests, timedOut=${r.timedOut}`);
  });

  it('go fixed: 400 → one attempt, returned', async function () {
    const r = await exec(this, 'goFixed', '400');
    assert.strictEqual(r.requests.length, 1);
    assert.strictEqual(r.status, 400, `${r.error}\n${r.stderr}`);
  });

  it('go fixed: 500 forever → gives up after 4 attempts with an error', async function () {
    const r = await exec(this, 'goFixed', '500-forever');
    assert.strictEqual(r.requests.length, 4);
    assert.match(r.error ?? '', /gave up after 4 attempts/);
  });

  it('go fixed: 503 then 200 → retried once, succeeds', async function () {
    const r = await exec(this, 'goFixed', '503-then-200');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 2);
  });

  it('go fixed: 429 with Retry-After: 1 → waits about a second', async function () {
    const r = await exec(this, 'goFixed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, r.error);
    assert.ok(r.gaps[0] >= 1000 - EARLY_MS && r.gaps[0] < 4000, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('go fixed: HTTP-date Retry-After → waits until the date', async function () {
    const r = await exec(this, 'goFixed', '429-retry-after-date');
    assert.strictEqual(r.status, 200, r.error);
    const asked = server.retryAt(`/gaps-goFixed-${runs}/429-retry-after-date`)! - r.requests[0].time;
    assert.ok(r.gaps[0] >= asked - EARLY_MS && r.gaps[0] < asked + 2500, `gap ${r.gaps[0].toFixed(0)} ms, asked ${asked.toFixed(0)} ms`);
  });

  it('python urllib3 config, flawed: the POST is re-sent with no Idempotency-Key', async function () {
    const r = await exec(this, 'pyFlawed', 'post-503-then-200');
    assert.strictEqual(r.requests.length, 2);
    assert.strictEqual(r.requests[1].headers['idempotency-key'], undefined);
  });

  it('python urllib3 config, fixed: the POST is sent once, the 503 returned', async function () {
    const r = await exec(this, 'pyFixed', 'post-503-then-200');
    assert.strictEqual(r.status, 503, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 1);
    assert.strictEqual(r.requests[0].method, 'POST');
  });
});
