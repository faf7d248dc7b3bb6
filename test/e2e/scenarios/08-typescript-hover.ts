import { expectContains, Scenario } from '../support/scenario';

/** TypeScript: a numeric status and an error-code string both explain themselves, and the check is flagged. */
export const scenario: Scenario = {
  name: '08-typescript-hover',
  title: 'TypeScript: hover over `res.status === 503` and `err.code === \'ECONNRESET\'`',
  async run({ wb }) {
    await wb.openFile('web/orders.ts');
    await wb.waitForSquiggle('warning');
    await wb.screenshot('typescript-file-open');
    const status = await wb.hoverToken('503', { expect: 'Service Unavailable' });
    expectContains(status, 'Retryable', 'hover on 503');
    await wb.screenshot('hover-503');
    const code = await wb.hoverToken('ECONNRESET', { expect: 'Connection reset' });
    expectContains(code, 'Node.js', 'hover on ECONNRESET names its catalog');
    await wb.screenshot('hover-econnreset');
  },
};
