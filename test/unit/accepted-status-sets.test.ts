/**
 * no-retry-on-request: a status tested for not being one of the accepted codes is a success-or-fail check when no
 * transient code is among them (`if r.status_code not in [200, 202]`, `if (![200, 201].includes(res.status))`): a 429
 * or a 503 takes the failure branch as with `!= 200`. A set that accepts a transient code is not such a check.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const python = (accepted: string): string => [
  'import requests',
  '',
  'class CardError(Exception):',
  '    pass',
  '',
  'def post_card(url, card):',
  '    r = requests.post(url, json=card, timeout=10)',
  `    if r.status_code not in ${accepted}:`,
  '        raise CardError(f"card not accepted: {r.status_code}")',
].join('\n');

const typescript = (accepted: string): string => `export async function postCard(url: string, card: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(card) });
  if (!${accepted}.includes(res.status)) {
    throw new Error('card not accepted');
  }
}
`;

const ruby = (accepted: string): string => `require 'net/http'

def post_card(uri, card)
  res = Net::HTTP.post(uri, card, 'Content-Type' => 'application/json')
  raise 'card not accepted' unless ${accepted}.include?(res.code.to_i)
end
`;

describe('no-retry-on-request: a status outside the accepted codes', () => {
  it('Python: `not in [200, 202]` and `not in {200, 201}` give up every failure; `not in (200, 429)` does not', async () => {
    assert.deepEqual(await ruleLines('python', python('[200, 202]'), 'no-retry-on-request'), [8]);
    assert.deepEqual(await ruleLines('python', python('{200, 201}'), 'no-retry-on-request'), [8]);
    assert.deepEqual(await ruleLines('python', python('(200, 429)'), 'no-retry-on-request'), []);
  });

  it('TypeScript: `![200, 202].includes(res.status)` gives up every failure; a set with 503 does not', async () => {
    assert.deepEqual(await ruleLines('typescript', typescript('[200, 202]'), 'no-retry-on-request'), [3]);
    assert.deepEqual(await ruleLines('typescript', typescript('[200, 503]'), 'no-retry-on-request'), []);
  });

  it('Ruby: `unless [200, 201].include?(res.code.to_i)` gives up every failure', async () => {
    assert.deepEqual(await ruleLines('ruby', ruby('[200, 201]'), 'no-retry-on-request'), [5]);
  });
});
