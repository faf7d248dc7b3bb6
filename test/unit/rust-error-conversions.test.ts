/**
 * Rust: a conversion that maps a status bound by a pattern on its parameter (`match err { E::Status(code) => match
 * code { … } }`) to the crate's own error kinds (`Error::unavailable(err)`) classifies for its callers; it gives
 * nothing up.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const conversion = `#[derive(Debug)]
pub enum FetchError {
    Status(hyper::StatusCode),
}

impl From<FetchError> for Error {
    fn from(err: FetchError) -> Self {
        match err {
            FetchError::Status(code) => {
                match code {
                    StatusCode::GATEWAY_TIMEOUT | StatusCode::REQUEST_TIMEOUT => {
                        Error::deadline_exceeded(err)
                    }
                    StatusCode::NOT_FOUND | StatusCode::GONE => Error::not_found(err),
                    StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE => Error::unavailable(err),
                    StatusCode::TOO_MANY_REQUESTS => Error::resource_exhausted(err),
                    _ => Error::unknown(err),
                }
            }
        }
    }
}
`;

describe('Rust error conversions', () => {
  it("leaves statuses mapped to the crate's own error kinds", async () => {
    assert.deepEqual(await ruleLines('rust', conversion, 'retryable-treated-as-final'), []);
  });

  it('still reads a status given up with a generic error', async () => {
    const generic = conversion.replace('Error::resource_exhausted(err)', 'panic!("rate limited")');
    assert.deepEqual(await ruleLines('rust', generic, 'retryable-treated-as-final'), [16]);
  });
});
