/**
 * A number handed to a parameter is a status when the parameter is used as one, whatever it is called: the file's own
 * helper (`make_reply(503)` where `make_reply(code)` sets `status_code = code`, an arrow function held by a const), and
 * a test framework's case values (`[InlineData(429)]`, JUnit `@ValueSource(ints = {…})`, Jest `it.each([…])`) bound
 * to the test's parameter. The same call shapes with a parameter used as a delay or a count stay silent.
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf } from '../support/serviceHarness';

async function codesOn(language: Parameters<typeof occurrencesOf>[0], text: string, line: number): Promise<string[]> {
  const lines = text.split('\n');
  return (await occurrencesOf(language, text)).filter((o) => o.range.start.line === line - 1 && lines[line - 1] !== undefined).map((o) => o.code);
}

const pythonHelpers = `from unittest import mock

def make_reply(code, payload=None):
    reply = mock.Mock()
    reply.status_code = code
    return reply

def pause(ms):
    time.sleep(ms / 1000)

def test_gives_up():
    first = make_reply(503)
    pause(500)
`;

const tsHelpers = `const failWith = (n: number) => new Response('{}', { status: n });
const wait = (n: number) => new Promise((r) => setTimeout(r, n));

it('gives up', async () => {
  fetchSpy.mockResolvedValueOnce(failWith(502));
  await wait(250);
});
`;

const csharpCases = `public class RetryTests {
  [Theory]
  [InlineData(429)]
  [InlineData(503)]
  public async Task Retries(int answer) {
    handler.Enqueue(new HttpResponseMessage((HttpStatusCode)answer));
  }

  [Theory]
  [InlineData(250)]
  public void Batches(int count) {
    for (var i = 0; i < count; i++) queue.Add(i);
  }
}
`;

const javaCases = `class RetryTest {
  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void retries(int answer) {
    server.enqueue(new MockResponse().setResponseCode(answer));
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 250})
  void pages(int size) {
    assertEquals(size, client.page(size).items().size());
  }
}
`;

const jestCases = `it.each([502, 503])('retries %d', async (answer) => {
  fetchSpy.mockResolvedValueOnce(new Response('', { status: answer }));
});
it.each([100, 200])('waits %d ms', async (ms) => {
  await sleep(ms);
});
`;

describe('parameters that are statuses by their use', () => {
  it("a Python helper whose parameter is set as a response's status", async () => {
    assert.deepEqual(await codesOn('python', pythonHelpers, 12), ['503']);
    assert.deepEqual(await codesOn('python', pythonHelpers, 13), []);
  });

  it('a TypeScript arrow function held by a const, building a failed response', async () => {
    assert.deepEqual(await codesOn('typescript', tsHelpers, 5), ['502']);
    assert.deepEqual(await codesOn('typescript', tsHelpers, 6), []);
  });

  it("xUnit [InlineData] values bound to a parameter used as a response's status", async () => {
    assert.deepEqual(await codesOn('csharp', csharpCases, 3), ['429']);
    assert.deepEqual(await codesOn('csharp', csharpCases, 4), ['503']);
    assert.deepEqual(await codesOn('csharp', csharpCases, 10), []);
  });

  it('JUnit @ValueSource values bound to a parameter a mock server answers with', async () => {
    assert.deepEqual(await codesOn('java', javaCases, 3), ['429', '503']);
    assert.deepEqual(await codesOn('java', javaCases, 9), []);
  });

  it('Jest it.each values bound to the callback parameter used as a status', async () => {
    assert.deepEqual(await codesOn('typescript', jestCases, 1), ['502', '503']);
    assert.deepEqual(await codesOn('typescript', jestCases, 4), []);
  });
});
