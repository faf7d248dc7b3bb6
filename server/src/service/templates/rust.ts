/**
 * Rust retry templates for reqwest, async (on tokio) and blocking. The helper takes a closure that builds the request afresh for
 * each attempt (a RequestBuilder is consumed by send()), so the call site keeps its own builder chain:
 * `client.get(url).send().await` becomes `send_with_retry(|| client.get(url)).await`.
 * Standard library only beyond reqwest and tokio: the HTTP-date of Retry-After (IMF-fixdate, RFC 9110 §5.6.7) is
 * read by hand and the jitter comes from std's randomly keyed hasher, so no Cargo.toml edit is needed.
 */
import type { RetryTemplate } from './templateTypes';

export const CONSTANTS = `const RETRYABLE_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];
const IDEMPOTENT_METHODS: [&str; 6] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/// Attempts and waits of the retry helpers.
#[derive(Clone, Copy, Debug)]
struct RetryConfig {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    retry_after_cap: Duration,
}
// (one chunk with the struct: a file that already has RetryConfig gets neither twice)
impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: \${1:4},
            base_delay: Duration::from_millis(\${2:500}),
            max_delay: Duration::from_millis(\${3:30000}),
            retry_after_cap: Duration::from_secs(60),
        }
    }
}`;

export const PARSE_HTTP_DATE = `/// Seconds since the Unix epoch of an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); None for anything else.
fn parse_http_date(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    if parts.len() != 6 || parts[5] != "GMT" {
        return None;
    }
    let day: u64 = parts[1].parse().ok()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().position(|m| *m == parts[2])? as u64;
    let year: u64 = parts[3].parse().ok()?;
    let clock: Vec<u64> = parts[4].split(':').map(|p| p.parse().ok()).collect::<Option<Vec<u64>>>()?;
    if year < 1970 || day == 0 || day > 31 || clock.len() != 3 {
        return None;
    }
    // Gregorian: a century year leaps only when it is divisible by 16 as well (as 2000 is, and 1900 is not)
    let leap = |y: u64| y % 4 == 0 && (y % 100 != 0 || y % 16 == 0);
    let mut days = (1970..year).map(|y| if leap(y) { 366 } else { 365 }).sum::<u64>();
    let lengths = [31, if leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    days += lengths[..month as usize].iter().sum::<u64>() + day - 1;
    Some(days * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2])
}`;

const PARSE_RETRY_AFTER = `/// How long a Retry-After header (delta-seconds or HTTP-date) asks to wait, capped; None when absent or unusable.
fn parse_retry_after(value: Option<&reqwest::header::HeaderValue>, cap: Duration) -> Option<Duration> {
    let text = value?.to_str().ok()?.trim();
    let wait = match text.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
            Duration::from_secs(parse_http_date(text)?).saturating_sub(now)
        }
    };
    Some(wait.min(cap))
}`;

export const BACKOFF = `/// Full jitter: a random wait up to the capped exponential delay for this attempt (1-based).
fn retry_backoff(attempt: u32, config: &RetryConfig) -> Duration {
    let ceiling = config.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(20)).min(config.max_delay);
    let random = RandomState::new().build_hasher().finish();
    ceiling.mul_f64((random % 10_000) as f64 / 10_000.0)
}`;

const HELPER = `${CONSTANTS}

${PARSE_HTTP_DATE}

${PARSE_RETRY_AFTER}

${BACKOFF}

/// Sends the request build() makes, retrying 408/429/5xx responses and connection errors for idempotent methods or
/// requests carrying an Idempotency-Key, honouring Retry-After, with capped full-jitter backoff. Gives up after
/// max_attempts with the last response, or returns the last error.
async fn send_with_retry_using<F>(build: F, config: RetryConfig) -> reqwest::Result<reqwest::Response>
where
    F: Fn() -> reqwest::RequestBuilder,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let builder = build();
        // A request whose body cannot be cloned (a stream) cannot be sent twice either.
        let retryable = builder.try_clone().and_then(|b| b.build().ok()).map_or(false, |request| {
            IDEMPOTENT_METHODS.contains(&request.method().as_str()) || request.headers().contains_key("idempotency-key")
        });
        let attempts = if retryable { config.max_attempts } else { 1 };
        match builder.send().await {
            Ok(response) => {
                if !RETRYABLE_STATUSES.contains(&response.status().as_u16()) || attempt >= attempts {
                    return Ok(response);
                }
                let wait = parse_retry_after(response.headers().get(reqwest::header::RETRY_AFTER), config.retry_after_cap);
                tokio::time::sleep(wait.unwrap_or_else(|| retry_backoff(attempt, &config))).await;
            }
            Err(error) => {
                if !(error.is_connect() || error.is_timeout() || error.is_request()) || attempt >= attempts {
                    return Err(error);
                }
                tokio::time::sleep(retry_backoff(attempt, &config)).await;
            }
        }
    }
}

/// send_with_retry_using with the default attempts and waits.
async fn send_with_retry<F>(build: F) -> reqwest::Result<reqwest::Response>
where
    F: Fn() -> reqwest::RequestBuilder,
{
    send_with_retry_using(build, RetryConfig::default()).await
}`;

