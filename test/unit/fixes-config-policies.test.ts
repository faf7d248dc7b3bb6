/**
 * Preferred fixes for findings on declarative retry policies change the configuration, not the code:
 * each finding of the policy fixtures gets a fix whose edits stay inside the configuration, the fixed
 * text says what was set, and after the fix the finding is gone (the policy now grows its delay / waits
 * for Retry-After), with no new finding of the same rules.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/service/fixes/text';
import type { Finding, LanguageId } from '../../server/src/service/types';
import { openDoc, testService } from '../support/serviceHarness';

const DIR = path.join(__dirname, '..', 'fixtures', 'diagnostics');
const RULES = new Set(['retry-without-backoff', 'retry-ignores-retry-after']);

interface Case {
  file: string;
  languageId: LanguageId;
  /** What the fixed text must contain, per finding line (1-based). */
  expect: Record<number, RegExp>;
}

const CASES: Case[] = [
  { file: 'python/policy_urllib3_retry.py', languageId: 'python', expect: { 13: /Retry\(total=4, status_forcelist=GATEWAY_ERRORS, backoff_factor=0\.5\)/, 20: /backoff_factor=0\.5, status_forcelist/, 30: /respect_retry_after_header=True/ } },
  { file: 'typescript/policy_axios_retry.ts', languageId: 'typescript', expect: { 8: /axiosRetry\(inventory, \{ retries: 3, retryDelay: axiosRetry\.exponentialDelay \}\)/, 11: /axiosRetry\(billing, \{ retries: 4, retryDelay: axiosRetry\.exponentialDelay \}\)/ } },
  { file: 'typescript/policy_promise_retry.ts', languageId: 'typescript', expect: { 8: /\{ retries: 5, factor: 2, minTimeout: 2000 \}/, 12: /\{ retries: 4, factor: 2, minTimeout: 1000 \}/ } },
  {
    file: 'csharp/PolicyPollyOptions.cs', languageId: 'csharp',
    expect: {
      17: /\{ MaxRetryAttempts = 4, Delay = FlatPause, BackoffType = DelayBackoffType\.Exponential, UseJitter = true \}/,
      25: /BackoffType = DelayBackoffType\.Exponential, \/\//,
      26: /ShouldRetryAfterHeader = true,/,
      48: /\.WaitAndRetryAsync\(3, retryAttempt => TimeSpan\.FromMilliseconds\(Math\.Min\(30000, 200 \* Math\.Pow\(2, retryAttempt\)\)/,
      51: /\.WaitAndRetryAsync\(3, retryAttempt => TimeSpan\.FromMilliseconds/,
      54: /\.WaitAndRetryAsync\(5, retryAttempt => TimeSpan\.FromMilliseconds/,
      57: /\.WaitAndRetryAsync\(3, retryAttempt => TimeSpan\.FromMilliseconds\(Math\.Min\(30000, 200 \* Math\.Pow\(2, retryAttempt\)\)/,
    },
  },
  {
    file: 'java/PolicySpringRetryable.java', languageId: 'java',
    expect: { 12: /@Retryable\(maxAttempts = 4, backoff = @Backoff\(delay = 500, multiplier = 2, maxDelay = 10000, random = true\)\)/, 17: /backoff = @Backoff\(delay = PAUSE_MS, multiplier = 2, maxDelay = 10000, random = true\)/ },
  },
  {
    file: 'java/PolicyResilience4jRetry.java', languageId: 'java',
    expect: { 14: /\.intervalFunction\(IntervalFunction\.ofExponentialRandomBackoff\(Duration\.ofSeconds\(2\), 2\.0\)\)/, 21: /Retry\.of\("defaults", RetryConfig\.custom\(\)\.intervalFunction\(IntervalFunction\.ofExponentialRandomBackoff\(java\.time\.Duration\.ofMillis\(500\), 2\.0\)\)\.build\(\)\)/ },
  },
  {
    file: 'java/PolicyRetryTemplate.java', languageId: 'java',
    expect: { 11: /\.exponentialBackoff\(PAUSE_MS, 2, PAUSE_MS \* 20, true\)\.build\(\)/, 12: /\.exponentialBackoff\(500, 2, 10000, true\)\.build\(\)/ },
  },
  { file: 'go/policy_retryablehttp_backoff.go', languageId: 'go', expect: { 14: /client\.Backoff = retryablehttp\.DefaultBackoff$/ } },
  {
    file: 'typescript/policy_client_retry_options.ts', languageId: 'typescript',
    expect: {
      10: /retry: \{ limit: 3, calculateDelay: \(\{ computedValue \}\) => computedValue \}/,
      18: /retry: \{ limit: 4, delay: \(attemptCount\) => Math\.min\(30_000, 300 \* 2 \*\* \(attemptCount - 1\)\)/,
      22: /\{ maxRetries: 3, minTimeout: 800, timeoutFactor: 2 \}/,
      26: /interceptors\.retry\(\{ maxRetries: 2, timeoutFactor: 2 \}\)/,
    },
  },
  { file: 'csharp/PolicyGrpcRetry.cs', languageId: 'csharp', expect: { 19: /BackoffMultiplier = 2, \/\// } },
  { file: 'java/PolicyGrpcServiceConfig.java', languageId: 'java', expect: { 16: /retryPolicy\.put\("backoffMultiplier", 2D\);/ } },
  { file: 'go/policy_grpc_service_config.go', languageId: 'go', expect: { 9: /"initialBackoff": "0\.5s", "maxBackoff": "5s", "backoffMultiplier": 2,/, 11: /"initialBackoff": "1s", "maxBackoff": "10s", "backoffMultiplier": 2/ } },
];

async function findingsOf(languageId: LanguageId, text: string): Promise<{ findings: Finding[]; service: ReturnType<typeof testService>; uri: string }> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  // Findings that carry a configuration edit (Spring's @Retryable cannot be told to read Retry-After: its
  // retry-ignores-retry-after finding has no configuration fix, and is checked by the diagnostics fixtures).
  // Nor do findings on what a wrapper's callback throws (`template.execute(ctx -> rest.getForObject(…))`): the
  // wrapper call is not a configuration.
  const withFix = (f: Finding) => !(f.rule === 'retry-ignores-retry-after' && (f.data as { declarative?: string } | undefined)?.declarative === 'spring-retry') && !(f.data as { wrapper?: string } | undefined)?.wrapper;
  return { findings: service.diagnostics(uri).filter((f) => RULES.has(f.rule) && withFix(f)), service, uri };
}

/** Lines of `after` (1-based) that differ from `before`: outside the common leading and trailing lines, plus added import lines. */
function changedLines(before: string[], after: string[]): number[] {
  const imports = after.map((l, i) => (/^import /.test(l) && !before.includes(l) ? i + 1 : 0)).filter(Boolean);
  const b = before.filter((l) => !/^import /.test(l));
  const a = after.map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => !/^import /.test(l));
  let head = 0;
  while (head < a.length && head < b.length && a[head].l === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].l === b[b.length - 1 - tail]) tail++;
  return [...imports, ...a.slice(head, a.length - tail).map(({ n }) => n)];
}

describe('declarative policy fixes edit the configuration', () => {
  for (const c of CASES) {
    it(c.file, async () => {
      const text = fs.readFileSync(path.join(DIR, c.file), 'utf8');
      const { findings, service, uri } = await findingsOf(c.languageId, text);
      try {
        const lines = [...new Set(findings.map((f) => f.range.start.line + 1))].sort((a, b) => a - b);
        assert.deepEqual(lines, Object.keys(c.expect).map(Number), 'finding lines');
        for (const finding of findings) {
          const line = finding.range.start.line + 1;
          const actions = service.codeActions(uri, finding.range, [finding]);
          const preferred = actions.find((a) => a.isPreferred && a.fixes?.includes(finding.rule));
          assert.ok(preferred, `${c.file}:${line} ${finding.rule}: no preferred fix (${actions.map((a) => a.title).join(' | ')})`);
          const fixed = applyEdits(text, preferred.edits);
          const fixedLines = fixed.split('\n');
          const changed = changedLines(text.split('\n'), fixedLines);
          assert.ok(changed.length > 0 && changed.every((n) => Math.abs(n - line) <= 1 || /import/.test(fixedLines[n - 1])), `${c.file}:${line}: the fix edits lines ${changed.join(', ')}, outside the configuration`);
          assert.match(fixedLines[line - 1], c.expect[line], `${c.file}:${line} after "${preferred.title}"`);
          const after = await findingsOf(c.languageId, fixed);
          after.service.close(after.uri);
          const still = after.findings.filter((f) => f.range.start.line + 1 === line && f.rule === finding.rule);
          assert.deepEqual(still.map((f) => f.message), [], `${c.file}:${line} ${finding.rule} remains after the fix`);
          assert.ok(after.findings.length < findings.length, `${c.file}: the fix added findings`);
        }
      } finally {
        service.close(uri);
      }
    });
  }
});
