/**
 * Statuses in test frameworks' own DSLs: Cypress's `its('status').should('eq', 200)`, should.js's `should(x)`, Go's
 * `if got, want := rr.Code, 503; got != want`, testify's `HTTPStatusCode`, Spring's MockRestServiceServer creators,
 * Ktor's MockEngine and `HttpStatusCode.fromValue`, mockito-kotlin's `doReturn`, RestAssured's Kotlin `Then { … }`,
 * FluentAssertions.Web's `Be404NotFound()`, Shouldly's `ShouldBe`, pytest's `excinfo.value.code`.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses in test frameworks’ DSLs', () => {
  spotCases('typescript', [
    [
      "Cypress's chainer assertions on a status read with its(), and should.js's should(x)",
      "it('a', () => {\n  cy.request('/x').its('status').should('eq', 200);\n  cy.wait('@load').its('response.statusCode').should('equal', 404);\n  cy.request('/y').should('have.property', 'status', 500);\n  should(res.status).equal(201);\n});\n",
      ['200 test-assert', '404 test-assert', '500 test-assert', '201 test-assert'],
    ],
    ["decoy: Cypress assertions on a length", "it('a', () => {\n  cy.get('li').its('length').should('eq', 200);\n  cy.get('li').should('have.property', 'length', 200);\n});\n", []],
  ]);

  spotCases('go', [
    [
      'the status a test wants beside the one it got, and testify’s HTTPStatusCode',
      'package api\n\nfunc TestA(t *testing.T) {\n\tif got, want := rr.Code, 503; got != want {\n\t\tt.Errorf("got %d", got)\n\t}\n\tassert.HTTPStatusCode(t, handler, "GET", "/x", nil, 404)\n}\n',
      ['503 test-assert', '404 test-assert'],
    ],
    ['decoy: a wanted length beside the one got', 'package api\n\nfunc TestA(t *testing.T) {\n\tif got, want := len(rows), 200; got != want {\n\t\tt.Fail()\n\t}\n}\n', []],
  ]);

  spotCases('java', [
    [
      "Spring MockRestServiceServer's creators handed to andRespond",
      'import static org.springframework.test.web.client.response.MockRestResponseCreators.*;\nclass T {\n  void a() {\n    server.expect(requestTo("/a")).andRespond(withServerError());\n    server.expect(requestTo("/b")).andRespond(withTooManyRequests().body("{}"));\n    server.expect(requestTo("/c")).andRespond(withRawStatus(503));\n  }\n}\n',
      ['500 test-assert', '429 test-assert', '503 test-assert'],
    ],
    [
      "a status made from its number stands where it is used; equals is a comparison",
      'class C {\n  void a(RestClientResponseException e) {\n    if (e.getStatusCode().equals(HttpStatusCode.valueOf(404))) { return; }\n    if (e.getStatusCode().equals(HttpStatus.CONFLICT)) { return; }\n  }\n}\n',
      ['404 client-check', '409 client-check'],
    ],
    ['decoy: creators outside andRespond, in a file without the import', 'class T {\n  void a() {\n    var r = withServerError();\n  }\n}\n', []],
  ]);

  spotCases('kotlin', [
    [
      "Ktor's MockEngine answers, mockito-kotlin's doReturn, RestAssured's Then block",
      'class T {\n  fun a() {\n    val engine = MockEngine { respond("x", HttpStatusCode.fromValue(429)) }\n    val r = mock<Response> { on { code() } doReturn 503 }\n    When { get("/x") } Then { statusCode(200) }\n  }\n}\n',
      ['429 server-sets', '503 test-assert', '200 test-assert'],
    ],
    [
      "http4k's Status where the file imports it, and the MockMvc DSL's status block",
      'import org.http4k.core.Status\nclass T {\n  fun a() {\n    val fake = { _: Request -> Response(Status.SERVICE_UNAVAILABLE) }\n    mockMvc.get("/x").andExpect { status { isEqualTo(429) } }\n  }\n}\n',
      ['503 server-sets', '429 test-assert'],
    ],
    ['decoy: doReturn of a size, statusCode outside a Then block', 'class T {\n  fun a() {\n    val r = mock<Page> { on { size() } doReturn 200 }\n    statusCode(200)\n  }\n}\n', []],
  ]);

  spotCases('csharp', [
    [
      "FluentAssertions.Web's named status assertions and Shouldly's ShouldBe",
      'class T {\n  void A() {\n    response.Should().Be404NotFound();\n    response.Should().Be200Ok();\n    ((int)response.StatusCode).ShouldBe(429);\n  }\n}\n',
      ['404 test-assert', '200 test-assert', '429 test-assert'],
    ],
    ['decoy: ShouldBe of a count', 'class T {\n  void A() {\n    rows.Count.ShouldBe(200);\n  }\n}\n', []],
  ]);

  spotCases('python', [
    ["the code of the exception pytest.raises caught", 'def test_a():\n    with pytest.raises(HTTPException) as excinfo:\n        get_user(1)\n    assert excinfo.value.code == 403\n', ['403 test-assert']],
    ['decoy: the value of something else', 'def test_a(cfg):\n    assert cfg.value.code == 403\n', []],
  ]);
});
