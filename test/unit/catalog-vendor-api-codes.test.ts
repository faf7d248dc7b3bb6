import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { createBuiltinRegistry } from '../../server/src/service/catalog/builtinCatalogs';
import { hoverAt, ruleLines } from '../support/serviceHarness';

/**
 * API vendors' own body codes (Discord's JSON error codes, Notion's and Hetzner Cloud's error codes) and a standard's
 * (OAuth 2.0's: a server that answers in its error body speaks it, so the codes it sets are shown) are catalogued
 * with their SDKs' constant names: the constants are found where a code is tested, listed or handed to an SDK's test,
 * with the vendor's meaning on hover. The codes themselves are not looked for as words (`timeout`, `conflict` are
 * common ones), and a common word speaks for the vendor only where it was read through the vendor's constant.
 */
describe("catalogs: API vendors' error codes and their SDK constants", () => {
  spotCases('typescript', [
    [
      "discord-api-types' RESTJSONErrorCodes in a switch and a list",
      "import { RESTJSONErrorCodes } from 'discord-api-types/v10';\nfunction f(error: { code: number }) {\n  switch (error.code) {\n    case RESTJSONErrorCodes.UnknownChannel:\n      return null;\n  }\n  const ignored = [RESTJSONErrorCodes.UnknownMessage];\n}\n",
      ['10003 client-check', '10008 constant'],
    ],
    ["Notion's APIErrorCode compared with an error's code", "import { APIErrorCode } from '@notionhq/client';\nfunction limited(error: { code: string }) { return error.code === APIErrorCode.RateLimited; }\n", ['rate_limited client-check']],
    ['decoy: a common word compared with a type name', "function slow(errorType: string) { return errorType === 'maintenance'; }\n", []],
  ]);
  spotCases('go', [
    [
      "hcloud-go's constants handed to hcloud.IsError",
      'package p\n\nfunc limited(err error) bool {\n\treturn hcloud.IsError(err, hcloud.ErrorCodeRateLimitExceeded) || hcloud.IsError(err, hcloud.ErrorCodeConflict)\n}\n',
      ['rate_limit_exceeded client-check', 'conflict client-check'],
    ],
    [
      // (The declared string is the code too, as its use compares it with `e.Code`: spotting-own-code-constants.test.ts.)
      "the SDK's own constants written bare in its own package, not their declared names",
      'package hcloud\n\nconst ErrorCodeConflict ErrorCode = "conflict"\n\nfunc retryable(e Error) bool {\n\tswitch e.Code {\n\tcase ErrorCodeConflict, ErrorCodeTimeout:\n\t\treturn true\n\t}\n\treturn false\n}\n',
      ['conflict constant', 'conflict retry-config', 'timeout retry-config'],
    ],
    ['decoy: the same names in another package', 'package billing\n\nfunc f(e Error) bool {\n\treturn e.Code == ErrorCodeConflict\n}\n', []],
  ]);

  describe("OAuth 2.0's error codes: a standard's, sent by every authorization server", () => {
    const oauth = (code: string) => createBuiltinRegistry().errorCode(code).find((e) => e.catalog.id === 'oauth2-errors');
    it('gives the device flow its polling verdicts and the grant errors a final one', () => {
      assert.equal(oauth('authorization_pending')?.entry.retry.verdict, 'conditional');
      assert.match(oauth('authorization_pending')?.entry.retry.condition ?? '', /interval/);
      assert.match(oauth('slow_down')?.entry.retry.condition ?? '', /5 seconds/);
      assert.equal(oauth('temporarily_unavailable')?.entry.retry.verdict, 'conditional');
      assert.equal(oauth('server_error')?.entry.retry.verdict, 'conditional');
      for (const code of ['invalid_grant', 'invalid_client', 'access_denied', 'expired_token', 'invalid_scope', 'unsupported_grant_type']) {
        assert.equal(oauth(code)?.entry.retry.verdict, 'no', code);
      }
      assert.equal(oauth('insufficient_scope')?.entry.httpStatus, 403);
    });
    spotCases('typescript', [
      [
        "codes a server writes in the standard's error body, directly or through its own helper",
        "function tokenError(res: Res, code: string) {\n  return res.status(400).json({ error: code, error_description: 'Refresh token no longer valid.' });\n}\n" +
          "function refresh(res: Res) {\n  return tokenError(res, 'invalid_grant');\n}\n" +
          "function deny(res: Res) {\n  return res.status(403).json({ error: 'access_denied', error_description: 'The user declined.' });\n}\n",
        ['400 server-sets', 'invalid_grant server-sets', '403 server-sets', 'access_denied server-sets'],
      ],
      ["decoy: the same word in a server's own body (no error_description)", "function deny(res: Res) {\n  return res.status(403).json({ error: 'access_denied', message: 'No.' });\n}\n", ['403 server-sets']],
    ]);
    spotCases('php', [
      [
        "a code handed to the controller's own error helper",
        "<?php\nclass RegisterController {\n  public function register(array $data) {\n    if (!isset($data['redirect_uris'])) {\n      return $this->fail('invalid_redirect_uri', 'No redirect URI.');\n    }\n  }\n" +
          "  private function fail(string $code, string $text) {\n    return new JsonResponse(['error' => $code, 'error_description' => $text], 400);\n  }\n}\n",
        ['invalid_redirect_uri server-sets', '400 server-sets'],
      ],
      [
        "decoy: a helper that writes its parameter as the message, not the code",
        "<?php\nclass RegisterController {\n  public function register() {\n    return $this->fail('invalid_scope', 'x');\n  }\n" +
          "  private function fail(string $text, string $more) {\n    return new JsonResponse(['error' => 'bad', 'message' => $text, 'error_description' => $more]);\n  }\n}\n",
        [],
      ],
    ]);
    spotCases('java', [
      [
        "Spring Security's OAuth2ErrorCodes switched on in a retry predicate",
        'class C {\n  boolean retryable(OAuth2Error error) {\n    switch (error.getErrorCode()) {\n      case OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE: return true;\n      default: return false;\n    }\n  }\n}\n',
        ['temporarily_unavailable retry-config'],
      ],
    ]);
    spotCases('rust', [
      [
        'a serde enum whose variants are the codes, declared and matched',
        '#[derive(Deserialize)]\n#[serde(rename_all = "snake_case")]\nenum Wait {\n    /// poll slower\n    SlowDown,\n    AuthorizationPending,\n}\n\n' +
          'fn next(w: Wait) -> u64 {\n    match w {\n        Wait::SlowDown => 10,\n        Wait::AuthorizationPending => 5,\n    }\n}\n',
        ['slow_down constant', 'authorization_pending constant', 'slow_down client-check', 'authorization_pending client-check'],
      ],
      [
        "decoy: a serde enum of the project's own states, one of which is also a code",
        '#[derive(Deserialize)]\n#[serde(rename_all = "snake_case")]\nenum Job {\n    SlowDown,\n    Finished,\n}\n\nfn f(j: Job) -> bool {\n    matches!(j, Job::SlowDown)\n}\n',
        [],
      ],
    ]);
    it('hover gives the standard meaning of a code a client compares', async () => {
      const hover = await hoverAt('python', 'def pending(body):\n    return body["error"] == "authorization_pen|ding"\n');
      assert.match(hover ?? '', /interval/);
    });
  });

  it('hover gives the vendor meaning of a Discord code read through its constant', async () => {
    const hover = await hoverAt('typescript', "function f(e: { code: number }) { return e.code === RESTJSONErrorCodes.Unknown|Message; }\n");
    assert.match(hover ?? '', /Unknown Message/);
  });

  it("a vendor's common word says nothing retryable outside that vendor's constant", async () => {
    // `"timeout" in error_type` classifies a local error; Hetzner's `timeout` code must not make it a retryable give-up.
    const text = 'def category(error):\n    error_type = type(error).__name__.lower()\n    if "timeout" in error_type:\n        return "TIMEOUT"\n    return "OTHER"\n';
    assert.deepEqual(await ruleLines('python', text, 'retryable-treated-as-final'), []);
  });
});
