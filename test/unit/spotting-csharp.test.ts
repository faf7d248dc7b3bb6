import { spotCases } from '../fixtures/spotting/cases';

const m = (body: string): string => `class A {\n  async Task F() {\n${body}\n  }\n}\n`;

describe('spotting: C#', () => {
  spotCases('csharp', [
    ["a WebException's status", 'static class T {\n  public static bool Transient(WebException e) => e.Status == WebExceptionStatus.ConnectFailure || e.Status == WebExceptionStatus.NameResolutionFailure;\n}\n', ['ConnectFailure client-check', 'NameResolutionFailure client-check']],
    ["a WebException's protocol error is no transport code", 'static class T {\n  public static bool Http(WebException e) => e.Status == WebExceptionStatus.ProtocolError;\n}\n', []],
    ["a socket error's code", 'static class T {\n  public static bool IsTransient(SocketException e) => e.SocketErrorCode is SocketError.ConnectionReset or SocketError.TimedOut;\n}\n', ['ECONNRESET retry-config', 'ETIMEDOUT retry-config']],
    ["a controller's result helpers", '[ApiController]\npublic class OrdersController : ControllerBase {\n  public IActionResult Get(int id) {\n    if (id < 0) return BadRequest("id");\n    return found ? Ok(order) : NotFound();\n  }\n}\n', ['400 server-sets', '200 server-sets', '404 server-sets']],
    [
      "a controller's redirects",
      'public class LinksController : Controller {\n  public IActionResult Go(string url, bool moved) {\n    if (moved) return RedirectPermanent(url);\n    return Redirect(url);\n  }\n  public IActionResult Keep(string url) => RedirectPreserveMethod(url);\n}\n',
      ['301 server-sets', '302 server-sets', '307 server-sets'],
    ],
    ['decoy: a redirect helper outside a controller', 'public static class Links {\n  public static Uri Follow(Uri u) => Redirect(u);\n}\n', []],
    ['decoy: a result type outside a controller', 'public static class Parsing {\n  public static Result<int> Parse(string s) => int.TryParse(s, out var n) ? Result.Ok(n) : Result.NotFound();\n}\n', []],
    ['ASP.NET-style names that carry the number and the phrase', 'static class Codes {\n  public const int Status499ClientClosedRequest = 499;\n  public const int Status429TooManyRequests = 429;\n  public const int Status404NotFound = 500;\n}\n', ['499 constant', '429 constant']],
    ['(int)response.StatusCode == 503', m('    if ((int)response.StatusCode == 503) { }'), ['503 client-check']],
    ['a switch over (int)StatusCode', m('    switch ((int)r.StatusCode) { case 429: break; }'), ['429 client-check']],
    ['HttpStatusCode.TooManyRequests compared', m('    if (response.StatusCode == HttpStatusCode.TooManyRequests) { }'), ['429 client-check']],
    ['an is-pattern over two constants', m('    var again = r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;'), ['429 client-check', '503 client-check']],
    ['exception types in a switch expression and a switch statement', m('    var r = ex switch { HttpRequestException => 1, TaskCanceledException t => 2, _ => 0 };\n    switch (inner) { case SocketException s: return; }'), ['HttpRequestException client-check', 'TaskCanceledException client-check', 'SocketException client-check']],
    ['a property pattern', m('    if (ex is HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable }) { }'), ['HttpRequestException client-check', '503 client-check']],
    ['Polly HandleResult<T> (a retry predicate)', 'class A {\n  P p = Policy.HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);\n}\n', ['503 retry-config']],
    ['StatusCode(429) in a controller', m('    return StatusCode(429);'), ['429 server-sets']],
    ['StatusCodes.Status429TooManyRequests', m('    return StatusCode(StatusCodes.Status429TooManyRequests);'), ['429 server-sets']],
    ['Results.StatusCode(503)', m('    return Results.StatusCode(503);'), ['503 server-sets']],
    ['Response.StatusCode = 410', m('    ctx.Response.StatusCode = 410;'), ['410 server-sets']],
    ['an object initializer StatusCode', m('    return new ObjectResult(e) { StatusCode = 409 };'), ['409 server-sets']],
    ['[ProducesResponseType(404)]', 'class A {\n  [ProducesResponseType(404)]\n  void F() {}\n}\n', ['404 server-sets']],
    ['Assert.Equal(HttpStatusCode.OK, response.StatusCode)', m('    Assert.Equal(HttpStatusCode.OK, response.StatusCode);'), ['200 test-assert']],
    ['Assert.AreEqual(404, (int)response.StatusCode)', m('    Assert.AreEqual(404, (int)response.StatusCode);'), ['404 test-assert']],
    ['FluentAssertions Should().Be', m('    response.StatusCode.Should().Be(HttpStatusCode.NotFound);'), ['404 test-assert']],
    ['a retryable status array', 'class A {\n  static readonly int[] RetryableStatusCodes = { 429, 503 };\n}\n', ['429 retry-config', '503 retry-config']],
    ['a retryable HashSet', 'class A {\n  static readonly HashSet<int> Retryable = new HashSet<int> { 429, 503 };\n}\n', ['429 retry-config', '503 retry-config']],
    ['gRPC StatusCode.Unavailable', m('    if (rpc.StatusCode == StatusCode.Unavailable) { }'), ['UNAVAILABLE client-check']],
    ['new int[404]', m('    var a = new int[404];\n    a[200] = 300;'), []],
    ['Task.Delay(500)', m('    await Task.Delay(500);'), []],
    ['a close-code enum with a base type', 'public enum CloseCode : int\n{\n    Normal = 1000,\n    InvalidSession = 4006,\n}\n', ['1000 constant', '4006 constant']],
    ['a port', 'class A {\n  const int Port = 5000;\n  const int MaxPageSize = 200;\n}\n', []],
    ['Assert.Equal on a length', m('    Assert.Equal(200, body.Length);'), []],
    ['an interpolated string', m('    Console.WriteLine($"HTTP {code} 503");'), []],
  ]);
});
