import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

/**
 * A request to a path relative to the page (`axios.post('/api/datasets', …)`, `fetch('/api/items/' + id)`) can only
 * run in a browser — on a server Node's fetch and axios reject it — so request-without-timeout and no-retry-on-request,
 * which speak for services and workers, stay silent there. An absolute URL, or an axios instance (which may carry a
 * baseURL for a server), is judged as before.
 */
const GATEWAY = `import axios from 'axios';

export class Gateway {
  async createItem(item: Item): Promise<Item> {
    const response = await axios.post('/api/items', item);
    if (response.status !== 201) throw new Error('not created');
    return response.data;
  }

  async renameItem(id: string, name: string): Promise<void> {
    const response = await axios.put('/api/items/' + id, { name });
    if (response.status !== 200) throw new Error('not renamed');
  }
}
`;

const rules = async (text: string) => (await diagnosticsOf('typescript', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);

describe('front-end code known by its page-relative URLs', () => {
  it('stays silent on requests to a path of the page, built on or not', async () => {
    const found = await rules(GATEWAY);
    assert.ok(!found.some((f) => /request-without-timeout|no-retry-on-request/.test(f)), found.join('\n'));
  });

  it('reads a CommonJS module, or one giving the axios module a base URL, as server code', async () => {
    const cjs = `${GATEWAY}module.exports = { Gateway };\n`;
    assert.ok((await rules(cjs)).includes('5 request-without-timeout'));
    const based = GATEWAY.replace("import axios from 'axios';", "import axios from 'axios';\naxios.defaults.baseURL = 'https://api.example.com';");
    assert.ok((await rules(based)).includes('6 request-without-timeout'));
  });

  it('still speaks for an absolute URL', async () => {
    const found = await rules(GATEWAY.replace("'/api/items'", "'https://api.example.com/items'"));
    assert.ok(found.includes('5 request-without-timeout'), found.join('\n'));
  });
});
