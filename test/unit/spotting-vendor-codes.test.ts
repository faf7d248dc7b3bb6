import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { hoverAt, occurrencesOf } from '../support/serviceHarness';

/**
 * An API's own error codes written as strings (no catalog knows them): spotted where the context says the string is
 * an error code — compared with or switched on an error-code field, given to one, passed first to an API error's
 * constructor, declared as a typed error-code constant. Job states, English words, type tags and log text stay silent.
 */
describe('spotting: vendor error codes in strings', () => {
  describe('TypeScript / JavaScript', () => {
    spotCases('typescript', [
      [
        'bare keys of a table mapping error types, not of other objects',
        'const UPSTREAM_ERROR_TYPE_MAPPING = {\n  quota_exceeded_error: "QuotaError",\n  overloaded_error: "BusyError",\n  name: "Other",\n} as const;\nconst labels = { overloaded_error: "x" };\n',
        ['quota_exceeded_error constant', 'overloaded_error constant'],
      ],
      ["an error field compared", "if (reply.error === 'quota_exhausted') backOff();\n", ['quota_exhausted client-check']],
      ['a helper reading the code off an error', "if (readShopErrorCode(err) === 'cart_locked') retryLater();\n", ['cart_locked client-check']],
      ['a lower-case word in an error field', "if (payload.error === 'ratelimited') wait();\n", ['ratelimited client-check']],
      [
        'a switch over an error type',
        "switch (body.error.type) {\n  case 'TOO_MANY_REQUESTS':\n    break;\n  case 'invalid_request_error':\n    break;\n}\n",
        ['TOO_MANY_REQUESTS client-check', 'invalid_request_error client-check'],
      ],
      ['membership in a list of codes', "if (['overloaded_error', 'api_error'].includes(err.type)) retry();\n", ['overloaded_error client-check', 'api_error client-check']],
      ['an API error constructed with its code', "return new BillingApiError('CARD_DECLINED', 'declined', 402);\n", ['CARD_DECLINED constant']],
      ['a defaulted code in a constructor', "return new BillingApiError(kind ?? 'UNEXPECTED_FAILURE', text, status);\n", ['UNEXPECTED_FAILURE constant']],
      // A server's own wording in the error it answers with is no API code it must handle (a decoy in the benchmark).
      ['a code the file writes into its own error body', "res.json({ error: 'NOT_PERMITTED', message: 'no' });\n", []],
      // …unless it is set through a constant the file also reads: an interface's code its clients tell apart.
      [
        'a code set through a constant the file also compares',
        "const ERR_NOT_PERMITTED = 'NOT_PERMITTED';\nfunction deny(res: Res) { res.json({ error: ERR_NOT_PERMITTED }); }\nfunction denied(body: Body) { return body.error === ERR_NOT_PERMITTED; }\n" +
          "function other(res: Res) { res.json({ error: 'NOT_PERMITTED' }); }\n",
        ['NOT_PERMITTED constant', 'NOT_PERMITTED server-sets', 'NOT_PERMITTED client-check'],
      ],
      ['a catalog code in an error body', "res.json({ error: 'ECONNRESET', message: 'upstream reset' });\n", ['ECONNRESET server-sets']],
      ['a type inside an error object of its own', "const body = { error: { type: 'SEAT_LIMIT', message: 'full' } };\n", []],
      ['a type compared on an error object', "if (body.error.type === 'SEAT_LIMIT') { wait(); }\n", ['SEAT_LIMIT client-check']],
      ['a lower-cased network code', "if (err.code.toLowerCase() === 'econnreset') retry();\n", ['ECONNRESET client-check']],
      ['an assertion on an error field', "expect(result.error).toBe('BUDGET_EXCEEDED');\n", ['BUDGET_EXCEEDED test-assert']],
      ['decoy: a job state', "if (prediction.status === 'succeeded') done();\nif (prediction.status === 'starting') wait();\n", []],
      ['decoy: a syntax node type', "if (node.type === 'identifier' || node.type === 'call_expression') visit();\n", []],
      ['decoy: a language code', "const locale = { code: 'EN_US' };\nif (lang.code === 'DE') {}\n", []],
      ['decoy: a built-in Error message word', "throw new Error('NOT_READY');\n", []],
      ['decoy: a log line', "logger.warn('rate_limit_exceeded');\n", []],
      ['decoy: a quoted OK as a reason phrase', "if (res.statusText === 'OK') {}\n", []],
      ["a code searched in an error's message", "if (error.message?.includes('QUOTA_EXCEEDED')) slowDown();\n", ['QUOTA_EXCEEDED client-check']],
      ['members of an enum named for error codes', "export enum ApiErrorCode {\n  RateLimited = 'rate_limited',\n  Overloaded = 'overloaded_error',\n}\n", ['rate_limited constant', 'overloaded_error constant']],
      ['decoy: members of an enum named for something else', "export enum Color {\n  Dark = 'dark_mode',\n  Light = 'light_mode',\n}\n", []],
      ["decoy: a project's own failure categories", "export enum ReachabilityFailureKind {\n  Stale = 'stale_status_message',\n  Transient = 'transient_error',\n}\n", []],
      ["decoy: a plain word searched in an error's message", "if (error.message.includes('SAFETY') || error.message.includes('timeout')) {}\n", []],
      ["decoy: a code-shaped token searched in a response body", "if (response.message.includes('RATE_LIMITED')) {}\n", []],
      ['a kebab-case code with an error word', "if (reply.status === 'session-expired') relogin();\n", ['session-expired client-check']],
      ['decoy: a kebab-case value without one', "if (reply.error === 'dark-theme') {}\nif (page.status === 'read-only') {}\n", []],
      ["decoy: a hyphenated word in an error's message", "if (error.message.includes('timed-out')) {}\n", []],
      ["a code searched in a response's raw text", "const json = await res.text();\nif (json.includes('daily_quota_exceeded')) wait();\n", ['daily_quota_exceeded client-check']],
      ["decoy: one word searched in a response's raw text", "if (json.includes('ERROR') || body.includes('Rate limit')) {}\n", []],
      [
        'labels of a switch on a bare code vouching for each other',
        "function kind(code: string) {\n  switch (code) {\n    case 'linkage.broken.token_expired':\n    case 'linkage.broken':\n    case 'LEDGER_LOCKED':\n    case 'CONSENT_NOT_GIVEN':\n    case 'SESSION_REVOKED':\n      return 'relink';\n  }\n}\n",
        ['linkage.broken.token_expired client-check', 'linkage.broken client-check', 'LEDGER_LOCKED client-check', 'CONSENT_NOT_GIVEN client-check', 'SESSION_REVOKED client-check'],
      ],
      [
        'decoy: event names switched on as a type',
        "function on(event: { type: string }) {\n  switch (event.type) {\n    case 'invoice.payment_failed':\n    case 'charge.refund_failed':\n    case 'customer.created':\n      return 1;\n  }\n}\n",
        [],
      ],
      [
        'decoy: one worded label does not vouch for the rest',
        "function kind(code: string) {\n  switch (code) {\n    case 'LEDGER_LOCKED':\n    case 'CONSENT_NOT_GIVEN':\n      return 1;\n  }\n}\n",
        ['LEDGER_LOCKED client-check'],
      ],
      ['a reason turned to text, tested for membership', "if ([\"dailyLimitExceeded\", \"backendBusy\"].includes(String(reason))) retry();\n", ['dailyLimitExceeded client-check', 'backendBusy client-check']],
      [
        "literal types of an error type's code",
        'export type UploadOtpError = {\n  code: "EOTP_NEEDED";\n  detail: string;\n};\ninterface UploadDeniedError { code: "E403" | "E409" }\n',
        ['EOTP_NEEDED constant', 'E403 constant', 'E409 constant'],
      ],
      ['decoy: literal types of a type named for something else', 'type Shape = { kind: "ROUND_CORNER" };\ninterface Job { status: "QUEUED_FOR_RETRY" }\n', []],
      ["an npm-style code of one letter and a number on an error's code", 'if (info.error.code === "E404") return none();\n', ['E404 client-check']],
      ["decoy: a key asked of a body object", "const data = response.body || {};\nif ('error_description' in data) {}\n", []],
    ]);
  });

  describe('Python', () => {
    spotCases('python', [
      ["a code searched in a caught error's text", 'try:\n    s3.get_bucket_policy(Bucket=b)\nexcept ClientError as e:\n    if "NoSuchBucketPolicy" in str(e):\n        pass\n', ['NoSuchBucketPolicy client-check']],
      ["a word searched in a response's text is no code", 'if "Maintenance" in str(body):\n    pass\n', []],
      ['a subscript of an error body', 'if e.response["error"] == "ratelimited":\n    sleep(1)\n', ['ratelimited client-check']],
      ['membership in a tuple', 'if err.code in ("throttled_request", "backend_unavailable"):\n    retry()\n', ['throttled_request client-check', 'backend_unavailable client-check']],
      [
        'a status field with an error word, and OK beside it',
        'def check(api_status):\n    if api_status == "OK":\n        return\n    if api_status == "OVER_DAILY_LIMIT":\n        raise Busy()\n',
        ['OK client-check', 'OVER_DAILY_LIMIT client-check'],
      ],
      ['an API error raised with its code', 'raise MapsApiError("UNKNOWN_FAILURE", "try again")\n', ['UNKNOWN_FAILURE constant']],
      ['a module constant named for an error', 'QUOTA_ERROR = "quota_exceeded"\n', ['quota_exceeded constant']],
      [
        'a module constant used in a comparison, not in a log call',
        'QUOTA_ERROR = "insufficient_quota"\n\ndef f(err):\n    print(QUOTA_ERROR)\n    return err.code == QUOTA_ERROR\n',
        ['insufficient_quota constant', 'insufficient_quota client-check'],
      ],
      ['decoy: a status field with a plain state', 'def f(order):\n    if order.status == "PENDING":\n        pass\n', []],
      ['decoy: a dict of settings', 'cfg = {"mode": "FAST_PATH", "kind": "worker"}\n', []],
      ['decoy: a ValueError message', 'raise ValueError("INVALID_INPUT")\n', []],
      ['numbers compared with an error code field', 'if err.error_code == 20429:\n    wait()\n', ['20429 client-check']],
      ['members of an Enum class named for error codes', 'from enum import Enum\n\nclass ErrorCode(str, Enum):\n    RATE_LIMITED = "rate_limited"\n    QUOTA = "insufficient_quota"\n', ['rate_limited constant', 'insufficient_quota constant']],
      // (A plain class named for error codes holds them as an Enum does: spotting-own-code-constants.test.ts.)
      ['a plain class named for errors', 'class ErrorCode:\n    RATE_LIMITED = "rate_limited"\n', ['rate_limited constant']],
      ['decoy: a plain class named for something else', 'class Keys:\n    THEME_KEY = "dark_theme"\n', []],
      ['a list of numbers named for retried error codes', 'RETRYABLE_ERROR_CODES = [20429, 60212]\n', ['20429 retry-config', '60212 retry-config']],
      ['a list of numbers named for error codes, read later', 'IGNORED_ERROR_CODES = (10041, 10042)\n', ['10041 constant', '10042 constant']],
      ['decoy: numbers compared with a plain code field', 'if lang.code == 44:\n    pass\n', []],
      ["decoy: an exception's bare code (an exit status)", 'try:\n    main()\nexcept SystemExit as e:\n    if e.code == 2:\n        usage()\n', []],
      ['decoy: a list of numbers named for something else', 'PORTS = [8080, 8443]\nerror_code = None\n', []],
      ['numbered codes as the keys of a table of their messages', 'class Gateway:\n    ERRORS = {\n        21: "merchant blocked",\n        54: "verification window passed",\n    }\n', ['21 constant', '54 constant']],
      ['decoy: a table of numbers named for something else', 'LEVELS = {1: "low", 2: "high"}\n', []],
      [
        'quoted keys of a dict of error messages, not of a form\'s errors or of labels',
        'LOGIN_ERROR_MESSAGES = {\n    "CODE_EXPIRED": "That code has expired.",\n    "TOO_MANY_TRIES": "Wait a minute.",\n}\nFORM_ERRORS = {"email": "bad", "user_name": "bad"}\nLABELS = {"TOO_MANY_TRIES": "x"}\n',
        ['CODE_EXPIRED constant', 'TOO_MANY_TRIES constant'],
      ],
      ['decoy: a count of errors compared', 'def report(errors):\n    if errors > 1:\n        print(errors)\n', []],
    ]);
  });

  describe('Ruby', () => {
    spotCases('ruby', [
      [
        'symbol keys of a frozen table of error messages',
        'ERROR_MESSAGES = {\n  quota_exceeded: "You are over quota",\n  name: "x",\n}.freeze\nLABELS = { quota_exceeded: "y" }\n',
        ['quota_exceeded constant'],
      ],
    ]);
  });

  describe('Go', () => {
    spotCases('go', [
      ["a code searched in an error's text", 'package p\n\nimport "strings"\n\nfunc f(err error) bool { return strings.Contains(err.Error(), "RequestLimitExceeded") }\n', ['RequestLimitExceeded client-check']],
      [
        'numbers switched on as an error code',
        'package p\n\nfunc decide(errorCode int) bool {\n\tswitch errorCode {\n\tcase 40001:\n\t\treturn true\n\tcase 40099:\n\t\treturn false\n\t}\n\treturn false\n}\n',
        ['40001 client-check', '40099 client-check'],
      ],
      ['decoy: numbers switched on as a plain count', 'package p\n\nfunc f(retries int) bool {\n\tswitch retries {\n\tcase 3:\n\t\treturn true\n\t}\n\treturn false\n}\n', []],
    ]);
  });

  describe('Java', () => {
    spotCases('java', [
      [
        'equals on a status string',
        'class A { void f(String status) { if ("OVER_QUERY_LIMIT".equals(status)) {} else if ("REQUEST_DENIED".equals(status)) {} } }\n',
        ['OVER_QUERY_LIMIT client-check', 'REQUEST_DENIED client-check'],
      ],
      ['a camel-case reason', 'class A { boolean f(String reason) { return "userRateLimitExceeded".equals(reason); } }\n', ['userRateLimitExceeded client-check']],
      ['decoy: equals on a plain word', 'class A { boolean f(String status) { return "active".equals(status); } }\n', []],
      [
        'number constants named for their error and a code, and their uses',
        'class Sms {\n  private static final int INVALID_PARAM_ERROR_CODE = 60210;\n  private static final int QUOTA_EXCEEDED_CODE = 20499;\n  private static final int COUNTRY_CODE = 44;\n  boolean f(ApiException e) { return e.getCode() == QUOTA_EXCEEDED_CODE || INVALID_PARAM_ERROR_CODE == e.getCode(); }\n}\n',
        ['60210 constant', '20499 constant', '20499 client-check', '60210 client-check'],
      ],
      ['constants of an enum named for error codes', 'enum ApiErrorCode {\n  RATE_LIMITED("rate_limited"),\n  OVERLOADED("overloaded_error");\n  private final String code;\n  ApiErrorCode(String code) { this.code = code; }\n}\n', ['rate_limited constant', 'overloaded_error constant']],
    ]);
  });

  describe('C#', () => {
    spotCases('csharp', [
      ['a switch on an error type', 'class A { void F(string type) { switch (type) { case "rate_limit": break; case "card_error": break; } } }\n', ['rate_limit client-check', 'card_error client-check']],
      ['Equals on a data entry', 'class A { bool F(Exception ex) => ex.Data["code"].Equals("context_length_exceeded"); }\n', ['context_length_exceeded client-check']],
      ['members of a long enum named for error codes, far from its name', 'enum LookupErrorCode\n{\n    Member1 = 1,\n    Member2 = 2,\n    Member3 = 3,\n    Member4 = 4,\n    Member5 = 5,\n    Member6 = 6,\n    Member7 = 7,\n    Member8 = 8,\n    Member9 = 9,\n    Member10 = 10,\n    Member11 = 11,\n    Member12 = 12,\n    Member13 = 13,\n    Member14 = 14,\n    Member15 = 15,\n    Member16 = 16,\n    Member17 = 17,\n    Member18 = 18,\n    Member19 = 19,\n    Member20 = 20,\n    Member21 = 21,\n    Member22 = 22,\n    Member23 = 23,\n    Member24 = 24,\n    Member25 = 25,\n    Member26 = 26,\n    Member27 = 27,\n    Member28 = 28,\n    Member29 = 29,\n    Member30 = 30,\n    Member31 = 31,\n    Member32 = 32,\n    Member33 = 33,\n    Member34 = 34,\n    Member35 = 35,\n    Member36 = 36,\n    Member37 = 37,\n    Member38 = 38,\n    Member39 = 39,\n    TooManyRequests = 140,\n}\n', [...Array.from({ length: 39 }, (_, i) => `${i + 1} constant`), '140 constant']],
      ['an initializer setting an error code of its own', 'class A { object F() => new ErrorBody { Code = "activityLimitReached" }; }\n', []],
      ['decoy: a currency code', 'class A { object F() => new Price { Code = "USD" }; }\n', []],
    ]);
  });

  describe('numbers', () => {
    it('spots an envelope error_code no status scheme shares as the API\'s own code, not a status', async () => {
      const found = await occurrencesOf('python', 'if err.error_code == 190:\n    relogin()\n');
      assert.deepEqual(found.map((o) => `${o.code} ${o.kind} ${o.role}`), ['190 error-code client-check']);
    });
    it('leaves a bare ERROR_CODE constant alone: its name says no error', async () => {
      assert.deepEqual(await occurrencesOf('typescript', 'const ERROR_CODE = 32601;\nconst QUOTA_ERROR_CODE = 40099;\n').then((f) => f.map((o) => o.code)), ['40099']);
    });
  });

  describe('hover on a code no catalog knows', () => {
    it('says it is an API code, what the code does with it and what its name suggests', async () => {
      const text = await hoverAt('typescript', "if (reply.error === 'quota_exh|austed') backOff();\n");
      assert.ok(text, 'no hover');
      assert.match(text, /an API's own error code/);
      assert.match(text, /tests a received error/);
      assert.match(text, /rate limit or a passing failure/);
      assert.match(text, /workspace catalog/);
    });

    it('calls a refused-request name final and a retry-listed one retryable', async () => {
      const final = await hoverAt('python', 'if err.code == "context_length_exc|eeded":\n    shorten()\n');
      assert.match(final ?? '', /a retry will not help/);
      const listed = await hoverAt('go', 'package p\n\nfunc shouldRetry(e *APIError) bool {\n\treturn e.Code == "SLOW_D|OWN"\n}\n');
      assert.match(listed ?? '', /treated as \*\*retryable\*\*/);
    });
  });

  describe('Go', () => {
    spotCases('go', [
      ['typed error-code constants', 'package p\n\ntype ErrorCode string\n\nconst (\n\tQuotaErrorCode ErrorCode = "QUOTA_EXCEEDED"\n\tBusyErrorCode  ErrorCode = "BUSY"\n)\n', ['QUOTA_EXCEEDED constant', 'BUSY constant']],
      ['an error code compared', 'package p\n\nfunc f(e *APIError) bool {\n\treturn e.Code == "TOOMANYREQUESTS"\n}\n', ['TOOMANYREQUESTS client-check']],
      ['decoy: an untyped constant', 'package p\n\nconst Region = "EU_WEST"\n', []],
      [
        "google.rpc.ErrorInfo reasons: constants named for a reason, the reason given to an ErrorInfo and switched on",
        'package p\n\nconst (\n\tReasonLeaseExpired string = "LEASE_EXPIRED"\n\tReasonNoQuorum = "NO_QUORUM"\n)\n\n' +
          'func toStatus(st *status.Status) error {\n\treturn withErrorInfoDetails(st, ReasonNoQuorum, nil)\n}\n\n' +
          'func fromStatus(detail any) error {\n\tinfo, ok := detail.(*errdetails.ErrorInfo)\n\tif !ok {\n\t\treturn nil\n\t}\n\tswitch info.Reason {\n\tcase ReasonLeaseExpired:\n\t\treturn ErrLeaseExpired\n\t}\n\treturn nil\n}\n',
        ['LEASE_EXPIRED constant', 'NO_QUORUM constant', 'LEASE_EXPIRED client-check'],
      ],
      [
        'decoy: reasons of events in a file without ErrorInfo',
        'package p\n\nconst (\n\tReasonBackOff = "BACK_OFF"\n\tReasonFailedCreate = "FailedCreate"\n)\n\nfunc f(reason string) bool {\n\treturn reason == ReasonBackOff\n}\n',
        [],
      ],
      [
        'a constant of plain string type read by its name, and the last label of a long case list',
        'package p\n\nconst AccessDeniedError string = "AccessDeniedException"\nconst Region string = "EU_WEST"\n\nfunc permanent(apiErr APIError) bool {\n\tswitch apiErr.ErrorCode() {\n' +
          '\tcase "InvalidClusterStateFault",\n\t\t"InvalidHomeRegionException",\n\t\t"CacheSubnetGroupInUseFault",\n\t\t"InvalidSnapshotStateFault",\n\t\t"InvalidCacheClusterStateFault",\n\t\t"InvalidParameterGroupStateFault":\n\t\treturn true\n' +
          '\tcase AccessDeniedError:\n\t\treturn true\n\t}\n\treturn false\n}\n',
        [
          'AccessDeniedException constant',
          'InvalidClusterStateFault client-check',
          'InvalidHomeRegionException client-check',
          'CacheSubnetGroupInUseFault client-check',
          'InvalidSnapshotStateFault client-check',
          'InvalidCacheClusterStateFault client-check',
          'InvalidParameterGroupStateFault client-check',
          'AccessDeniedException client-check',
        ],
      ],
      [
        'uses of declared codes in a retry set and a comparison',
        'package p\n\ntype ErrorCode string\n\nconst (\n\tBusyErrorCode ErrorCode = "BUSY"\n\tRegion = "EU_WEST"\n)\n\nvar temporaryErrorCodes = map[ErrorCode]bool{\n\tBusyErrorCode: true,\n}\n\nfunc f(e *APIError) bool {\n\tlog(Region)\n\treturn e.Code == BusyErrorCode\n}\n',
        ['BUSY constant', 'BUSY retry-config', 'BUSY client-check'],
      ],
    ]);
  });

  describe('codes read through locals, lists, predicates and patterns', () => {
    describe('Python', () => {
      spotCases('python', [
        ['a local taken from an error body', 'def f(data):\n    err = data["error"]\n    if err == "slow_down":\n        wait()\n', ['slow_down client-check']],
        ['membership of a keyed read', 'if body.get("error") in ("invalid_grant", "expired_token"):\n    relogin()\n', ['invalid_grant client-check', 'expired_token client-check']],
        ["an error's code by another name, read off its body", 'def f(ex):\n    reject_code = ex.response.json()["rejectCode"]\n    if reject_code == "InvalidBatch":\n        return False\n', ['InvalidBatch client-check']],
        ['decoy: a webhook event code on a payload', 'def f(payload):\n    if payload["webhook_code"] == "PERMISSION_REVOKED":\n        pass\n', []],
        ['decoy: a local taken from something else', 'def f(job):\n    state = job.phase\n    if state == "waiting_room":\n        pass\n', []],
      ]);
    });
    describe('JavaScript', () => {
      spotCases('javascript', [
        [
          'a list named for errors, tested against the code',
          'const fatalErrors = ["fatal_error", "internal_error"];\nif (fatalErrors.includes(reply.error)) stop();\n',
          ['fatal_error client-check', 'internal_error client-check'],
        ],
        ['a retry list named for error codes', 'const RETRYABLE_ERROR_CODES = ["rate_limited", "service_busy"];\n', ['rate_limited retry-config', 'service_busy retry-config']],
        ['decoy: a placeholder for a missing code', 'const errorType = reply.error || "unknown_error";\n', []],
        ['decoy: a list named for something else', 'const requiredFields = ["user_id", "account_id"];\n', []],
      ]);
    });
    describe('PHP', () => {
      spotCases('php', [
        [
          'in_array over a local holding the code',
          "<?php\nfunction f($e) {\n    $code = $e['error_code'];\n    return in_array($code, ['ITEM_LOGIN_REQUIRED', 'INVALID_MFA']);\n}\n",
          ['ITEM_LOGIN_REQUIRED client-check', 'INVALID_MFA client-check'],
        ],
        ['decoy: a default code for a missing one', "<?php\n$errorCode = $data['error_code'] ?? 'UNKNOWN_ERROR';\n", []],
        [
          "an error enum's own predicates over its members",
          "<?php\nenum PushErrorType: string\n{\n    case QuotaExceeded = 'QuotaExceeded';\n    case PayloadTooLarge = 'PayloadTooLarge';\n\n    public function isQuotaExceeded(): bool\n    {\n        return $this === self::QuotaExceeded;\n    }\n\n    public function label(): string\n    {\n        return self::QuotaExceeded->value;\n    }\n}\n",
          ['QuotaExceeded constant', 'PayloadTooLarge constant', 'QuotaExceeded client-check'],
        ],
        [
          "the string keys of a retry table, not its numbers",
          "<?php\nclass Runner {\n    protected $retryMap = [\n        'backendBusy' => self::RETRY_ALWAYS,\n        'dailyQuotaError' => self::RETRY_NEVER,\n        28 => self::RETRY_ALWAYS,\n    ];\n    protected $colorMap = ['backendBusy' => 'red'];\n}\n",
          ['backendBusy retry-config', 'dailyQuotaError retry-config'],
        ],
        [
          'small numbers tested on a local taken from an error-code getter',
          "<?php\nfunction f($reply) {\n    $code = $reply->get_api_error_code();\n    $tries = $reply->attempts();\n    if (in_array($code, array(4, 613), true)) { wait(); }\n    if (in_array($tries, array(4, 5), true)) { stop(); }\n}\n",
          ['4 client-check', '613 client-check'],
        ],
        [
          'code-shaped keys of a table of error messages, not field names',
          "<?php\n$route_errors = array(\n    'NO_ROUTE_FOUND' => __('No route.', 'plugin'),\n    'ORIGIN_UNKNOWN' => __('Unknown origin.', 'plugin'),\n);\n$form_errors = array('email' => 'is invalid', 'user_name' => 'is required');\n",
          ['NO_ROUTE_FOUND constant', 'ORIGIN_UNKNOWN constant'],
        ],
        [
          'a match on the first of the kebab-case error-codes',
          "<?php\nfunction f($reply) {\n    return match ($reply['error-codes'][0] ?? null) {\n        'missing-input-token' => 1,\n        'bad-request' => 2,\n        'user-profile' => 3,\n        default => 0,\n    };\n}\n",
          ['missing-input-token client-check', 'bad-request client-check'],
        ],
        [
          'the last members of a long list, one a line, far from the field',
          "<?php\nfunction f($errorCode) {\n    return in_array($errorCode, [\n        'SUBSCRIPTION_PAYMENT_REQUIRED',\n        'WORKSPACE_SEATS_EXHAUSTED',\n        'BILLING_ACCOUNT_SUSPENDED',\n        'CARD_VERIFICATION_FAILED',\n    ]);\n}\n",
          ['SUBSCRIPTION_PAYMENT_REQUIRED client-check', 'WORKSPACE_SEATS_EXHAUSTED client-check', 'BILLING_ACCOUNT_SUSPENDED client-check', 'CARD_VERIFICATION_FAILED client-check'],
        ],
      ]);
    });
    describe('Ruby', () => {
      spotCases('ruby', [
        ['an error asked for its code', 'def f\n  get\nrescue ApiError => e\n  raise Gone if is_error?(e, "INVALIDATED_RESOURCE")\nend\n', ['INVALIDATED_RESOURCE client-check']],
        ['a Ruby constant named for an error code', 'class Client\n  QUOTA_ERROR_CODE = "SSS_QUOTA_EXCEEDED"\n  BASE_URL = "https://example.test/"\nend\n', ['SSS_QUOTA_EXCEEDED constant']],
        ['a parsed body read by its error_code key', 'def f(body)\n  relink if body["error_code"] == "ITEM_LOGIN_REQUIRED"\nend\n', ['ITEM_LOGIN_REQUIRED client-check']],
        ['a helper named for the code it reads off an error', 'def f(http_error)\n  code(http_error) == "workflow_step_failure"\nend\n', ['workflow_step_failure client-check']],
        ["a response's body compared with a code", 'def f(response)\n  raise Gone if response.body == "workspace_not_found"\nend\n', ['workspace_not_found client-check']],
        ['decoy: the type of a request body, an incoming message', 'def f(request)\n  kind = request.body.fetch("type")\n  case kind\n  when "RESYNC"\n    sync\n  when "PURGE"\n    purge\n  end\nend\n', []],
      ]);
    });
    describe('C#', () => {
      spotCases('csharp', [
        ['a pattern over an error code', 'class A { void F(RequestFailedException ex) { if (ex.ErrorCode is "PathNotFound" or "BlobNotFound") { } } }\n', ['PathNotFound client-check', 'BlobNotFound client-check']],
        ['an exception matched against a code', 'class A { void F(ServiceException exception) { if (exception.IsMatch("generalException")) { } } }\n', ['generalException client-check']],
      ]);
    });
    describe('Kotlin', () => {
      spotCases('kotlin', [
        [
          'a when over an error string, not the values of its arms',
          'fun f(error: String): String = when (error) {\n    "authorization_pending" -> "pending"\n    "access_denied" -> "denied"\n    else -> "error"\n}\n',
          ['authorization_pending client-check', 'access_denied client-check'],
        ],
        [
          'the last arms of a long when, far from its subject',
          'fun f(error: String): String = when (error) {\n    "authorization_pending_for_device" -> "pending"\n    "slow_down_polling_interval" -> "slower"\n    "device_code_expired_token" -> "expired"\n    else -> "other"\n}\n',
          ['authorization_pending_for_device client-check', 'slow_down_polling_interval client-check', 'device_code_expired_token client-check'],
        ],
        ['a listOf named for errors', 'val TRANSIENT_ERRORS = listOf("backend_busy", "quota_exceeded")\n', ['backend_busy retry-config', 'quota_exceeded retry-config']],
        [
          'the entries of an enum class named for errors, by the constructor parameter that holds the code',
          'enum class UploadError(val errorCode: Int, val handler: (String) -> Unit) {\n    FILE_LOCKED(4101, { println(it) }),\n    ALREADY_SENT(4102, { println(it) }),\n}\n' +
            'enum class SendError(val message: String, val code: String) {\n    TOO_BIG("Too big", "file_too_large"),\n    NAMED(message = "x", code = "named_code_error"),\n}\n' +
            'enum class ApiErrorCode(val code: String) { RATE_LIMITED("rate_limited") }\n',
          ['4101 constant', '4102 constant', 'file_too_large constant', 'named_code_error constant', 'rate_limited constant'],
        ],
        [
          'decoy: the message beside the code, and an enum of something else',
          'enum class SendError(val code: String, val message: String) {\n    TOO_BIG("file_too_large", "File_too_large_message"),\n}\nenum class Colour(val hex: String) { RED("ff_0000") }\n',
          ['file_too_large constant'],
        ],
      ]);
    });
  });

  describe('status constants named with their number', () => {
    spotCases('kotlin', [
      ['uses of HTTP_429 and STATUS_503, not the import or the declaration', 'import a.b.HTTP_429\nconst val STATUS_503 = 503\nfun f(code: Int) = code == HTTP_429 || code == STATUS_503\n', ['503 constant', '429 client-check', '503 client-check']],
      ['decoy: a lower-case name', 'fun f(http500: Int) = http500\n', []],
    ]);
  });

  describe('status lists: what their names say they are for', () => {
    spotCases('typescript', [
      ['a list of statuses worth logging', 'const usefulStatusCodes = [400, 503];\n', ['400 constant', '503 constant']],
      ['a generic list a retry may read', 'const STATUS_CODES = [429, 503];\n', ['429 retry-config', '503 retry-config']],
    ]);
    spotCases('ruby', [
      ['a list in a retry middleware', 'class Retry < Faraday::Middleware\n  DEFAULT_ERROR_CODES = [429, 503]\nend\n', ['429 retry-config', '503 retry-config']],
    ]);
  });
});
