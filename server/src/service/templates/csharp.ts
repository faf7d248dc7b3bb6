/**
 * C# retry templates for System.Net.Http.HttpClient (.NET 6+), plus the standalone Retry-After
 * parser (a class member to paste into any class).
 */
import type { RetryTemplate } from './templateTypes';

const ATTEMPTS = '${1:4}';
const BASE = '${2:TimeSpan.FromMilliseconds(500)}';
const CAP = '${3:TimeSpan.FromSeconds(30)}';

const PARSE_RETRY_AFTER = `/// <summary>How long a Retry-After header (delta-seconds or HTTP-date) asks to wait, capped; null if unusable.</summary>
public static TimeSpan? ParseRetryAfter(string? value, TimeSpan cap)
{
    if (!RetryConditionHeaderValue.TryParse(value, out var header))
    {
        return null;
    }
    var wait = header.Delta ?? header.Date - DateTimeOffset.UtcNow;
    if (wait is not TimeSpan delay)
    {
        return null;
    }
    return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
}`;

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line ? '    ' + line : line))
    .join('\n');

const HELPER = `/// <summary>
/// Retries 408/429/5xx responses and network errors for idempotent methods or requests carrying an
/// Idempotency-Key, honouring Retry-After, with capped full-jitter backoff.
/// </summary>
static class HttpRetry
{
    public const int MaxAttempts = ${ATTEMPTS};
    public static readonly TimeSpan BaseDelay = ${BASE};
    public static readonly TimeSpan MaxDelay = ${CAP};
    public static readonly TimeSpan RetryAfterCap = TimeSpan.FromSeconds(60);
    static readonly HashSet<int> RetryableStatuses = new() { 408, 429, 500, 502, 503, 504 };
    static readonly HashSet<string> IdempotentMethods =
        new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" };

    /// <summary>An HttpRequestMessage cannot be sent twice, so each attempt builds a new one.</summary>
    public static Task<HttpResponseMessage> SendAsync(
        HttpClient client, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken = default) =>
        SendAsync(client, createRequest, MaxAttempts, BaseDelay, MaxDelay, RetryAfterCap, cancellationToken);

    /// <summary>Returns the last response, or rethrows the last exception, when it gives up.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Func<HttpRequestMessage> createRequest, int maxAttempts, TimeSpan baseDelay,
        TimeSpan maxDelay, TimeSpan retryAfterCap, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = createRequest();
            var mayRetry = IdempotentMethods.Contains(request.Method.Method) || request.Headers.Contains("Idempotency-Key");
            var isLast = attempt + 1 >= (mayRetry ? maxAttempts : 1);
            TimeSpan? retryAfter = null;
            try
            {
                var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!RetryableStatuses.Contains((int)response.StatusCode) || isLast)
                {
                    return response;
                }
                retryAfter = ParseRetryAfter(response.Headers.RetryAfter?.ToString(), retryAfterCap);
                response.Dispose();
            }
            catch (HttpRequestException e) when (!isLast && e.InnerException is not AuthenticationException)
            {
                // connection reset/refused, premature end of response
            }
            catch (TaskCanceledException) when (!isLast && !cancellationToken.IsCancellationRequested)
            {
                // HttpClient.Timeout elapsed
            }
            await Task.Delay(retryAfter ?? Backoff(attempt, baseDelay, maxDelay), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Full jitter: random(0, min(cap, base * 2^attempt)).</summary>
    static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

${indent(PARSE_RETRY_AFTER)}
}`;

const PARSE_IMPORTS = ['using System;', 'using System.Net.Http.Headers;'];

export const csharpTemplates: RetryTemplate[] = [
  {
    id: 'retry-csharp',
    languages: ['csharp'],
    library: 'HttpClient',
    description:
      'HttpClient: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [
      'using System;',
      'using System.Collections.Generic;',
      'using System.Net.Http;',
      'using System.Net.Http.Headers;',
      'using System.Security.Authentication;',
      'using System.Threading;',
      'using System.Threading.Tasks;',
    ],
    helper: HELPER,
    helperName: 'HttpRetry',
    defines: ['HttpRetry'],
    call: 'await HttpRetry.SendAsync(client, () => $REQUEST)',
  },
  {
    id: 'retry-after-parse-csharp',
    languages: ['csharp'],
    library: 'HttpClient',
    description: 'Parse a Retry-After header (delta-seconds or HTTP-date) into a capped TimeSpan (a class member).',
    imports: PARSE_IMPORTS,
    helper: PARSE_RETRY_AFTER,
    helperName: 'ParseRetryAfter',
    defines: ['ParseRetryAfter'],
    call: 'ParseRetryAfter(response.Headers.RetryAfter?.ToString(), TimeSpan.FromSeconds(60))',
  },
];
