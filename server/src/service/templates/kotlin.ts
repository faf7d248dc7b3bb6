/**
 * Kotlin retry template for OkHttp 4 (blocking `execute()`), plus what it shares with any JVM client: the Retry-After
 * parser (delta-seconds or an RFC 1123 HTTP-date) and the backoff. OkHttp re-sends on a dropped connection by itself
 * (`retryOnConnectionFailure`, on by default) but never on a status, nor with a wait: this helper adds statuses,
 * waits and a cap.
 */
import type { RetryTemplate } from './templateTypes';

const CONSTANTS = `val RETRYABLE_STATUSES = setOf(408, 429, 500, 502, 503, 504)
val IDEMPOTENT_METHODS = setOf("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE")`;

const PARSE_RETRY_AFTER = `/** How long a Retry-After header (delta-seconds or HTTP-date) asks to wait, in ms, capped; null when absent or unusable. */
fun parseRetryAfterMillis(value: String?, capMillis: Long): Long? {
    val text = value?.trim().orEmpty()
    if (text.isEmpty()) return null
    val millis = text.toLongOrNull()?.times(1000) ?: try {
        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() - System.currentTimeMillis()
    } catch (e: DateTimeParseException) {
        return null
    }
    return millis.coerceIn(0L, capMillis)
}`;

const BACKOFF = `/** Full jitter: a random wait up to the capped exponential delay for this attempt (1-based), in ms. */
fun retryBackoffMillis(attempt: Int, baseMillis: Long, maxMillis: Long): Long {
    val ceiling = minOf(maxMillis, baseMillis shl minOf(attempt - 1, 30))
    return (Math.random() * ceiling).toLong()
}`;

const HELPER = `${CONSTANTS}

${PARSE_RETRY_AFTER}

${BACKOFF}

/**
 * Sends request through client, retrying 408/429/5xx responses and network errors for idempotent methods or requests
 * carrying an Idempotency-Key, honouring Retry-After, with capped full-jitter backoff. Gives up after maxAttempts with
 * the last response, or throws the last error.
 */
fun executeWithRetry(
    client: OkHttpClient,
    request: Request,
    maxAttempts: Int = \${1:4},
    baseMillis: Long = \${2:500},
    maxMillis: Long = \${3:30000},
    retryAfterCapMillis: Long = 60_000
): Response {
    val attempts = if (request.method in IDEMPOTENT_METHODS || request.header("Idempotency-Key") != null) maxAttempts else 1
    var attempt = 0
    while (true) {
        attempt++
        val response = try {
            client.newCall(request).execute()
        } catch (e: IOException) {
            if (attempt >= attempts) throw e
            Thread.sleep(retryBackoffMillis(attempt, baseMillis, maxMillis))
            continue
        }
        if (response.code !in RETRYABLE_STATUSES || attempt >= attempts) return response
        val wait = parseRetryAfterMillis(response.header("Retry-After"), retryAfterCapMillis)
        response.close()
        Thread.sleep(wait ?: retryBackoffMillis(attempt, baseMillis, maxMillis))
    }
}`;

export const kotlinTemplates: RetryTemplate[] = [
  {
    id: 'retry-okhttp-kotlin',
    languages: ['kotlin'],
    library: 'okhttp',
    description:
      'Kotlin OkHttp: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [
      'import java.io.IOException',
      'import java.time.ZonedDateTime',
      'import java.time.format.DateTimeFormatter',
      'import java.time.format.DateTimeParseException',
      'import okhttp3.OkHttpClient',
      'import okhttp3.Request',
      'import okhttp3.Response',
    ],
    helper: HELPER,
    helperName: 'executeWithRetry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'parseRetryAfterMillis', 'retryBackoffMillis', 'executeWithRetry'],
    call: 'executeWithRetry(client, $REQUEST)',
  },
  {
    id: 'retry-after-parse-kotlin',
    languages: ['kotlin'],
    library: 'okhttp',
    description: 'Parse a Retry-After header (delta-seconds or HTTP-date) into capped milliseconds (a top-level function).',
    imports: ['import java.time.ZonedDateTime', 'import java.time.format.DateTimeFormatter', 'import java.time.format.DateTimeParseException'],
    helper: PARSE_RETRY_AFTER,
    helperName: 'parseRetryAfterMillis',
    defines: ['parseRetryAfterMillis'],
    call: 'parseRetryAfterMillis(response.header("Retry-After"), 60_000)',
  },
];
