import data from '../../../data/retry-policies.json';

/**
 * The library defaults the declarative policy evaluator (configPolicies.ts) relies on, read from
 * server/data/retry-policies.json, where each one cites the library, version and file it was read from.
 */
export interface PolicyDefaults {
  backoffFactor?: number;
  backoffMaxSeconds?: number;
  respectRetryAfterHeader?: boolean;
  retryAfterStatuses?: number[];
  retries?: number;
  delay?: 'none' | 'retry-after-only' | 'fixed' | 'growing';
  conditionRetries429?: boolean;
  factor?: number;
  minTimeoutMs?: number;
  backoffType?: 'Constant' | 'Linear' | 'Exponential';
  useJitter?: boolean;
  delayMs?: number;
  shouldRetryAfterHeader?: boolean;
  multiplier?: number;
  /** The methods a client's own retry re-sends when its options do not say. */
  retryMethods?: string[];
  /** The methods it re-sends after a failed connection, when that differs (axios-retry's isNetworkError: every method). */
  networkRetryMethods?: string[];
  /** The status ranges (inclusive pairs) the default retry condition retries. */
  retriedStatuses?: number[][];
}

export type PolicyId = 'urllib3-retry' | 'axios-retry' | 'p-retry' | 'polly-retry-strategy' | 'http-retry-strategy' | 'spring-retryable' | 'resilience4j-retry' | 'go-retryablehttp' | 'faraday-retry' | 'laravel-http-retry' | 'guzzle-retry-middleware' | 'ktor-http-request-retry' | 'reqwest-retry' | 'rust-backoff' | 'tokio-retry' | 'activejob-retry-on' | 'celery-autoretry' | 'ofetch-retry' | 'songmu-retry' | 'go-pkgz-repeater' | 'got-ky-retry' | 'polly-transient-http-error' | 'symfony-generic-retry-strategy' | 'actions-http-client';

const BY_ID = new Map((data.libraries as { id: string; defaults: PolicyDefaults }[]).map((l) => [l.id, l.defaults]));

export function policyDefaults(id: PolicyId): PolicyDefaults {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`server/data/retry-policies.json has no entry ${id}`);
  return found;
}
