import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { hoverAt, ruleLines } from '../support/serviceHarness';

/**
 * API vendors' own body codes (Discord's JSON error codes, Notion's and Hetzner Cloud's error codes) are catalogued
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
  ]);

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
