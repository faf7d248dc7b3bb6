import { strict as assert } from 'node:assert';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { applyEdits } from '../../server/src/service/fixes/text';
import { normalizeSettings } from '../../server/src/service/settings';

/**
 * superagent imported under another name (`request`), next to axios in the same file: its verbs are superagent
 * requests (not axios ones), bounded only by `.timeout(…)` in their chain; the fix adds a deadline to the chain.
 */
const SOURCE = [
  "import request from 'superagent';",
  "import axios from 'axios';",
  '',
  "const wiki = axios.create({ baseURL: 'https://wiki.example.org', timeout: 8000 });",
  '',
  'export async function listBoards(token: string) {',
  "  const boards = await request.get('https://boards.example.org/v2/boards').set('Authorization', `Bearer ${token}`);",
  '  return boards.body;',
  '}',
  '',
  'export async function archiveBoard(token: string, id: string) {',
  '  const res = await request',
  '    .post(`https://boards.example.org/v2/boards/${id}/archive`)',
  "    .set('Authorization', `Bearer ${token}`)",
  '    .timeout(15000);',
  '  return res.status;',
  '}',
  '',
  'export async function pageTitle(slug: string) {',
  '  const page = await wiki.get(`/pages/${slug}`);',
  '  return page.data.title;',
  '}',
  '',
].join('\n');

async function open(text: string): Promise<{ service: ErrorCodeLanguageService; uri: string }> {
  const service = new ErrorCodeLanguageService({ settings: normalizeSettings({ requestTimeoutSeconds: 10 }) });
  const uri = `file:///unit/superagent-${Math.random().toString(36).slice(2)}.ts`;
  await service.open({ uri, languageId: 'typescript', version: 1, text });
  return { service, uri };
}

describe('superagent requests', () => {
  it('reports the chain without .timeout(), leaves the bounded one and the axios instance alone, and fixes it on the chain', async () => {
    const { service, uri } = await open(SOURCE);
    const found = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
    assert.deepEqual(found.map((f) => f.range.start.line), [6], 'only listBoards waits for ever');
    assert.match(found[0].message, /superagent/);
    const action = service.codeActions(uri, found[0].range, found).find((a) => a.fixes?.includes('request-without-timeout'));
    assert.ok(action, 'a quick fix sets the timeout');
    const fixed = applyEdits(SOURCE, action.edits);
    assert.match(fixed, /request\.get\('https:\/\/boards\.example\.org\/v2\/boards'\)\.timeout\(10000\)\.set\(/);
    service.close(uri);
    const again = await open(fixed);
    assert.deepEqual(again.service.diagnostics(again.uri).filter((f) => f.rule === 'request-without-timeout'), []);
    again.service.close(again.uri);
  });

  it('is silent when the request kept in a variable is given a timeout later', async () => {
    const text = SOURCE.replace(
      "  const boards = await request.get('https://boards.example.org/v2/boards').set('Authorization', `Bearer ${token}`);",
      "  const pending = request.get('https://boards.example.org/v2/boards');\n  pending.timeout({ response: 5000, deadline: 20000 });\n  const boards = await pending;",
    );
    const { service, uri } = await open(text);
    assert.deepEqual(service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout'), []);
    service.close(uri);
  });

  it('reads nothing into a `request` that is not superagent', async () => {
    const { service, uri } = await open(SOURCE.replace("import request from 'superagent';", "import request from './boardsClient';"));
    assert.deepEqual(service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout' && /superagent/.test(f.message)), []);
    service.close(uri);
  });
});
