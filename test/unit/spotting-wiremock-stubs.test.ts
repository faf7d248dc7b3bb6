import { spotCases } from '../fixtures/spotting/cases';

/**
 * WireMock's stubbed answers written with its shortcuts — `willReturn(serviceUnavailable())`, `willReturn(status(429))` —
 * are the statuses the stub answers with (test data), in a file that imports WireMock and only as willReturn's argument.
 */
describe('spotting: WireMock response shortcuts', () => {
  spotCases('java', [
    [
      'shortcuts and status(n) handed to willReturn',
      'import static com.github.tomakehurst.wiremock.client.WireMock.*;\n\nclass QuoteClientTest {\n  void stubs() {\n    stubFor(get(urlPathEqualTo("/quote")).willReturn(serviceUnavailable()));\n    stubFor(post("/order").willReturn(status(429).withHeader("Retry-After", "2")));\n    stubFor(get("/gone").willReturn(notFound().withBody("none")));\n  }\n}\n',
      ['503 test-assert', '429 test-assert', '404 test-assert'],
    ],
    [
      'decoy: the same names in a file without WireMock',
      'class Routes {\n  Object a() { return handler.willReturn(notFound()); }\n  Object b() { return ok(); }\n}\n',
      [],
    ],
    [
      'decoy: a shortcut not handed to willReturn',
      'import com.github.tomakehurst.wiremock.client.WireMock;\n\nclass T {\n  void m() {\n    ResponseDefinitionBuilder b = WireMock.ok();\n  }\n}\n',
      [],
    ],
  ]);
  spotCases('kotlin', [
    [
      'a Kotlin stub with a qualified shortcut (an okJson stub, written for its body, is no site)',
      'import com.github.tomakehurst.wiremock.client.WireMock\n\nclass PaymentsTest {\n  fun stub() {\n    server.stubFor(WireMock.get("/pay").willReturn(WireMock.serverError()))\n    server.stubFor(WireMock.get("/ok").willReturn(WireMock.okJson("{}")))\n  }\n}\n',
      ['500 test-assert'],
    ],
  ]);
});
