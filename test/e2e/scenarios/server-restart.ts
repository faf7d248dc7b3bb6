import * as fs from 'fs';
import * as path from 'path';
import { delay, descendants, isAlive, listProcesses } from '../support/proc';
import { assert, expectContains, Scenario } from '../support/scenario';

const FILE = 'python/billing_client.py';
const EDIT = '# unsaved edit made before the crash\n';

/** PIDs of our language server under code-server's process tree (node ... out/server/main.js). */
function serverPids(root: number): number[] {
  const procs = listProcesses();
  const mine = new Set(descendants(root, procs));
  return procs.filter((p) => mine.has(p.pid) && p.cmdline.includes(path.join('out', 'server', 'main.js'))).map((p) => p.pid);
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(100);
  }
}

/**
 * (e) The client restarts a crashed language server: open a flawed file, see its squiggle, make an unsaved edit,
 * SIGKILL the server process, and check that a new server comes up, diagnostics and hovers come back, and the
 * user's text (with the unsaved edit) is intact: saving writes exactly it.
 */
export const scenario: Scenario = {
  name: 'server-restart',
  title: 'A crashed language server is restarted; squiggles come back; the unsaved edit survives and saves intact',
  timeoutMs: 150_000,
  async run({ wb, codeServer, workspaceDir, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const original = fs.readFileSync(path.join(workspaceDir, FILE), 'utf8');
    try {
      await wb.openFile(FILE);
      const before = await wb.waitForSquiggle('warning', 45_000);
      log(`${before} warning squiggle(s) before the crash`);
      await wb.screenshot('squiggle-before-crash');

      // An unsaved edit: the crash must not lose it.
      await wb.press('Control+Home');
      await wb.typeText(EDIT);
      await delay(500);

      const root = codeServer.child.pid;
      assert(root !== undefined, 'code-server has no pid');
      const [victim, ...others] = await waitFor('the language server process', () => {
        const pids = serverPids(root);
        return pids.length > 0 ? pids : undefined;
      }, 30_000);
      assert(others.length === 0, `more than one language server process: ${[victim, ...others].join(', ')}`);
      log(`killing language server pid ${victim} (SIGKILL)`);
      process.kill(victim, 'SIGKILL');
      await waitFor(`pid ${victim} to end`, () => (isAlive(victim) ? undefined : true), 10_000);

      // vscode-languageclient restarts a crashed server (up to 4 restarts in 3 minutes by default).
      const restarted = await waitFor('a new language server process', () => serverPids(root).find((p) => p !== victim), 45_000);
      log(`new language server pid ${restarted}`);
      // The client drops the old server's diagnostics on restart; the new server publishes them again. The clear
      // may be too brief to see, so after 5 s a squiggle counts even if no empty moment was observed.
      let sawCleared = false;
      let after = 0;
      const settle = Date.now() + 5_000;
      const deadline = Date.now() + 45_000;
      for (;;) {
        after = await wb.squiggleCount('warning');
        if (after === 0) sawCleared = true;
        if ((after > 0 && (sawCleared || Date.now() > settle)) || Date.now() > deadline) break;
        await delay(200);
      }
      assert(after > 0, 'no warning squiggle came back after the restart');
      log(`${after} warning squiggle(s) after the restart${sawCleared ? ' (cleared in between)' : ''}`);
      await wb.screenshot('squiggle-after-restart');
      // Hovers come only from a live server: the new one answers.
      const hover = await wb.hoverToken('429', { expect: 'Too Many Requests', timeoutMs: 30_000 });
      expectContains(hover, 'Too Many Requests', 'hover after restart');
      assert(isAlive(restarted), `the restarted server ${restarted} died`);

      // The editor still holds the user's text, unsaved edit included; saving writes exactly that.
      await wb.save();
      const saved = await wb.waitForFileOnDisk(FILE, (t) => t !== original, 10_000);
      assert(saved === EDIT + original, `saved text differs from the edited original:\n${JSON.stringify(saved.slice(0, 200))}`);
      log('saved text equals the original plus the unsaved edit');
    } finally {
      resetWorkspace(FILE);
    }
  },
};
