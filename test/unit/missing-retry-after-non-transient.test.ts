import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A 503 that stands for a state no wait will change is no missing-retry-after: a service without its API key (the
 * branch or the message says so), or refused credentials answered as 503 (a handler for Unauthorized/Forbidden).
 * A 503 for a failed upstream still wants Retry-After.
 */
const NEST = `import { HttpException, HttpStatus } from '@nestjs/common';

export function mapError(error: Error): never {
  if (error.message.includes('API key')) {
    throw new HttpException('Geocoding configuration error', HttpStatus.SERVICE_UNAVAILABLE);
  }
  throw new HttpException('Geocoding temporarily unavailable', HttpStatus.SERVICE_UNAVAILABLE);
}
`;

const RAILS = `class ApplicationController < ActionController::Base
  rescue_from Octokit::Unauthorized, Octokit::Forbidden do |exception|
    head :service_unavailable
  end
  rescue_from Octokit::ServerError do |exception|
    head :service_unavailable
  end
end
`;

describe('missing-retry-after: 503s for states no wait changes', () => {
  it('stays silent for a missing API key, and speaks for a failed upstream', async () => {
    assert.deepEqual(await ruleLines('typescript', NEST, 'missing-retry-after'), [7]);
  });

  it('stays silent for refused credentials answered as 503', async () => {
    assert.deepEqual(await ruleLines('ruby', RAILS, 'missing-retry-after'), [6]);
  });
});
