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

async function rules(uri: string, text: string, others: Record<string, string> = {}): Promise<string[]> {
  const service = new ErrorCodeLanguageService();
  await service.open({ uri, languageId: 'go', version: 1, text });
  for (const [other, body] of Object.entries(others)) await service.open({ uri: other, languageId: 'go', version: 1, text: body });
  for (let round = 0; round < 2; round++) for (const u of [uri, ...Object.keys(others)]) service.indexDocument(u);
  return service.diagnostics(uri).map((d) => d.rule);
}

/** A collector of the project: what makes a `<thing>-exporter` directory a Prometheus exporter's. */
const METRICS = 'package metrics\n\nimport "github.com/prometheus/client_golang/prometheus"\n\ntype collector struct{}\n\nfunc (collector) Describe(ch chan<- *prometheus.Desc) {}\n\nfunc (collector) Collect(ch chan<- prometheus.Metric) {}\n';
/** Counters an application keeps about itself: no scrape-time fetching. */
const COUNTERS = 'package metrics\n\nimport "github.com/prometheus/client_golang/prometheus"\n\nvar Sent = prometheus.NewCounter(prometheus.CounterOpts{Name: "events_sent_total"})\n';

describe('diagnostics: code run per Prometheus scrape', function () {
  this.timeout(30_000);

  it('reports a 503 given up in an ordinary project', async () => {
    assert.deepEqual(await rules('file:///w/shop/internal/client/client.go', CLIENT), ['retryable-treated-as-final']);
  });

  it('says nothing in a project named as Prometheus names exporters that defines a collector', async () => {
    assert.deepEqual(await rules('file:///w/nextcloud-exporter/internal/client/client.go', CLIENT, { 'file:///w/nextcloud-exporter/internal/metrics/metrics.go': METRICS }), []);
    assert.deepEqual(await rules('file:///w/emby_exporter_go/pkg/client.go', CLIENT, { 'file:///w/emby_exporter_go/internal/metrics.go': METRICS }), []);
  });

  it('still speaks where the name and a few counters are all there is (an events exporter that sends to webhooks)', async () => {
    assert.deepEqual(await rules('file:///w/kubernetes-event-exporter/pkg/sinks/client.go', CLIENT, { 'file:///w/kubernetes-event-exporter/pkg/metrics/metrics.go': COUNTERS }), ['retryable-treated-as-final']);
    // (A Prometheus client in another project of the workspace says nothing about this one.)
    assert.deepEqual(await rules('file:///w/kubernetes-event-exporter/pkg/sinks/client.go', CLIENT, { 'file:///w/node_exporter/collector/cpu.go': METRICS }), ['retryable-treated-as-final']);
  });

  it('says nothing in a file that defines a Prometheus collector', async () => {
    assert.deepEqual(await rules('file:///w/shop/internal/metrics/collector.go', COLLECTOR), []);
  });

  it('still speaks where "Exporter" is only part of a name', async () => {
    assert.deepEqual(await rules('file:///w/DiscordChatExporter/src/client.go', CLIENT, { 'file:///w/DiscordChatExporter/src/metrics.go': METRICS }), ['retryable-treated-as-final']);
  });
});
