/**
 * Kotlin test idioms: kotest's infix assertions (`response.status shouldBe HttpStatusCode.NotFound`, `code shouldBe 404`)
 * and Retrofit's hand-built error responses (`Response.error<Any>(503, body)`, a stub in a test).
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf } from '../support/serviceHarness';

const spotted = async (text: string) => (await occurrencesOf('kotlin', text)).map((o) => `${o.range.start.line + 1} ${o.code} ${o.role}`);

describe('spotting: Kotlin test assertions and stubs', () => {
  it('reads kotest infix assertions on a status as test assertions', async () => {
    const text = [
      'class LedgerClientTest : StringSpec({',
      '    "missing entries" {',
      '        response.status shouldBe HttpStatusCode.NotFound',
      '        response.status.value shouldBe 404',
      '        response.status shouldNotBe HttpStatusCode.TooManyRequests',
      '    }',
      '})',
      '',
    ].join('\n');
    assert.deepEqual(await spotted(text), ['3 404 test-assert', '4 404 test-assert', '5 429 test-assert']);
  });

  it('leaves an infix assertion on something that is no status', async () => {
    const text = ['class PagingTest {', '    @Test', '    fun pages() {', '        pageSize shouldBe 500', '    }', '}', ''].join('\n');
    assert.deepEqual(await spotted(text), []);
  });

  it("spots the status of Retrofit's Response.error in a test double", async () => {
    const text = [
      'class RepositoryTest {',
      '    @Test',
      '    fun `gives up on an outage`() {',
      '        coEvery { api.entries() } throws HttpException(Response.error<Any>(503, body))',
      '    }',
      '}',
      '',
    ].join('\n');
    assert.ok((await spotted(text)).includes('4 503 test-assert'));
  });

  it("reads Spring MockMvc's status matchers written the Kotlin way (property, call, DSL)", async () => {
    const text = [
      'class OwnerControllerTest {',
      '    @Test',
      '    fun owners() {',
      '        mockMvc.perform(get("/owners/1")).andExpect(status().isOk)',
      '        mockMvc.perform(get("/owners/2")).andExpect(status().isTooManyRequests())',
      '        mockMvc.get("/owners/99").andExpect { status { isNotFound() } }',
      '        val ok = pages.isOk',
      '    }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await spotted(text), ['4 200 test-assert', '5 429 test-assert', '6 404 test-assert']);
  });
});

