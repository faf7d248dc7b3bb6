import type { Node } from 'web-tree-sitter';
import type { Finding, Severity } from '../types';
import type { RuleId } from './findingData';

/**
 * Test code. Test servers, stubs and fake responses send 429/503 on purpose, a retry library's own
 * tests retry POST on purpose, and a test should fail rather than retry, so some rules say nothing in
 * test files and others speak more quietly (docs/rules.md, "Test files").
 */

/**
 * File names that mark tests: `test_x.py`, `x_test.py`, `x_test.go`, `x.test.ts`, `x.spec.js`, `XTest.java`,
 * `XTests.cs`, `XIT.java`, RSpec/Minitest `x_spec.rb`/`x_test.rb`, PHPUnit `XTest.php`; Django's `tests.py`, `tests_x.py`
 * and `x_tests.py`, NestJS's `app.e2e-spec.ts`, Cypress's `x.cy.ts`.
 */
const TEST_FILE =
  /^(test_.*\.(py|rb)|.*_test\.(py|go|rb)|.*_spec\.rb|.*\.(test|spec|e2e-spec|cy)\.[cm]?[jt]sx?|.*(Test|Tests|IT|Spec)\.(java|kt|cs)|.*Test\.php|conftest\.py|tests\.py|tests_.*\.py|.*_tests\.py)$/;
/**
 * Directory names that hold tests: unit tests, fixtures and mocks, and the folders end-to-end and browser tests live in
 * (`e2e/`, Cypress's `cypress/`, `playwright/`), also named for their kind (`integration-tests/`, `e2e_tests/`).
 */
const TEST_DIR = /^(test|tests|__tests__|spec|specs|testing|testdata|test-?utils|__mocks__|e2e|cypress|playwright|(unit|integration|functional|acceptance|e2e|end-to-end|system|api|smoke|load|contract|ui)[-_]tests?)$/i;
/**
 * How many directories above the file are looked at: its folder and the one above (`tests/utils/x.py`).
 * A checkout under `~/test/`, or sample code under `test/fixtures/<group>/<lang>/`, is not test code.
 */
const DIR_DEPTH = 2;
/**
 * Folders whose name no checkout or sample takes, so at any depth: Jest's folders of tests and mocks, and .NET test
 * projects (`Acme.Api.UnitTests/Controllers/…`, `Acme.IntegrationTests`, `Acme.Specs`).
 */
const JEST_DIR = /^(__tests__|__mocks__)$|^[A-Z]\w*(\.\w+)*\.(Unit|Integration|Functional|Acceptance|Api|Component|EndToEnd|E2E)?(Tests?|Specs?)$/;
/**
 * The Maven/Gradle test source sets, at any depth under the package folders: `src/test/java/com/acme/x/Y.java`, and
 * Kotlin Multiplatform's (`src/commonTest/kotlin`, `src/jvmTest/kotlin`, `src/androidUnitTest/kotlin`).
 */
const JVM_TEST_SOURCE_SET =
  /^src\/(test|androidTest|sharedTest|integrationTest|intTest|testFixtures|it|commonTest|jvmTest|jsTest|androidUnitTest|androidInstrumentedTest|iosTest|nativeTest|desktopTest)\/(java|kotlin|scala|groovy)$/;

/** True when a document URI names a test file or a file under a test directory near it. */
export function isTestPath(uri: string): boolean {
  const parts = pathOf(uri).split(/[\\/]/).filter(Boolean);
  const name = parts.pop() ?? '';
  if (TEST_FILE.test(name)) return true;
  if (parts.slice(-DIR_DEPTH).some((dir) => TEST_DIR.test(dir) || /(^|\.)Tests?$/.test(dir))) return true;
  // Jest's `__tests__/providers/sms/x.js`: a name no checkout or sample folder takes, so at any depth.
  if (parts.some((dir) => JEST_DIR.test(dir))) return true;
  return parts.some((_, i) => i + 2 < parts.length && JVM_TEST_SOURCE_SET.test(parts.slice(i, i + 3).join('/')));
}

/** Per rule, in test files: `off` drops the finding, a severity replaces the default. */
const IN_TESTS: Partial<Record<RuleId, 'off' | Severity>> = {
  // Test servers and stubs answer 429/503 without Retry-After to exercise the client.
  'missing-retry-after': 'off',
  // A library's tests retry POST to test exactly that; nothing real is charged twice.
  'unsafe-retry': 'off',
  // A test should fail on an unexpected status, not retry it.
  'no-retry-on-request': 'off',
  'retryable-treated-as-final': 'off',
  // A test feeds a retry predicate 401/403 on purpose to check what it does with them.
  'non-retryable-retried': 'off',
  // A test talks to a local stub; a hang fails the run's own timeout.
  'request-without-timeout': 'off',
  // Polling a local test server or child process: worth a hint, not a warning.
  'retry-without-backoff': 'hint',
  'retry-ignores-retry-after': 'hint',
};

/** Folders of one-off scripts, examples and benchmarks: run by hand, where a failure is seen and re-run. */
const SCRIPT_DIR = /^(scripts?|examples?|samples?|demos?|benchmarks?)$/i;

/** A JVM source root (`src/main/java`, `app/src/main/kotlin`): the folders below it are packages, not folders of a kind. */
const JVM_SOURCE_ROOT = /^(java|kotlin|scala|groovy)$/;

/**
 * True when one of the three folders nearest the file is a scripts/examples/benchmarks folder (`examples/alerts/main.go`).
 * Package folders under a JVM source root do not count: `src/main/java/com/example/demo/` is Spring Initializr's
 * package `com.example.demo`, not a demo.
 */
