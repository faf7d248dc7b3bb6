import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * Faraday's retry middleware retries its default exceptions only — timeouts and failed connections — unless it is
 * given `retry_statuses:` (or status errors in `exceptions:`): a 503 passes through it, so a branch giving the 503 up
 * is reported; with the statuses listed the middleware retries them and the branch sees what is left after its tries.
 */
const FEED = `require "faraday"
require "faraday/retry"

class Feed
  def connection
    @connection ||= Faraday.new(url: "https://api.example.com") do |f|
      f.request :retry, max: 3, interval: 0.5, backoff_factor: 2
      f.options.timeout = 10
    end
  end

  def fetch(id)
    response = connection.get("/items/#{id}")
    raise "feed failed" if response.status == 503
    response.body
  end
end
`;

describe('Faraday retry middleware: what it retries', () => {
  it('lets a 503 through when no retry_statuses are given', async () => {
    assert.deepEqual(await ruleLines('ruby', FEED, 'retryable-treated-as-final'), [14]);
  });

  it('retries the statuses it is given', async () => {
    const withStatuses = FEED.replace('backoff_factor: 2', 'backoff_factor: 2, retry_statuses: [429, 503]');
    assert.deepEqual(await ruleLines('ruby', withStatuses, 'retryable-treated-as-final'), []);
  });

  it('retries status errors named in exceptions:, and options from a variable are not guessed', async () => {
    const withExceptions = FEED.replace('backoff_factor: 2', 'backoff_factor: 2, exceptions: [Faraday::ServerError, Faraday::TimeoutError]');
    assert.deepEqual(await ruleLines('ruby', withExceptions, 'retryable-treated-as-final'), []);
    const fromVariable = FEED.replace('f.request :retry, max: 3, interval: 0.5, backoff_factor: 2', 'f.request :retry, RETRY_OPTIONS');
    assert.deepEqual(await ruleLines('ruby', fromVariable, 'retryable-treated-as-final'), []);
  });
});
