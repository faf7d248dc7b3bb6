import { assert, expectContains, Scenario } from '../support/scenario';
import { poll } from '../support/workbench';

const FILE = 'rust/quotes.rs';

/**
 * Rust (#19) in real VS Code: a .rs file (VS Code's own `rust` language id, no Rust extension installed) is analysed.
 * Hovering the 503 in `response.status().as_u16() == 503` explains it; the 503 returned as final gets a warning and
 * the reqwest retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario: Scenario = {
  name: '10-rust-hover-quick-fix',
  title: 'Rust: hover over `as_u16() == 503`, then the reqwest retry quick fix applied and saved',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(FILE);
    const before = wb.readFile(FILE);
    await wb.openFile(FILE);
    await wb.screenshot('rust-file-open');
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
    expectContains(after, 'async fn send_with_retry<F>(', 'the saved file (helper inserted)');
    expectContains(after, 'let response = send_with_retry(|| client.get(url.clone()).timeout(Duration::from_secs(5))).await', 'the saved file (request rewritten)');
    expectContains(after, 'use std::time::{SystemTime, UNIX_EPOCH};', 'the saved file (imports merged by name)');
    assert(!/client\.get\(url\)\.timeout/.test(after), 'the original call is still there');
    await poll('the warning squiggle to clear', async () => ((await wb.squiggleCount('warning')) === 0 ? true : undefined), 20_000);
    await wb.screenshot('warning-cleared');
    resetWorkspace(FILE);
  },
};
