/**
 * Statuses a test names rather than compares: Laravel's test-response assertions named for a status
 * (`->assertNotFound()`), a test's helper or RSpec matcher named for the status it asserts (`AssertHttpError(404, …)`,
 * `to party_status(200)`), the expected status under a name that says `code` (`wantCode: 401`, `_expected_status=404`),
 * a status with its reason phrase where a status goes (`rv.status == "404 NOT FOUND"`, Go `Status: "200 OK"`), and a
 * quoted status a test compares (`assert_equal "404", response.code`).
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses a test names', () => {
  spotCases('php', [
    [
      "Laravel's status assertions",
      "<?php\n$response->assertOk();\n$this->get('/x')->assertNotFound();\n$response->assertTooManyRequests();\n$response->assertNoContent();\n",
      ['200 test-assert', '404 test-assert', '429 test-assert', '204 test-assert'],
    ],
    ['decoy: a method of that name declared, an assertion of another kind', "<?php\nclass R {\n  public function assertOk() { return true; }\n}\n$response->assertJson([]);\n", []],
  ]);

  spotCases('csharp', [
    ['a helper named for the status it asserts', 'class T {\n  async Task A() {\n    await AssertHttpError(404, async () => await client.Get());\n    await AssertEx.AssertApiError(401, "unauthenticated", act);\n  }\n}\n', ['404 test-assert', '401 test-assert']],
    ['decoy: a helper named for something else', 'class T {\n  void A() {\n    AssertRowCount(200, table);\n    AssertTimeout(500, act);\n  }\n}\n', []],
  ]);

  spotCases('ruby', [
    ["a project's RSpec matcher named for a status", 'it "a" do\n  expect(resp).to party_status(200)\nend\n', ['200 test-assert']],
    ['a quoted status compared with a response code', 'def test_a\n  assert_equal "404", response.code\n  expect(response.code).to eq("500")\nend\n', ['404 test-assert', '500 test-assert']],
  ]);

  spotCases('go', [
    [
      'the expected status under a name that says code',
      'package api\n\nvar cases = []struct {\n\tname     string\n\twantCode int\n}{\n\t{name: "a", wantCode: 401},\n}\n\nfunc TestA(t *testing.T) {\n\texpectedCode := 404\n\t_ = expectedCode\n}\n',
      ['401 test-assert', '404 test-assert'],
    ],
    [
      "a status with its reason phrase in a response's Status field",
      'package api\n\nfunc TestA(t *testing.T) {\n\tr := &http.Response{Status: "503 Service Unavailable"}\n\tr.Status = "400 Bad Request"\n\tlabel := "404 Not Found"\n}\n',
      ['503 server-sets', '400 server-sets'],
    ],
  ]);

  spotCases('python', [
    [
      "a test helper's keyword for the expected status, and a status line compared",
      'def test_a(admin_request, client):\n    admin_request.get("x.get", _expected_status=404)\n    rv = client.get("/")\n    assert rv.status == "404 NOT FOUND"\n',
      ['404 test-assert', '404 test-assert'],
    ],
    [
      "decoy: a reason phrase in an error's message, a quoted number in a row of test data",
      'def test_a():\n    err = UpstreamError("500 Server Error")\n    cases = [("1", "101", "Firetext")]\n',
      [],
    ],
  ]);
});
