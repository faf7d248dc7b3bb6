import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { hoverAt } from '../support/serviceHarness';

/**
 * HTTP-client and SDK exception classes (catalogs dotnet-, java-, js-, sdk- and python-exceptions): a class name is a
 * code only where it stands as an exception type — caught, tested with instanceof / is / isinstance, handed to a
 * retry, asserted or fed in by a test. Imports, declarations, `throw new …` and look-alike classes stay silent. Go's
 * API clients' error types (go-exceptions) count where they are tested: a type switch, an assertion, an errors.As target.
 */
describe('spotting: client exception classes', () => {
  describe('C#', () => {
    spotCases('csharp', [
      ['a catch clause', 'class A { async Task M() { try { await Send(); } catch (HttpRequestException ex) { Log(ex); } } }\n', ['HttpRequestException client-check']],
      ['a namespace-qualified catch', 'class A { void M() { try { } catch (System.Net.Sockets.SocketException) { } } }\n', ['SocketException client-check']],
      [
        'an is-pattern with or',
        'class A { bool Transient(Exception ex) => ex is TimeoutException or SocketException || ex is HttpRequestException; }\n',
        ['TimeoutException client-check', 'SocketException client-check', 'HttpRequestException client-check'],
      ],
      [
        'Polly Handle<T>() and Or<T>()',
        'class A { void M() { var p = Policy.Handle<HttpRequestException>().Or<TaskCanceledException>().WaitAndRetryAsync(3, Delay); } }\n',
        ['HttpRequestException retry-config', 'TaskCanceledException retry-config'],
      ],
      ['an xUnit Throws<T>', 'class T { async Task Fails() { await Assert.ThrowsAsync<OperationCanceledException>(() => Call()); } }\n', ['OperationCanceledException test-assert']],
      ['decoy: throw new', 'class A { void M() { throw new HttpRequestException("boom"); } }\n', []],
      ['decoy: a using directive and a field type', 'using System.Net.Http;\nclass A { private HttpRequestException last; }\n', []],
      ['Flurl exceptions handed to Polly', 'class A { void M() { var p = Policy.Handle<FlurlHttpTimeoutException>().Or<Flurl.Http.FlurlHttpException>().RetryAsync(2); } }\n', ['FlurlHttpTimeoutException retry-config', 'FlurlHttpException retry-config']],
      ['decoy: a project ApiException of its own', 'class A { void M() { try { } catch (ApiException e) { } } }\n', []],
      ['the TLS AuthenticationException where its namespace is imported', 'using System.Security.Authentication;\nclass A { bool F(Exception ex) => ex is AuthenticationException; }\n', ['AuthenticationException client-check']],
      ['decoy: the name in a log message', 'class A { void M() { Log("HttpRequestException"); } }\n', []],
      ['the Azure SDK RequestFailedException in a filtered catch, Azure imported', 'using Azure;\nclass A { async Task M() { try { await blob.UploadAsync(s); } catch (RequestFailedException e) when (e.Status == 409) { } } }\n', ['RequestFailedException client-check', '409 client-check']],
      [
        'a status constant that shares its name with an SDK exception',
        'class A { bool M(HttpResponseMessage r) => r.StatusCode == System.Net.HttpStatusCode.InternalServerError; }\n',
        ['500 client-check'],
      ],
    ]);
  });

  describe('Java', () => {
    spotCases('java', [
      [
        'a multi-catch with a qualified name',
        'class A { void m() { try { call(); } catch (SocketTimeoutException | java.net.ConnectException e) { } } }\n',
        ['SocketTimeoutException client-check', 'ConnectException client-check'],
      ],
      ['instanceof', 'class A { boolean b(Throwable t) { return t instanceof UnknownHostException; } }\n', ['UnknownHostException client-check']],
      [
        'a retry policy handling classes',
        'class A { Object p = RetryPolicy.builder().handle(ConnectException.class).retryOn(HttpTimeoutException.class).build(); }\n',
        ['ConnectException retry-config', 'HttpTimeoutException retry-config'],
      ],
      [
        "a retry strategy's exception list",
        'class BackoffRetryStrategy {\n  BackoffRetryStrategy() {\n    this(3, Arrays.asList(InterruptedIOException.class, NoRouteToHostException.class));\n  }\n}\n',
        ['InterruptedIOException retry-config', 'NoRouteToHostException retry-config'],
      ],
      ['assertThrows', 'class T { void t() { assertThrows(SSLException.class, () -> client.get()); } }\n', ['SSLException test-assert']],
      ['an exception fed to the code under test in an assertion', 'class T { void t() { assertTrue(strategy.retryRequest(req, new ConnectException(), 1)); } }\n', ['ConnectException test-assert']],
      ['a gRPC StatusRuntimeException caught', 'class A { void m() { try { stub.hello(r); } catch (StatusRuntimeException e) { } } }\n', ['StatusRuntimeException client-check']],
      [
        "Spring @Retryable's include and exclude lists",
        '@Retryable(include = { ResourceAccessException.class }, exclude = { HttpClientErrorException.class }, maxAttempts = 3)\ninterface Fetcher {}\n',
        ['ResourceAccessException retry-config', 'HttpClientErrorException retry-config'],
      ],
      [
        "Spring's status-named exception classes stand for their status",
        'import org.springframework.web.client.HttpServerErrorException.BadGateway;\n@Retryable(include = { BadGateway.class }, exclude = { HttpClientErrorException.NotFound.class })\ninterface R {}\nclass T { void t() { assertThrows(WebClientResponseException.TooManyRequests.class, () -> call()); } }\n',
        ['502 retry-config', '404 retry-config', '429 test-assert'],
      ],
      ['decoy: a nested class of that name elsewhere', 'class A { Object o = Codes.NotFound; void m() { try { } catch (Lookup.NotFound e) { } } }\n', []],
      ['a Spring status exception tested', 'class A { boolean f(Throwable t) { return t instanceof HttpStatusCodeException; } }\n', ['HttpStatusCodeException client-check']],
      ['decoy: an import and a throws clause', 'import java.net.ConnectException;\nclass A { void m() throws ConnectException { } }\n', []],
      ['decoy: throw new', 'class A { void m() { throw new SocketTimeoutException("slow"); } }\n', []],
      ["decoy: Spring Security's AuthenticationException", 'import org.springframework.security.core.AuthenticationException;\nclass A { void m() { try { login(); } catch (AuthenticationException e) { } } }\n', []],
    ]);
  });

  describe('JavaScript / TypeScript', () => {
    spotCases('typescript', [
      ['instanceof AxiosError', 'try { await get(); } catch (err) { if (err instanceof AxiosError) retry(); }\n', ['AxiosError client-check']],
      ["an error's name compared", "if (err.name === 'AbortError' || err.name === 'TimeoutError') return;\n", ['AbortError client-check', 'TimeoutError client-check']],
      ['Jest toThrow', 'await expect(fetchUser()).rejects.toThrow(FetchError);\n', ['FetchError test-assert']],
      ['decoy: an import and a construction', "import { AxiosError } from 'axios';\nconst e = new AxiosError('x');\n", []],
      ['decoy: a class name in a list of labels', "const names = ['AbortError', 'TimeoutError'];\n", []],
    ]);
  });

  describe('Python', () => {
    spotCases('python', [
      ['a vendor SDK class caught', 'try:\n    client.chat()\nexcept openai.RateLimitError as e:\n    wait(e)\n', ['RateLimitError client-check']],
      ['a bare SDK class in a tuple', 'try:\n    post()\nexcept (SlackApiError, ReadTimeout):\n    pass\n', ['SlackApiError client-check', 'ReadTimeout client-check']],
      ['gRPC errors (sync and asyncio) and a boto 2 service error caught', 'try:\n    stub.Ping(req)\nexcept grpc.RpcError:\n    pass\nexcept grpc.aio.AioRpcError:\n    pass\nexcept boto.exception.BotoServerError:\n    pass\n', ['RpcError client-check', 'AioRpcError client-check', 'BotoServerError client-check']],
      ['isinstance', 'if isinstance(exc, (ConnectTimeout, requests.exceptions.ReadTimeout)):\n    retry()\n', ['ConnectTimeout client-check', 'ReadTimeout client-check']],
      ['tenacity retry_if_exception_type', '@retry(retry=retry_if_exception_type(openai.APIConnectionError))\ndef ask():\n    pass\n', ['APIConnectionError retry-config']],
      ['backoff.on_exception', '@backoff.on_exception(backoff.expo, requests.exceptions.ConnectionError)\ndef get():\n    pass\n', ['ConnectionError retry-config']],
      ['pytest.raises', 'def test_down():\n    with pytest.raises(httpx.ConnectError):\n        fetch()\n', ['ConnectError test-assert']],
      ['a mock side_effect', 'def test_reset(session):\n    session.get.side_effect = requests.exceptions.ConnectionError()\n', ['ConnectionError test-assert']],
      ['an ambiguous name in its qualified spelling', 'try:\n    send()\nexcept telegram.error.BadRequest:\n    pass\n', ['BadRequest client-check']],
      ['decoy: an ambiguous name bare', 'try:\n    send()\nexcept BadRequest:\n    pass\n', []],
      ['an ambiguous name imported from its library', 'from openai import (\n    RateLimitError,\n    BadRequestError,\n)\n\ntry:\n    ask()\nexcept BadRequestError:\n    pass\n', ['BadRequestError client-check']],
      ['decoy: a qualified name of another module', 'try:\n    go()\nexcept redis.ConnectionError:\n    pass\n', []],
      ['asyncio.TimeoutError (what an aiohttp timeout raises)', 'try:\n    go()\nexcept asyncio.TimeoutError:\n    pass\n', ['TimeoutError client-check']],
      ['decoy: an import', 'from openai import RateLimitError, APIConnectionError\n', []],
      ['the SDKs\' base APIError, qualified', 'try:\n    ask()\nexcept anthropic.APIError:\n    pass\n', ['APIError client-check']],
      ['Azure SDK errors imported from azure.core', 'from azure.core.exceptions import HttpResponseError, ResourceExistsError\n\ntry:\n    queue.create_queue()\nexcept ResourceExistsError:\n    pass\nexcept HttpResponseError as e:\n    raise\n', ['ResourceExistsError client-check', 'HttpResponseError client-check']],
      ['decoy: a project\'s own HttpResponseError', 'class HttpResponseError(Exception):\n    pass\n\ntry:\n    go()\nexcept HttpResponseError:\n    pass\n', []],
      [
        "raised by a test double's raise_for_status",
        'class FakeResponse:\n    def raise_for_status(self):\n        raise requests.HTTPError("boom")\n',
        ['HTTPError test-assert'],
      ],
      ['handed to a mocked endpoint in a test', 'def test_retries(rsps):\n    rsps.add(responses.GET, URL, body=requests.ConnectionError())\n', ['ConnectionError test-assert']],
      ['decoy: a library testing its own class of the same name', 'from zenpy.lib.exception import RateLimitError\n\ndef test_fields():\n    exc = RateLimitError("slow", retry_after=3)\n', []],
      ['decoy: built outside tests', 'def fail():\n    raise requests.HTTPError("boom")\n', []],
      // (Added classes: Stripe's, openai's base, google-cloud's GoogleCloudError, botocore's EndpointConnectionError, telegram's Forbidden.)
      [
        "Stripe's errors, qualified",
        'try:\n    charge()\nexcept stripe.error.CardError:\n    decline()\nexcept stripe.StripeError:\n    pass\n',
        ['CardError client-check', 'StripeError client-check'],
      ],
      ['GoogleCloudError imported from google.cloud', 'from google.cloud.exceptions import GoogleCloudError\n\ntry:\n    blob.upload()\nexcept GoogleCloudError as e:\n    log(e)\n', ['GoogleCloudError client-check']],
      ['decoy: a bare Forbidden of its own', 'class Forbidden(Exception):\n    pass\n\ntry:\n    go()\nexcept Forbidden:\n    pass\n', []],
      ['an except clause joining classes with or', 'try:\n    ask()\nexcept openai.RateLimitError or openai.APITimeoutError as e:\n    pass\n', ['RateLimitError client-check', 'APITimeoutError client-check']],
      ['an exact type test with type(…) is', 'def handle(error):\n    if type(error) is requests.ConnectionError:\n        reconnect()\n', ['ConnectionError client-check']],
      ['contextlib.suppress', 'with suppress(asyncio.TimeoutError):\n    await wait()\n', ['TimeoutError client-check']],
      ['decoy: classes joined with or outside a catch', 'pick = requests.Timeout or requests.ConnectionError\n', []],
      ['decoy: class names as test ids', '@pytest.mark.parametrize("name", ids=["ReadTimeout", "ConnectionError"])\ndef test_x(name):\n    pass\n', []],
    ]);
  });

  describe('Go', () => {
    spotCases('go', [
      ['decoy: a struct field with an exception-like name', 'package p\n\nfunc f(e *Err, r int) {\n\te.RetryAfter = r\n}\n', []],
      // Go's API clients report failures with error types (catalog go-exceptions), tested by type, never caught.
      ['a type assertion on a go-github error', 'package p\n\nfunc f(err error) {\n\tif _, ok := err.(*github.AbuseRateLimitError); ok {\n\t\twait()\n\t}\n}\n', ['AbuseRateLimitError client-check']],
      ['a type switch case on an http2 error', 'package p\n\nfunc f(err error) int {\n\tswitch err.(type) {\n\tcase http2.GoAwayError:\n\t\treturn 1\n\t}\n\treturn 0\n}\n', ['GoAwayError client-check']],
      [
        'the targets of errors.As, declared in a var block',
        'package p\n\nfunc f(err error) bool {\n\tvar (\n\t\tlimited *slack.RateLimitedError\n\t\tcoded   slack.StatusCodeError\n\t)\n\treturn errors.As(err, &limited) || errors.As(err, &coded)\n}\n',
        ['RateLimitedError client-check', 'StatusCodeError client-check'],
      ],
      ['in a retry predicate', 'package p\n\nfunc shouldRetry(err error) bool {\n\tvar reset http2.StreamError\n\treturn errors.As(err, &reset)\n}\n', ['StreamError retry-config']],
      ['decoy: a variable of the type no errors.As reads', 'package p\n\nfunc f() {\n\tvar last *github.RateLimitError\n\tkeep(last)\n}\n', []],
      ['decoy: a value the code builds', 'package p\n\nfunc f() error {\n\treturn &github.RateLimitError{Message: "slow down"}\n}\n', []],
      ['decoy: a project type of the same name, unqualified', 'package p\n\nfunc f(err error) {\n\tif _, ok := err.(*RateLimitError); ok {\n\t\twait()\n\t}\n}\n', []],
    ]);
  });

  it('hovers a .NET exception with its catalog entry', async () => {
    const text = await hoverAt('csharp', 'class A { void M() { try { } catch (TaskCanceled|Exception) { } } }\n');
    assert.ok(text && /HttpClient\.Timeout/.test(text), text);
  });
});
