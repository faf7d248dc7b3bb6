import { spotCases } from '../fixtures/spotting/cases';

/**
 * Tables a project keys by status, in each language's own form (a map literal, Kotlin `mapOf(k to v)`, Java
 * `Map.of(k, v, …)`, C# initializers, PHP `k => X::class`, a list of pairs): the rows vouch for each other — one row
 * whose value names its own status (an error class, a constant or a message named for it) makes the other keys
 * statuses too, as does a table named for statuses or errors. Numbers beside plain words (sizes, rooms, prices) stay silent.
 */
describe('spotting: status tables read row by row', () => {
  spotCases('python', [
    [
      'a row keyed to an error class vouching for one that is not named for its status',
      'ERRORS_BY_STATUS = {\n    404: NotFound,\n    429: Throttled,\n}\n',
      ['404 constant', '429 constant'],
    ],
    [
      'a list of pairs where one message begins with its status phrase',
      'MESSAGES = [\n    [202, "action already done"],\n    [503, "service unavailable"],\n]\n',
      ['202 constant', '503 constant'],
    ],
    ['a list of pairs under a name that says status', 'STATUS_TEXT = [[202, "accepted later"], [409, "try again"]]\n', ['202 constant', '409 constant']],
    ['decoy: pairs of sizes', 'SIZES = [(100, "small"), (200, "medium"), (300, "large")]\nROOMS = [[101, "Room A"], [102, "Room B"]]\n', []],
    ['decoy: two numbers beside words', 'LIMITS = {100: "small", 500: "large"}\nPRICES = {100: 9.99, 200: 19.99}\n', []],
  ]);
  spotCases('php', [
    [
      'a PHP array from statuses to exception classes',
      '<?php\nconst MAP = [\n    400 => BadRequestException::class,\n    429 => RateLimitException::class,\n];\nconst SIZES = [100 => \'small\', 500 => \'large\'];\n',
      ['400 constant', '429 constant'],
    ],
  ]);
  spotCases('go', [
    ['a Go map from statuses to error values', 'package x\n\nvar statusErrors = map[int]error{\n\t404: ErrNotFound,\n\t429: ErrRateLimited,\n}\n', ['404 constant', '429 constant']],
  ]);
  spotCases('kotlin', [
    [
      'a mapOf whose first message names its status',
      'val messages = mapOf(\n    401 to "Unauthorized: check the token",\n    429 to "Slow down",\n)\nval hints = mapOf(100 to "small", 500 to "large")\n',
      ['401 constant', '429 constant'],
    ],
  ]);
  spotCases('java', [
    [
      'a Map.of whose first message names its status',
      'import java.util.Map;\nclass A {\n  static final Map<Integer, String> MESSAGES = Map.of(401, "Unauthorized, check the token", 429, "Slow down");\n  static final Map<Integer, String> SIZES = Map.of(100, "small", 500, "large");\n}\n',
      ['401 constant', '429 constant'],
    ],
  ]);
  spotCases('csharp', [
    [
      'a C# dictionary initializer whose first value is a phrase',
      'using System.Collections.Generic;\nclass A {\n  static readonly Dictionary<int, string> M = new() {\n    [401] = "Unauthorized",\n    [429] = "Slow down",\n  };\n  static readonly Dictionary<int, string> S = new() { { 100, "small" }, { 500, "large" } };\n}\n',
      ['401 constant', '429 constant'],
    ],
  ]);
});
