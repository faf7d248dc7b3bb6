import * as assert from 'assert';
import { RETRY_MECHANISMS } from '../../server/src/service/diagnostics/mechanisms';
import type { LanguageId } from '../../server/src/service/types';
import { openDoc, testService } from '../support/serviceHarness';

/** A request checked only as success-or-fail, per language: reported when nothing retries it. */
const BARE: Record<string, [LanguageId, string]> = {
  python: ['python', 'def get(url):\n    r = requests.get(url)\n    r.raise_for_status()\n    return r\n'],
  javascript: ['typescript', 'async function get(url: string) {\n  const res = await fetch(url);\n  if (!res.ok) throw new Error("x");\n  return res;\n}\n'],
  go: ['go', 'func Get(c *http.Client, url string) error {\n\tresp, err := c.Get(url)\n\tif err != nil { return err }\n\tif resp.StatusCode != http.StatusOK { return fmt.Errorf("x") }\n\treturn nil\n}\n'],
  java: ['java', 'String get(HttpRequest req) throws Exception {\n  HttpResponse<String> res = client.send(req, BodyHandlers.ofString());\n  if (res.statusCode() >= 400) { throw new RuntimeException(); }\n  return res.body();\n}\n'],
  csharp: ['csharp', 'async Task<string> Get(string url) {\n  var response = await client.GetAsync(url);\n  response.EnsureSuccessStatusCode();\n  return "";\n}\n'],
};

function wrap(language: string, prelude: string, body: string): string {
  if (language === 'go') return `package m\n${prelude}\n${body}`;
  if (language === 'java') return `${prelude}\nclass A {\n${body}}\n`;
  if (language === 'csharp') return `${prelude}\nclass A {\n${body}}\n`;
  return `${prelude}\n${body}`;
}

/** mechanism id → [prelude, optional replacement of the bare body]. */
const CASES: Record<string, [string, ((body: string) => string)?]> = {
  // A mounted Retry reaches requests made through the session, not module-level requests.get.
  'urllib3-retry': ['s = requests.Session()\ns.mount("https://", HTTPAdapter(max_retries=Retry(total=3)))', (b) => b.replace('requests.get(', 's.get(')],
  'httpx-transport-retries': ['client = httpx.Client(transport=httpx.HTTPTransport(retries=3))', (b) => b.replace('requests.get(', 'client.get(')],
  // Configured well, so that no rule speaks (a bare `@retry` retries at once and forever: retry-without-backoff).
  tenacity: ['from tenacity import retry, stop_after_attempt, wait_random_exponential', (b) => `@retry(wait=wait_random_exponential(max=60), stop=stop_after_attempt(5))\n${b}`],
  backoff: ['import backoff', (b) => `@backoff.on_exception(backoff.expo, Exception, max_tries=5)\n${b}`],
  retrying: ['from retrying import retry', (b) => `@retry(stop_max_attempt_number=3)\n${b}`],
  'aiohttp-retry': ['from aiohttp_retry import RetryClient, ExponentialRetry'],
  'python-sdks': ['import boto3'],
  'axios-retry': ['import axiosRetry from "axios-retry";'],
  'got-ky-retry-option': ['const client = got.extend({ retry: { limit: 3 } });'],
  'got-ky': ['import ky from "ky";'],
  'p-retry': ['import pRetry from "p-retry";'],
  'fetch-retry': ['import fetchRetry from "fetch-retry";'],
  'undici-retry': ['const agent = new RetryAgent(new Agent());'],
  'octokit-retry': ['import { retry } from "@octokit/plugin-retry";'],
  'js-sdks': ['import OpenAI from "openai";'],
  'go-retryablehttp': ['import retryablehttp "github.com/hashicorp/go-retryablehttp"'],
  'cenkalti-backoff': ['import "github.com/cenkalti/backoff/v4"'],
  'avast-retry-go': ['import "github.com/avast/retry-go/v4"'],
  'resty-retry': ['var rc = resty.New().SetRetryCount(3)'],
  'go-sdks': ['import "github.com/aws/aws-sdk-go-v2/service/s3"'],
  resilience4j: ['import io.github.resilience4j.retry.annotation.Retry;', (b) => `@Retry(name = "x")\n${b}`],
  'spring-retry': ['import org.springframework.retry.annotation.Retryable;', (b) => `@Retryable\n${b}`],
  failsafe: ['import dev.failsafe.Failsafe;'],
  'spring-webclient-retry': ['', (b) => `${b}\nMono<String> m() { return web.get().retrieve().bodyToMono(String.class).retryWhen(Retry.backoff(3, d)); }\n`],
  'java-sdks': ['import software.amazon.awssdk.services.s3.S3Client;'],
  polly: ['using Polly;'],
  'ms-extensions-resilience': ['using Microsoft.Extensions.Http.Resilience;'],
  'csharp-sdks': ['using Azure.Storage.Blobs;'],
};

async function rulesOf(language: LanguageId, text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc(language, text, service);
  try {
    return service.diagnostics(uri).map((f) => f.rule);
  } finally {
    service.close(uri);
  }
}

describe('diagnostics retry mechanisms (server/data/retry-mechanisms.json)', () => {
  it('has a test case for every mechanism in the data file', () => {
    assert.deepStrictEqual(RETRY_MECHANISMS.map((m) => m.id).filter((id) => !CASES[id]), []);
  });

  for (const family of Object.keys(BARE)) {
    it(`reports a bare success-or-fail check in ${family}`, async () => {
      const [language, body] = BARE[family];
      assert.deepStrictEqual(await rulesOf(language, wrap(family, '', body)), ['no-retry-on-request']);
    });
  }

  for (const mechanism of RETRY_MECHANISMS) {
    it(`${mechanism.id} (${mechanism.language}) silences no-retry-on-request`, async () => {
      const [language, body] = BARE[mechanism.language];
      const [prelude, transform] = CASES[mechanism.id];
      const text = wrap(mechanism.language, prelude, transform ? transform(body) : body);
      // The mechanism's configuration is itself read as data: a bare spring-retry @Retryable waits a fixed 1 s
      // (docs/rules.md, server/data/retry-policies.json), which is retry-without-backoff on the annotation.
      const expected = mechanism.id === 'spring-retry' ? ['retry-without-backoff'] : [];
      assert.deepStrictEqual(await rulesOf(language, text), expected, text);
    });
  }
});
