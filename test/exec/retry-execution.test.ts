/**
 * Execution proof: each retry template, rendered plainly into a small program, is run against a
 * scripted loopback server, which counts attempts and measures the gaps between them.
 * Languages without a runtime here are reported loudly and left pending (never counted as passing).
 *
 *   bash scripts/setup-exec.sh && npx mocha --import=tsx 'test/exec/**\/*.test.ts' --timeout 60000
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';
import { NOT_EXECUTED, PROGRAM_VARIANTS, type Prepared } from './programs';
import { outcome, run } from './runners';
import { startScriptedServer, type Scenario, type ScriptedServer } from './scriptedServer';

/** Tiny delays keep the tier fast; Retry-After waits are the only long ones. */
const ATTEMPTS = 4;
const BASE_MS = 20;
const CAP_MS = 100;
const RETRY_AFTER_CAP_MS = 5000;
/** Server-side timing tolerance: a wait may look this much shorter than asked. */
const EARLY_MS = 250;

const loud = (line: string) => console.log(`\n  ******** ${line} ********\n`);

describe('retry templates, proven by execution', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retry-exec-'));

  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  for (const [id, reason] of Object.entries(NOT_EXECUTED)) {
    it(`${id}: execution`, function () {
      loud(`EXEC TIER: ${id} NOT RUN — ${reason} (parse-checked by test/unit/templates-parse.test.ts only)`);
      this.skip();
    });
  }

  for (const variant of PROGRAM_VARIANTS) {
    describe(`${variant.name} (template ${variant.templateId})`, function () {
      let prepared: Prepared | undefined;
      let skipReason: string | undefined;
      let runCount = 0;

      before(async function () {
        this.timeout(180_000);
        skipReason = await variant.unavailable();
        if (skipReason) {
          loud(`EXEC TIER: ${variant.name} NOT RUN — ${skipReason}`);
          return;
        }
        prepared = await variant.prepare(path.join(workDir, variant.name));
      });

      /** Runs the program for a fresh path of the scenario; returns what happened. */
      async function attempt(ctx: Mocha.Context, scenario: Scenario, method = 'GET', opts: { attempts?: number; raCapMs?: number; key?: string } = {}) {
        if (!prepared) ctx.skip(); // reported loudly once, in before()
        const p = prepared!;
        const urlPath = `/${variant.name}-${++runCount}/${scenario}`;
        const args = [method, server.baseUrl + urlPath, String(opts.attempts ?? ATTEMPTS), String(BASE_MS), String(CAP_MS), String(opts.raCapMs ?? RETRY_AFTER_CAP_MS)];
        if (opts.key) args.push(opts.key);
        const result = await run(p.command, [...p.args, ...args], { timeoutMs: 30_000 });
        assert.ok(!result.timedOut, `${variant.name} timed out after ${server.requests(urlPath).length} request(s)\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
        const requests = server.requests(urlPath);
        const gaps = requests.slice(1).map((r, i) => r.time - requests[i].time);
        return { ...outcome(result), requests, gaps, urlPath, result };
      }

      it('503 then 200: retried once, succeeds', async function () {
        const r = await attempt(this, '503-then-200');
        assert.strictEqual(r.status, 200, r.error);
        assert.strictEqual(r.requests.length, 2);
      });

      it('429 with Retry-After: 1 → waits about a second (server-measured)', async function () {
        const r = await attempt(this, '429-retry-after-seconds');
        assert.strictEqual(r.status, 200, r.error);
        assert.strictEqual(r.requests.length, 2);
        assert.ok(r.gaps[0] >= 1000 - EARLY_MS, `gap ${r.gaps[0].toFixed(0)} ms < 1 s: Retry-After ignored`);
        assert.ok(r.gaps[0] < 4000, `gap ${r.gaps[0].toFixed(0)} ms far above 1 s`);
      });

      it('429 with an HTTP-date Retry-After → waits until that date', async function () {
        const r = await attempt(this, '429-retry-after-date');
        assert.strictEqual(r.status, 200, r.error);
        assert.strictEqual(r.requests.length, 2);
        const asked = server.retryAt(r.urlPath)! - r.requests[0].time;
        assert.ok(asked >= 1900, `scenario asked only ${asked} ms`);
        assert.ok(r.gaps[0] >= asked - EARLY_MS, `gap ${r.gaps[0].toFixed(0)} ms < asked ${asked.toFixed(0)} ms`);
        assert.ok(r.gaps[0] < asked + 2500, `gap ${r.gaps[0].toFixed(0)} ms far above asked ${asked.toFixed(0)} ms`);
      });

      it('429 with Retry-After: 3600 → the wait is capped (cap 400 ms here)', async function () {
        const r = await attempt(this, '429-retry-after-huge', 'GET', { raCapMs: 400 });
        assert.strictEqual(r.status, 200, r.error);
        assert.strictEqual(r.requests.length, 2);
        assert.ok(r.gaps[0] >= 400 - EARLY_MS && r.gaps[0] < 3000, `gap ${r.gaps[0].toFixed(0)} ms not ≈ the 400 ms cap`);
      });

      it('500 forever → gives up after max attempts with the last status, backoff within the cap', async function () {
        const r = await attempt(this, '500-forever', 'GET', { attempts: 3 });
        assert.strictEqual(r.requests.length, 3);
        assert.strictEqual(r.status, 500, r.error ?? 'gave up silently');
        for (const gap of r.gaps) assert.ok(gap < CAP_MS + 500, `gap ${gap.toFixed(0)} ms above the ${CAP_MS} ms backoff cap`);
      });

      it('400 → not retried', async function () {
        const r = await attempt(this, '400');
        assert.strictEqual(r.status, 400, r.error);
        assert.strictEqual(r.requests.length, 1);
      });

      it('connection reset then 200 → retried, succeeds', async function () {
        const r = await attempt(this, 'reset-then-200');
        assert.strictEqual(r.status, 200, r.error);
        assert.strictEqual(r.requests.length, 2);
      });

      it('POST without Idempotency-Key failing 503 → tried once, 503 returned', async function () {
        const r = await attempt(this, 'post-503-then-200', 'POST');
        assert.strictEqual(r.status, 503, r.error);
        assert.strictEqual(r.requests.length, 1);
        assert.strictEqual(r.requests[0].method, 'POST');
      });

      it('POST with Idempotency-Key failing 503 → retried with the same key, succeeds', async function () {
        const key = `key-${variant.name}`;
        const r = await attempt(this, 'post-503-then-200', 'POST', { key });
        assert.strictEqual(r.status, 200, r.error);
        assert.strictEqual(r.requests.length, 2);
        for (const req of r.requests) assert.strictEqual(req.headers['idempotency-key'], key);
      });
    });
  }
});

describe('C# program built from the template parses (execution needs .NET)', () => {
  it('Program.cs has no tree-sitter ERROR nodes', async () => {
    const csharp = PROGRAM_VARIANTS.find((v) => v.templateId === 'retry-csharp')!;
    await Parser.init();
    const parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-c-sharp.wasm')));
    const tree = parser.parse(csharp.source());
    assert.strictEqual(tree?.rootNode.hasError, false);
  });
});
