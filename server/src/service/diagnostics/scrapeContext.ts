import type { FileFlow } from './flow/flowModel';

/**
 * Code of a Prometheus exporter: its requests run once per scrape, and a failed one leaves this scrape's metrics
 * out (or counts a scrape error) while the next scrape, seconds later, asks again. Retrying inside the scrape would
 * only stretch it past the scraper's timeout: `retryable-treated-as-final` and `no-retry-on-request` speak for
 * operations that are lost when given up, not for this. Reviewers marked none of them in exporters (RESULTS.md,
 * fourteenth round). Retry structures written here are still read like any other.
 *
 * Known by the project, as Prometheus names exporters (`<thing>_exporter`, `nextcloud-exporter`, `emby_exporter_go`:
 * a directory of the file's path), or by the file: it imports a Prometheus client library and defines a collector.
 */
const EXPORTER_DIRECTORY = /^[\w.-]*[a-z0-9][_-]+exporter(?:[_-](?:go|rs|py|js|ts))?$/i;
const PROMETHEUS_IMPORT = /^(github\.com\/prometheus\/client_golang\/prometheus|prometheus_client|prom-client)(\/|\.|$)/;
const COLLECTOR = /\bCollect\s*\(\s*\w+\s+chan<-\s*prometheus\.Metric\b|\bdef\s+collect\s*\(\s*self\b|\bcollect\s*\(\s*\)\s*\{/;

const cache = new WeakMap<FileFlow, boolean>();

export function runsPerScrape(flow: FileFlow, uri: string): boolean {
  let answer = cache.get(flow);
  if (answer === undefined) {
    const directories = uri.replace(/[?#].*$/, '').split('/').slice(0, -1);
    answer = directories.some((d) => EXPORTER_DIRECTORY.test(decodeURIComponent(d))) || (flow.imports.some((m) => PROMETHEUS_IMPORT.test(m)) && COLLECTOR.test(flow.text));
    cache.set(flow, answer);
  }
  return answer;
}