const BLOCKING_HELPER = `${CONSTANTS}

${PARSE_HTTP_DATE}

${PARSE_RETRY_AFTER}

${BACKOFF}

/// Sends the request build() makes on a blocking client, retrying 408/429/5xx responses and connection errors for
/// idempotent methods or requests carrying an Idempotency-Key, honouring Retry-After, with capped full-jitter backoff.
/// Gives up after max_attempts with the last response, or returns the last error.
fn send_with_retry_blocking_using<F>(build: F, config: RetryConfig) -> reqwest::Result<reqwest::blocking::Response>
where
    F: Fn() -> reqwest::blocking::RequestBuilder,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let builder = build();
        // A request whose body cannot be cloned (a reader) cannot be sent twice either.
        let retryable = builder.try_clone().and_then(|b| b.build().ok()).map_or(false, |request| {
            IDEMPOTENT_METHODS.contains(&request.method().as_str()) || request.headers().contains_key("idempotency-key")
        });
        let attempts = if retryable { config.max_attempts } else { 1 };
        match builder.send() {
            Ok(response) => {
                if !RETRYABLE_STATUSES.contains(&response.status().as_u16()) || attempt >= attempts {
                    return Ok(response);
                }
                let wait = parse_retry_after(response.headers().get(reqwest::header::RETRY_AFTER), config.retry_after_cap);
                std::thread::sleep(wait.unwrap_or_else(|| retry_backoff(attempt, &config)));
            }
            Err(error) => {
                if !(error.is_connect() || error.is_timeout() || error.is_request()) || attempt >= attempts {
                    return Err(error);
                }
                std::thread::sleep(retry_backoff(attempt, &config));
            }
        }
    }
}

/// send_with_retry_blocking_using with the default attempts and waits.
fn send_with_retry_blocking<F>(build: F) -> reqwest::Result<reqwest::blocking::Response>
where
    F: Fn() -> reqwest::blocking::RequestBuilder,
{
    send_with_retry_blocking_using(build, RetryConfig::default())
}`;

export const rustTemplates: RetryTemplate[] = [
  {
    id: 'retry-reqwest',
    languages: ['rust'],
    library: 'reqwest',
    description:
      'Rust reqwest (async, tokio): retry 408/429/5xx and connection errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: ['use std::collections::hash_map::RandomState;', 'use std::hash::{BuildHasher, Hasher};', 'use std::time::{Duration, SystemTime, UNIX_EPOCH};'],
    helper: HELPER,
    helperName: 'send_with_retry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RetryConfig', 'parse_http_date', 'parse_retry_after', 'retry_backoff', 'send_with_retry_using', 'send_with_retry'],
    call: 'send_with_retry(|| $REQUEST).await',
  },
  {
    id: 'retry-reqwest-blocking',
    languages: ['rust'],
    library: 'reqwest',
    description:
      'Rust reqwest::blocking: retry 408/429/5xx and connection errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: ['use std::collections::hash_map::RandomState;', 'use std::hash::{BuildHasher, Hasher};', 'use std::time::{Duration, SystemTime, UNIX_EPOCH};'],
    helper: BLOCKING_HELPER,
    helperName: 'send_with_retry_blocking',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RetryConfig', 'parse_http_date', 'parse_retry_after', 'retry_backoff', 'send_with_retry_blocking_using', 'send_with_retry_blocking'],
    call: 'send_with_retry_blocking(|| $REQUEST)',
  },
];
