import { spotCases } from '../fixtures/spotting/cases';

/**
 * An API's own error code written as one plain lower-case word with no error word in it (MediaWiki's `maxlag` and
 * `badtoken`, a vendor's `seatlimit`): spotted where it is compared whole — an equality, a case label, a member of a
 * list — with an error's code read by name (`error.get("code")`, `apiErr.Code`, a local taken from
 * `body["error"]["code"]`). An event's or a project's `type`, a substring search, a word the file writes as a value of
 * its own (a state it reports) and words that say nothing failed stay silent.
 */
describe('spotting: plain-word error codes', () => {
  describe('Python', () => {
    spotCases('python', [
      ['a word compared with a keyed read of an error', 'def f(data):\n    if error := data.get("error"):\n        if error.get("code") == "maxlag":\n            wait()\n', ['maxlag client-check']],
      ['words in a tuple an error code is tested against', 'def f(error):\n    if error.get("code") in ("badtoken", "assertbotfailed"):\n        relogin()\n', ['badtoken client-check', 'assertbotfailed client-check']],
      ['a word compared with a local taken from the error body', 'def f(body):\n    code = body["error"]["code"]\n    if code == "seatlimit":\n        wait()\n', ['seatlimit client-check']],
      ['decoy: a word searched in an error type name', 'def f(error):\n    error_type = type(error).__name__\n    if "postgres" in error_type:\n        return 1\n', []],
      ['decoy: a word compared with a status or a mode', 'def f(body):\n    if body["status"] == "active":\n        return 1\n    mode = body["mode"]\n    if mode == "fast":\n        return 2\n', []],
      ['decoy: a word that says nothing failed', 'def f(body):\n    if body["error"]["code"] == "none":\n        return 1\n', []],
    ]);
  });

  describe('TypeScript', () => {
    spotCases('typescript', [
      ['a word switched on as an error code', "function f(err: any) {\n  const errCode = err.response?.data?.error?.code;\n  switch (errCode) {\n    case 'badtoken':\n      return 1;\n  }\n}\n", ['badtoken client-check']],
      ["decoy: a project's own error type", "function f(handleError: any) {\n  if (handleError?.type === 'retry') return 1;\n}\n", []],
      [
        'decoy: a word the file also reports as its own state',
        "function f(error: any) {\n  if (error.code === 'disconnected') {\n    return { status: 'disconnected' };\n  }\n}\n",
        [],
      ],
    ]);
  });

  describe('Go', () => {
    spotCases('go', [
      ['a word in a switch on an error code', 'package x\n\nfunc f(apiErr *APIError) int {\n\terrCode := apiErr.Code\n\tswitch errCode {\n\tcase "maxlag":\n\t\treturn 1\n\t}\n\treturn 0\n}\n', ['maxlag client-check']],
      ["decoy: a word searched in an error's text", 'package x\n\nimport "strings"\n\nfunc f(err error) bool {\n\treturn strings.Contains(err.Error(), "redirects")\n}\n', []],
    ]);
  });

  describe('Java, Kotlin, C#', () => {
    spotCases('java', [
      ['a word equal to an error code getter', 'class A {\n  int f(ApiException e) {\n    String code = e.getErrorCode();\n    if ("maxlag".equals(code)) return 1;\n    return 0;\n  }\n}\n', ['maxlag client-check']],
    ]);
    spotCases('kotlin', [
      ['a word in a when on an error code', 'fun f(error: ApiError): Int {\n    when (error.code) {\n        "maxlag" -> return 1\n    }\n    return 0\n}\n', ['maxlag client-check']],
      ['decoy: a word in a when on a mode', 'fun f(body: Body): Int {\n    when (body.mode) {\n        "fast" -> return 1\n    }\n    return 0\n}\n', []],
    ]);
    spotCases('csharp', [
      ['a word in a switch on an error code', 'class A {\n  int F(ApiException ex) {\n    switch (ex.Error.Code) {\n      case "badtoken":\n        return 1;\n    }\n    return 0;\n  }\n}\n', ['badtoken client-check']],
    ]);
  });

  describe('Ruby, PHP, Rust', () => {
    spotCases('ruby', [
      ['a word compared with a code dug out of the error', 'def f(body)\n  code = body.dig("error", "code")\n  return 1 if code == "maxlag"\n  0\nend\n', ['maxlag client-check']],
    ]);
    spotCases('php', [
      ['a word compared with a code read off the error', "<?php\nfunction f($body) {\n    $code = $body['error']['code'];\n    if ($code === 'maxlag') { return 1; }\n    return 0;\n}\n", ['maxlag client-check']],
    ]);
    spotCases('rust', [
      ['a word matched against an error code viewed as a str', 'fn f(err: &ApiError) -> u8 {\n    match err.code.as_str() {\n        "badtoken" => 1,\n        _ => 0,\n    }\n}\n', ['badtoken client-check']],
      ['decoy: a word matched against a mode', 'fn f(body: &Body) -> u8 {\n    match body.mode.as_str() {\n        "fast" => 2,\n        _ => 0,\n    }\n}\n', []],
    ]);
  });
});
