/**
 * request-without-timeout's quick fix proven by running it: a loopback server accepts each connection and
 * never answers. The flawed program is still waiting when the test gives up on it (the finding is real);
 * with the fix applied (`requestTimeoutSeconds: 1`) the same program gives up by itself within a few seconds.
 *
 *   bash scripts/setup-exec.sh && npx mocha --import=tsx 'test/exec/timeout-execution.test.ts' --timeout 120000
 */
import * as assert from 'assert';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { applyEdits } from '../../server/src/service/fixes/text';
import { normalizeSettings } from '../../server/src/service/settings';
import type { LanguageId } from '../../server/src/service/types';
import { buildGoProgram, fixture, writeProgram } from './fixes-support';
import type { Prepared } from './programs';
import { PYTHON, pythonModuleMissing, run, unavailableReason } from './runners';

const loud = (line: string) => console.log(`\n  ******** ${line} ********\n`);
/** How long the flawed program is watched: it must still be waiting then. */
const HANG_MS = 4_000;
/** The fixed program (1 s timeout) must have given up within this, start-up (a JVM compiling the source) included. */
const GIVE_UP_MS = 15_000;

interface TimeoutCase {
  languageId: LanguageId;
  dir: string;
  file: string;
  unavailable(): Promise<string | undefined>;
  prepare(dir: string, source: string): Promise<Prepared>;
}

const CASES: TimeoutCase[] = [
  {
    languageId: 'python', dir: 'python', file: 'stalled_feed.py',
    unavailable: () => pythonModuleMissing('requests', 'python3-requests'),
    prepare: async (dir, source) => ({ command: PYTHON, args: [writeProgram(dir, 'program.py', source)] }),
  },
  {
    languageId: 'go', dir: 'go', file: 'stalled_feed.go',
    unavailable: () => unavailableReason('go', ['version'], 'Go toolchain (Debian golang-go)'),
    prepare: (dir, source) => buildGoProgram(dir, source),
  },
  {
    languageId: 'java', dir: 'java', file: 'StalledFeed.java',
    unavailable: () => unavailableReason('java', ['-version'], 'Java 11+ (Debian openjdk-17)'),
    prepare: async (dir, source) => ({ command: 'java', args: [writeProgram(dir, 'StalledFeed.java', source)] }),
  },
];

/** Accepts connections on 127.0.0.1 and never writes a byte; closing destroys every socket it holds. */
async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

async function fixWithOneSecond(languageId: LanguageId, text: string): Promise<string> {
  const service = new ErrorCodeLanguageService({ settings: normalizeSettings({ requestTimeoutSeconds: 1 }) });
  const uri = `file:///exec/timeouts/program.${languageId}`;
  await service.open({ uri, languageId, version: 1, text });
  try {
    const targets = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
    assert.ok(targets.length > 0, 'request-without-timeout is reported on the flawed program');
    const action = service.codeActions(uri, targets[0].range, targets).find((a) => a.fixes?.includes('request-without-timeout'));
    assert.ok(action, 'a quick fix sets the timeout');
    return applyEdits(text, action.edits);
  } finally {
    service.close(uri);
  }
}

describe('request-without-timeout fix, proven against a server that never answers', function () {
  this.timeout(240_000);
  let server: Awaited<ReturnType<typeof startSilentServer>>;
  before(async () => (server = await startSilentServer()));
  after(async () => server.close());

  for (const c of CASES) {
    it(`${c.languageId}: the flawed program waits; the fixed one gives up by itself`, async function () {
      const reason = await c.unavailable();
      if (reason) {
        loud(`NOT RUN, NOT COUNTED: ${c.languageId} timeout fix (${reason})`);
        this.skip();
      }
      const flawed = fixture(c.dir, c.file);
      const fixed = await fixWithOneSecond(c.languageId, flawed);
      assert.notStrictEqual(fixed, flawed);
      const work = path.join(os.tmpdir(), `eci-timeouts-${process.pid}`, c.dir);
      const before = await c.prepare(path.join(work, 'flawed'), flawed);
      const hung = await run(before.command, [...before.args, server.url], { timeoutMs: HANG_MS });
      assert.ok(hung.timedOut, `the flawed program was expected to wait for ever, but ended: ${hung.stdout}${hung.stderr}`);
      const after = await c.prepare(path.join(work, 'fixed'), fixed);
      const started = Date.now();
      const done = await run(after.command, [...after.args, server.url], { timeoutMs: GIVE_UP_MS + 20_000 });
      const took = Date.now() - started;
      assert.ok(!done.timedOut, 'the fixed program ended');
      assert.match(done.stdout, /^ERROR /m, `the fixed program reports its timeout: ${done.stdout}${done.stderr}`);
      assert.ok(took < GIVE_UP_MS, `gave up after ${took} ms`);
    });
  }
});
