import * as assert from 'assert';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';

/** An error handed back to a reconciling framework is retried by it (reconcilerContext.ts). */
const PROVIDER = (imports: string, giveUp: string) => [
  'package dnsprovider',
  '',
  'import (',
  '\t"bytes"',
  '\t"fmt"',
  '\t"net/http"',
  '\t"time"',
  imports,
  ')',
  '',
  'var client = &http.Client{Timeout: 10 * time.Second}',
  '',
  'func createRecord(url string, body []byte) error {',
  '\tresp, err := client.Post(url, "application/json", bytes.NewReader(body))',
  '\tif err != nil {',
  '\t\treturn err',
  '\t}',
  '\tdefer resp.Body.Close()',
  '\tif resp.StatusCode != http.StatusOK {',
  giveUp,
  '\t}',
  '\treturn nil',
  '}',
  '',
].join('\n');

const RETURNS = '\t\treturn fmt.Errorf("create record: status %d", resp.StatusCode)';

async function rules(text: string): Promise<string[]> {
  const service = new ErrorCodeLanguageService();
  const uri = 'file:///w/dns/provider.go';
  await service.open({ uri, languageId: 'go', version: 1, text });
  return service.diagnostics(uri).map((d) => d.rule);
}

describe('diagnostics: code a reconciling framework calls again', function () {
  this.timeout(30_000);

  it('reports a write that fails with an error in an ordinary package', async () => {
    assert.deepEqual(await rules(PROVIDER('', RETURNS)), ['no-retry-on-request']);
  });

  it('says nothing when the error goes back to external-dns, which syncs again', async () => {
    assert.deepEqual(await rules(PROVIDER('\t"sigs.k8s.io/external-dns/provider"', RETURNS)), []);
  });

  it('says nothing when the error goes back to a controller-runtime reconciler', async () => {
    assert.deepEqual(await rules(PROVIDER('\tctrl "sigs.k8s.io/controller-runtime"', RETURNS)), []);
  });
});
