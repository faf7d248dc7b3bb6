/**
 * A C# quick fix proven by execution under Mono 6.8: test/fixtures/fixes/csharp/Client.cs calls
 * EnsureSuccessStatusCode on a GET (no-retry-on-request); the preferred fix wraps the call in the inserted
 * HttpRetry helper. Flawed and fixed programs get the same small Main, the helper's C# 8/9 constructs are
 * rewritten for mcs (test/exec/monoProgram.ts lists them), and both run against the loopback server.
 *
 *   bash scripts/setup-exec.sh && npx mocha --import=tsx 'test/exec/fixes-mono-execution.test.ts' --timeout 120000 --exit
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyPreferredFix, fixture } from './fixes-support';
import { buildWithMono, monoDownlevel, monoUnavailable } from './monoProgram';
import type { Prepared } from './programs';
import { outcome, run } from './runners';
import { startScriptedServer, type Scenario, type ScriptedServer } from './scriptedServer';

const EARLY_MS = 250;
const loud = (line: string) => console.log(`\n  ******** ${line} ********\n`);

const MAIN = `
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            Console.WriteLine("STATUS " + new OrdersClient().LoadAsync(args[0]).GetAwaiter().GetResult());
            Exit(0);
        }
        catch (Exception e)
        {
            Console.WriteLine("ERROR " + e.Message);
            Exit(3);
        }
        return 0;
    }

    // Mono 6.8 can hang at shutdown with HttpClient's threads still alive: end explicitly once the outcome is out.
    static void Exit(int code)
    {
        Console.Out.Flush();
        Environment.Exit(code);
    }
}
`;

describe('C# quick fix (retry wrap), proven by execution under Mono', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixes-mono-'));
  const programs: Record<string, Prepared> = {};
  let runs = 0;

  before(async function () {
    this.timeout(240_000);
    server = await startScriptedServer();
    const reason = await monoUnavailable();
    if (reason) return loud(`FIX EXEC (C# under Mono): NOT RUN — ${reason}`);
    const flawed = fixture('csharp', 'Client.cs');
    const { fixed } = await applyPreferredFix('csharp', flawed, 'no-retry-on-request');
    assert.match(fixed, /await HttpRetry\.SendAsync\(client, \(\) => new HttpRequestMessage\(HttpMethod\.Get, url\)\)/);
    const downlevel = monoDownlevel(fixed);
    assert.ok(downlevel.applied.length >= 4, `rewrites applied: ${downlevel.applied.join(', ')}`);
    programs.flawed = await buildWithMono(path.join(workDir, 'flawed'), flawed + MAIN);
    programs.fixed = await buildWithMono(path.join(workDir, 'fixed'), downlevel.text + MAIN);
  });
  after(async () => {
    await server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function exec(ctx: Mocha.Context, name: string, scenario: Scenario) {
    const p = programs[name];
    if (!p) ctx.skip();
    const urlPath = `/mono-${name}-${++runs}/${scenario}`;
    const result = await run(p.command, [...p.args, server.baseUrl + urlPath], { timeoutMs: 30_000 });
    const requests = server.requests(urlPath);
    return { ...outcome(result), stderr: result.stderr, requests, gaps: requests.slice(1).map((r, i) => r.time - requests[i].time) };
  }

  it('flawed: 503 then 200 → one attempt, the 503 is an error', async function () {
    const r = await exec(this, 'flawed', '503-then-200');
    assert.strictEqual(r.requests.length, 1);
    assert.ok(r.error !== undefined, `expected an error, got STATUS ${r.status}`);
  });

  it('fixed: 503 then 200 → retried, 200', async function () {
    const r = await exec(this, 'fixed', '503-then-200');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 2);
  });

  it('fixed: 429 with Retry-After: 1 → waits about a second', async function () {
    const r = await exec(this, 'fixed', '429-retry-after-seconds');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.ok(r.gaps[0] >= 1000 - EARLY_MS && r.gaps[0] < 4000, `gap ${r.gaps[0]?.toFixed(0)} ms`);
  });

  it('fixed: 400 → not retried', async function () {
    const r = await exec(this, 'fixed', '400');
    assert.strictEqual(r.requests.length, 1);
  });

  it('fixed: connection reset then 200 → retried, 200', async function () {
    const r = await exec(this, 'fixed', 'reset-then-200');
    assert.strictEqual(r.status, 200, `${r.error}\n${r.stderr}`);
    assert.strictEqual(r.requests.length, 2);
  });
});
