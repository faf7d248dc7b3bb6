/**
 * Codes read through a name: an element of a list named for statuses (`itemStatuses[i]`-style batch answers), and a
 * constant holding an API's error code that the code searches an error's text for.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: codes read through names', () => {
  spotCases('javascript', [
    [
      "an element of a batch's status list compared with a named status",
      'const ITEM_OK = 200\nfunction kept(reply) {\n  const statusCodes = reply.data.status\n  return statusCodes.filter((_, i) => statusCodes[i] === ITEM_OK)\n}\n',
      ['200 constant', '200 client-check'],
    ],
    ['decoy: an element of a list of sizes', 'const LIMIT = 200\nfunction big(sizes, i) {\n  return sizes[i] === LIMIT\n}\n', []],
    ['decoy: a string key of a status list is no element', "function f(statuses) {\n  return statuses['total'] === 200\n}\n", []],
  ]);

  spotCases('go', [
    [
      "a constant holding an API's code, searched for in an error's text",
      'package api\n\nconst errQuotaGone = "quota_exceeded"\n\nfunc quotaGone(err error) bool {\n\treturn strings.Contains(err.Error(), errQuotaGone)\n}\n',
      ['quota_exceeded constant', 'quota_exceeded client-check'],
    ],
    [
      'decoy: the same constant only logged',
      'package api\n\nconst errQuotaGone = "quota_exceeded"\n\nfunc note(log *Logger) {\n\tlog.Print(errQuotaGone)\n}\n',
      ['quota_exceeded constant'],
    ],
  ]);
});
