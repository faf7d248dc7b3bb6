/**
 * A retry that only thrown errors start, around a request whose client hands a 429 or 503 back as an ordinary
 * response, with nothing reading that response's status: the reset connection is sent again, the "try again later"
 * answer is parsed, written or dropped as if it were the result (retryable-treated-as-final). Retries that see the
 * status — a status read, raise_for_status, a predicate on the result, a catch-all round a parse that fails — are not.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const RULE = 'retryable-treated-as-final';
const lines = async (language: 'python' | 'typescript' | 'ruby' | 'javascript', text: string) =>
  (await diagnosticsOf(language, text)).filter((d) => d.rule === RULE && d.message.includes('retries only thrown errors')).map((d) => d.range.start.line + 1);

const tenacity = (body: string, policy = 'retry_if_exception_type((requests.ConnectionError, requests.Timeout))') => `import requests
from tenacity import retry, retry_if_exception_type, retry_if_result, stop_after_attempt, wait_exponential


@retry(retry=${policy}, wait=wait_exponential(max=30), stop=stop_after_attempt(5))
def book_slot(clinic_id, slot):
${body}
`;

const loopOnResets = (inTry: string, after: string) => `import time
import requests

LEDGER = "https://ledger.example.org/v2/entries"


def fetch_balance(account):
    for attempt in range(4):
        try:
            reply = requests.get(LEDGER, params={"account": account}, timeout=8)
${inTry}
            break
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(2 ** attempt)
${after}
`;

const resendInExcept = `import time
import requests


class Geocoder:
    def locate(self, address):
        try:
            answer = requests.get("https://geo.example.net/lookup", params={"q": address}, timeout=5)
        except requests.RequestException:
            time.sleep(10)
            answer = requests.get("https://geo.example.net/lookup", params={"q": address}, timeout=5)
        return answer.json().get("point", {})
`;

const activeJob = (retries: string) => `class Billing::InvoicePushJob < ApplicationJob
  queue_as :default

${retries}

  def perform(invoice_id)
    invoice = Invoice.find(invoice_id)
    HTTParty.post(
      "#{ENV['ERP_URL']}/invoices",
      body: invoice.to_erp_json,
      headers: { 'Content-Type' => 'application/json' },
      timeout: 15
    )
  end
end
`;

const fetchLoop = (afterLoop: string) => `type Rates = Record<string, number>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function pullRates(base: string): Promise<Rates> {
  let res: Response | undefined;
  for (let i = 0; i < 4; i++) {
    try {
      res = await fetch(\`https://fx.example.com/latest?base=\${base}\`, { signal: AbortSignal.timeout(5000) });
      break;
    } catch (err) {
      await sleep(500 * 2 ** i);
    }
  }
${afterLoop}
}
`;

describe('retries that a failure status never reaches (status-blind retries)', () => {
  it('tenacity retrying connection errors around a POST whose JSON is taken as the answer', async () => {
    assert.deepEqual(await lines('python', tenacity('    booked = requests.post(f"https://clinic.example.com/{clinic_id}/book", json=slot, timeout=10).json()\n    return booked["reference"]')), [7]);
  });
  it('the same with the status read, or raise_for_status, is silent', async () => {
    assert.deepEqual(await lines('python', tenacity('    r = requests.post(f"https://clinic.example.com/{clinic_id}/book", json=slot, timeout=10)\n    if r.status_code != 201:\n        return None\n    return r.json()["reference"]')), []);
    assert.deepEqual(await lines('python', tenacity('    r = requests.post(f"https://clinic.example.com/{clinic_id}/book", json=slot, timeout=10)\n    r.raise_for_status()\n    return r.json()["reference"]')), []);
  });
  it('a policy that looks at the result is not status-blind', async () => {
    const text = tenacity('    return requests.post(f"https://clinic.example.com/{clinic_id}/book", json=slot, timeout=10).json()', 'retry_if_result(lambda r: r is None)');
    assert.deepEqual(await lines('python', text), []);
  });
  it('a loop going round on resets, the body parsed after it', async () => {
    assert.deepEqual(await lines('python', loopOnResets('', '    return reply.json()["balance"]')), [10]);
  });
  it('the same loop reading the status after it is silent', async () => {
    assert.deepEqual(await lines('python', loopOnResets('', '    if not reply.ok:\n        raise RuntimeError(reply.status_code)\n    return reply.json()["balance"]')), []);
  });
  it('a catch-all loop around the parse retries the failed parse too: silent', async () => {
    const text = loopOnResets('            balance = reply.json()["balance"]', '    return balance').replace('except (requests.ConnectionError, requests.Timeout):', 'except Exception:');
    assert.deepEqual(await lines('python', text), []);
  });
  it('an except clause that sends the request once more, the body read after the try', async () => {
    assert.deepEqual(await lines('python', resendInExcept), [8]);
  });
  it('ActiveJob retry_on network errors around an HTTParty POST whose result is dropped', async () => {
    assert.deepEqual(await lines('ruby', activeJob('  retry_on Net::ReadTimeout, wait: :polynomially_longer, attempts: 5\n  retry_on Errno::ECONNRESET, attempts: 5')), [9]);
  });
  it('the same job with no retry_on is not this reading', async () => {
    assert.deepEqual(await lines('ruby', activeJob('')), []);
  });
  it('fetch retried on rejections, its JSON read after the loop', async () => {
    assert.deepEqual(await lines('typescript', fetchLoop('  return (await res!.json()) as Rates;')), [9]);
  });
  it('the same with res.ok checked is silent', async () => {
    assert.deepEqual(await lines('typescript', fetchLoop('  if (!res?.ok) throw new Error(`rates: ${res?.status}`);\n  return (await res.json()) as Rates;')), []);
  });
  it('axios throws for a status: its catch sees the 503', async () => {
    const text = fetchLoop("  return res!.data;").replace('let res: Response | undefined;', 'let res: { data: Rates } | undefined;').replace(/await fetch\(([^,]*), \{ signal: AbortSignal\.timeout\(5000\) \}\)/, 'await axios.get($1, { timeout: 5000 })');
    assert.deepEqual(await lines('typescript', `import axios from 'axios';\n${text}`), []);
  });
});
