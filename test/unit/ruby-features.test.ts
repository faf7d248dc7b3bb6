/**
 * Ruby through the shared service: hover, completion, inlay hints, code-view summaries and the language mapping,
 * on the status vocabulary of Net::HTTP, Rack/Rails, Sinatra and RestClient.
 */
import * as assert from 'node:assert/strict';
import { languageForPath } from '../../server/src/service/parsing/grammars';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { cursor, hoverAt, openDoc, testService } from '../support/serviceHarness';

describe('Ruby in the shared service', () => {
  it('hovers Faraday::ClientError with Faraday\'s entry, not botocore\'s ClientError of the same name', async () => {
    const hover = (await hoverAt('ruby', 'def f(c)\n  c.get("/x")\nrescue Faraday::Client|Error\n  nil\nend\n')) ?? '';
    assert.match(hover, /Faraday::ClientError/);
    assert.doesNotMatch(hover, /botocore|AWS/);
  });

  it('maps .rb, .rake and config.ru files to ruby', () => {
    assert.equal(languageForPath('app/clients/billing.rb'), 'ruby');
    assert.equal(languageForPath('lib/tasks/sync.rake'), 'ruby');
    assert.equal(languageForPath('config.ru'), 'ruby');
  });

  it('hovers a Net::HTTP status string, a Rack symbol, a Net::HTTP class and a RestClient exception', async () => {
    assert.match((await hoverAt('ruby', 'def f(res)\n  sleep 1 if res.code == "4|29"\nend\n')) ?? '', /Too Many Requests/);
    assert.match((await hoverAt('ruby', 'def f\n  head :service_un|available\nend\n')) ?? '', /503 Service Unavailable/);
    assert.match((await hoverAt('ruby', 'def f(res)\n  case res\n  when Net::HTTPTooMany|Requests then 1\n  end\nend\n')) ?? '', /429/);
    assert.match((await hoverAt('ruby', 'def f\n  RestClient.get(u)\nrescue RestClient::Service|Unavailable\n  nil\nend\n')) ?? '', /503/);
  });

  it('offers status codes after a Ruby comparison and in a Rails status option', async () => {
    for (const marked of ['def f(response)\n  return if response.status == |', 'def f\n  render json: {}, status: |']) {
      const { text, position } = cursor(marked);
      const service = testService();
      const uri = await openDoc('ruby', text, service);
      try {
        const codes = service.completions(uri, position).map((i) => i.label).filter((l) => /^\d{3}$/.test(l));
        assert.ok(codes.includes('429'), `${JSON.stringify(marked)}: ${codes.slice(0, 5).join(',')}`);
      } finally {
        service.close(uri);
      }
    }
  });

  it('puts the reason phrase after a bare status, not after a symbol that names it', async () => {
    const service = testService();
    service.configure({ ...DEFAULT_SETTINGS, inlayHints: true });
    const uri = await openDoc('ruby', 'def f\n  halt 503\n  head :too_many_requests\nend\n', service);
    try {
      const hints = service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
      assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[1, 'Service Unavailable']]);
    } finally {
      service.close(uri);
    }
  });

  it('is summarised for the workspace index: outermost module as package, require_relative, classes and give-ups', async () => {
    const service = testService();
    const text = 'require_relative "support/patience"\n\nmodule Shop\n  class Quotes < Api::Base\n    def f(conn)\n      response = conn.get("/x")\n      return nil if response.status == 503\n      response\n    end\n  end\nend\n';
    const uri = await openDoc('ruby', text, service);
    try {
      const summary = service.summarise(uri);
      assert.ok(summary, 'a summary');
      assert.equal(summary.packageName, 'Shop');
      assert.deepEqual(summary.imports.map((b) => b.module), ['./support/patience']);
      assert.deepEqual(summary.classes.map((c) => [c.name, c.bases]), [['Quotes', ['Base']]]);
      assert.deepEqual(summary.functions.map((f) => [f.name, f.className, f.givesUp?.rule]), [['f', 'Quotes', 'retryable-treated-as-final']]);
      assert.deepEqual(service.diagnostics(uri).map((f) => f.rule), ['retryable-treated-as-final']);
    } finally {
      service.close(uri);
    }
  });
});
