/**
 * Ruby retry template for Net::HTTP (standard library), plus what it shares with any Ruby client: the
 * Retry-After parser and the backoff. Net::HTTP already re-sends an idempotent request once on a dropped
 * connection (`max_retries`, Ruby 2.5+); this helper adds what it lacks: statuses, waits and a cap.
 */
import type { RetryTemplate } from './templateTypes';

const CONSTANTS = `RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504].freeze
IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"].freeze
RETRYABLE_ERRORS = [Errno::ECONNRESET, Errno::ECONNREFUSED, Errno::EPIPE, Errno::ETIMEDOUT,
                    Net::OpenTimeout, Net::ReadTimeout, EOFError, IOError].freeze`;

const PARSE_RETRY_AFTER = `# How long a Retry-After header (delta-seconds or HTTP-date) asks to wait, in seconds, capped;
# nil when the header is absent or unusable.
def parse_retry_after(value, cap)
  value = value.to_s.strip
  return nil if value.empty?
  wait = if value.match?(/\\A\\d+\\z/)
           value.to_i
         else
           begin
             Time.httpdate(value) - Time.now
           rescue ArgumentError
             return nil
           end
         end
  wait.clamp(0, cap)
end`;

const BACKOFF = `# Full jitter: a random wait up to the capped exponential delay for this attempt (1-based).
def retry_backoff(attempt, base_delay, max_delay)
  rand * [max_delay, base_delay * (2**(attempt - 1))].min
end`;

const HELPER = `${CONSTANTS}

${PARSE_RETRY_AFTER}

${BACKOFF}

# Sends request over http (a Net::HTTP, started or not), retrying 408/429/5xx responses and network errors
# for idempotent methods or requests carrying an Idempotency-Key, honouring Retry-After, with capped
# full-jitter backoff. Gives up after max_attempts with the last response, or raises the last error.
def request_with_retry(http, request, max_attempts: \${1:4}, base_delay: \${2:0.5}, max_delay: \${3:30.0}, retry_after_cap: 60.0)
  attempts = IDEMPOTENT_METHODS.include?(request.method) || request["Idempotency-Key"] ? max_attempts : 1
  attempt = 0
  loop do
    attempt += 1
    begin
      response = http.request(request)
    rescue *RETRYABLE_ERRORS
      raise if attempt >= attempts
      sleep(retry_backoff(attempt, base_delay, max_delay))
      next
    end
    return response if !RETRYABLE_STATUSES.include?(response.code.to_i) || attempt >= attempts
    wait = parse_retry_after(response["Retry-After"], retry_after_cap)
    sleep(wait || retry_backoff(attempt, base_delay, max_delay))
  end
end`;

export const rubyTemplates: RetryTemplate[] = [
  {
    id: 'retry-net-http-ruby',
    languages: ['ruby'],
    library: 'Net::HTTP',
    description:
      'Ruby Net::HTTP: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: ['require "net/http"', 'require "time"'],
    helper: HELPER,
    helperName: 'request_with_retry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RETRYABLE_ERRORS', 'parse_retry_after', 'retry_backoff', 'request_with_retry'],
    call: 'request_with_retry(http, $REQUEST)',
  },
];
