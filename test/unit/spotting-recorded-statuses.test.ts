import { spotCases } from '../fixtures/spotting/cases';

/**
 * A status recorded under a key that names it — a trace attribute, a structured log field, a metric's label
 * (`attribute.Int("http_status", 200)`, `span.set_attribute("http.status_code", 503)`): a reader sees the status, and
 * nothing is sent or checked (`constant`). Numbers under other keys, and a bare `"status"` key, stay silent.
 */
describe('spotting: statuses recorded under a key naming them', () => {
  spotCases('go', [
    [
      'OpenTelemetry attributes',
      'package x\n\nimport "go.opentelemetry.io/otel/attribute"\n\nfunc f(span Span) {\n\tspan.SetAttributes(attribute.Int("http_status", 200))\n\tspan.SetAttributes(attribute.Int("http.status_code", 503))\n\tspan.SetAttributes(attribute.Int("retry_count", 300))\n\tspan.SetAttributes(attribute.Int("status", 500))\n}\n',
      ['200 constant', '503 constant'],
    ],
  ]);
  spotCases('python', [
    [
      'span attributes in the semantic conventions',
      'def f(span, cache):\n    span.set_attribute("http.status_code", 429)\n    span.set_attribute("http.response.status_code", 502)\n    cache.set("page_size", 500)\n',
      ['429 constant', '502 constant'],
    ],
  ]);
});
