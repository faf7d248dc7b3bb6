/**
 * Test code a whole-repository run meets outside the usual test folders: end-to-end and browser tests (`e2e/`,
 * `cypress/`, `playwright/`, `integration-tests/`) and their page objects, and helpers that import a test runner, an
 * assertion library or a mock server wherever they sit. The test policy applies to them as to a test file.
 */
import * as assert from 'node:assert/strict';
import { importsTestModule, isTestPath } from '../../server/src/service/diagnostics/testContext';
import { testService } from '../support/serviceHarness';

async function rules(uri: string, languageId: 'typescript' | 'python' | 'go', text: string): Promise<string[]> {
  const service = testService();
  await service.open({ uri, languageId, version: 1, text });
  try {
    return service.diagnostics(uri).map((f) => `${f.range.start.line + 1} ${f.rule}`);
  } finally {
    service.close(uri);
  }
}

const pageObject = `import { Page } from '@playwright/test';

export class Dashboard {
  constructor(readonly page: Page) {}

  async waitUntilServing(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const reply = await this.page.request.get('/healthz', { failOnStatusCode: false });
      if (reply.status() === 200 || reply.status() === 403) return;
      await this.page.waitForTimeout(2000);
    }
  }
}
`;

const stubHelper = `import time
import pytest
import requests


def wait_for_stub(base):
    for _ in range(30):
        r = requests.post(base + "/ready", json={})
        if r.status_code in (401, 503):
            time.sleep(1)
            continue
        return r


@pytest.fixture
def stub_base():
    yield "http://127.0.0.1:9000"
`;

const goFake = `package fakes

import (
	"net/http"
	"testing"
)

func Flaky(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
}
`;

describe('test code by its folder', () => {
  it('knows end-to-end and browser test folders, and folders named for a kind of tests', () => {
    for (const uri of [
      'file:///r/tests/static/e2e/pages/auth-page.ts', 'file:///r/e2e/flows/login.ts', 'file:///r/cypress/support/commands.js',
      'file:///r/web/playwright/fixtures.ts', 'file:///r/integration-tests/orders/client.py', 'file:///r/api_tests/helpers.py',
    ]) assert.ok(isTestPath(uri), uri);
    for (const uri of ['file:///r/src/ab_test/assign.py', 'file:///r/src/latest/client.ts', 'file:///r/contest/rules.go', 'file:///r/e2e-runner-docs/x/y/z/app.ts']) {
      assert.ok(!isTestPath(uri), uri);
    }
  });

  it('drops the retry rules of a page object under tests/…/e2e/pages', async () => {
    const text = pageObject.replace("import { Page } from '@playwright/test';", "import type { Page } from './browser';");
    assert.deepStrictEqual(await rules('file:///r/web/src/dashboard.ts', 'typescript', text), ['7 non-retryable-retried']);
    assert.deepStrictEqual(await rules('file:///r/tests/static/e2e/pages/dashboard.ts', 'typescript', text), []);
  });
});

describe('test code by what it imports', () => {
  it('knows the test runners, assertion libraries and mock servers of each language', () => {
    assert.ok(importsTestModule('typescript', ['@playwright/test']));
    assert.ok(importsTestModule('tsx', ['@testing-library/react']));
    assert.ok(importsTestModule('python', ['pytest']));
    assert.ok(importsTestModule('go', ['github.com/stretchr/testify/require']));
    assert.ok(importsTestModule('java', ['okhttp3.mockwebserver.MockWebServer']));
    assert.ok(importsTestModule('kotlin', ['io.mockk.every']));
    assert.ok(importsTestModule('csharp', ['NUnit.Framework']));
    assert.ok(importsTestModule('ruby', ['webmock/rspec']));
    assert.ok(importsTestModule('php', ['PHPUnit.Framework.TestCase']));
    // A project's own modules that only look alike, and libraries production code imports.
    assert.ok(!importsTestModule('python', ['pytesting_utils', 'app.testing_mode', 'requests']));
    // A module that stands MagicMock in for an import a runtime lacks (`except ImportError: requests = MagicMock()`).
    assert.ok(!importsTestModule('python', ['unittest.mock', 'requests']));
    assert.ok(!importsTestModule('go', ['github.com/acme/testingkit', 'net/http']));
    assert.ok(!importsTestModule('typescript', ['mocha-reporter-config', 'axios']));
    assert.ok(!importsTestModule('java', ['org.junitish.Config']));
  });

  it('applies the test policy to a page object, a stub helper and a Go fake that import one', async () => {
    assert.deepStrictEqual(await rules('file:///r/qa/pages/dashboard.ts', 'typescript', pageObject), []);
    assert.deepStrictEqual(await rules('file:///r/support/stub.py', 'python', stubHelper), ['9 retry-ignores-retry-after', '10 retry-without-backoff']);
    assert.deepStrictEqual(await rules('file:///r/internal/fakes/flaky.go', 'go', goFake), []);
  });

  it('leaves the same code judged as production code without the import', async () => {
    const python = stubHelper.replace('import pytest\n', '').replace('@pytest.fixture\n', '');
    const found = await rules('file:///r/support/stub.py', 'python', python);
    // (Re-sent only on 401/503, refusals, the POST is no unsafe retry: unsafe-retry's own reading.)
    assert.ok(found.includes('7 request-without-timeout') && found.includes('9 retry-without-backoff'), found.join('\n'));
    const go = goFake.replace('\t"testing"\n', '').replace('t *testing.T', '');
    assert.deepStrictEqual(await rules('file:///r/internal/fakes/flaky.go', 'go', go), ['9 missing-retry-after']);
  });
});
