/**
 * retry-delay-unit's quick fix proven by running it: the loopback server answers 429 with `Retry-After: 1`, then
 * 200. The flawed program waits 1 ms (seconds given to a milliseconds wait) and is refused-then-served almost at
 * once; with the fix applied it comes back after the second the server asked for.
 *
 *   npx mocha --import=tsx 'test/exec/delay-unit-execution.test.ts' --timeout 60000
 */
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import type { LanguageId } from '../../server/src/service/types';
import { applyPreferredFix, fixture, writeProgram } from './fixes-support';
import type { Prepared } from './programs';
import { PYTHON, outcome, pythonModuleMissing, run } from './runners';
import { startScriptedServer, type ScriptedServer } from './scriptedServer';

const loud = (line: string) => console.log(`\n  ******** ${line} ********\n`);

interface UnitCase {
  languageId: LanguageId;
  dir: string;
  file: string;
  unavailable(): Promise<string | undefined>;
  prepare(dir: string, source: string): Prepared;
}

const CASES: UnitCase[] = [
  {
    languageId: 'javascript', dir: 'javascript', file: 'retry_after_unit.mjs',
    unavailable: async () => (typeof fetch === 'function' ? undefined : 'global fetch missing (Node < 18)'),
    prepare: (dir, source) => ({ command: process.execPath, args: [writeProgram(dir, 'program.mjs', source)] }),
  },
  {
    languageId: 'python', dir: 'python', file: 'retry_after_unit.py',
    unavailable: () => pythonModuleMissing('requests', 'python3-requests'),
    prepare: (dir, source) => ({ command: PYTHON, args: [writeProgram(dir, 'program.py', source)] }),
  },
];

describe('retry-delay-unit fix, proven against a server asking for one second', function () {
  this.timeout(120_000);
  let server: ScriptedServer;
  before(async () => (server = await startScriptedServer()));
  after(async () => server.close());

  for (const c of CASES) {
    it(`${c.languageId}: the flawed program comes back at once, the fixed one after Retry-After`, async function () {
      const reason = await c.unavailable();
      if (reason) {
        loud(`NOT RUN, NOT COUNTED: ${c.languageId} delay-unit fix (${reason})`);
        this.skip();
      }
      const flawed = fixture(c.dir, c.file);
      const { fixed } = await applyPreferredFix(c.languageId, flawed, 'retry-delay-unit');
      const work = path.join(os.tmpdir(), `eci-delay-unit-${process.pid}`, c.dir);
      const gap = async (label: string, source: string): Promise<number> => {
        const program = c.prepare(path.join(work, label), source);
        const route = `/${c.languageId}-${label}/429-retry-after-seconds`;
        const result = await run(program.command, [...program.args, server.baseUrl + route], { timeoutMs: 30_000 });
        assert.deepStrictEqual(outcome(result), { status: 200 }, `${label}: ${result.stdout}${result.stderr}`);
        const seen = server.requests(route);
        assert.strictEqual(seen.length, 2, `${label}: one refusal, one retry`);
        return seen[1].time - seen[0].time;
      };
      const before = await gap('flawed', flawed);
      const after = await gap('fixed', fixed);
      assert.ok(before < 500, `the flawed program retried after ${before.toFixed(0)} ms, not at once`);
      assert.ok(after >= 950, `the fixed program retried after ${after.toFixed(0)} ms, before the second the server asked for`);
    });
  }
});
