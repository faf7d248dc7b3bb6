import { expectContains, Scenario } from '../support/scenario';

/** (b) Hovering Go's symbolic constant http.StatusTooManyRequests resolves it to 429. */
export const scenario: Scenario = {
  name: '02-go-constant-hover',
  title: 'Go: hover over `http.StatusTooManyRequests` shows 429',
  async run({ wb }) {
    await wb.openFile('go/inventory.go');
    await wb.screenshot('go-file-open');
    const text = await wb.hoverToken('StatusTooManyRequests', { expect: '429' });
    await wb.screenshot('hover-constant');
    expectContains(text, '429', 'hover text');
  },
};
