import * as assert from 'assert';
import { isTestPath } from '../../server/src/service/diagnostics/testContext';
import { testService, withReadsReported } from '../support/serviceHarness';

describe('diagnostics in test files', () => {
  withReadsReported();
  it('recognises test files and directories by path only', () => {
    for (const uri of [
      'file:///r/pkg/test_client.py', 'file:///r/pkg/client_test.py', 'file:///r/pkg/client_test.go', 'file:///r/src/client.test.ts',
      'file:///r/src/client.spec.js', 'file:///r/src/test/java/a/ClientTest.java', 'file:///r/Api.Tests/ClientTests.cs',
      'file:///r/test/retry.ts', 'file:///r/src/__tests__/retry.tsx', 'file:///r/tests/helpers.py',
      // Maven/Gradle test source sets at any depth, whatever the file is called.
      'file:///r/library/src/test/java/com/acme/http/RetryInterceptor.java', 'file:///r/app/src/test/kotlin/a/Fakes.kt',
      // Android's source set shared by unit and instrumented tests.
      'file:///r/app/src/sharedTest/kotlin/a/b/TestServer.kt',
      // RSpec and Minitest files deep under spec/ or test/, PHPUnit classes.
      'file:///r/spec/core/middleware/request/retry_spec.rb', 'file:///r/test/lib/a/b/client_test.rb', 'file:///r/tests/Feature/Api/ErrorTest.php',
      // Jest's folders at any depth.
      'file:///r/__tests__/providers/sms/nexmo.js', 'file:///r/src/__mocks__/a/b/axios.ts',
      // Django's tests modules, NestJS e2e specs, Cypress specs.
      'file:///r/app/monitors/tests.py', 'file:///r/core/tests_http.py', 'file:///r/core/api_tests.py', 'file:///r/test-e2e/app.e2e-spec.ts',
      'file:///r/cypress/e2e/pages/Form.cy.ts',
      // .NET test projects at any depth, Kotlin Multiplatform test source sets.
      'file:///r/src/Acme.Functions.UnitTests/Azure/Triggers/WhenRunning.cs', 'file:///r/src/Acme.AcceptanceTests/Steps/Steps.cs',
      'file:///r/lib/src/commonTest/kotlin/io/acme/FilesApi.kt',
    ]) assert.ok(isTestPath(uri), uri);
    for (const uri of [
      'file:///r/src/client.py', 'file:///r/src/contest.py', 'file:///r/lib/inspect.rb', 'file:///r/src/Latest.php', 'file:///r/src/latest_client.go', 'file:///r/src/Testing.java',
      'memory://test/1.python', 'mem://inc/python/7', 'file:///home/test/proj/src/app.py', 'file:///r/test/fixtures/fixes/python/app.py',
      'file:///r/app/contests.py', 'file:///r/src/Acme.Testing.Tools/Client.cs', 'file:///r/src/Latests/Client.cs',
    ]) assert.ok(!isTestPath(uri), uri);
  });

  it('drops server-side, unsafe-retry, non-retryable-retried and request-without-timeout findings and turns loop findings into hints', async () => {
    const text = [
      'import time, requests',
      'from flask import abort',
      'def flaky():',
      '    abort(503)',
      'def wait_for(url):',
      '    for attempt in range(3):',
      '        r = requests.post(url, json={})',
      '        if r.status_code in (401, 429) or r.status_code >= 500:',
      '            time.sleep(1)',
      '            continue',
      '        return r',
    ].join('\n');
    const service = testService();
    const rules = async (uri: string) => {
      await service.open({ uri, languageId: 'python', version: 1, text });
      const found = service.diagnostics(uri).map((f) => `${f.rule}:${f.severity}`).sort();
      service.close(uri);
      return found;
    };
    assert.deepStrictEqual(await rules('file:///r/tests/test_flaky.py'), ['retry-ignores-retry-after:hint', 'retry-without-backoff:hint']);
    assert.deepStrictEqual(await rules('file:///r/app/flaky.py'), [
      'missing-retry-after:information', 'non-retryable-retried:information', 'request-without-timeout:information', 'retry-ignores-retry-after:warning', 'retry-without-backoff:warning', 'unsafe-retry:warning',
    ]);
  });
});

describe('scripts, examples and probes', () => {
  withReadsReported();
  const text = ['import requests', 'def main(url):', '    r = requests.get(url, timeout=5)', '    if not r.ok:', '        raise SystemExit("failed")', ''].join('\n');
  const rules = async (uri: string, body = text, languageId: 'python' | 'go' = 'python') => {
    const service = testService();
    await service.open({ uri, languageId, version: 1, text: body });
    const found = service.diagnostics(uri).map((f) => f.rule);
    service.close(uri);
    return found;
  };

  it('does not ask one-off scripts, examples and benchmarks to retry', async () => {
    assert.deepStrictEqual(await rules('file:///r/app/sync.py'), ['no-retry-on-request']);
    assert.deepStrictEqual(await rules('file:///r/scripts/sync.py'), []);
    assert.deepStrictEqual(await rules('file:///r/examples/alerts/sync.py'), []);
  });

  it('lets a readiness probe answer 503 without Retry-After', async () => {
    const handler = (name: string) =>
      ['package p', 'import "net/http"', `func ${name}(w http.ResponseWriter, r *http.Request) {`, '\tw.WriteHeader(http.StatusServiceUnavailable)', '}', ''].join('\n');
    assert.deepStrictEqual(await rules('file:///r/api/h.go', handler('Ready'), 'go'), []);
    assert.deepStrictEqual(await rules('file:///r/api/h.go', handler('CreateOrder'), 'go'), ['missing-retry-after']);
  });
});
