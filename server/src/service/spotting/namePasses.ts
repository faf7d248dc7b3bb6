import type { GrammarSupport } from './adapters';
import { findApiErrorClasses, type ImportStyle } from './apiErrorClasses';
import { spotName, spotOwnPackageConstant } from './candidateNames';
import { findCloudSdkExceptions, mayCatchCloudSdkExceptions } from './cloudSdkExceptions';
import { spotExceptionClass } from './exceptionClassSites';
import { inExcludedList } from './excludedLists';
import { phpExceptionAliases, pythonExceptionAliases } from './importedNames';
import { scanCandidates } from './candidates';
import { namedStatusCalls } from './namedStatusCalls';
import { findOwnCodeUses, type OwnCodeTable, usedAsStatus } from './ownCodes';
import { entry, type SpanSpotting } from './spotEntries';
import { type ImportedConstant, spotImportedName } from './staticImports';

/** Languages whose imports name the classes they bring in (see apiErrorClasses.ts). */
export const IMPORT_STYLES: Partial<Record<GrammarSupport['constants'], ImportStyle>> = { python: 'python', javascript: 'javascript', java: 'java', kotlin: 'kotlin', php: 'php' };

/**
 * The passes over names: catalogued names at the candidates, PHP aliases of catalogued classes, library error classes
 * imported by the file, the codes the file declares itself, and statuses a framework's method names carry.
 */
export function spotNames(span: SpanSpotting, imported: Map<string, ImportedConstant[]>, own: OwnCodeTable): void {
  const { tree, root, text, lines, support, registry, context, from, to, numbers, names, overBudget } = span;
  if (span.complete) {
    scanCandidates(text, registry, from, to, (start, name) => {
      if (overBudget()) return false;
      if (numbers.has(start)) return true;
      const node = root.descendantForIndex(start, start + name.length);
      if (!node) return true;
      const spotted =
        spotName(node, name, context, support, registry, lines) ??
        spotImportedName(node, name, imported, context, support, registry, lines) ??
        spotOwnPackageConstant(node, name, context, support, registry, lines);
      if (spotted) names.set(spotted.start, spotted);
      return true;
    });
  }

  if (span.complete && (support.constants === 'php' || support.constants === 'python')) {
    // A catalogued class the file imports under a name of its own (`use …\ClientExceptionInterface as HttpClientError;`,
    // `from requests.exceptions import ConnectionError as RequestsConnectionError`): no candidate scan finds that name,
    // so its uses are looked up here.
    const aliases = support.constants === 'php' ? phpExceptionAliases(text, registry) : pythonExceptionAliases(text, registry);
    for (const alias of aliases) {
      const word = new RegExp(`(?<![\\w$\\\\])${alias}\\b`, 'g');
      word.lastIndex = from;
      for (let m = word.exec(text); m && m.index < to; m = word.exec(text)) {
        if (overBudget()) break;
        const node = root.descendantForIndex(m.index, m.index + alias.length);
        if (!node || names.has(m.index)) continue;
        const spotted = spotExceptionClass(node, alias, context, support, registry, lines);
        if (spotted) names.set(spotted.start, spotted);
      }
    }
  }

  const style = IMPORT_STYLES[support.constants];
  if (span.complete && style) {
    // Error classes no catalog knows, named for a failed API call and imported from a library, where they stand as
    // exception types: `except NotFound404Error` (qbittorrentapi), `catch (ApiException e)` (com.twilio.exception).
    findApiErrorClasses(style, text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), ({ code, site, role, module }) => {
      if (overBudget()) return false;
      const spotted = entry(code, 'error-code', role, site.startIndex, site.endIndex, site.text.replace(/\s+/g, ''), lines, true);
      if (role === 'retry-config' && inExcludedList(site, support.adapter)) spotted.occurrence.roleForRules = 'constant';
      spotted.occurrence.library = module;
      names.set(site.startIndex, spotted);
      return true;
    });
  }

  const cloudLanguage = support.constants === 'csharp' || support.constants === 'java' ? support.constants : undefined;
  if (span.complete && cloudLanguage && mayCatchCloudSdkExceptions(cloudLanguage, text)) {
    // A cloud service's codes as its SDK's exception classes: `catch (MessageRejectedException)` with `using Amazon.SimpleEmailV2.Model;`.
    findCloudSdkExceptions(cloudLanguage, text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), ({ code, site, role }) => {
      if (overBudget()) return false;
      names.set(site.startIndex, entry(code, 'error-code', role, site.startIndex, site.endIndex, site.text.replace(/\s+/g, ''), lines, true));
      return true;
    });
  }

  if (span.complete) {
    // Uses of the codes the file declares itself: `HttpCodes.TooManyRequests`, `code == RATE_LIMITED_STATUS`.
    findOwnCodeUses(text, tree, support.adapter, context, own, from, to, ({ name, code, node, role, kind }) => {
      if (overBudget()) return false;
      if (!names.has(node.startIndex)) {
        names.set(node.startIndex, entry(code, kind ? 'error-code' : 'http-status', role, node.startIndex, node.endIndex, node.text.replace(/\s+/g, '') || name, lines, true));
      }
      return true;
    });
    // A constant named for no status whose uses read it as one (`RATE_LIMIT_EXCEEDED = 429`, then `code ==
    // RATE_LIMIT_EXCEEDED`): its declaration is a status constant too.
    for (const [name, member] of own) {
      if (!member.byUse || member.table) continue;
      const declared = member.valueAt.filter((at) => at >= from && at < to && !numbers.has(at) && !names.has(at));
      if (declared.length === 0 || !usedAsStatus(text, root, support.adapter, context, name, member)) continue;
      for (const at of declared) {
        const literal = root.descendantForIndex(at, at + 3);
        if (!literal || literal.startIndex !== at || literal.endIndex !== at + 3 || !support.adapter.numbers.has(literal.type)) continue;
        numbers.set(at, entry(member.code, 'http-status', 'constant', at, at + 3, member.code, lines));
      }
    }
    // The members of a code table as declared (`RateLimited = 4008`): constants, whatever their own names say.
    for (const member of own.values()) {
      if (!member.table) continue;
      for (const at of member.valueAt) {
        if (at < from || at >= to || numbers.has(at) || names.has(at)) continue;
        const literal = root.descendantForIndex(at, at + member.code.length);
        if (!literal || literal.startIndex !== at || literal.endIndex !== at + member.code.length || !support.adapter.numbers.has(literal.type)) continue;
        numbers.set(at, entry(member.code, member.kind ? 'error-code' : 'http-status', 'constant', at, at + member.code.length, member.code, lines));
      }
    }
  }

  if (span.complete) {
    // Statuses a framework's method names carry: `status.is5xxServerError()`, `return BadRequest(errors)`, `ResponseEntity.notFound()`.
    for (const site of namedStatusCalls(text, support.constants, root, support.adapter, from, to)) {
      if (!names.has(site.start) && !numbers.has(site.start)) names.set(site.start, entry(site.code, 'http-status', site.role, site.start, site.end, text.slice(site.start, site.end), lines, true));
    }
  }
}
