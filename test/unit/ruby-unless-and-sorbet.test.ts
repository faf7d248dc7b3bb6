import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';

/**
 * Ruby: `raise … unless res.code == 201` tests the status like `if res.code != 201`, and a response passed through a
 * Sorbet cast (`T.cast(HTTParty.post(…), HTTParty::Response)`, `T.must(…)`) is still the request's response.
 */
const LEDGER = `class LedgerClient
  def post_entry(uri, body)
    res = HTTParty.post(uri, body: body, timeout: 10)
    raise LedgerError, "entry refused" unless res.code == 201
    res.parsed_response
  end
end
`;

async function findings(text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc('ruby', text, service);
  const found = service.diagnostics(uri).map((f) => `${f.range.start.line + 1} ${f.rule} ${f.message}`);
  service.close(uri);
  return found;
}

describe('Ruby: unless guards and Sorbet casts', () => {
  it('reads `raise … unless res.code == 201` as a give-up on every other status, and says so with its unless', async () => {
    const found = await findings(LEDGER);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^4 no-retry-on-request .*unless res\.code == 201 → throw/);
  });

  it('follows the response through T.cast and T.must', async () => {
    for (const wrap of ['T.cast(HTTParty.post(uri, body: body, timeout: 10), HTTParty::Response)', 'T.must(HTTParty.post(uri, body: body, timeout: 10))']) {
      const found = await findings(LEDGER.replace('HTTParty.post(uri, body: body, timeout: 10)', wrap));
      assert.deepEqual(found.map((f) => f.split(' ').slice(0, 2).join(' ')), ['4 no-retry-on-request'], wrap);
    }
  });

  it('is silent when the unless keeps the success path and the failure is retried by the job', async () => {
    const retried = LEDGER.replace('class LedgerClient', 'class LedgerJob\n  include Sidekiq::Job\n  sidekiq_options retry: 5').replace('def post_entry(uri, body)', 'def perform(uri, body)');
    const found = await findings(retried);
    assert.ok(!found.some((f) => / no-retry-on-request /.test(f)), found.join('\n'));
  });
});
