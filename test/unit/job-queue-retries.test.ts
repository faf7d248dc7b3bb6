import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';
import type { LanguageId } from '../../server/src/service/types';

/** A job's entry point that its queue runs again when it raises: what it raises is not given up. */
async function rules(languageId: LanguageId, text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  const found = service.diagnostics(uri).map((f) => f.rule);
  service.close(uri);
  return found;
}

const SIDEKIQ = `class SyncInvoiceJob
  include Sidekiq::Job

  def perform(invoice_id)
    push(invoice_id)
  end

  def push(invoice_id)
    res = HTTParty.post("https://books.example.com/v1/invoices/#{invoice_id}/sync", timeout: 15)
    raise SyncFailed, "sync refused" unless res.code == 202
  end
end
`;

const LARAVEL = `<?php
class SyncInvoice implements ShouldQueue
{
    public $tries = 5;

    public function handle(): void
    {
        $response = Http::timeout(15)->post('https://books.example.com/v1/invoices/sync', ['id' => $this->id]);
        if (! $response->successful()) {
            throw new RuntimeException('sync refused: ' . $response->status());
        }
    }
}
`;

describe('job queues that run a failed job again', () => {
  it('Sidekiq: a raise in perform (or a helper it calls) is retried by the queue', async () => {
    assert.ok(!(await rules('ruby', SIDEKIQ)).includes('no-retry-on-request'));
  });

  it('Sidekiq: not when the job turns retries off', async () => {
    const off = SIDEKIQ.replace('  include Sidekiq::Job\n', '  include Sidekiq::Job\n  sidekiq_options retry: false\n');
    assert.ok((await rules('ruby', off)).includes('no-retry-on-request'));
  });

  it('Laravel: a queued job with $tries above one is retried; one attempt is not', async () => {
    assert.ok(!(await rules('php', LARAVEL)).includes('no-retry-on-request'));
    assert.ok((await rules('php', LARAVEL.replace('public $tries = 5;', 'public $tries = 1;'))).includes('no-retry-on-request'));
  });
});
