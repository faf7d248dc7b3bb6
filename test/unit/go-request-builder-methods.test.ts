import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rules(text: string): Promise<string[]> {
  return (await diagnosticsOf('go', text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);
}

// A Go client whose requests are built by a helper of the file, then sent with `client.Do(req)`.
const client = (helperBody: string[], call: string): string => [
  'package inventory',
  '',
  'import (',
  '\t"context"',
  '\t"fmt"',
  '\t"io"',
  '\t"net/http"',
  ')',
  '',
  'type Store struct {',
  '\tbase   string',
  '\tclient *http.Client',
  '}',
  '',
  'func (s *Store) apiRequest(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {',
  ...helperBody,
  '}',
  '',
  'func (s *Store) Sync(ctx context.Context, sku string) error {',
  `\treq, err := ${call}`,
  '\tif err != nil {',
  '\t\treturn err',
  '\t}',
  '\tresp, err := s.client.Do(req)',
  '\tif err != nil {',
  '\t\treturn err',
  '\t}',
  '\tdefer resp.Body.Close()',
  '\tif resp.StatusCode != http.StatusOK {',
  '\t\treturn fmt.Errorf("sync %s: %s", sku, resp.Status)',
  '\t}',
  '\treturn nil',
  '}',
].join('\n');

const forwardsMethod = ['\treturn http.NewRequestWithContext(ctx, method, s.base+path, body)'];

describe('a Go request built by a function of the file', () => {
  it('takes the method handed to the builder: a GET read is not asked for a retry', async () => {
    const found = await rules(client(forwardsMethod, 's.apiRequest(ctx, http.MethodGet, "/items/"+sku, nil)'));
    assert.ok(!found.some((f) => f.endsWith('no-retry-on-request')), found.join('\n'));
  });

  it('takes a quoted method the same way, and still reports a write given up with no retry', async () => {
    const found = await rules(client(forwardsMethod, 's.apiRequest(ctx, "POST", "/items/"+sku, nil)'));
    assert.ok(found.some((f) => f.endsWith('no-retry-on-request')), found.join('\n'));
  });

  it('takes the method the builder itself always uses when it is handed none', async () => {
    const read = client(['\treturn http.NewRequestWithContext(ctx, http.MethodGet, s.base+path, body)'], 's.apiRequest(ctx, "", "/items/"+sku, nil)');
    assert.ok(!(await rules(read)).some((f) => f.endsWith('no-retry-on-request')));
  });

  it('keeps a method it cannot tell unknown (two methods handed) and reads the request as a possible write', async () => {
    const found = await rules(client(forwardsMethod, 's.apiRequest(ctx, http.MethodGet, http.MethodPost, nil)'));
    assert.ok(found.some((f) => f.endsWith('no-retry-on-request')), found.join('\n'));
  });
});
