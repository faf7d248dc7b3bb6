import { spotCases } from '../fixtures/spotting/cases';

/**
 * Where a status is read from decides whether a number beside it is one: a numbered local (`code1`), a Ruby hash
 * read by symbol (`env[:status]`), a range the status is tested against (`in range(200, 300)`), an error's `code()`
 * on a Kotlin `throwable`, an error envelope's `error_code` holding a 4xx.
 */
describe('spotting: status reads', () => {
  describe('Python', () => {
    spotCases('python', [
      ['a numbered local', 'def f(code1: int):\n    if code1 >= 400:\n        return 1\n', ['400 client-check']],
      ['the bounds of a range tested with in', 'if resp.status_code in range(200, 300):\n    pass\n', ['200 client-check', '300 client-check']],
      ['an envelope error_code holding a 4xx', 'if err.error_code == 401:\n    relogin()\n', ['401 client-check']],
      ['decoy: a range over something else', 'for i in range(200, 300):\n    pass\n', []],
      // (No status: the API's own code, spotted as such — see spotting-vendor-codes.test.ts.)
      ['an envelope code no status scheme shares', 'if err.error_code == 190:\n    relogin()\n', ['190 client-check']],
      // Any key a member would be read by names a status in a subscript too (boto3's response metadata).
      ['a status key deep in a subscript chain', 'if e.response["ResponseMetadata"]["HTTPStatusCode"] == 404:\n    pass\n', ['404 client-check']],
      ['a camel-case status key', 'if body["statusCode"] == 503:\n    pass\n', ['503 client-check']],
      ['decoy: a key named for something else', 'if row["count"] == 404:\n    pass\n', []],
    ]);
  });
  describe('Ruby', () => {
    spotCases('ruby', [
      ['a hash read by symbol', 'def f(response)\n  return unless response[:status] == 200\nend\n', ['200 client-check']],
      ['a case on env[:status] with a range', 'def f(env)\n  case env[:status]\n  when 404 then 1\n  when 500..599 then 2\n  end\nend\n', ['404 client-check', '500 client-check', '599 client-check']],
      ['a hash read by string', 'ok = result["status"] == 201\n', ['201 client-check']],
    ]);
  });
  describe('Kotlin', () => {
    spotCases('kotlin', [
      ['a throwable\'s code()', 'fun f(throwable: HttpException): Boolean = throwable.code() >= 500\n', ['500 client-check']],
      ['a throwable named t', 'fun f(t: HttpException): Boolean = t.code() == 429\n', ['429 client-check']],
    ]);
  });
  describe('JavaScript', () => {
    spotCases('javascript', [
      ['an envelope error_code', 'if (error.error_code === 409) stop();\n', ['409 client-check']],
      // A status named inside the text an error's message is searched for.
      ['a status phrase searched in an error message', 'if (err.message.includes("Response Code: 404")) return null;\n', ['404 client-check']],
      ['decoy: the same phrase only logged', 'console.log("Response Code: 404");\n', []],
      ['decoy: a number after other words', 'if (err.message.includes("retry after 500 ms")) wait();\n', []],
    ]);
  });

  describe('a status read through a cast, a JSON field, a wrapper array or an error class of its own', () => {
    spotCases('kotlin', [
      ['code() of a throwable cast to an HTTP exception', 'fun Throwable.isGone(): Boolean = (this as? HttpException)?.code() == 410\n', ['410 client-check']],
    ]);
    spotCases('csharp', [
      ['a capitalised Code property cast to int', 'class Reply {\n  public HttpStatusCode Code { get; set; }\n  public bool Ok => (int)Code >= 200 && (int)Code <= 299;\n}\n', ['200 client-check', '299 client-check']],
    ]);
    spotCases('php', [
      ["a wrapper's answer array keyed 'code', and intval() of a code", "<?php\nclass Shop {\n  function f($api, $code) {\n    $r = $api->upload();\n    if ($r['code'] == 201) { return 1; }\n    if (intval($code) >= 500) { return 2; }\n  }\n}\n", ['201 client-check', '500 client-check']],
    ]);
    spotCases('java', [
      ["Jetty's phrase-then-number constants, and a number after no phrase", 'class Mapper {\n  int f(Ex e) {\n    int statusCode = HttpStatus.INTERNAL_SERVER_ERROR_500;\n    if (e.code() == HttpStatus.TOO_MANY_REQUESTS_429) { statusCode = HttpStatus.SERVICE_UNAVAILABLE_503; }\n    int wait = TIMEOUT_500;\n    return statusCode;\n  }\n}\n', ['500 server-sets', '429 client-check', '503 server-sets']],
      ['a JSON status field read with getAsInt()', 'class Feed {\n  boolean ok(JsonObject obj) { return obj.get("status").getAsInt() == 200; }\n}\n', ['200 client-check']],
    ]);
    spotCases('python', [
      ['self.code in an error class of its own', 'class SearchError(Exception):\n    @property\n    def throttled(self):\n        return self.code == 429\n', ['429 client-check']],
      ['self.code in a class that is no error', 'class Coupon:\n    def big(self):\n        return self.code == 429\n', []],
    ]);
  });

  describe("a status an error class of the project hands its base constructor", () => {
    spotCases('typescript', [
      ['super(message, 401) in an error class', "export class LoginError extends ApiError {\n  constructor(message = 'denied') {\n    super(message, 401, 'AUTH');\n  }\n}\n", ['401 constant']],
      ['decoy: super(…, 401) in a class that is no error', "export class Grid extends Base {\n  constructor() { super('x', 401); }\n}\n", []],
    ]);
    spotCases('python', [
      ['super().__init__(message, 429)', 'class Throttled(ApiError):\n    def __init__(self, message):\n        super().__init__(message, 429)\n', ['429 constant']],
      ['a status keying a record that names the error raised', 'ERRORS = {\n    400: {"raise_exception": ShopBadRequestError, "message": "bad"},\n    503: {"raise_exception": ShopUnavailableError, "message": "down"},\n}\n', ['400 constant', '503 constant']],
      ['decoy: a status-like key of a record of sizes', 'SIZES = {400: {"width": 10, "height": 20}}\n', []],
    ]);
    spotCases('java', [
      ['super("…", 404, msg) in an error class', 'class MissingError extends ShopError {\n  public MissingError(String m) { super("Not found", 404, m); }\n}\n', ['404 constant']],
    ]);
    spotCases('kotlin', [
      ['the superclass call in the header and this(…, 401)', 'class DeniedException(message: String) : ShopException(message, 403) {\n    constructor(e: Reason) : this("denied", 401)\n}\n', ['403 constant', '401 constant']],
    ]);
    spotCases('csharp', [
      [': base(m, 429) in an exception class', 'class SlowDownException : ShopException { public SlowDownException(string m) : base(m, 429) { } }\n', ['429 constant']],
    ]);
    spotCases('php', [
      ['parent::__construct($m, 404)', '<?php\nclass GoneException extends ShopException { public function __construct($m) { parent::__construct($m, 404); } }\n', ['404 constant']],
    ]);
    spotCases('ruby', [
      ['super(msg, 429) in an error class', 'class Throttled < ShopError\n  def initialize(msg)\n    super(msg, 429)\n  end\nend\n', ['429 constant']],
    ]);
  });

  describe('statuses walked through, and error classes keyed by status', () => {
    spotCases('python', [
      ['a for loop over statuses', 'def f():\n    for status in (500, 502):\n        probe(status)\n', ['500 constant', '502 constant']],
      ['a pytest parametrize over statuses', 'import pytest\n\n@pytest.mark.parametrize("status_code", [429, 503])\ndef test_retry(status_code):\n    pass\n', ['429 test-assert', '503 test-assert']],
      ['error classes named for their statuses', 'ERRORS = {405: MethodNotAllowed, 429: TooManyRequests}\n', ['405 constant', '429 constant']],
      ['decoy: a loop over something else', 'for port in (500, 502):\n    listen(port)\n', []],
    ]);
    spotCases('ruby', [
      ['statuses an RSpec example walks through', 'describe "retries" do\n  [429, 503].each do |error_code|\n    it "waits" do\n    end\n  end\nend\n', ['429 test-assert', '503 test-assert']],
    ]);
    spotCases('javascript', [
      ['a forEach over statuses', '[500, 502].forEach((code) => probe(code));\n', ['500 constant', '502 constant']],
    ]);
  });

  describe('constants whose uses say they are statuses', () => {
    spotCases('kotlin', [
      [
        'a companion constant used as a label on the response code (and its declaration), not one compared with a size',
        'class I {\n    fun next(response: Response): Long = when (response.code) {\n        RATE_LIMIT_EXCEEDED -> 1L\n        else -> 0L\n    }\n    fun big(items: List<Int>) = items.size > MAX_ITEMS\n    companion object {\n        private const val RATE_LIMIT_EXCEEDED = 429\n        private const val MAX_ITEMS = 500\n    }\n}\n',
        ['429 client-check', '429 constant'],
      ],
    ]);
    spotCases('python', [
      ['a module constant compared with a status (and its declaration)', 'SLOW_DOWN = 429\n\ndef f(resp):\n    return resp.status_code == SLOW_DOWN\n', ['429 constant', '429 client-check']],
      ['decoy: a module constant compared with something else', 'PAGE_LIMIT = 500\n\ndef f(rows):\n    return len(rows) == PAGE_LIMIT\n', []],
    ]);
  });

  describe('generated SDKs', () => {
    spotCases('typescript', [
      [
        "Speakeasy's response matchers",
        'import * as M from "../lib/matchers.js";\nconst [result] = await M.match(\n  M.json(200, Schema),\n  M.jsonErr([400, 422], Err),\n  M.fail("4XX"),\n)(response);\n',
        ['200 client-check', '400 client-check', '422 client-check'],
      ],
      ['decoy: json() on something else', 'const text = JSON.json(200, value);\n', []],
    ]);
  });
});
