import { spotCases } from '../fixtures/spotting/cases';

/**
 * Connection failures found by the text a runtime prints for them (server/data/errno-messages.json), where code searches
 * an error's message because it cannot read the errno: the text stands for the errno's name.
 */
describe('spotting: connection failures named by their text', () => {
  spotCases('go', [
    [
      "an error's text searched in a retry predicate",
      'package retry\n\nfunc isRetryableError(err error) bool {\n\ts := err.Error()\n\treturn strings.Contains(s, "connection reset by peer") || strings.Contains(s, "no such host")\n}\n',
      ['ECONNRESET retry-config', 'ENOTFOUND retry-config'],
    ],
    [
      'a constant holding the text, and its use',
      'package retry\n\nconst errRefused = "connection refused"\n\nfunc refused(err error) bool {\n\treturn strings.Contains(err.Error(), errRefused)\n}\n',
      ['ECONNREFUSED constant', 'ECONNREFUSED client-check'],
    ],
    ['decoy: the text in a log line', 'package retry\n\nfunc warn() {\n\tlog.Printf("connection refused")\n}\n', []],
    ['decoy: a longer sentence that holds the text', 'package retry\n\nfunc hint(err error) bool {\n\treturn strings.Contains(err.Error(), "connection refused by the firewall rule")\n}\n', []],
  ]);
  spotCases('ruby', [
    ["a message's include? in a predicate method", "def reset?(ex)\n  ex.message.include?('Connection reset by peer')\nend\n", ['ECONNRESET client-check']],
  ]);
  spotCases('python', [
    ['an in-test against str(e)', 'def broken(e):\n    return "Broken pipe" in str(e)\n', ['EPIPE client-check']],
    ['decoy: a message shown to a user', 'def show():\n    return render(message="Connection refused")\n', []],
    ['decoy: a list of patterns', 'NETWORK_PATTERNS = ("connection refused", "connection reset", "gateway error")\n', []],
  ]);
  spotCases('kotlin', [
    [
      'a constant compared with the message in a when',
      'private const val MSG_CONNECTION_RESET = "Connection reset"\n\nfun label(msg: String?) = when {\n    msg == MSG_CONNECTION_RESET -> 1\n    else -> 0\n}\n',
      ['ECONNRESET constant', 'ECONNRESET client-check'],
    ],
  ]);
  spotCases('java', [
    ['equals on the message', 'class Net {\n  boolean reset(Exception e) {\n    return "Connection reset".equals(e.getMessage());\n  }\n}\n', ['ECONNRESET client-check']],
  ]);
});
