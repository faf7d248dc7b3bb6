/**
 * The Rust retry-without-backoff quick fix, proven by execution: a loop that waits a fixed 300 ms after every server
 * error gets the fix's full-jitter delay (std only: a randomly keyed hasher), is built offline by cargo against Debian's
 * vendored reqwest/tokio (test/exec/rustProgram.ts) and run against the loopback server answering 500 for ever.
 * The flawed program's gaps are the fixed 300 ms; the fixed program's gaps stay inside the capped exponential envelope
 * random(0, min(30 s, 500 ms * 2^attempt)) of each attempt. NOT RUN, loudly, without cargo or the Debian crates.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyPreferredFix, fixture } from './fixes-support';
import { outcome, run } from './runners';
import { buildRustProgram, rustUnavailable } from './rustProgram';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';
import type { Prepared } from './programs';

const EARLY_MS = 250;
const LATE_MS = 400;

describe('Rust loop backoff fix, proven by execution (retry-without-backoff)', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let flawed: Prepared | undefined;
  let fixed: Prepared | undefined;
  let fixedText = '';
  let runs = 0;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rust-loop-fix-'));

  before(async function () {
    this.timeout(600_000);
    server = await startScriptedServer();
    const reason = await rustUnavailable();
    if (reason) return console.log(`\n  ******** FIX EXEC: rust loop backoff NOT RUN — ${reason} ********\n`);
    const text = fixture('rust', 'reqwest_fixed_wait_loop.rs');
    fixedText = (await applyPreferredFix('rust', text, 'retry-without-backoff')).fixed;
    flawed = await buildRustProgram(path.join(workDir, 'flawed'), text);
    fixed = await buildRustProgram(path.join(workDir, 'fixed'), fixedText);
  });
  after(async () => {
    await server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function gaps(ctx: Mocha.Context, program: Prepared | undefined, name: string) {
    if (!program) ctx.skip();
    const urlPath = `/rust-loop-${name}-${++runs}/500-forever`;
    const result = await run(program!.command, [server.baseUrl + urlPath], { timeoutMs: 30_000 });
    assert.ok(!result.timedOut, `${name} timed out\n${result.stderr}`);
    const requests = server.requests(urlPath);
    return { ...outcome(result), requests, gaps: requests.slice(1).map((r, i) => r.time - requests[i].time) };
  }

  it('the fix replaced the fixed delay with the jittered exponential one', function () {
    if (!fixed) this.skip();
    assert.doesNotMatch(fixedText, /from_millis\(300\)/);
    assert.match(fixedText, /2f64\.powi\(attempt as i32\)/);
    assert.match(fixedText, /^use std::collections::hash_map::RandomState;$/m);
  });

  it('flawed program: four attempts, each 300 ms apart', async function () {
    const r = await gaps(this, flawed, 'flawed');
    assert.strictEqual(r.status, 500, r.error);
    assert.strictEqual(r.requests.length, 4);
    for (const g of r.gaps) assert.ok(g >= 300 - EARLY_MS && g <= 300 + LATE_MS, `gap ${g} ms`);
  });

  it('fixed program: four attempts, each gap inside its capped exponential envelope', async function () {
    const r = await gaps(this, fixed, 'fixed');
    assert.strictEqual(r.status, 500, r.error);
    assert.strictEqual(r.requests.length, 4);
    r.gaps.forEach((g, attempt) => assert.ok(g <= Math.min(30_000, 500 * 2 ** attempt) + LATE_MS, `gap ${attempt}: ${g} ms`));
  });

  it('fixed program: the waits are no longer the flawed fixed 300 ms (two runs; all six near 300 ms has p ≈ 1e-6)', async function () {
    const all = [...(await gaps(this, fixed, 'fixed')).gaps, ...(await gaps(this, fixed, 'fixed')).gaps];
    assert.strictEqual(all.length, 6);
    assert.ok(all.some((g) => Math.abs(g - 300) > 50), `gaps ${all.map(Math.round).join(', ')} ms`);
  });
});
