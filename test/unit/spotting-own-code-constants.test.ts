import { spotCases } from '../fixtures/spotting/cases';

/**
 * Codes a project declares itself and uses by name, in every language: a status constant whose one-word name says
 * nothing (`THROTTLED = 429`) read as a status where a use compares it with one; declarations with a type between name
 * and value (Rust `const TOO_MANY: u16 = 429`, Go `statusTooMany int = 429`, Python `X: Final = "…"`); a JavaScript object
 * of statuses named for them (`const HttpCodes = { Unavailable: 503 }`); an API's codes as the constants of a class,
 * module or object named for error codes; and a constant of any holder whose use is compared whole with an error's
 * code (`RATE_LIMITED = "rate_limited"` then `code == Codes::RATE_LIMITED`). Placeholders (`"UNKNOWN"`), constants of
 * other holders and unused ones stay silent.
 */
describe('spotting: codes a project declares as constants', () => {
  describe('statuses', () => {
    spotCases('python', [
      ['a one-word constant compared with a status', 'THROTTLED = 429\nPAGES = 400\n\ndef f(r):\n    if r.status_code == THROTTLED:\n        wait()\n', ['429 constant', '429 client-check']],
    ]);
    spotCases('ruby', [
      ['a module constant compared with a status', 'module Codes\n  THROTTLED = 429\nend\n\ndef f(res)\n  return 1 if res.code.to_i == Codes::THROTTLED\nend\n', ['429 constant', '429 client-check']],
    ]);
    spotCases('rust', [
      ['a typed constant compared with a status', 'const TOO_MANY: u16 = 429;\nconst MAX_PAGES: u32 = 500;\n\nfn f(status: u16) -> bool {\n    status == TOO_MANY\n}\n', ['429 constant', '429 client-check']],
    ]);
    spotCases('go', [
      [
        'a constant with its type after the name',
        'package x\n\nimport "net/http"\n\nconst (\n\tstatusTooMany int = 429\n)\n\nfunc f(resp *http.Response) bool {\n\treturn resp.StatusCode == statusTooMany\n}\n',
        ['429 constant', '429 client-check'],
      ],
    ]);
    spotCases('typescript', [
      [
        'an object of statuses named for them',
        'export const HttpCodes = {\n  NotFound: 404,\n  Unavailable: 503,\n};\nexport function f(r: Response) {\n  return r.status === HttpCodes.Unavailable;\n}\n',
        ['404 constant', '503 constant', '503 client-check'],
      ],
      ['decoy: an object of sizes', 'export const Sizes = {\n  Small: 100,\n  Large: 500,\n};\n', []],
      [
        'an enum named for HTTP statuses outright, whatever its members are called',
        'export enum HttpStatusCode {\n  TooMany = 429,\n  Down = 503,\n}\nexport enum HttpConfig {\n  Port = 443,\n  Limit = 300,\n}\n',
        ['429 constant', '503 constant'],
      ],
    ]);
    spotCases('java', [
      ['the members of an enum named for HTTP errors', 'class A {\n  enum HttpError {\n    RATE_LIMIT(429),\n    UNAVAILABLE(503);\n    final int code;\n    HttpError(int code) { this.code = code; }\n  }\n}\n', ['429 constant', '503 constant']],
    ]);
  });

  describe('API error codes', () => {
    spotCases('java', [
      [
        'the constants of a class named for error codes',
        'final class ErrorCodes {\n  static final String RATE_LIMITED = "rate_limited";\n  static final String UNKNOWN = "UNKNOWN";\n}\nfinal class Settings {\n  static final String MODE = "fast_mode";\n}\n',
        ['rate_limited constant'],
      ],
    ]);
    spotCases('csharp', [
      ['the constants of a static class named for errors', 'public static class ApiErrors {\n  public const string QuotaExceeded = "quota_exceeded";\n}\npublic static class Labels {\n  public const string Title = "main_title";\n}\n', ['quota_exceeded constant']],
      [
        'a constant of any class compared with an error code',
        'public static class Codes {\n  public const string RateLimited = "rate_limited";\n}\npublic class A {\n  public bool F(ErrorBody body) {\n    var code = body.Error.Code;\n    return code == Codes.RateLimited;\n  }\n}\n',
        ['rate_limited constant', 'rate_limited client-check'],
      ],
    ]);
    spotCases('kotlin', [
      ['the constants of an object named for error codes, and a use', 'object ErrorCodes {\n    const val RATE_LIMITED = "rate_limited"\n}\nfun f(e: ApiError) = e.code == ErrorCodes.RATE_LIMITED\n', ['rate_limited constant', 'rate_limited client-check']],
    ]);
    spotCases('php', [
      [
        'a class constant compared with an error code',
        "<?php\nfinal class Codes {\n    public const RATE_LIMITED = 'rate_limited';\n    public const THEME = 'dark_theme';\n}\nfunction f(array $body) {\n    $code = $body['error']['code'];\n    return $code === Codes::RATE_LIMITED;\n}\n",
        ['rate_limited constant', 'rate_limited client-check'],
      ],
    ]);
    spotCases('ruby', [
      ['a module constant compared with an error code', 'module Codes\n  RATE_LIMITED = "rate_limited"\nend\n\ndef f(body)\n  code = body.dig("error", "code")\n  code == Codes::RATE_LIMITED\nend\n', ['rate_limited constant', 'rate_limited client-check']],
    ]);
    spotCases('rust', [
      [
        'a constant matched against an error code',
        'const RATE_LIMITED: &str = "rate_limited";\n\nfn f(body: &Body) -> bool {\n    match body.error.code.as_str() {\n        RATE_LIMITED => true,\n        _ => false,\n    }\n}\n',
        ['rate_limited constant', 'rate_limited client-check'],
      ],
    ]);
    spotCases('python', [
      [
        'an annotated constant named for an error code, not its placeholder',
        'from typing import Final\nAPI_ERR_CODE_UNKNOWN: Final = "UNKNOWN"\nAPI_ERR_CODE_UNAUTH: Final = "UNAUTHENTICATED"\n',
        ['UNAUTHENTICATED constant'],
      ],
      ['a class attribute compared with an error code', 'class VendorCode:\n    BAD_TOKEN = "badtoken_error"\n\ndef f(body):\n    code = body["error"]["code"]\n    return code == VendorCode.BAD_TOKEN\n', ['badtoken_error constant', 'badtoken_error client-check']],
      ['decoy: a constant never compared with an error code', 'class Keys:\n    THEME = "dark_theme"\n\ndef f(settings):\n    return settings.get(Keys.THEME)\n', []],
    ]);
    spotCases('typescript', [
      [
        'the members of an object named for error codes, and a use',
        "export const ErrorCodes = {\n  EXPIRED: 'token_expired',\n} as const;\nexport function f(err: any) {\n  return err.code === ErrorCodes.EXPIRED;\n}\n",
        ['token_expired constant', 'token_expired client-check'],
      ],
      ['a table from codes to actions or names: its keys, not its values', "const RECOVERY_BY_ERROR_CODE = {\n  'upload-deleted': 'rotate_and_upload',\n};\nconst ringErrorCodes = { 7050: 'NO_ASSET' };\n", ['7050 constant']],
    ]);
    spotCases('go', [
      ['a catalog code declared as a constant', 'package x\n\nconst codeThrottled = "Throttling"\n', ['Throttling constant']],
    ]);
  });
});
