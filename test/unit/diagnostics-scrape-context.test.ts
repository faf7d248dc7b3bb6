import * as assert from 'assert';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';

/** A Prometheus exporter's requests run per scrape: giving one up is no lost operation (scrapeContext.ts). */
const CLIENT = [
  'package client',
  '',
  'import (',
  '\t"errors"',
  '\t"net/http"',
  ')',
  '',
  'var ErrUnavailable = errors.New("server unavailable")',
  '',
  'func Status(c *http.Client, url string) (*http.Response, error) {',
  '\tresp, err := c.Get(url)',
  '\tif err != nil {',
  '\t\treturn nil, err',
  '\t}',
  '\tif resp.StatusCode == http.StatusServiceUnavailable {',
  '\t\treturn nil, errors.New("service unavailable")',
  '\t}',
  '\treturn resp, nil',
  '}',
  '',
].join('\n');

const COLLECTOR = CLIENT.replace('package client', 'package collector')
  .replace('import (', 'import (\n\t"github.com/prometheus/client_golang/prometheus"')
  .concat('type collector struct{ c *http.Client }\n\nfunc (x collector) Collect(ch chan<- prometheus.Metric) {\n\t_, _ = Status(x.c, "http://localhost/status")\n}\n');

async function rules(uri: string, text: string): Promise<string[]> {
  const service = new ErrorCodeLanguageService();
  await service.open({ uri, languageId: 'go', version: 1, text });
  return service.diagnostics(uri).map((d) => d.rule);
}

describe('diagnostics: code run per Prometheus scrape', function () {
  this.timeout(30_000);

  it('reports a 503 given up in an ordinary project', async () => {
    assert.deepEqual(await rules('file:///w/shop/internal/client/client.go', CLIENT), ['retryable-treated-as-final']);
  });

  it('says nothing in a project named as Prometheus names exporters', async () => {
    assert.deepEqual(await rules('file:///w/nextcloud-exporter/internal/client/client.go', CLIENT), []);
    assert.deepEqual(await rules('file:///w/emby_exporter_go/pkg/client.go', CLIENT), []);
  });

  it('says nothing in a file that defines a Prometheus collector', async () => {
    assert.deepEqual(await rules('file:///w/shop/internal/metrics/collector.go', COLLECTOR), []);
  });

  it('still speaks where "Exporter" is only part of a name', async () => {
    assert.deepEqual(await rules('file:///w/DiscordChatExporter/src/client.go', CLIENT), ['retryable-treated-as-final']);
  });
});
