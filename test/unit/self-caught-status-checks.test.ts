import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';

/**
 * A helper of another file whose success check sits in a try that takes the status error and does not raise again
 * (`try: r.raise_for_status() … except HTTPError: print(…); return None`) keeps the failure to itself: a call to it is
 * no give-up (server/src/service/workspace/failingFunctions.ts). Default settings: the helpers are reads, which the
 * helper's own file does not report, so only the workspace summary speaks for them.
 */
describe('workspace: a helper that catches its own status error', function () {
  this.timeout(30_000);
  it('reports the call of the helper that lets the error out, not the one that keeps it', async () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'workspace', 'python', 'self_caught');
    const service = new ErrorCodeLanguageService();
    const uris: string[] = [];
    for (const name of ['inventory.py', 'restock.py']) {
      const file = path.join(dir, name);
      const uri = pathToFileURL(file).toString();
      uris.push(uri);
      await service.open({ uri, languageId: 'python', version: 1, text: fs.readFileSync(file, 'utf8') });
    }
    for (const uri of uris) service.indexDocument(uri);
    const lines = service.diagnostics(uris[1]).filter((d) => d.rule === 'no-retry-on-request').map((d) => d.range.start.line + 1);
    assert.deepEqual(lines, [14]);
  });
});
