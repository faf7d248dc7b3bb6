/**
 * Statuses test doubles answer with in mocking DSLs that name no response type: MockK's infix answers, Rust
 * httptest's `status_code(…)` responder, Go's gock `Reply(…)`, Mockito's `doReturn(…).when(…)` order, and the
 * `withStatusCode(…)` builders of MockServer and WireMock.Net.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses of mock answers', () => {
  spotCases('kotlin', [
    [
      'MockK answers of a stubbed status getter, single, symbolic, many and chained',
      'fun stubs() {\n    every { reply.code } returns 502\n    coEvery { call.response.status } returns HttpStatusCode.GatewayTimeout\n    every { raw.code() } returnsMany listOf(429, 200)\n    every { reply.statusCode } returns 503 andThen 204\n}\n',
      ['502 test-assert', '504 test-assert', '429 test-assert', '200 test-assert', '503 test-assert', '204 test-assert'],
    ],
    ['decoy: MockK answers of getters that are no status', 'fun stubs() {\n    every { cart.size } returns 200\n    every { page.limit() } returnsMany listOf(100, 500)\n}\n', []],
  ]);

  spotCases('rust', [
    [
      "httptest's status_code responder handed to respond_with",
      'fn serve(server: &Server) {\n    server.expect(Expectation::matching(any()).respond_with(status_code(503)));\n}\n',
      ['503 test-assert'],
    ],
    ['decoy: a function of the same name outside a responder, in a file without httptest', 'fn check(r: &Reply) -> bool {\n    let wanted = status_code(404);\n    r.ok\n}\n', []],
  ]);

  spotCases('go', [
    ["gock's Reply", 'package api\n\nfunc stub() {\n\tgock.New("https://api.test").Get("/items").Reply(429)\n}\n', ['429 test-assert']],
  ]);

  spotCases('java', [
    [
      "Mockito's doReturn order on a status getter, and MockServer's withStatusCode",
      'class Stubs {\n  void set() {\n    doReturn(503).when(reply).getStatusCode();\n    mock.when(request().withPath("/a")).respond(response().withStatusCode(502));\n  }\n}\n',
      ['503 test-assert', '502 server-sets'],
    ],
    ['decoy: doReturn of a count', 'class Stubs {\n  void set() {\n    doReturn(500).when(cart).getSize();\n  }\n}\n', []],
  ]);

  spotCases('csharp', [
    ["WireMock.Net's WithStatusCode", 'class Stubs {\n  void Set() {\n    server.Given(Request.Create()).RespondWith(Response.Create().WithStatusCode(500));\n  }\n}\n', ['500 server-sets']],
  ]);
});
