/**
 * Statuses a test's fakes carry: HTTP errors built with their status and handed on rather than thrown (Python's
 * `side_effect=ApiError('not found', 404)`, Java's `WebClientResponseException.create(500, …)`), a mock named for the
 * failure it fakes (`getContent.mockError(404, …)`), Hamcrest's `hasProperty("errorStatus", is(404))`, a field read by
 * its name (`row.getField("statusCode")`), and Sinatra's and Grape's `status 201` in a fake server's routes.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses a fake carries', () => {
  spotCases('python', [
    [
      'API errors built with their status, message first or last',
      'def test_a(api):\n    api.call = AsyncMock(side_effect=RemnaWaveAPIError("not found", 404))\n    err = A2AClientHTTPError(429, "slow down")\n',
      ['404 constant', '429 constant'],
    ],
    ['decoy: an error of the domain with a number', 'def test_a(api):\n    api.call = AsyncMock(side_effect=QuotaError("items", 500))\n', []],
  ]);

  spotCases('java', [
    [
      "Spring's exception factory and a constructed client exception, Hamcrest's hasProperty, a field read by name",
      'class T {\n  void a() {\n    var e = WebClientResponseException.create(500, "Internal Server Error", null, null, null);\n    assertThat(ex, hasProperty("errorStatus", is(404)));\n    assertThat(row.getField("statusCode")).isEqualTo(200);\n  }\n}\n',
      ['500 constant', '404 test-assert', '200 test-assert'],
    ],
    ['decoy: hasProperty of a size', 'class T {\n  void a() {\n    assertThat(page, hasProperty("size", is(200)));\n  }\n}\n', []],
  ]);

  spotCases('csharp', [
    ['decoy: a method named like an error class, called without new', 'class C {\n  IActionResult A() {\n    return this.CreateAPIError(404, "user-not-found", "gone");\n  }\n}\n', []],
  ]);

  spotCases('javascript', [
    ["a mock named for the failure it fakes", "getContent.mockError(404, 'file not found');\n", ['404 server-sets']],
    ['decoy: a mock of something else with a number', "cache.mockSize(500);\n", []],
  ]);

  spotCases('ruby', [
    [
      "Sinatra's status in a fake server's routes",
      'class FakeGitHub < Sinatra::Base\n  post "/repos/:repo/hooks" do\n    status 201\n  end\nend\n',
      ['201 server-sets'],
    ],
    ['decoy: a method named status outside a route', 'def helper\n  status 200\nend\n', []],
  ]);
});
