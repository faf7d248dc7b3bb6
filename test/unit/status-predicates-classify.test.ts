/**
 * A function that is handed a status and answers a question about it classifies, it gives nothing up: a predicate
 * named for a yes-or-no question returning `false` for a 503 or a 429, and a Rust method matching a field of `self`
 * with the status bound deep in the pattern (`match &self.kind { Kind::Grpc(Error::RpcFailure(status)) => … }`).
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const tsPredicate = `export function isPermanent(status: number): boolean {
  if (status === 408 || status === 429) return false;
  return status >= 400 && status < 500;
}
`;

const tsGiveUp = `export async function load(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.status === 429) return false;
  return res.json();
}
`;

const rustKinds = `use grpcio::RpcStatusCode;

pub enum Kind {
    Grpc(grpcio::Error),
    Pool(String),
}

pub struct StoreError {
    kind: Kind,
}

impl StoreError {
    pub fn is_reportable(&self) -> bool {
        match &self.kind {
            Kind::Grpc(grpcio::Error::RpcFailure(status)) => {
                match status.code() {
                    RpcStatusCode::UNAVAILABLE => false,
                    _ => true,
                }
            }
            _ => true,
        }
    }

    pub fn metric_name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Grpc(grpcio::Error::RpcFailure(status)) => {
                match status.code() {
                    RpcStatusCode::UNAVAILABLE => Some("store.grpc.unavailable"),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
`;

describe('functions that answer a question about a status', () => {
  it('leaves a TypeScript predicate returning false for 429 alone', async () => {
    assert.deepEqual(await ruleLines('typescript', tsPredicate, 'retryable-treated-as-final'), []);
  });

  it('still reports a request whose 429 is answered with false', async () => {
    assert.deepEqual(await ruleLines('typescript', tsGiveUp, 'retryable-treated-as-final'), [3]);
  });

  it('leaves Rust methods classifying a status bound from a field of self alone', async () => {
    assert.deepEqual(await ruleLines('rust', rustKinds, 'retryable-treated-as-final'), []);
  });
});
