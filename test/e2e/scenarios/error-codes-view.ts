import { poll } from '../support/workbench';
import { assert, expectContains, Scenario } from '../support/scenario';

const VIEW_PANE = '.pane:has(.pane-header[aria-label^="Error Codes"])';

/**
 * (e) The Error Codes view: run "Scan Workspace", open the view in the Explorer, expand
 * `429 Too Many Requests`, click its place in python/billing_client.py and land on that line.
 */
export const scenario: Scenario = {
  name: 'error-codes-view',
  title: 'Error Codes view: scan, expand 429, click through to the file',
  timeoutMs: 150_000,
  async run({ wb, page, log }) {
    // In a window that has just loaded, the palette may not list the extension's commands yet.
    await poll(
      'the Scan Workspace command in the palette',
      async () => ((await wb.listCommands('Error Code Insight: Scan Workspace')).some((l) => l.includes('Scan Workspace')) ? true : undefined),
      60_000,
      1000,
    );
    await wb.runCommand('Error Code Insight: Scan Workspace');
    await wb.screenshot('scan-started');

    await wb.runCommand('Explorer: Focus on Error Codes View').catch(async () => {
      await page.locator('.pane-header[aria-label^="Error Codes"]').first().click({ timeout: 10_000 });
    });
    const header = page.locator(`${VIEW_PANE} .pane-header`).first();
    await header.waitFor({ state: 'visible', timeout: 20_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();

    const group = page.locator(`${VIEW_PANE} .monaco-list-row`, { hasText: '429 Too Many Requests' }).first();
    await group.waitFor({ state: 'visible', timeout: 60_000 });
    const groupText = (await group.innerText()).replace(/\u00a0/g, ' ');
    log(`group row: ${groupText.replace(/\n/g, ' ')}`);
    expectContains(groupText, /places?/, '429 group row');
    await wb.screenshot('view-after-scan');

    if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
    const place = page.locator(`${VIEW_PANE} .monaco-list-row`, { hasText: 'billing_client.py:' }).first();
    await place.waitFor({ state: 'visible', timeout: 15_000 });
    const placeText = (await place.innerText()).replace(/\u00a0/g, ' ');
    expectContains(placeText, 'status_code == 429', 'place row');
    await wb.screenshot('group-expanded');

    await place.click();
    await page.locator('.tabs-container .tab.active[aria-label^="billing_client.py"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    const selected = await poll(
      'the 429 line to be selected in the editor',
      async () => {
        const selection = page.locator('.editor-instance .monaco-editor .selected-text').first();
        return (await selection.count()) > 0 ? true : undefined;
      },
      10_000,
    ).catch(() => false);
    const text = await wb.editorText();
    expectContains(text, 'r.status_code == 429', 'editor opened from the view');
    assert(selected, 'clicking the place did not select the code in the editor');
    await wb.screenshot('opened-at-place');
  },
};
