import { assert, expectContains, Scenario } from '../support/scenario';
import { poll } from '../support/workbench';

const FILE = 'python/billing_client.py';

/**
 * `if r.status_code == 429: raise ...` treats a retryable failure as final: a warning squiggle, a row in the
 * Problems panel, and a quick fix whose edit is saved and read back from disk.
 */
export const scenario: Scenario = {
  name: '05-diagnostic-quick-fix',
  title: 'Python: 429 raised as final -> warning squiggle, Problems row, quick fix applied and saved',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const before = wb.readFile(FILE);
    await wb.openFile(FILE);
    const n = await wb.waitForSquiggle('warning');
    log(`${n} warning squiggle(s)`);
    await wb.screenshot('squiggle');

    const problems = await wb.problemsPanelText();
    await wb.screenshot('problems-panel');
    log(`problems: ${problems.split('\n')[0]}`);
    expectContains(problems, '429', 'Problems panel');

    await wb.clickToken('429');
    const fix = await wb.quickFix({ screenshot: 'quick-fix-menu' });
    await wb.screenshot('quick-fix-applied');
    log(`quick fixes: ${fix.rows.join(' | ')}; applied: ${fix.applied}`);
    assert(fix.rows.length > 0, 'no quick fix offered');
    await wb.save();
    const after = await wb.waitForFileOnDisk(FILE, (t) => t !== before);
    assert(after.length > before.length, 'the quick fix did not add anything to the file');
    expectContains(after, 'def request_with_retry(', 'the saved file (helper inserted)');
    expectContains(after, 'r = request_with_retry(', 'the saved file (request rewritten)');
    // The warning the fix was offered for goes away once the server re-analyses the fixed file.
    await poll('the warning squiggle to clear', async () => ((await wb.squiggleCount('warning')) === 0 ? true : undefined), 20_000);
    await wb.screenshot('warning-cleared');
    const diff = after.split('\n').filter((l) => !before.split('\n').includes(l));
    log(`added ${diff.length} line(s), e.g. ${JSON.stringify(diff.slice(0, 3))}`);
    resetWorkspace(FILE);
  },
};
