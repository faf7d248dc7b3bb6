import { strict as assert } from 'node:assert';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { applyEdits } from '../../server/src/service/fixes/text';
import { normalizeSettings } from '../../server/src/service/settings';

/** request-without-timeout on node-fetch: reported without a signal or timeout, fixed with a signal, then silent. */
const SOURCE = [
  "import fetch from 'node-fetch';",
  '',
  'export async function exportReport(url: string) {',
  '  return fetch(url);',
  '}',
  '',
  'export async function pushEvent(url: string, event: object) {',
  "  return fetch(url, { method: 'POST', body: JSON.stringify(event) });",
  '}',
  '',
].join('\n');

async function findingsOf(text: string): Promise<{ service: ErrorCodeLanguageService; uri: string }> {
  const service = new ErrorCodeLanguageService({ settings: normalizeSettings({ requestTimeoutSeconds: 20 }) });
  const uri = `file:///unit/node-fetch-${Math.random().toString(36).slice(2)}.ts`;
  await service.open({ uri, languageId: 'typescript', version: 1, text });
  return { service, uri };
}

describe('node-fetch timeouts', () => {
  it('reports both calls and fixes each with a signal in node-fetch\'s own options', async () => {
    let text = SOURCE;
    for (let round = 0; round < 2; round++) {
      const { service, uri } = await findingsOf(text);
      const targets = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
      assert.equal(targets.length, 2 - round, `round ${round}: one finding per unbounded call`);
      const action = service.codeActions(uri, targets[0].range, targets).find((a) => a.fixes?.includes('request-without-timeout'));
      assert.ok(action, 'a quick fix sets the timeout');
      text = applyEdits(text, action.edits);
      service.close(uri);
    }
    assert.match(text, /fetch\(url, \{ signal: AbortSignal\.timeout\(20000\) \}\)/);
    assert.match(text, /fetch\(url, \{ signal: AbortSignal\.timeout\(20000\), method: 'POST'/);
    const { service, uri } = await findingsOf(text);
    assert.deepEqual(service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout'), []);
    service.close(uri);
  });

  it('stays silent for the platform fetch (undici bounds it)', async () => {
    const { service, uri } = await findingsOf(SOURCE.replace("import fetch from 'node-fetch';", ''));
    assert.deepEqual(service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout'), []);
    service.close(uri);
  });
});
