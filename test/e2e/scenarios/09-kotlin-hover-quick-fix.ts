import { assert, expectContains, Scenario } from '../support/scenario';
import { poll } from '../support/workbench';

const FILE = 'kotlin/OrderClient.kt';

/**
 * Kotlin (#19) in real VS Code: a .kt file is analysed with no Kotlin extension installed (the extension contributes
 * the `kotlin` language id). Hovering the 503 in `response.code == 503` explains it; the 503 thrown as final gets a
 * warning and the OkHttp retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario: Scenario = {
  name: '09-kotlin-hover-quick-fix',
  title: 'Kotlin: hover over `response.code == 503`, then the OkHttp retry quick fix applied and saved',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const before = wb.readFile(FILE);
    await wb.openFile(FILE);
    await wb.screenshot('kotlin-file-open');
    const hover = await wb.hoverToken('503', { expect: 'Service Unavailable' });
    await wb.screenshot('hover-503');
    expectContains(hover, '503', 'hover text');
    expectContains(hover, 'Service Unavailable', 'hover text');

    const n = await wb.waitForSquiggle('warning');
    log(`${n} warning squiggle(s)`);
    await wb.clickToken('503');
    const fix = await wb.quickFix({ pick: /Retry with backoff/, screenshot: 'quick-fix-menu' });
    await wb.screenshot('quick-fix-applied');
    log(`quick fixes: ${fix.rows.join(' | ')}; applied: ${fix.applied}`);
    await wb.save();
    const after = await wb.waitForFileOnDisk(FILE, (t) => t !== before);
    expectContains(after, 'fun executeWithRetry(', 'the saved file (helper inserted)');
    expectContains(after, 'val response = executeWithRetry(client, request)', 'the saved file (request rewritten)');
    expectContains(after, 'import java.time.ZonedDateTime', 'the saved file (imports merged)');
    assert(!/client\.newCall\(request\)\.execute\(\)\n\s+if \(response\.code == 503\)/.test(after), 'the original call is still there');
    await poll('the warning squiggle to clear', async () => ((await wb.squiggleCount('warning')) === 0 ? true : undefined), 20_000);
    await wb.screenshot('warning-cleared');
    resetWorkspace(FILE);
  },
};
