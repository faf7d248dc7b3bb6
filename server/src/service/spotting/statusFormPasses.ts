import { isExceptionCatalog } from '../catalog/catalogRegistry';
import { lookupHttpConstant } from './constants';
import { findNumberedStatusNames } from './numberedStatusNames';
import { findLaravelStatusAssertions, findPhpStatuses } from './phpStatuses';
import { findRubyStatuses } from './rubyStatuses';
import { findRustStatuses, respondsWith } from './rustStatuses';
import { serdeCodeSites } from './serdeCodeEnums';
import { entry, type SpanSpotting } from './spotEntries';
import { findStatusClassTests } from './statusClasses';
import { findStatusResults } from './statusResults';
import { findReasonPhraseSearches } from './reasonPhraseSearches';

/**
 * The passes over statuses written neither as a number nor as a catalogued name: a number inside a constant's name
 * (`HTTP_429`), a class digit (`status / 100 == 5`), and each language's own forms (C# result classes, Ruby symbols,
 * Laravel helpers, Rust's framework calls, serde enums of a catalog's codes).
 */
export function spotStatusForms(span: SpanSpotting): void {
  const { root, text, lines, support, registry, context, from, to, numbers, names } = span;
  if (span.complete) {
    // `code == HTTP_429`, `listOf(STATUS_503)`: a constant whose name carries its number.
    findNumberedStatusNames(text, root, support.adapter, context, from, to, ({ status, start, end, role }) => {
      if (!names.has(start) && !numbers.has(start)) names.set(start, entry(status, 'http-status', role, start, end, text.slice(start, end).replace(/\s+/g, ''), lines, true));
    });
  }

  if (span.complete) {
    // `resp.StatusCode/100 != 2`, `status // 100 in (4, 5)`: a class digit stands for its class's first code.
    findStatusClassTests(text, root, support.adapter, context, support.constants, from, to, ({ code, start, end, role }) => {
      if (!names.has(start) && !numbers.has(start)) names.set(start, entry(code, 'http-status', role, start, end, text.slice(start, end), lines, true));
    });
  }

  if (span.complete) {
    // `"Too Many Requests" in str(e)`, `strings.Contains(err.Error(), "Service Unavailable")`: a status by its phrase.
    findReasonPhraseSearches(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), ({ code, start, end, role }) => {
      names.set(start, entry(code, 'http-status', role, start, end, text.slice(start, end), lines, true));
      return true;
    });
  }

  if (span.complete && support.constants === 'csharp') {
    // ASP.NET Core `return new BadRequestResult();`: a status sent by the class it constructs.
    findStatusResults(text, root, support.adapter, from, to, ({ status, start, end }) => {
      if (!names.has(start)) names.set(start, entry(String(status), 'http-status', 'server-sets', start, end, text.slice(start, end), lines, true));
    });
  }

  if (span.complete && support.constants === 'ruby') {
    // Rack `head :service_unavailable`, `status: :too_many_requests`; `rescue RestClient::TooManyRequests`.
    findRubyStatuses(text, root, support.adapter, context, from, to, ({ status, start, end, role, discarded }) => {
      if (names.has(start)) return;
      const spotted = entry(String(status), 'http-status', role, start, end, text.slice(start, end).replace(/\s+/g, ''), lines, true);
      if (discarded) spotted.occurrence.roleForRules = 'constant';
      names.set(start, spotted);
    });
  }

  if (span.complete && support.constants === 'php') {
    // Laravel `$response->tooManyRequests()`
    findPhpStatuses(text, root, support.adapter, context, from, to, ({ status, start, end, role }) => {
      if (!names.has(start)) names.set(start, entry(String(status), 'http-status', role, start, end, text.slice(start, end), lines, true));
    });
    // Laravel tests `$response->assertNotFound()`
    findLaravelStatusAssertions(text, root, support.adapter, from, to, ({ status, start, end, role }) => {
      if (!names.has(start)) names.set(start, entry(String(status), 'http-status', role, start, end, text.slice(start, end), lines, true));
    });
  }

  if (span.complete && support.constants === 'rust') {
    // actix `HttpResponse::TooManyRequests()`, tonic `Status::unavailable(msg)`, `StatusCode::from_u16(429)`
    findRustStatuses(text, root, support.adapter, context, from, to, (site) => {
      const shown = text.slice(site.start, site.end).replace(/\s+/g, '');
      if (site.kind === 'error-code') {
        if (!names.has(site.start)) names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, shown, lines, true));
      } else if (site.number) numbers.set(site.start, entry(String(site.status), 'http-status', site.role, site.start, site.end, shown, lines));
      else if (!names.has(site.start)) names.set(site.start, entry(String(site.status), 'http-status', site.role, site.start, site.end, shown, lines, true));
    }, (name) => lookupHttpConstant(registry, 'rust', 'StatusCode', name), (dotted) => registry.errorConstant(dotted).find((e) => !isExceptionCatalog(e.catalog.id))?.entry.code);
    // axum `(StatusCode::SERVICE_UNAVAILABLE, body)`: a constant that makes a response is a status the server sends
    for (const e of names.values()) {
      if (e.occurrence.kind === 'http-status' && e.occurrence.role === 'constant' && respondsWith(root, e.start, e.end, support.adapter, context)) e.occurrence.role = 'server-sets';
    }
  }

  if (span.complete && support.constants === 'rust' && text.includes('rename_all')) {
    // A catalog's codes as the variants of a serde enum: `#[serde(rename_all = "snake_case")] enum Continue { SlowDown, … }`.
    for (const site of serdeCodeSites(root, text, registry, context, from, to)) {
      if (names.has(site.node.startIndex)) continue;
      const spotted = entry(site.variant.entry.entry.code, 'error-code', site.role, site.node.startIndex, site.node.endIndex, site.node.text.replace(/\s+/g, ''), lines, true);
      if (site.variant.entry.catalog.matching === 'context') spotted.occurrence.catalog = site.variant.entry.catalog.id;
      names.set(site.node.startIndex, spotted);
    }
  }
}
