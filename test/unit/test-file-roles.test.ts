import { strict as assert } from 'node:assert';
import { testService } from '../support/serviceHarness';

/** A status a mock or stub answers with, in test code, is the test's fixture: role test-assert. */
const MOCKS = [
  "import responses",
  "",
  "def test_retries_on_503(client):",
  "    responses.add(responses.GET, 'http://api.test/x', status=503)",
  "    mock_route(router, response_status=429)",
  "    assert client.get('/x').status_code == 200",
  "    cases = [HTTPStatus.TOO_MANY_REQUESTS]",
].join('\n');

async function roles(uri: string): Promise<string[]> {
  const service = testService();
  await service.open({ uri, languageId: 'python', version: 1, text: MOCKS });
  try {
    return service.occurrences(uri).map((o) => `${o.code} ${o.role}`);
  } finally {
    service.close(uri);
  }
}

describe('roles in test files', () => {
  it('calls the statuses mocks answer with test-assert in a test file', async () => {
    assert.deepEqual(await roles('file:///work/proj/tests/test_client.py'), ['503 test-assert', '429 test-assert', '200 test-assert', '429 test-assert']);
  });

  it('keeps server-sets for the same code outside test code', async () => {
    const found = await roles('file:///work/proj/app/client.py');
    assert.ok(found.includes('503 server-sets'), found.join(', '));
    assert.ok(found.includes('429 server-sets'), `a status-named keyword (response_status=) sets a status: ${found.join(', ')}`);
  });
});
