import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { diagnosticsOf, occurrencesOf } from '../support/serviceHarness';

/**
 * A status or error test inside a retry predicate — a function whose boolean answer decides a retry (named for it, or a
 * lambda stored where a retry reads it or handed to one) — is part of the retry's configuration: role `retry-config`.
 * The same test elsewhere stays `client-check`, and the diagnostics rules read predicate tests as client tests still.
 */
describe('spotting: tests inside retry predicates', () => {
  describe('named predicates', () => {
    spotCases('java', [
      ['a shouldRetry method', 'class R {\n  private static boolean shouldRetry(int statusCode) {\n    return statusCode == 429 || statusCode >= 500;\n  }\n}\n', ['429 retry-config', '500 retry-config']],
      ['decoy: the same test in another method', 'class R {\n  private static boolean isBad(int statusCode) {\n    return statusCode == 429;\n  }\n}\n', ['429 client-check']],
      ['decoy: a test method named after the predicate', 'class T {\n  @Test\n  public void shouldRetryOnBusy() {\n    assertEquals(503, response.code());\n  }\n}\n', ['503 test-assert']],
    ]);
    spotCases('csharp', [
      [
        'an expression-bodied IsRetryable',
        'class H {\n  private static bool IsRetryableStatusCode(HttpStatusCode statusCode) =>\n    statusCode is HttpStatusCode.TooManyRequests || (int)statusCode >= 500;\n}\n',
        ['429 retry-config', '500 retry-config'],
      ],
      ['exception types in a retry predicate', 'class H {\n  static bool IsTransient(Exception ex) => ex is SocketException || ex is TimeoutException;\n}\n', ['SocketException retry-config', 'TimeoutException retry-config']],
    ]);
    spotCases('go', [
      ['a Go switch in isRetryableFailure', 'package p\n\nfunc isRetryableFailure(code int) bool {\n\tswitch code {\n\tcase 429, 503:\n\t\treturn true\n\t}\n\treturn false\n}\n', ['429 retry-config', '503 retry-config']],
      ['decoy: a function returning an error, not a boolean', 'package p\n\nfunc shouldRetryCall(resp *http.Response) error {\n\tif resp.StatusCode == 429 {\n\t\treturn errBusy\n\t}\n\treturn nil\n}\n', ['429 client-check']],
      ['a go-retryablehttp CheckRetry policy (bool, error)', 'package p\n\nfunc DefaultRetryPolicy(resp *http.Response, err error) (bool, error) {\n\tif resp.StatusCode == http.StatusTooManyRequests {\n\t\treturn true, nil\n\t}\n\treturn false, nil\n}\n', ['429 retry-config']],
    ]);
    spotCases('python', [
      ['a private predicate (_retryable_error)', 'def _retryable_error(exception) -> bool:\n    return exception.response.status_code >= 500\n', ['500 retry-config']],
    ]);
  });

  describe('predicates in more shapes', () => {
    spotCases('rust', [
      ['a Rust fn named for the decision', 'fn should_retry(code: u16) -> bool {\n    code == 429 || code == 502\n}\n', ['429 retry-config', '502 retry-config']],
      [
        'a Rust fn whose result type is the decision (reqwest-retry strategy)',
        'impl RetryableStrategy for Picky {\n    fn handle(&self, res: &Result<Response, Error>) -> Option<Retryable> {\n        match res {\n            Ok(r) if r.status() == StatusCode::SERVICE_UNAVAILABLE => Some(Retryable::Transient),\n            _ => None,\n        }\n    }\n}\n',
        ['503 retry-config'],
      ],
      ['a Rust closure stored as a predicate', 'fn go() {\n    let is_retryable = |s: StatusCode| s == StatusCode::BAD_GATEWAY;\n}\n', ['502 retry-config']],
      ['decoy: a Rust fn that returns no decision', 'fn describe(code: u16) -> String {\n    if code == 429 { "busy".into() } else { "ok".into() }\n}\n', ['429 client-check']],
    ]);
    spotCases('csharp', [
      [
        'a reconnect decision named "connect again"',
        'class G {\n  private bool ShouldConnectAgain(SocketException e) {\n    switch (e.SocketErrorCode) {\n      case SocketError.ConnectionReset:\n        return true;\n      default:\n        return false;\n    }\n  }\n}\n',
        ['ECONNRESET retry-config'],
      ],
    ]);
    spotCases('python', [
      ['a give-up predicate for a backoff decorator', 'def should_give_up(exc) -> bool:\n    return exc.response.status_code == 404\n', ['404 retry-config']],
    ]);
    spotCases('java', [['an isRetry check', 'class Q {\n  private static boolean isRetry(Throwable t) {\n    return t instanceof SocketTimeoutException;\n  }\n}\n', ['SocketTimeoutException retry-config']]]);
    spotCases('go', [
      ['a resty AddRetryCondition callback', 'package p\n\nfunc build(c *resty.Client) {\n\tc.AddRetryCondition(func(r *resty.Response, err error) bool {\n\t\treturn r.StatusCode() == http.StatusBadGateway\n\t})\n}\n', ['502 retry-config']],
    ]);
    spotCases('kotlin', [
      [
        "a filter on a backoff spec a service hands out",
        'class S(private val retries: RetryService) {\n  private val onLocked = retries.backoffSpec().filter { it is WebClientResponseException && it.statusCode == HttpStatus.LOCKED }\n}\n',
        ['WebClientResponseException retry-config', '423 retry-config'],
      ],
    ]);
  });

  describe('the wrapper of a retry decorator', () => {
    spotCases('python', [
      [
        "a status test in the wrapper a retry decorator returns (the caught type stays a check)",
        'import time\nfrom vendor_sdk.exceptions import ApiException\n\ndef with_quota_retries(fn):\n    def wrapper(*args, **kwargs):\n        for n in range(4):\n            try:\n                return fn(*args, **kwargs)\n            except ApiException as err:\n                if err.status in (429, 503):\n                    time.sleep(2 ** n)\n                else:\n                    raise\n    return wrapper\n',
        ['ApiException client-check', '429 retry-config', '503 retry-config'],
      ],
      [
        'decoy: a logging callback beside the wrapper of a backoff factory',
        'def make_backoff(max_tries):\n    def log_attempt(details):\n        if details["status"] == 503:\n            print("busy")\n    return log_attempt\n',
        ['503 client-check'],
      ],
      [
        'decoy: a wrapper in a decorator named for something else',
        'def timed(fn):\n    def wrapper(*a):\n        r = fn(*a)\n        if r.status_code == 429:\n            print("slow")\n        return r\n    return wrapper\n',
        ['429 client-check'],
      ],
    ]);
  });

  describe("functions that compute a retry's wait", () => {
    spotCases('go', [
      [
        'a go-retryablehttp Backoff that waits longer on a 429',
        'package p\n\nfunc patientBackoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {\n\tif resp != nil && resp.StatusCode == http.StatusTooManyRequests {\n\t\treturn max\n\t}\n\treturn min\n}\n',
        ['429 retry-config'],
      ],
      [
        'decoy: a backoff-named function that answers no wait',
        'package p\n\nfunc backoffLabel(resp *http.Response) string {\n\tif resp.StatusCode == http.StatusTooManyRequests {\n\t\treturn "slow"\n\t}\n\treturn ""\n}\n',
        ['429 client-check'],
      ],
    ]);
    spotCases('csharp', [
      [
        'a GetRetryAfter choosing the wait by status',
        'static class W {\n  private static TimeSpan? GetRetryAfter(HttpResponseMessage r) {\n    switch ((int)r.StatusCode) {\n      case 503:\n        return TimeSpan.FromSeconds(5);\n      default:\n        return null;\n    }\n  }\n}\n',
        ['503 retry-config'],
      ],
    ]);
  });

  describe('lambdas a retry reads', () => {
    spotCases('go', [
      ['a predicate variable', 'package p\n\nvar defaultRetryPredicate retry.Predicate = func(err error) bool {\n\treturn errors.Is(err, syscall.ECONNRESET)\n}\n', ['ECONNRESET retry-config']],
      [
        'a local predicate handed to a retry call, and a code it hands a helper',
        'package p\n\nfunc copy(f func() error) error {\n\tp := func(err error) bool {\n\t\treturn hasStatusCode(err, http.StatusTooManyRequests)\n\t}\n\treturn retry.Retry(f, p, backoff)\n}\n',
        ['429 retry-config'],
      ],
    ]);
    spotCases('typescript', [
      ['a predicate handed to a retrying object after the operation', "export async function dl(url: string) {\n  return retryHelper.execute(\n    async () => attempt(url),\n    (err: Error) => {\n      if (err instanceof HTTPError && err.httpStatusCode < 500 && err.httpStatusCode !== 429) return false;\n      return true;\n    }\n  );\n}\n", ['HTTPError retry-config', '500 retry-config', '429 retry-config']],
      ['a retryIf option', 'const client = got.extend({ retry: { limit: 3 }, hooks: {} });\npRetry(run, { retryIf: (e) => e.status === 503 });\n', ['503 retry-config']],
      ['decoy: a lambda handed to something else', 'items.filter((r) => r.status === 503);\n', ['503 client-check']],
    ]);
    spotCases('kotlin', [
      [
        "Ktor's retryIf and resilience4j's retryOnResult (trailing lambdas)",
        'fun HttpClientConfig<*>.retries() {\n  install(HttpRequestRetry) {\n    retryIf { _, response -> response.status == HttpStatusCode.BadGateway }\n  }\n}\nval config = RetryConfig<Response> {\n  retryOnResult { r -> with(r) { code >= 500 } }\n}\n',
        ['502 retry-config', '500 retry-config'],
      ],
      [
        "a Reactor retry spec's filter, inline and through a named function",
        'fun <T : Any> Mono<T>.retried(): Mono<T> =\n  retryWhen(Retry.backoff(2, Duration.ofMillis(100)).filter { it is WebClientRequestException })\nval spec = Retry.fixedDelay(3, d).filter { transientFailure(it) }\nprivate fun transientFailure(e: Throwable): Boolean = e is ConnectException || e.cause is SocketTimeoutException\n',
        ['WebClientRequestException retry-config', 'ConnectException retry-config', 'SocketTimeoutException retry-config'],
      ],
      [
        'decoy: a filter that is no retry spec, and a function only a plain filter calls',
        'val maxRetries = 3\nval busy = responses.filter { it.status == HttpStatusCode.ServiceUnavailable }\nval bad = errors.filter { refused(it) }\nfun refused(e: Throwable): Boolean = e is ConnectException\n',
        ['503 client-check', 'ConnectException client-check'],
      ],
    ]);
    spotCases('java', [['Failsafe handleResultIf', 'class A { Object p = RetryPolicy.builder().handleResultIf(response -> response.code() == 429).build(); }\n', ['429 retry-config']]]);
    spotCases('csharp', [
      [
        "Polly's Handle<T> narrowed by a predicate, and Or<T>",
        'class P {\n  IAsyncPolicy Build() => Policy\n    .Handle<ApiException>(e => e.StatusCode == HttpStatusCode.TooManyRequests)\n    .Or<HttpRequestException>(e => e.StatusCode == HttpStatusCode.BadGateway)\n    .WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n));\n}\n',
        ['429 retry-config', 'HttpRequestException retry-config', '502 retry-config'],
      ],
      ['decoy: a Handle call with no type argument', 'class P {\n  void Route(Router r) => r.Handle(e => e.StatusCode == HttpStatusCode.NotFound);\n}\n', ['404 client-check']],
    ]);
    spotCases('csharp', [['a ShouldRetry delegate property', 'class A { void M() { var o = new RetryHandlerOption { ShouldRetry = (d, a, r) => r.StatusCode == HttpStatusCode.BadGateway }; } }\n', ['502 retry-config']]]);
  });

  describe('a retry strategy built with its lists', () => {
    spotCases('java', [
      [
        "codes handed to this(…) in a retry strategy's constructor",
        'class CappedRetryStrategy {\n  CappedRetryStrategy() {\n    this(3, Arrays.asList(429, 503));\n  }\n}\n',
        ['429 retry-config', '503 retry-config'],
      ],
      ['decoy: the same in a class that does not retry', 'class Window {\n  Window() {\n    this(3, Arrays.asList(429, 503));\n  }\n}\n', []],
    ]);
  });

  it("reads a retry's exclude list as configuration, never as codes it retries", async () => {
    const source =
      'import org.springframework.retry.annotation.Retryable;\n\n@Retryable(include = { ResourceAccessException.class }, exclude = { HttpClientErrorException.Forbidden.class, HttpClientErrorException.NotFound.class })\npublic interface Fetcher {\n  String get();\n}\n';
    const occurrences = await occurrencesOf('java', source);
    assert.deepEqual(
      occurrences.map((o) => `${o.code} ${o.role} ${o.roleForRules ?? '-'}`),
      ['ResourceAccessException retry-config -', '403 retry-config constant', '404 retry-config constant'],
    );
    const findings = await diagnosticsOf('java', source);
    assert.ok(!findings.some((f) => f.rule === 'non-retryable-retried'), findings.map((f) => f.rule).join(', '));
  });

  it('keeps predicate tests visible to the rules as client checks', async () => {
    const program = (name: string) =>
      `import requests\n\ndef ${name}(url):\n    resp = requests.get(url, timeout=5)\n    if resp.status_code == 503:\n        raise RuntimeError("down")\n    return resp.status_code == 200\n`;
    const plain = await diagnosticsOf('python', program('check_page'));
    const predicate = await diagnosticsOf('python', program('is_transient'));
    assert.deepEqual((await occurrencesOf('python', program('is_transient'))).map((o) => o.role), ['retry-config', 'retry-config']);
    assert.ok(plain.length > 0, 'the plain function should draw a finding');
    assert.deepEqual(
      predicate.map((f) => `${f.rule}@${f.range.start.line}`),
      plain.map((f) => `${f.rule}@${f.range.start.line}`),
    );
  });
});
