import { expectContains, Scenario } from '../support/scenario';
import { poll } from '../support/workbench';

const FILE = 'ruby/stock_client.rb';

/**
 * Ruby (#19) in real VS Code: hovering the 503 in `res.code == "503"` explains it; the 503 raised as final gets a
 * warning and the Net::HTTP retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario: Scenario = {
  name: '11-ruby-hover-quick-fix',
  title: 'Ruby: hover over `res.code == "503"`, then the Net::HTTP retry quick fix applied and saved',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const before = wb.readFile(FILE);
    await wb.openFile(FILE);
    await wb.screenshot('ruby-file-open');
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
    expectContains(after, 'def request_with_retry(', 'the saved file (helper inserted)');
    expectContains(after, "request_with_retry(http, Net::HTTP::Get.new(uri))", 'the saved file (request rewritten)');
    await poll('the warning squiggle to clear', async () => ((await wb.squiggleCount('warning')) === 0 ? true : undefined), 20_000);
    await wb.screenshot('warning-cleared');
    resetWorkspace(FILE);
  },
};
