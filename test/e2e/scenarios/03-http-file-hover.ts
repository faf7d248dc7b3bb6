import { expectContains, Scenario } from '../support/scenario';

/** (c) In a .http file, hovering the status of a response line explains it. */
export const scenario: Scenario = {
  name: '03-http-file-hover',
  title: '.http: hover over the status in `HTTP/1.1 429 Too Many Requests`',
  async run({ wb }) {
    await wb.openFile('api/billing.http');
    await wb.screenshot('http-file-open');
    // The status line is the second "429" in the file (the first is in a comment).
    const text = await wb.hoverToken('429', { expect: 'Too Many Requests', occurrence: 1 });
    await wb.screenshot('hover-status');
    expectContains(text, 'Too Many Requests', 'hover text');
  },
};
