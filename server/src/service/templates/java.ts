/**
 * Java retry templates for java.net.http.HttpClient (Java 11+), plus the standalone Retry-After
 * parser (a class member to paste into any class).
 */
import type { RetryTemplate } from './templateTypes';

const ATTEMPTS = '${1:4}';
const BASE = '${2:Duration.ofMillis(500)}';
const CAP = '${3:Duration.ofSeconds(30)}';

const PARSE_RETRY_AFTER = `/** How long a Retry-After header (delta-seconds or HTTP-date) asks to wait, capped; empty if unusable. */
static Optional<Duration> parseRetryAfter(String value, Duration cap) {
    if (value == null || value.isBlank()) {
        return Optional.empty();
    }
    String text = value.trim();
    Duration wait;
    try {
        wait = text.chars().allMatch(Character::isDigit)
                ? Duration.ofSeconds(Long.parseLong(text))
                : Duration.between(Instant.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (NumberFormatException | DateTimeParseException e) {
        return Optional.empty();
    }
    if (wait.isNegative()) {
        wait = Duration.ZERO;
    }
    return Optional.of(wait.compareTo(cap) > 0 ? cap : wait);
}`;

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line ? '    ' + line : line))
    .join('\n');

const HELPER = `/**
 * Retries 408/429/5xx responses and network errors for idempotent methods or requests carrying an
 * Idempotency-Key, honouring Retry-After, with capped full-jitter backoff.
 */
final class HttpRetry {
    static final int MAX_ATTEMPTS = ${ATTEMPTS};
    static final Duration BASE_DELAY = ${BASE};
    static final Duration MAX_DELAY = ${CAP};
    static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(60);
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private HttpRetry() {
    }

    static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return send(client, request, handler, MAX_ATTEMPTS, BASE_DELAY, MAX_DELAY, RETRY_AFTER_CAP);
    }

    /** Returns the last response, or throws the last exception, when it gives up. */
    static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler,
            int maxAttempts, Duration baseDelay, Duration maxDelay, Duration retryAfterCap)
            throws IOException, InterruptedException {
        boolean mayRetry = IDEMPOTENT_METHODS.contains(request.method())
                || request.headers().firstValue("Idempotency-Key").isPresent();
        int attempts = mayRetry ? maxAttempts : 1;
        for (int attempt = 0; ; attempt++) {
            boolean isLast = attempt + 1 >= attempts;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<T> response = client.send(request, handler);
                if (!RETRYABLE_STATUSES.contains(response.statusCode()) || isLast) {
                    return response;
                }
                retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), retryAfterCap);
            } catch (SSLException e) {
                throw e; // handshake and certificate failures do not heal by retrying
            } catch (IOException e) { // connection reset/refused, timeouts, premature EOF
                if (isLast) {
                    throw e;
                }
            }
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt, baseDelay, maxDelay);
            Thread.sleep(wait.toMillis());
        }
    }

    /** Full jitter: random(0, min(cap, base * 2^attempt)). */
    private static Duration backoff(int attempt, Duration base, Duration cap) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 30));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

${indent(PARSE_RETRY_AFTER)}
}`;

const PARSE_IMPORTS = [
  'import java.time.Duration;',
  'import java.time.Instant;',
  'import java.time.ZonedDateTime;',
  'import java.time.format.DateTimeFormatter;',
  'import java.time.format.DateTimeParseException;',
  'import java.util.Optional;',
];

export const javaTemplates: RetryTemplate[] = [
  {
    id: 'retry-java',
    languages: ['java'],
    library: 'java.net.http',
    description:
      'java.net.http.HttpClient: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [
      'import java.io.IOException;',
      'import java.net.http.HttpClient;',
      'import java.net.http.HttpRequest;',
      'import java.net.http.HttpResponse;',
      ...PARSE_IMPORTS,
      'import java.util.Set;',
      'import java.util.concurrent.ThreadLocalRandom;',
      'import javax.net.ssl.SSLException;',
    ],
    helper: HELPER,
    helperName: 'HttpRetry',
    defines: ['HttpRetry'],
    call: 'HttpRetry.send(client, $REQUEST, HttpResponse.BodyHandlers.ofString())',
  },
  {
    id: 'retry-after-parse-java',
    languages: ['java'],
    library: 'java.net.http',
    description: 'Parse a Retry-After header (delta-seconds or HTTP-date) into a capped Duration (a class member).',
    imports: PARSE_IMPORTS,
    helper: PARSE_RETRY_AFTER,
    helperName: 'parseRetryAfter',
    defines: ['parseRetryAfter'],
    call: 'parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), Duration.ofSeconds(60))',
  },
];
