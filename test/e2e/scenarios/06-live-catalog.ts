import { expectContains, Scenario } from '../support/scenario';

const CATALOG = 'team.errorcodes.json';

/** A workspace catalog edited on disk changes the very next hover over its code in a .http file. */
export const scenario: Scenario = {
  name: '06-live-catalog',
  title: 'Workspace catalog: editing team.errorcodes.json changes the next hover',
  async run({ wb, resetWorkspace, log }) {
    resetWorkspace(CATALOG);
    await wb.openFile('api/billing.http');
    const first = await wb.hoverToken('BILLING_RATE_LIMITED', { expect: 'Billing rate limited' });
    await wb.screenshot('hover-before-edit');
    log(`before: ${first.split('\n')[0]}`);

    const marker = `Edited by the e2e tier ${Date.now()}`;
    const catalog = wb.readFile(CATALOG).replace(
      'The billing API throttled this client; retry after the Retry-After delay.',
      marker,
    );
    wb.writeFile(CATALOG, catalog);
    const second = await wb.hoverToken('BILLING_RATE_LIMITED', { expect: marker, timeoutMs: 30_000 });
    await wb.screenshot('hover-after-edit');
    expectContains(second, marker, 'hover after the catalog edit');
    resetWorkspace(CATALOG);
  },
};
