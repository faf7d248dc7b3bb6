/**
 * Python functions a retry decorator wraps: a status test whose branch raises what the decorator retries on is part of
 * the retry's configuration; backoff's `giveup=` function answers which failures end the retry; a Go switch that wraps the
 * error in `backoff.Permanent` in one arm and returns it plain in another chooses what goes round.
 */
import { spotCases } from '../fixtures/spotting/cases';

const wrapped = (decorator: string, raise: string) =>
  `${decorator}\ndef pull(api):\n    try:\n        return api.fetch()\n    except ApiError as err:\n        if err.status in (502, 503):\n            ${raise}\n        return None\n`;

describe('spotting: retry-decorated functions and permanent errors', () => {
  spotCases('python', [
    ["tenacity's TryAgain raised under a status test", wrapped('@retry(stop=stop_after_attempt(4), retry=retry_if_exception_type(TryAgain))', 'raise TryAgain from None'), ['502 retry-config', '503 retry-config']],
    ['a re-raise under a decorator that retries any exception', wrapped('@tenacity.retry(wait=wait_exponential(max=8))', 'raise err'), ['502 retry-config', '503 retry-config']],
    ['a type the backoff decorator lists', wrapped('@backoff.on_exception(backoff.expo, (Flaky, ApiError), max_tries=3)', 'raise Flaky()'), ['502 retry-config', '503 retry-config']],
    ['decoy role: a type the decorator does not retry', wrapped('@retry(stop=stop_after_attempt(4), retry=retry_if_not_exception_type(Fatal))', 'raise Fatal("gone")'), ['502 client-check', '503 client-check']],
    ['decoy role: a type outside the listed ones', wrapped('@retry(retry=retry_if_exception_type(Flaky))', 'raise Fatal("gone")'), ['502 client-check', '503 client-check']],
    ['decoy role: a decorator whose own predicate decides', wrapped('@retry(retry=retry_if_exception(is_flaky))', 'raise err'), ['502 client-check', '503 client-check']],
    ['decoy role: no retry decorator', wrapped('@cached(ttl=60)', 'raise err'), ['502 client-check', '503 client-check']],
    [
      "backoff's giveup function",
      'def _final(exc):\n    return exc.response.status_code in (400, 404)\n\n@backoff.on_exception(backoff.expo, HTTPError, giveup=_final, max_tries=5)\ndef get(url):\n    return session.get(url, timeout=5)\n',
      ['400 retry-config', '404 retry-config', 'HTTPError retry-config'],
    ],
  ]);

  spotCases('go', [
    [
      'a switch of a backoff operation that gives up in one arm and returns the error plain in another',
      'package sync\n\nfunc attempt(err error) error {\n\tswitch status.Code(err) {\n\tcase codes.Unavailable, codes.ResourceExhausted:\n\t\treturn err\n\tdefault:\n\t\treturn backoff.Permanent(err)\n\t}\n}\n',
      ['UNAVAILABLE retry-config', 'RESOURCE_EXHAUSTED retry-config'],
    ],
    [
      'decoy role: an if that only gives up',
      'package sync\n\nfunc attempt(code int, err error) error {\n\tif code >= 400 && code < 500 {\n\t\treturn backoff.Permanent(err)\n\t}\n\treturn err\n}\n',
      ['400 client-check', '500 client-check'],
    ],
  ]);
});
