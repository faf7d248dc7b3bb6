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

/**
 * A single-page app's API module: an axios client whose base URL is a path of the page (`baseURL: '/backend/v2'`)
 * sends every request to the page's own origin, so it runs in a browser however the file is named.
 */
describe('front-end clients built on a page-relative base URL', () => {
  const MODULE = `import axios from 'axios';
import session from '@/session';

const http = axios.create({
  baseURL: '/backend/v2',
});

http.interceptors.request.use((config) => {
  config.headers.Authorization = 'Bearer ' + session.token();
  return config;
});

export default http;
`;

  it('does not ask the client of a page-relative base for a timeout, also with a template base', async () => {
    assert.deepStrictEqual(await rules(MODULE), []);
    assert.deepStrictEqual(await rules(MODULE.replace("'/backend/v2'", '`/orgs/${session.org()}/api`')), []);
  });

  it('still asks a client of an absolute or protocol-relative base, or one in Node code', async () => {
    assert.deepStrictEqual(await rules(MODULE.replace("'/backend/v2'", "'https://backend.example.org/v2'")), ['4 request-without-timeout']);
    assert.deepStrictEqual(await rules(MODULE.replace("'/backend/v2'", "'//backend.example.org/v2'")), ['4 request-without-timeout']);
    assert.deepStrictEqual(await rules(MODULE.replace("'/backend/v2'", 'process.env.BACKEND_URL')), ['4 request-without-timeout']);
    assert.deepStrictEqual(await rules(`${MODULE}module.exports = http;\n`), ['4 request-without-timeout']);
  });
});
