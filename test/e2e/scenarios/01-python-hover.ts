import { expectContains, Scenario } from '../support/scenario';

/** (a) Hovering the literal 429 in a Python client explains it. */
export const scenario: Scenario = {
  name: '01-python-hover',
  title: 'Python: hover over `r.status_code == 429` shows 429 Too Many Requests',
  async run({ wb }) {
    await wb.openFile('python/billing_client.py');
    await wb.screenshot('python-file-open');
    const text = await wb.hoverToken('429', { expect: 'Too Many Requests' });
    await wb.screenshot('hover-429');
    expectContains(text, '429', 'hover text');
    expectContains(text, 'Too Many Requests', 'hover text');
  },
};