export function isScriptPath(uri: string): boolean {
  const dirs = pathOf(uri).split(/[\\/]/).slice(0, -1);
  const root = dirs.findIndex((dir, i) => JVM_SOURCE_ROOT.test(dir) && /^(main|src)$/.test(dirs[i - 1] ?? ''));
  return (root >= 0 ? dirs.slice(0, root) : dirs).slice(-3).some((dir) => SCRIPT_DIR.test(dir));
}

/** The path of a document URI (only the path: `memory://test/1.python` has the host `test`, not a directory), or a plain path. */
export function pathOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/**
 * Modules only test code imports: test runners and assertion libraries, and the mock servers and request stubs a test
 * sets up (`@playwright/test`, pytest, Go's `testing`, JUnit, xUnit, RSpec, PHPUnit, MockWebServer, WireMock, nock…). A
 * file importing one is a test, a test's page object or a test helper, wherever it sits (`tests/static/e2e/pages/…`,
 * `internal/testutil/server.go`).
 */
const TEST_MODULES: Readonly<Record<string, RegExp>> = {
  javascript: /^(@playwright\/test|playwright\/test|vitest|@jest\/globals|mocha|chai|cypress|node:test|ava|uvu|@testing-library\/[\w-]+|supertest|nock|sinon)$/,
  // (Not `unittest`: production modules take `unittest.mock.MagicMock` as a stand-in for an optional import.)
  python: /^(pytest|requests_mock|httpretty|respx|pytest_httpserver|aioresponses)(\.|$)/,
  go: /^(testing|github\.com\/stretchr\/testify(\/[\w/]+)?|github\.com\/onsi\/(ginkgo|gomega)(\/[\w/]+)?)$/,
  java: /^(org\.junit|org\.testng|org\.mockito|okhttp3\.mockwebserver|com\.github\.tomakehurst\.wiremock|io\.restassured)\./,
  kotlin: /^(org\.junit|org\.testng|org\.mockito|io\.mockk|kotlin\.test|io\.kotest|okhttp3\.mockwebserver|com\.github\.tomakehurst\.wiremock|io\.ktor\.client\.engine\.mock)\./,
  csharp: /^(Xunit|NUnit\.Framework|Microsoft\.VisualStudio\.TestTools\.UnitTesting|Moq|WireMock|RichardSzalay\.MockHttp)(\.|$)/,
  ruby: /^(rspec|minitest|test\/unit|webmock|spec_helper|rails_helper)(\/|$)/,
  php: /^(PHPUnit|Mockery)\./,
};

/** The file imports a module only test code imports (TEST_MODULES). */
export function importsTestModule(grammarName: string, imports: readonly string[]): boolean {
  const modules = TEST_MODULES[grammarName === 'typescript' || grammarName === 'tsx' ? 'javascript' : grammarName];
  return !!modules && imports.some((m) => modules.test(m));
}

/**
 * Applies the test-file policy to one file's findings (a test by its path, or by what it imports: `testCode`); in
 * scripts and examples `no-retry-on-request` is not wanted.
 */
export function applyTestPolicy(uri: string, findings: Finding[], inlineTests: readonly TestSpan[] = [], testCode = false): Finding[] {
  if (!testCode && !isTestPath(uri)) {
    const kept = isScriptPath(uri) ? findings.filter((f) => f.rule !== 'no-retry-on-request') : findings;
    return inlineTests.length ? withTestPolicy(kept, (f) => inlineTests.some((t) => f.range.start.line >= t.startLine && f.range.start.line <= t.endLine)) : kept;
  }
  return withTestPolicy(findings, () => true);
}

/** Lines (0-based, inclusive) of test code inside a file that is not a test file. */
export interface TestSpan {
  startLine: number;
  endLine: number;
}

/**
 * Test code written beside the code it tests: Rust's `#[cfg(test)] mod tests { … }` and `#[test]` /
 * `#[tokio::test]` functions. (Other languages keep tests in files of their own, which the path tells.)
 */
export function inlineTestSpans(root: Node | undefined, grammarName: string): TestSpan[] {
  if (!root || grammarName !== 'rust') return [];
  const spans: TestSpan[] = [];
  const children = root.namedChildren.filter((c): c is Node => c !== null);
  const visit = (items: Node[]): void => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.type !== 'attribute_item' || !TEST_ATTRIBUTE.test(item.text)) continue;
      // The item the attribute applies to: the next one that is not another attribute or a comment.
      let j = i + 1;
      while (j < items.length && /^(attribute_item|line_comment|block_comment)$/.test(items[j].type)) j++;
      const target = items[j];
      if (target && /^(mod_item|function_item|impl_item)$/.test(target.type)) spans.push({ startLine: item.startPosition.row, endLine: target.endPosition.row });
    }
    for (const item of items) {
      const body = item.type === 'mod_item' ? item.childForFieldName('body') : null;
      if (body) visit(body.namedChildren.filter((c): c is Node => c !== null));
    }
  };
  visit(children);
  return spans;
}

/**
 * `#[cfg(test)]`, `#[cfg(all(test, not(target_family = "wasm")))]` (test among the conditions all of which must hold;
 * never under `not`), and test functions: `#[test]`, `#[tokio::test]`, `#[async_test]`, `#[rstest]`, `#[test_case(…)]`.
 */
const TEST_ATTRIBUTE = /^#\[\s*(cfg\s*\(\s*(?:all\s*\(\s*(?:[^()]*,\s*)?)?test\s*[,)]|(?:[\w:]+::)?(?:async_)?test\b|rstest\b|test_case\b)/;

function withTestPolicy(findings: Finding[], isTest: (f: Finding) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (!isTest(f)) {
      out.push(f);
      continue;
    }
    const policy = IN_TESTS[f.rule as RuleId];
    if (policy === 'off') continue;
    out.push(policy ? { ...f, severity: policy } : f);
  }
  return out;
}
