import { spotCases } from '../fixtures/spotting/cases';

/**
 * A status looked for in a failure's text, in each language's way of searching a string: Python's and Kotlin's `in`,
 * Ruby's `include?`, PHP's `str_contains`/`strpos`, the methods of JavaScript, Java, C# and Rust, Go's `strings`
 * functions — as a quoted number (`"429" in str(e)`), inside a phrase (`"ERROR 451"`, `"404 Not Found"`) or as its reason
 * phrase (`"Too Many Requests"`). The text is an error's message or string form, a local holding one, a reply's
 * message or description. Ports and years searched for, phrases in messages the program writes, and a phrase the
 * file also writes into a string of its own stay silent.
 */
describe('spotting: statuses searched for in a failure text', () => {
  describe('quoted statuses and statuses inside a phrase', () => {
    spotCases('python', [
      ['a quoted status in the string form of an error', 'def f(e):\n    if "429" in str(e):\n        wait()\n', ['429 client-check']],
      ['a quoted status in a local holding the message', 'def f(error):\n    message = str(error)\n    return "503" in message\n', ['503 client-check']],
      ['a status after an error word', 'def f(e):\n    if "ERROR 451" in str(e):\n        stop()\n', ['451 client-check']],
      ['decoy: a port and a year searched in the same text', 'def f(e):\n    if "8080" in str(e) or "2024" in str(e):\n        stop()\n', []],
      ['decoy: a quoted status searched in a name', 'def f(path):\n    if "404" in path.name:\n        stop()\n', []],
      [
        "decoy: a description that is no failure's",
        'def f(product, description, update):\n    if "500" in product.description or "500" in description:\n        return 1\n    return "Not Found" in update["title"]\n',
        [],
      ],
    ]);
    spotCases('ruby', [['a quoted status in a message', 'def f\n  run\nrescue StandardError => e\n  return nil if e.message.include?("429")\n  raise\nend\n', ['429 client-check']]]);
    spotCases('php', [
      ['a quoted status in a message searched by str_contains', "<?php\nfunction f(\\Exception $e) {\n    if (str_contains($e->getMessage(), '429')) { return null; }\n}\n", ['429 client-check']],
    ]);
    spotCases('kotlin', [['a quoted status in a local holding the message', 'fun f(e: Exception) {\n    val msg = e.message ?: ""\n    if ("503" in msg) return\n}\n', ['503 client-check']]]);
    spotCases('go', [
      [
        'a status followed by its own phrase',
        'package x\n\nimport "strings"\n\nfunc f(err error) bool {\n\treturn !strings.Contains(err.Error(), "404 Not Found")\n}\n',
        ['404 client-check'],
      ],
    ]);
  });

  describe('statuses in a pattern matched against a failure text', () => {
    spotCases('python', [
      ['a status between word boundaries in re.search', 'import re\n\ndef f(e):\n    if re.search(r"\\b429\\b", str(e)):\n        wait()\n', ['429 client-check']],
      ['alternatives in re.match, and a prefix test', 'import re\n\ndef f(e):\n    if re.match(r".*(502|503).*", str(e)) or str(e).startswith("504"):\n        wait()\n', ['502 client-check', '503 client-check', '504 client-check']],
      ['decoy: a pattern matched against a path, or a status inside a word', 'import re\n\ndef f(e, path):\n    return re.search(r"\\b404\\b", path) or re.search(r"v429", str(e))\n', []],
    ]);
    spotCases('ruby', [
      ['alternatives of a regex literal matched with =~ and match?', 'def f(e)\n  return 1 if e.message =~ /429|503/\n  return 2 if e.message.match?(/\\b502\\b/)\n  0\nend\n', ['429 client-check', '503 client-check', '502 client-check']],
      ['decoy: a regex matched against a line read', 'def f(line)\n  line =~ /404/\nend\n', []],
    ]);
    spotCases('php', [
      ['a group of statuses in preg_match', "<?php\nfunction f(\\Exception $e) {\n    return preg_match('/\\b(429|503)\\b/', $e->getMessage());\n}\n", ['429 client-check', '503 client-check']],
    ]);
    spotCases('java', [['a status in a whole-text match', 'class B {\n  boolean f(Exception e) {\n    String msg = e.getMessage();\n    return msg.matches(".*429.*");\n  }\n}\n', ['429 client-check']]]);
  });

  describe('reason phrases', () => {
    spotCases('python', [
      ['a phrase in the string form of an error', 'def f(e):\n    if "Too Many Requests" in str(e):\n        wait()\n', ['429 client-check']],
      ["a phrase in an error's first argument", 'def f(e):\n    if "Service Unavailable" in e.args[0]:\n        wait()\n', ['503 client-check']],
      ["a phrase compared with a response's reason", 'def f(r):\n    if r.reason == "Bad Gateway":\n        wait()\n', ['502 client-check']],
      ['decoy: a phrase logged or raised', 'def f(log):\n    log.error("Bad Gateway")\n    raise ValueError("Service Unavailable")\n', []],
      ['decoy: a short phrase in lower case', 'def f(e):\n    if "not found" in str(e):\n        skip()\n', []],
      [
        'decoy: a phrase the file also writes into its own error',
        'def f(r):\n    if r.status_code == 429:\n        raise RuntimeError("Too many requests, try later")\n\ndef g(e):\n    if "Too many requests" in str(e):\n        wait()\n',
        ['429 client-check'],
      ],
    ]);
    spotCases('typescript', [
      ["a phrase in an error's message", "export function f(e: Error) {\n  if (e.message.includes('Too Many Requests')) return null;\n  throw e;\n}\n", ['429 client-check']],
      ["a phrase compared with a response's status text", "export function f(res: Response) {\n  return res.statusText === 'Service Unavailable';\n}\n", ['503 client-check']],
      ['decoy: a phrase compared with a name', "export function f(e: Error) {\n  return e.name === 'Forbidden';\n}\n", []],
    ]);
    spotCases('ruby', [
      [
        "a one-word phrase searched in a reply's description",
        'def f(response)\n  if response["description"].include? "Forbidden"\n    key = "errors.forbidden"\n  end\nend\n',
        ['403 client-check'],
      ],
    ]);
    spotCases('go', [
      ["a phrase in an error's text", 'package x\n\nimport "strings"\n\nfunc f(err error) bool {\n\treturn strings.Contains(err.Error(), "Too Many Requests")\n}\n', ['429 client-check']],
    ]);
    spotCases('java', [
      ["a phrase in an exception's message", 'class A {\n  boolean f(Exception e) {\n    return e.getMessage() != null && e.getMessage().contains("Too Many Requests");\n  }\n}\n', ['429 client-check']],
    ]);
    spotCases('csharp', [['a phrase in an exception\'s message', 'class A {\n  bool F(Exception ex) {\n    return ex.Message.Contains("Gateway Timeout");\n  }\n}\n', ['504 client-check']]]);
    spotCases('php', [
      ['a phrase found by strpos', "<?php\nfunction f(\\Exception $e) {\n    return strpos($e->getMessage(), 'Too Many Requests') !== false;\n}\n", ['429 client-check']],
    ]);
    spotCases('kotlin', [['a phrase in a message viewed as non-null', 'fun f(e: Exception): Boolean = e.message.orEmpty().contains("Too Many Requests")\n', ['429 client-check']]]);
    spotCases('rust', [
      ["a phrase in an error's string form", 'fn f(e: &reqwest::Error) -> bool {\n    e.to_string().contains("Too Many Requests")\n}\n', ['429 client-check']],
    ]);
  });
});
