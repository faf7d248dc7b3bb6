import { assert, Scenario } from '../support/scenario';

/** (d) The command palette lists the extension's commands under its category. */
export const scenario: Scenario = {
  name: '04-command-palette',
  title: 'Command palette lists "Error Code Insight:" commands',
  async run({ wb, log }) {
    const labels = await wb.listCommands('Error Code Insight:', { keepOpen: true });
    await wb.screenshot('palette');
    await wb.press('Escape');
    const ours = labels.filter((l) => l.startsWith('Error Code Insight:'));
    log(`commands: ${ours.join(' | ')}`);
    assert(ours.length > 0, `no "Error Code Insight:" command in the palette; entries: ${JSON.stringify(labels)}`);
  },
};
