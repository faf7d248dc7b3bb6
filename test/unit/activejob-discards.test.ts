import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function giveUps(text: string): Promise<string[]> {
  return (await diagnosticsOf('ruby', text)).filter((f) => f.rule === 'retryable-treated-as-final').map((f) => `${f.range.start.line + 1} ${f.message}`);
}

describe('ActiveJob discard_on of a passing failure', () => {
  it('does not read a failure discard_on names as one retried (`discard_on Faraday::ResourceNotFound`)', async () => {
    const text = ['class ClassesJob < ApplicationJob', '  discard_on ActiveJob::DeserializationError, Faraday::ResourceNotFound', '  def perform(id) = Api.call(id)', 'end'].join('\n');
    const rules = (await diagnosticsOf('ruby', text)).map((f) => f.rule);
    assert.ok(!rules.includes('non-retryable-retried'), rules.join('\n'));
  });

  it('reports a job thrown away on a 5xx (`discard_on Faraday::ServerError`)', async () => {
    const found = await giveUps([
      'class SyncJob < ApplicationJob',
      '  sidekiq_options retry: false',
      '  discard_on ActiveRecord::RecordNotFound, Faraday::ServerError',
      '  def perform(id) = Api.call(id)',
      'end',
    ].join('\n'));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^3 500\/502\/503\/504 is retryable.*ActiveJob's discard_on Faraday::ServerError drops the job/);
  });

  it('leaves a discard of an error the job also retries, and discards of lasting failures', async () => {
    assert.deepEqual(await giveUps([
      'class SyncJob < ApplicationJob',
      '  retry_on Faraday::TooManyRequestsError, wait: :polynomially_longer, attempts: 5',
      '  discard_on ActiveRecord::RecordNotFound, Faraday::TooManyRequestsError, Faraday::ResourceNotFound',
      '  def perform(id) = Api.call(id)',
      'end',
    ].join('\n')), []);
  });
});
