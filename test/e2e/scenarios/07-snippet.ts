import * as fs from 'fs';
import * as path from 'path';
import { expectContains, Scenario } from '../support/scenario';

const FILE = 'python/scratch_retry.py';

/** Typing the snippet prefix `retry-requests` in a Python file and accepting the suggestion inserts the helper. */
export const scenario: Scenario = {
  name: '07-snippet',
  title: 'Snippet: `retry-requests` expands into retry handling in Python',
  async run({ wb, log, workspaceDir }) {
    wb.writeFile(FILE, '');
    await wb.openFile(FILE);
    await wb.typeText('retry-requests');
    // Trigger suggestions explicitly, wait for our snippet row, accept it.
    await wb.press('Control+Space');
    const row = wb.page.locator('.suggest-widget:visible .monaco-list-row', { hasText: 'retry-requests' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('suggestion');
    await wb.press('Enter');
    await wb.press('Escape');
    await wb.save();
    const text = await wb.waitForFileOnDisk(FILE, (t) => t.includes('RETRYABLE_STATUSES'));
    await wb.screenshot('expanded');
    log(`snippet inserted ${text.split('\n').length} lines`);
    expectContains(text, '429', 'expanded snippet');
    // Leave the workspace as the fixture has it (later scenarios count occurrences of 429).
    await wb.closeAllEditors();
    fs.rmSync(path.join(workspaceDir, FILE), { force: true });
  },
};
