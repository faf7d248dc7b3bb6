/**
 * Ruby's retry helper: a method that yields to its block and says `retry` in its rescue runs the block again — the
 * operation its callers hand it. Read as a retry loop: a fixed pause and nothing counting the attempts is a retry with
 * no cap. A method whose rescue gives up instead of saying `retry` retries nothing.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const helper = `class Throttle
  PAUSE = 30

  def with_throttle_retries
    yield
  rescue Faraday::TooManyRequestsError
    Rails.logger.info "throttled"
    sleep PAUSE
    retry
  end
end
`;

const givingUp = helper.replace('    sleep PAUSE\n    retry\n', '    raise\n');

describe('Ruby methods that yield and retry', () => {
  it('reads yield-and-retry as a retry of the block with no cap', async () => {
    assert.deepEqual(await ruleLines('ruby', helper, 'retry-without-backoff'), [5]);
  });

  it('leaves a rescue that gives up alone', async () => {
    assert.deepEqual(await ruleLines('ruby', givingUp, 'retry-without-backoff'), []);
  });
});
