import { expectContains, Scenario } from '../support/scenario';
import { poll } from '../support/workbench';

const FILE = 'php/StockClient.php';

/**
 * PHP (#19) in real VS Code: hovering the 503 in `$response->getStatusCode() == 503` explains it; the 503 thrown as
 * final gets a warning and the Guzzle retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario: Scenario = {
  name: '12-php-hover-quick-fix',
  title: 'PHP: hover over `getStatusCode() == 503`, then the Guzzle retry quick fix applied and saved',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const before = wb.readFile(FILE);
    await wb.openFile(FILE);
    await wb.screenshot('php-file-open');
    const hover = await wb.hoverToken('503', { expect: 'Service Unavailable' });
    await wb.screenshot('hover-503');
    expectContains(hover, 'Service Unavailable', 'hover text');

    const n = await wb.waitForSquiggle('warning');
    log(`${n} warning squiggle(s)`);
    await wb.clickToken('503');
    const fix = await wb.quickFix({ pick: /Retry with backoff/, screenshot: 'quick-fix-menu' });
    await wb.screenshot('quick-fix-applied');
    log(`quick fixes: ${fix.rows.join(' | ')}; applied: ${fix.applied}`);
    await wb.save();
    const after = await wb.waitForFileOnDisk(FILE, (t) => t !== before);
    expectContains(after, 'function requestWithRetry(', 'the saved file (helper inserted)');
    expectContains(after, "$response = requestWithRetry($client, 'GET', $url", 'the saved file (request rewritten)');
    await poll('the warning squiggle to clear', async () => ((await wb.squiggleCount('warning')) === 0 ? true : undefined), 20_000);
    await wb.screenshot('warning-cleared');
    resetWorkspace(FILE);
  },
};
