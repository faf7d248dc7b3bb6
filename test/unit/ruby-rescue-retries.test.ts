/**
 * Ruby's `begin … rescue … retry` is a retry loop whatever its rescue takes — a bare `rescue`, `rescue => e` and
 * `rescue StandardError` included — and a wait handed to a method of the file called by its bare name (`backoff`)
 * is read through that method: a constant sleep there is a fixed delay, one that grows with an argument is not.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf, ruleLines } from '../support/serviceHarness';

/** A transport client whose rescue takes every failure and sleeps `wait` before going round. */
function client(rescue: string, wait: string, extra = ''): string {
  return `require "net/http"

class LedgerClient
  PAUSE = (0.2..0.6).freeze

  def fetch_entries(req)
    tries = 0
    begin
      tries += 1
      res = @http.request(req)
      raise LedgerError.new(res.code) unless res.code.to_i == 200
      res
    ${rescue}
      if tries < 4
        ${wait}
        retry
      end
      raise
    end
  end
${extra}end
`;
}

describe('Ruby rescue-and-retry loops', () => {
  for (const rescue of ['rescue', 'rescue => e', 'rescue StandardError', 'rescue StandardError => e', 'rescue Net::ReadTimeout => e']) {
    it(`reads \`${rescue}\` … retry as a retry loop: a fixed sleep is reported`, async () => {
      assert.deepEqual(await ruleLines('ruby', client(rescue, 'sleep(2)'), 'retry-without-backoff'), [15]);
    });
  }

  it('stays silent when the rescue sleeps a growing time', async () => {
    assert.deepEqual(await ruleLines('ruby', client('rescue => e', 'sleep((2**tries) + rand)'), 'retry-without-backoff'), []);
  });

  it('reads a bare-name helper that sleeps a constant (a random pick between constants too) as a fixed wait', async () => {
    const text = client('rescue => e', 'pause_a_little', '\n  def pause_a_little\n    sleep(rand(PAUSE))\n  end\n');
    const found = (await diagnosticsOf('ruby', text)).filter((f) => f.rule === 'retry-without-backoff');
    assert.deepEqual(found.map((f) => f.range.start.line + 1), [15]);
    assert.match(found[0].message, /pause_a_little: sleep\(rand\(PAUSE\)\)/);
  });

  it('leaves a helper whose wait depends on what it is handed, or on state it may change, to be judged where it is written', async () => {
    const growing = client('rescue => e', 'pause_for(tries)', '\n  def pause_for(n)\n    sleep(PAUSE.max * n)\n  end\n');
    assert.deepEqual(await ruleLines('ruby', growing, 'retry-without-backoff'), []);
    const stateful = client('rescue => e', 'pause_a_little', '\n  def pause_a_little\n    sleep(@delay)\n    @delay *= 2\n  end\n');
    assert.deepEqual(await ruleLines('ruby', stateful, 'retry-without-backoff'), []);
  });
});
