import type { FileFlow } from './flow/flowModel';

/**
 * Code of a Prometheus exporter: its requests run once per scrape, and a failed one leaves this scrape's metrics
 * out (or counts a scrape error) while the next scrape, seconds later, asks again. Retrying inside the scrape would
 * only stretch it past the scraper's timeout: `retryable-treated-as-final` and `no-retry-on-request` speak for
 * operations that are lost when given up, not for this. Reviewers marked none of them in exporters (RESULTS.md,
 * fourteenth round). Retry structures written here are still read like any other.
 *
 * Known by the file — it imports a Prometheus client library and defines a collector — or by the project: a directory
 * of the file's path named as Prometheus names exporters (`<thing>_exporter`, `nextcloud-exporter`) under which the
 * workspace index holds a file defining a collector (the view's `inMetricsExporter`). Neither the name nor a Prometheus
 * import is enough: `kubernetes-event-exporter` sends events to webhooks (and counts them with Prometheus counters), and
 * each one lost is lost.
 */
export const EXPORTER_DIRECTORY = /^[\w.-]*[a-z0-9][_-]+exporter(?:[_-](?:go|rs|py|js|ts))?$/i;
const PROMETHEUS_IMPORT = /^(github\.com\/prometheus\/client_golang\/prometheus|prometheus_client|prom-client)(\/|\.|$)/;
const COLLECTOR = /\bCollect\s*\(\s*\w+\s+chan<-\s*prometheus\.Metric\b|\bdef\s+collect\s*\(\s*self\b|\bcollect\s*\(\s*\)\s*\{/;

const cache = new WeakMap<FileFlow, boolean>();

export function runsPerScrape(flow: FileFlow, inMetricsExporter = false): boolean {
  if (inMetricsExporter) return true;
  let answer = cache.get(flow);
  if (answer === undefined) {
    answer = flow.imports.some((m) => PROMETHEUS_IMPORT.test(m)) && COLLECTOR.test(flow.text);
    cache.set(flow, answer);
  }
  return answer;
}

/** The directory of `uri` named as Prometheus names exporters (up to and including it), if there is one. */
export function exporterRoot(uri: string): string | undefined {
  const parts = uri.replace(/[?#].*$/, '').split('/');
  for (let i = parts.length - 2; i > 0; i--) if (EXPORTER_DIRECTORY.test(decodeURIComponent(parts[i]))) return parts.slice(0, i + 1).join('/') + '/';
  return undefined;
}
