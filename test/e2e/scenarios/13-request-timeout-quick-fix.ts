import { expectContains, Scenario } from '../support/scenario';
import { poll } from '../support/workbench';

const FILE = 'python/inventory_feed.py';

/**
 * request-without-timeout (#17) in real VS Code: `requests.get(url)` with no timeout gets an information squiggle;
 * "Set a timeout on this request" writes `timeout=30` (the errorCodeInsight.requestTimeoutSeconds default), the
 * file is saved and read back from disk, and the squiggle goes.
 */
export const scenario: Scenario = {
  name: '13-request-timeout-quick-fix',
  title: 'A request with no timeout: information squiggle, then the "Set a timeout" quick fix applied and saved',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const before = wb.readFile(FILE);
    await wb.openFile(FILE);
    const n = await wb.waitForSquiggle('info');
    log(`${n} information squiggle(s)`);
    await wb.screenshot('request-without-timeout');
    await wb.clickToken('requests.get');
    const fix = await wb.quickFix({ pick: /Set a timeout/, screenshot: 'timeout-quick-fix-menu' });
    log(`quick fixes: ${fix.rows.join(' | ')}; applied: ${fix.applied}`);
    await wb.save();
    const after = await wb.waitForFileOnDisk(FILE, (t) => t !== before);
    expectContains(after, 'requests.get(f"{base_url}/inventory", timeout=30)', 'the saved file');
    await poll('the information squiggle to clear', async () => ((await wb.squiggleCount('info')) === 0 ? true : undefined), 20_000);
    await wb.screenshot('timeout-set');
    resetWorkspace(FILE);
  },
};
