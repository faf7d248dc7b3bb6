/**
 * no-retry-on-request in Ruby: a Net::HTTP response's success test is read whichever way it is spelled —
 * `is_a?(Net::HTTPSuccess)`, `kind_of?` (its synonym), with or without parentheses, after `unless` or as a modifier.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const notifier = (test: string): string => `require 'net/http'

class Notifier
  def deliver(uri, body)
    http = Net::HTTP.new(uri.host, uri.port)
    req = Net::HTTP::Post.new(uri)
    req.body = body
    response = http.request(req)
    ${test}
    response
  end
end
`;

describe('Ruby success type tests without parentheses', () => {
  for (const test of [
    'raise "delivery failed" unless response.is_a?(Net::HTTPSuccess)',
    'raise "delivery failed" unless response.is_a? Net::HTTPSuccess',
    'raise "delivery failed" unless response.kind_of? Net::HTTPSuccess',
    'raise "delivery failed" unless response.kind_of?(::Net::HTTPSuccess)',
  ]) {
    it(`reads \`${test}\` as a success-or-fail give-up`, async () => {
      assert.deepEqual(await ruleLines('ruby', notifier(test), 'no-retry-on-request'), [9]);
    });
  }

  it('still leaves a typed error that keeps the status to the caller', async () => {
    const text = notifier('raise DeliveryError.new(code: response.code) unless response.kind_of? Net::HTTPSuccess');
    assert.deepEqual(await ruleLines('ruby', text, 'no-retry-on-request'), []);
  });
});
