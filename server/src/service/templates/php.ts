/**
 * PHP retry template for Guzzle 7 (any PSR-18-style Guzzle ClientInterface): a function that sends one request with
 * `http_errors` off, so statuses come back as responses, and retries the transient ones itself.
 */
import type { RetryTemplate } from './templateTypes';

const HELPER = `const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
const IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/**
 * How long a Retry-After header (delta-seconds or HTTP-date) asks to wait, in seconds, capped;
 * null when the header is absent or unusable.
 */
function parseRetryAfter(string $value, float $cap): ?float
{
    $value = trim($value);
    if ($value === "") {
        return null;
    }
    if (ctype_digit($value)) {
        $wait = (float) $value;
    } else {
        $date = \\DateTimeImmutable::createFromFormat(DATE_RFC7231, $value, new \\DateTimeZone("UTC"));
        if ($date === false) {
            return null;
        }
        $wait = (float) ($date->getTimestamp() - time());
    }
    return max(0.0, min($wait, $cap));
}

/** Full jitter: a random wait up to the capped exponential delay for this attempt (1-based), in seconds. */
function retryBackoff(int $attempt, float $baseDelay, float $maxDelay): float
{
    return (mt_rand() / mt_getrandmax()) * min($maxDelay, $baseDelay * (2 ** ($attempt - 1)));
}

/**
 * Sends $method $uri through $client, retrying 408/429/5xx responses and connection errors for idempotent
 * methods or requests carrying an Idempotency-Key, honouring Retry-After, with capped full-jitter backoff.
 * Gives up after $maxAttempts with the last response, or throws the last connection error.
 */
function requestWithRetry(
    \\GuzzleHttp\\ClientInterface $client,
    string $method,
    string $uri,
    array $options = [],
    int $maxAttempts = \${1:4},
    float $baseDelay = \${2:0.5},
    float $maxDelay = \${3:30.0},
    float $retryAfterCap = 60.0
): \\Psr\\Http\\Message\\ResponseInterface {
    $keyed = false;
    foreach ($options["headers"] ?? [] as $name => $value) {
        $keyed = $keyed || strcasecmp($name, "Idempotency-Key") === 0;
    }
    $attempts = in_array(strtoupper($method), IDEMPOTENT_METHODS, true) || $keyed ? $maxAttempts : 1;
    $options["http_errors"] = false;
    for ($attempt = 1; ; $attempt++) {
        try {
            $response = $client->request($method, $uri, $options);
        } catch (\\GuzzleHttp\\Exception\\ConnectException | \\GuzzleHttp\\Exception\\RequestException $e) {
            // A connection refused, reset or timed out (a RequestException with a response is no network error).
            if ($attempt >= $attempts || ($e instanceof \\GuzzleHttp\\Exception\\RequestException && $e->hasResponse())) {
                throw $e;
            }
            usleep((int) (retryBackoff($attempt, $baseDelay, $maxDelay) * 1e6));
            continue;
        }
        if (!in_array($response->getStatusCode(), RETRYABLE_STATUSES, true) || $attempt >= $attempts) {
            return $response;
        }
        $wait = parseRetryAfter($response->getHeaderLine("Retry-After"), $retryAfterCap);
        usleep((int) (($wait ?? retryBackoff($attempt, $baseDelay, $maxDelay)) * 1e6));
    }
}`;

export const phpTemplates: RetryTemplate[] = [
  {
    id: 'retry-guzzle',
    languages: ['php'],
    library: 'guzzle',
    description:
      'PHP Guzzle: retry 408/429/5xx and connection errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [],
    helper: HELPER,
    helperName: 'requestWithRetry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'parseRetryAfter', 'retryBackoff', 'requestWithRetry'],
    call: 'requestWithRetry($client, $REQUEST)',
  },
];
