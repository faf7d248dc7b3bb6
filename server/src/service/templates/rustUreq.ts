/**
 * Rust retry template for ureq 2 (blocking): a `ureq::Request` is Clone, so the helper takes the built request and
 * sends a copy per attempt: `ureq::get(url).call()` becomes `call_with_retry(ureq::get(url))`. ureq returns
 * `Err(ureq::Error::Status(code, response))` for every status from 400 (ureq 2.6.2 src/request.rs), so a retryable
 * status arrives as an error carrying its response, Retry-After included; giving up returns that same error.
 * RetryConfig, the HTTP-date parser and the backoff are the reqwest template's (templates/rust.ts).
 */
import { BACKOFF, CONSTANTS, PARSE_HTTP_DATE } from './rust';
import type { RetryTemplate } from './templateTypes';

const PARSE_RETRY_AFTER_VALUE = `/// How long a Retry-After value (delta-seconds or HTTP-date) asks to wait, capped; None when absent or unusable.
fn parse_retry_after_value(value: Option<&str>, cap: Duration) -> Option<Duration> {
    let text = value?.trim();
    let wait = match text.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
            Duration::from_secs(parse_http_date(text)?).saturating_sub(now)
        }
    };
    Some(wait.min(cap))
}`;

const HELPER = `${CONSTANTS}

${PARSE_HTTP_DATE}

${PARSE_RETRY_AFTER_VALUE}

${BACKOFF}

/// Sends request (a copy per attempt), retrying 408/429/5xx responses and connection failures for idempotent methods
/// or requests carrying an Idempotency-Key, honouring Retry-After, with capped full-jitter backoff. Gives up after
/// max_attempts with the last result: ureq's Err(Status(code, response)) for a failing status.
fn call_with_retry_using(request: ureq::Request, config: RetryConfig) -> Result<ureq::Response, ureq::Error> {
    let retryable = IDEMPOTENT_METHODS.contains(&request.method()) || request.header("Idempotency-Key").is_some();
    let attempts = if retryable { config.max_attempts } else { 1 };
    let mut attempt = 0;
    loop {
        attempt += 1;
        match request.clone().call() {
            Err(ureq::Error::Status(code, response)) if RETRYABLE_STATUSES.contains(&code) && attempt < attempts => {
                let wait = parse_retry_after_value(response.header("Retry-After"), config.retry_after_cap);
                std::thread::sleep(wait.unwrap_or_else(|| retry_backoff(attempt, &config)));
            }
            Err(ureq::Error::Transport(transport))
                if matches!(transport.kind(), ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::Io) && attempt < attempts =>
            {
                std::thread::sleep(retry_backoff(attempt, &config));
            }
            result => return result,
        }
    }
}

/// call_with_retry_using with the default attempts and waits.
fn call_with_retry(request: ureq::Request) -> Result<ureq::Response, ureq::Error> {
    call_with_retry_using(request, RetryConfig::default())
}`;

export const rustUreqTemplates: RetryTemplate[] = [
  {
    id: 'retry-ureq',
    languages: ['rust'],
    library: 'ureq',
    description:
      'Rust ureq 2: retry 408/429/5xx and connection failures for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: ['use std::collections::hash_map::RandomState;', 'use std::hash::{BuildHasher, Hasher};', 'use std::time::{Duration, SystemTime, UNIX_EPOCH};'],
    helper: HELPER,
    helperName: 'call_with_retry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RetryConfig', 'parse_http_date', 'parse_retry_after_value', 'retry_backoff', 'call_with_retry_using', 'call_with_retry'],
    call: 'call_with_retry($REQUEST)',
  },
];
