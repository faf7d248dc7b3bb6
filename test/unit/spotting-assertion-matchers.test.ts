/**
 * Expected statuses a test states through a matcher or on the far side of the assertion: Hamcrest and Gomega matchers
 * wrapping the value, NUnit's `Is.EqualTo`, a collection asserted to hold the status, a property asserted by its name,
 * should.js chains, and the assertion names of testify, unittest and Node beyond plain equality.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses stated through assertion matchers', () => {
  spotCases('java', [
    [
      'Hamcrest matchers handed to assertThat and to RestAssured',
      'class T {\n  void t() {\n    assertThat(reply.getStatus(), is(404));\n    assertThat(reply.getStatus(), is(equalTo(201)));\n    given().get("/a").then().statusCode(anyOf(is(200), is(204)));\n  }\n}\n',
      ['404 test-assert', '201 test-assert', '200 test-assert', '204 test-assert'],
    ],
    ['decoy: a matcher of a size', 'class T {\n  void t() {\n    assertThat(rows.size(), is(200));\n    assertThat(page.limit(), equalTo(500));\n  }\n}\n', []],
  ]);

  spotCases('go', [
    [
      "Gomega's Equal, BeEquivalentTo and HaveHTTPStatus, testify's EqualValues and Equalf",
      'package api\n\nfunc TestA(t *testing.T) {\n\tExpect(rec.Code).To(Equal(503))\n\tExpect(reply.StatusCode).Should(BeEquivalentTo(500))\n\tExpect(reply).To(HaveHTTPStatus(404))\n\tassert.EqualValues(t, 429, rec.Code)\n\tassert.Equalf(t, 502, rec.Code, "status")\n}\n',
      ['503 test-assert', '500 test-assert', '404 test-assert', '429 test-assert', '502 test-assert'],
    ],
    ['decoy: Gomega and testify on a length', 'package api\n\nfunc TestA(t *testing.T) {\n\tExpect(len(rows)).To(Equal(200))\n\tassert.EqualValues(t, 200, len(rows))\n}\n', []],
  ]);

  spotCases('csharp', [
    ["NUnit's Is.EqualTo on a cast status", 'class T {\n  void A() {\n    Assert.That((int)reply.StatusCode, Is.EqualTo(429));\n  }\n}\n', ['429 test-assert']],
    ['decoy: Is.EqualTo on a count', 'class T {\n  void A() {\n    Assert.That(rows.Count, Is.EqualTo(200));\n  }\n}\n', []],
  ]);

  spotCases('typescript', [
    [
      'a status asserted to be among a list, a property named for the status, a should chain',
      "it('a', () => {\n  expect([502, 503]).toContain(reply.status);\n  expect(reply).toHaveProperty('status', 401);\n  expect(err).toHaveProperty('response.status', 404);\n  expect(reply).to.have.property('statusCode', 409);\n  reply.status.should.equal(204);\n  assert.deepStrictEqual(reply.status, 418);\n});\n",
      ['502 test-assert', '503 test-assert', '401 test-assert', '404 test-assert', '409 test-assert', '204 test-assert', '418 test-assert'],
    ],
    [
      'decoy: a list holding a width, a property named for something else',
      "it('a', () => {\n  expect([200, 300]).toContain(box.width);\n  expect(rows).toHaveProperty('length', 200);\n  expect(cfg).toHaveProperty('timeout', 500);\n});\n",
      [],
    ],
  ]);

  spotCases('python', [
    [
      "unittest's membership and ordering assertions",
      'class T(TestCase):\n    def test_a(self):\n        self.assertIn(resp.status_code, (200, 204))\n        self.assertGreaterEqual(resp.status_code, 500)\n',
      ['200 test-assert', '204 test-assert', '500 test-assert'],
    ],
    ['decoy: assertIn of a count', 'class T(TestCase):\n    def test_a(self):\n        self.assertIn(len(rows), (200, 204))\n', []],
  ]);

  spotCases('ruby', [
    [
      'RSpec include, be_between and be_in on a status',
      'it "a" do\n  expect([200, 201]).to include(response.status)\n  expect(response.status).to be_between(200, 299)\n  expect(response.status).to be_in([401, 403])\nend\n',
      ['200 test-assert', '201 test-assert', '200 test-assert', '299 test-assert', '401 test-assert', '403 test-assert'],
    ],
    ['decoy: include of a size', 'it "a" do\n  expect([200, 201]).to include(rows.size)\nend\n', []],
  ]);
});
