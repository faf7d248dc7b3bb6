/**
 * Tables that decide, per status or exception class, what a client does about a failure (`{429: …RETRY, 404: …FAIL}`):
 * every key configures the retry, in Python, JavaScript, Go and Ruby. Lookups of delays and tables with no failure
 * status stay silent.
 */
import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { occurrencesOf } from '../support/serviceHarness';

describe('spotting: retry decision tables keyed by status or exception class', () => {
  spotCases('python', [
    [
      'a dict of resolutions keyed by status and by requests classes',
      'from requests.exceptions import ConnectTimeout, InvalidURL\n\nPLAN = {\n    ConnectTimeout: Verdict(step=Step.RETRY),\n    InvalidURL: Verdict(step=Step.ABORT),\n    503: Verdict(step=Step.RETRY),\n    401: Verdict(step=Step.ABORT),\n}\n',
      ['ConnectTimeout retry-config', 'InvalidURL retry-config', '503 retry-config', '401 retry-config'],
    ],
    ['decoy: delays by attempt and retry delays with no failure status', 'WAITS = {1: 200, 2: 400, 3: 800}\nBY_STEP = {100: retry_after(1), 200: retry_after(2)}\n', []],
  ]);
  spotCases('javascript', [["an object of words", "const onStatus = { 429: 'retry', 503: 'retry', 400: 'give-up' }\n", ['429 retry-config', '503 retry-config', '400 retry-config']]]);
  spotCases('go', [['a map literal of decisions', 'package p\n\nvar onStatus = map[int]Decision{\n\t429: Retry,\n\t502: Retry,\n\t404: Stop,\n}\n', ['429 retry-config', '502 retry-config', '404 retry-config']]]);
  it("keeps the rows that do not retry out of the rules' retried codes", async () => {
    const occurrences = await occurrencesOf('python', 'PLAN = {\n    503: Verdict(step=Step.RETRY),\n    401: Verdict(step=Step.ABORT),\n}\n');
    assert.deepEqual(
      occurrences.map((o) => `${o.code} ${o.role} ${o.roleForRules ?? '-'}`),
      ['503 retry-config -', '401 retry-config constant'],
    );
  });
  spotCases('ruby', [['a hash of symbols', 'ON_STATUS = { 429 => :retry_later, 401 => :refresh, 404 => :skip }.freeze\n', ['429 retry-config', '401 retry-config', '404 retry-config']]]);
});
