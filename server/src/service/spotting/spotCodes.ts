import type { Node, Tree } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { Occurrence } from '../types';
import type { GrammarSupport } from './adapters';
import { CODE_RECEIVER, ERRNO_RECEIVER, lookupHttpConstant } from './constants';
import { reasonPhraseCode } from './reasonPhraseNames';
import { STATUS_TABLE_NAME } from './names';
import { scanCandidates } from './candidates';
import { StatusContext } from './statusContext';
import { findNumberedStatusNames } from './numberedStatusNames';
import { isBodyOwnCode } from './bodyOwnCodes';
import { spotProtocolCodes } from './protocolCodes';
import { positionalRowRole } from './tableRows';
import { qualifiedReceiver, statusMatcher, throughAccessor } from './frameworkStatuses';
import { exceptionPosition, inExcludedList } from './exceptionPositions';
import { findApiErrorClasses, type ImportStyle } from './apiErrorClasses';
import { findCloudSdkExceptions, mayCatchCloudSdkExceptions } from './cloudSdkExceptions';
import { scanVendorCodes } from './vendorCodes';
import { errnoConstantsKey, findErrnoMessages, mayHoldErrnoMessages } from './errnoMessages';
import { scanBareCodeKeys } from './codeMaps';
import { ownPackageConstant } from './ownPackageConstants';
import { serdeCodeSites } from './serdeCodeEnums';
import { scanNumericVendorCodes } from './numericVendorCodes';
import { statusException } from './statusExceptions';
import { findStatusResults } from './statusResults';
import { findRubyStatuses } from './rubyStatuses';
import { findPhpStatuses } from './phpStatuses';
import { findRustStatuses, handlerErrorStatus, respondsWith } from './rustStatuses';
import { findOwnVendorCodeUses, ownVendorCodesKey, ownVendorCodeTable, type OwnVendorCodeTable } from './ownVendorCodes';
import { inRetryPredicate, mayHoldRetryPredicates } from './retryPredicates';
import { isExceptionCatalog } from '../catalog/catalogRegistry';
import { goErrorTypePosition } from './goErrorTypes';
import { enumStatusCase } from './enumStatusCases';
import { statusInSearchedPhrase, statusLineRole } from './statusLines';
import { namedStatusCalls } from './namedStatusCalls';
import { findStatusClassTests } from './statusClasses';
import { findOwnCodeUses, ownCodesKey, ownCodeTable, type OwnCodeTable, usedAsStatus } from './ownCodes';
import { findForeignCodeUses, type ForeignCodes } from './foreignCodeUses';

/** Languages whose imports name the classes they bring in (see apiErrorClasses.ts). */
const IMPORT_STYLES: Partial<Record<GrammarSupport['constants'], ImportStyle>> = { python: 'python', javascript: 'javascript', java: 'java', kotlin: 'kotlin', php: 'php' };

/** Not part of a longer number or name, nor of a decimal; a range's bounds count (Ruby `500..599`, `400...500`). */
const STATUS_NUMBER = /(?<![\w$])(?<!(?<!\.)\.)(?:[1-5]\d\d|600)(?![\w])(?!\.(?!\.))/g;
/** The upper bounds of status classes and ranges (`c <= 299`, `status < 600`): no status of their own, sites when compared. */
const RANGE_BOUND = /^([1-5]99|600)$/;

/**
 * Time budget for one file: tree-sitter's `parent`/`descendantForIndex` are linear in the width of flat
 * ERROR nodes and in nesting depth, so a broken or minified file full of candidates can go quadratic
 * (a 1 MB minified line took minutes). Past the budget the remaining candidates are left unclassified.
 */
const BUDGET_MS = 1000;
const BUDGET_MS_PER_KB = 2;

/** One spotted code with its offsets (sorted by `start`, one per start). */
export interface SpotEntry {
  occurrence: Occurrence;
  start: number;
  end: number;
}

/** A document version's spotting, kept so the next version can re-spot only what an edit touched. */
export interface SpotResult {
  occurrences: Occurrence[];
  entries: SpotEntry[];
  /** The static imports of bare constants, as a comparable key. */
  imports: string;
  /** False when the time budget ran out (the result is partial and must not be reused). */
  complete: boolean;
}

/**
 * Finds the status codes and error codes in a parsed source file. A text scan proposes candidates
 * (three-digit numbers, known constant and code names); the syntax tree around each decides.
 */
export function spotCodes(tree: Tree, lines: TextLines, support: GrammarSupport, registry: CatalogRegistry): Occurrence[] {
  return spotFile(tree, lines, support, registry).occurrences;
}

/** `foreign`: the codes other files of the workspace declare that this one can read (workspace/foreignCodes.ts). */
export function spotFile(tree: Tree, lines: TextLines, support: GrammarSupport, registry: CatalogRegistry, foreign?: ForeignCodes): SpotResult {
  const text = lines.text;
  const { imported, own, vendor, key } = importsOf(text, support, foreign);
  const deadline = Date.now() + BUDGET_MS + (BUDGET_MS_PER_KB * text.length) / 1024;
  const { entries, complete } = spotSpan(tree, lines, support, registry, imported, 0, text.length, deadline, own, vendor, foreign);
  return { occurrences: entries.map((e) => e.occurrence), entries, imports: key, complete };
}

/**
 * What a file's spotting depends on beyond the syntax around each site: its static imports (see `staticImports`),
 * the status codes it declares itself (see `ownCodeTable`) and those of other files it reads (`foreign`), with a
 * comparable key of all.
 */
export function importsOf(
  text: string,
  support: GrammarSupport,
  foreign?: ForeignCodes,
): { imported: Map<string, ImportedConstant[]>; own: OwnCodeTable; vendor: OwnVendorCodeTable; key: string } {
  const imported = staticImports(text, support.constants);
  const own = ownCodeTable(text);
  const vendor = ownVendorCodeTable(text, support.constants);
  const ownKey = ownCodesKey(own);
  const vendorKey = ownVendorCodesKey(vendor);
  const key = ownKey ? `${importsKey(imported)}|${ownKey}` : importsKey(imported);
  // The file's imports say which error classes a library brings (apiErrorClasses.ts): an edit to them re-spots the file.
  const libraries = IMPORT_STYLES[support.constants] ? (text.match(IMPORT_LINE) ?? []).join('\n') : '';
  const errnoKey = errnoConstantsKey(text);
  const withVendor = (vendorKey ? `${key}|${vendorKey}` : key) + (errnoKey ? `|${errnoKey}` : '');
  const withForeign = foreign ? `${withVendor}|foreign:${foreign.key}` : withVendor;
  return { imported, own, vendor, key: libraries ? `${withForeign}|${libraries}` : withForeign };
}

/** Lines that import or say where a file belongs: Python/JS `import`/`from`, Java/Kotlin `import`/`package`, PHP `use`/`namespace`, `require(…)`. */
const IMPORT_LINE = /^[ \t]*(?:from|import|use|package|namespace)\b[^\n]*$|^[^\n]*\brequire\([^\n]*$/gm;

/** Codes spotted from candidates starting in [from, to), sorted and de-duplicated by start offset. */
export function spotSpan(
  tree: Tree,
  lines: TextLines,
  support: GrammarSupport,
  registry: CatalogRegistry,
  imported: Map<string, ImportedConstant[]>,
  from: number,
  to: number,
  deadline: number,
  own: OwnCodeTable = new Map(),
  vendor: OwnVendorCodeTable = new Map(),
  foreign?: ForeignCodes,
): { entries: SpotEntry[]; complete: boolean } {
  const text = lines.text;
  const context = new StatusContext(support.adapter, tree.rootNode);
  const root = tree.rootNode;
  let complete = true;
  // Numbers by their start; names by their occurrence's start (a later candidate there replaces an earlier one).
  const numbers = new Map<number, SpotEntry>();
  const names = new Map<number, SpotEntry>();
  // Past the time budget a pass stops and the result is marked partial.
  const overBudget = (): boolean => {
    if (Date.now() > deadline) complete = false;
    return !complete;
  };

  const status = STATUS_NUMBER;
  status.lastIndex = from;
  for (let match = status.exec(text); match && match.index < to; match = status.exec(text)) {
    if (overBudget()) break;
    const start = match.index;
    const bound = registry.httpStatus(match[0]).length === 0;
    if (bound && !RANGE_BOUND.test(match[0])) continue;
    const node = root.descendantForIndex(start, start + 3);
    if (!node) continue;
    // `"HTTP/1.1 503 Service Unavailable\r\n"`: the status line of a response a fake server (or a hand-made one) writes.
    const lineRole = bound ? undefined : statusLineRole(node, start, text, support.adapter, (n) => context.lastName(n));
    if (lineRole) {
      numbers.set(start, entry(match[0], 'http-status', lineRole, start, start + 3, match[0], lines));
      continue;
    }
    // `err.message.includes("Response Code: 404")`, Go `strings.Contains(msg, "returned HTTP error 429")`: a status named
    // inside the text a failure's message is searched for, read as the search of the status itself is.
    const phrase = bound ? undefined : statusInSearchedPhrase(node, start, text, support.adapter);
    if (phrase) {
      const phraseRole = context.classify(phrase, 'status');
      if (phraseRole === 'client-check') numbers.set(start, entry(match[0], 'http-status', phraseRole, start, start + 3, match[0], lines));
      continue;
    }
    const quoted = quotedStatus(node, start, support);
    if (quoted) {
      // `retryCodes: ["429", "503"]`: a status written as a string counts only in a list a retry reads.
      // Ruby's Net::HTTP gives the status as a string: `res.code == "429"`, `when "503"` on `res.code`; so do
      // projects' own fetch helpers (`res['code'] == "429"`) and code that stringifies it (`str(r.status_code) == "503"`).
      const quotedRole = bound ? undefined : context.classify(quoted, 'status');
      if (quotedRole === 'retry-config' || quotedRole === 'client-check') numbers.set(start, entry(match[0], 'http-status', quotedRole, start, start + 3, match[0], lines));
      continue;
    }
    // `/500|502|503|504|server error/i.test(errorMessage)`: statuses looked for in a failure's text by a regex.
    if (!bound && node.type === 'regex_pattern' && regexAlternative(node, start) && context.searchesFailureText(node.parent)) {
      numbers.set(start, entry(match[0], 'http-status', 'client-check', start, start + 3, match[0], lines));
      continue;
    }
    // The number literal is exactly the match (not `4290`, not a part of a string or a name).
    if (node.startIndex !== start || node.endIndex !== start + 3 || !support.adapter.numbers.has(node.type)) continue;
    // `(HttpStatusCode)429` names its type like a constant does.
    const role = bound ? boundRole(context.classify(node, 'status')) : context.classify(node, 'status') ?? (context.isStatusCast(node) ? 'constant' : positionalRowRole(node));
    // `{ "status": 101, "msg": "queued" }`: a payload's own state, not an HTTP status.
    if (role && !isBodyOwnCode(node, support.adapter)) {
      const spotted = entry(match[0], 'http-status', role, start, start + 3, match[0], lines);
      // `doNotRetry: [400, 401]`, `NON_RETRYABLE = {400, 404}`: configures the retry, but names codes it does not retry.
      if (role === 'retry-config' && inExcludedList(node, support.adapter)) spotted.occurrence.roleForRules = 'constant';
      numbers.set(start, spotted);
    }
  }
  status.lastIndex = 0;

  if (complete) {
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

  if (complete && support.constants === 'php') {
    // A catalogued class the file imports under a name of its own (`use …\ClientExceptionInterface as HttpClientError;`):
    // no candidate scan finds that name, so its uses are looked up here.
    for (const alias of phpExceptionAliases(text, registry)) {
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
  if (complete && style) {
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
  if (complete && cloudLanguage && mayCatchCloudSdkExceptions(cloudLanguage, text)) {
    // A cloud service's codes as its SDK's exception classes: `catch (MessageRejectedException)` with `using Amazon.SimpleEmailV2.Model;`.
    findCloudSdkExceptions(cloudLanguage, text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), ({ code, site, role }) => {
      if (overBudget()) return false;
      names.set(site.startIndex, entry(code, 'error-code', role, site.startIndex, site.endIndex, site.text.replace(/\s+/g, ''), lines, true));
      return true;
    });
  }

  if (complete) {
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

  if (complete) {
    // Statuses a framework's method names carry: `status.is5xxServerError()`, `return BadRequest(errors)`, `ResponseEntity.notFound()`.
    for (const site of namedStatusCalls(text, support.constants, root, support.adapter, from, to)) {
      if (!names.has(site.start) && !numbers.has(site.start)) names.set(site.start, entry(site.code, 'http-status', site.role, site.start, site.end, text.slice(site.start, site.end), lines, true));
    }
  }

  if (complete) {
    // An API's own error codes in strings: `err.error === 'ratelimited'`, `case "rate_limit":`, `{ error: 'NOT_FOUND' }`.
    // (A code only a `context` catalog holds — a vendor's common word, `timeout`, `conflict` — is found by its context alone.)
    const known = (token: string) => (registry.errorCode(token).some((e) => e.catalog.matching !== 'context') ? token : undefined);
    scanVendorCodes(text, root, from, to, context, support.adapter, known, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (complete && mayHoldErrnoMessages(text)) {
    // A connection failure found by its text: `strings.Contains(err.Error(), "connection reset by peer")` is ECONNRESET.
    findErrnoMessages(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (complete) {
    // The bare-word keys of a table named for error codes: `const ERROR_TYPE_MAPPING = { rate_limit_error: "RateLimitError" }`.
    scanBareCodeKeys(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (complete) {
    // An API's own error codes as numbers: `case 40001:` on an `errorCode`, `RETRYABLE_ERROR_CODES = [20429]`.
    scanNumericVendorCodes(text, root, from, to, context, support.adapter, (start) => names.has(start) || numbers.has(start), (site) => {
      if (overBudget()) return false;
      names.set(site.start, entry(site.code, 'error-code', site.role, site.start, site.end, lines.text.slice(site.start, site.end), lines));
      return true;
    });
  }

  if (complete) {
    // Uses of the API codes the file declares itself: `TooManyRequestsErrorCode: {}`, `err.code == QUOTA_ERROR`.
    findOwnVendorCodeUses(text, root, support.adapter, context, vendor, from, to, ({ code, node, role }) => {
      if (overBudget()) return false;
      if (!names.has(node.startIndex)) names.set(node.startIndex, entry(code, 'error-code', role, node.startIndex, node.endIndex, node.text.replace(/\s+/g, ''), lines, true));
      return true;
    });
  }

  if (complete && foreign) {
    // Uses of the codes other files declare: `case CloseType.RateLimited:`, `if error_code == API_ERR_CODE_UNAUTH`.
    findForeignCodeUses(text, root, support.adapter, context, foreign, from, to, (start) => names.has(start) || numbers.has(start), ({ code, kind, node, role }) => {
      if (overBudget()) return false;
      names.set(node.startIndex, entry(code, kind === 'http-status' ? 'http-status' : 'error-code', role, node.startIndex, node.endIndex, node.text.replace(/\s+/g, ''), lines, true));
      return true;
    });
  }

  if (complete) {
    // `code == HTTP_429`, `listOf(STATUS_503)`: a constant whose name carries its number.
    findNumberedStatusNames(text, root, support.adapter, context, from, to, ({ status, start, end, role }) => {
      if (!names.has(start) && !numbers.has(start)) names.set(start, entry(status, 'http-status', role, start, end, text.slice(start, end).replace(/\s+/g, ''), lines, true));
    });
  }

  if (complete) {
    // `resp.StatusCode/100 != 2`, `status // 100 in (4, 5)`: a class digit stands for its class's first code.
    findStatusClassTests(text, root, support.adapter, context, support.constants, from, to, ({ code, start, end, role }) => {
      if (!names.has(start) && !numbers.has(start)) names.set(start, entry(code, 'http-status', role, start, end, text.slice(start, end), lines, true));
    });
  }

  if (complete && support.constants === 'csharp') {
    // ASP.NET Core `return new BadRequestResult();`: a status sent by the class it constructs.
    findStatusResults(text, root, support.adapter, from, to, ({ status, start, end }) => {
      if (!names.has(start)) names.set(start, entry(String(status), 'http-status', 'server-sets', start, end, text.slice(start, end), lines, true));
    });
  }

  if (complete && support.constants === 'ruby') {
    // Rack `head :service_unavailable`, `status: :too_many_requests`; `rescue RestClient::TooManyRequests`.
    findRubyStatuses(text, root, support.adapter, context, from, to, ({ status, start, end, role, discarded }) => {
      if (names.has(start)) return;
      const spotted = entry(String(status), 'http-status', role, start, end, text.slice(start, end).replace(/\s+/g, ''), lines, true);
      if (discarded) spotted.occurrence.roleForRules = 'constant';
      names.set(start, spotted);
    });
  }

  if (complete && support.constants === 'php') {
    // Laravel `$response->tooManyRequests()`
    findPhpStatuses(text, root, support.adapter, context, from, to, ({ status, start, end, role }) => {
      if (!names.has(start)) names.set(start, entry(String(status), 'http-status', role, start, end, text.slice(start, end), lines, true));
    });
  }

  if (complete && support.constants === 'rust') {
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

  if (complete && support.constants === 'rust' && text.includes('rename_all')) {
    // A catalog's codes as the variants of a serde enum: `#[serde(rename_all = "snake_case")] enum Continue { SlowDown, … }`.
    for (const site of serdeCodeSites(root, text, registry, context, from, to)) {
      if (names.has(site.node.startIndex)) continue;
      const spotted = entry(site.variant.entry.entry.code, 'error-code', site.role, site.node.startIndex, site.node.endIndex, site.node.text.replace(/\s+/g, ''), lines, true);
      if (site.variant.entry.catalog.matching === 'context') spotted.occurrence.catalog = site.variant.entry.catalog.id;
      names.set(site.node.startIndex, spotted);
    }
  }

  // JSON-RPC and WebSocket close codes: plain numbers, taken only where a name or a call says so.
  if (complete) for (const e of spotProtocolCodes(tree, lines, support, registry, from, to)) if (!names.has(e.start)) names.set(e.start, e);

  const all = [...numbers.values(), ...names.values()].sort((a, b) => a.start - b.start);
  const entries: SpotEntry[] = [];
  for (const e of all) if (entries.length === 0 || entries[entries.length - 1].start !== e.start) entries.push(e);
  // A test inside a retry predicate (`shouldRetry`, a `retryIf` lambda) configures the retry; so does a code it hands a
  // helper (`hasStatusCode(err, http.StatusTooManyRequests)`). The role they had stays beside it for the rules.
  const predicates = mayHoldRetryPredicates(text);
  for (const e of predicates ? entries : []) {
    const role = e.occurrence.role;
    if (role !== 'client-check' && role !== 'constant') continue;
    const node = root.descendantForIndex(e.start, e.end);
    if (node && inRetryPredicate(node, context, support.adapter)) {
      e.occurrence.role = 'retry-config';
      e.occurrence.roleForRules = role;
    }
  }
  return { entries, complete };
}

/** A range bound counts where a status is compared with it or a retry reads it (`RetryStatusInterval(500, 600)`). */
function boundRole(role: Occurrence['role'] | undefined): Occurrence['role'] | undefined {
  return role === 'client-check' || role === 'retry-config' || role === 'test-assert' ? role : undefined;
}

/** The string literal whose whole content is the three digits at `start`, if any. */
/** The three digits at `start` are a whole alternative of the regex pattern: `500|502`, `(429|503)`, `\b503\b`. */
function regexAlternative(pattern: Node, start: number): boolean {
  const text = pattern.text;
  const at = start - pattern.startIndex;
  const before = text.slice(Math.max(0, at - 2), at);
  const after = text.slice(at + 3, at + 5);
  return /(^|\||\(|\\b|\^|\(\?:)$/.test(at === 0 ? '' : before) && /^($|\||\)|\\b|\$)/.test(after);
}

function quotedStatus(node: Node, start: number, support: GrammarSupport): Node | undefined {
  const strings = support.adapter.strings;
  const literal = strings.has(node.type) ? node : node.parent && strings.has(node.parent.type) ? node.parent : undefined;
  if (!literal || literal.endIndex - literal.startIndex > 8) return undefined;
  const content = support.adapter.stringContent(literal);
  return content && content.start === start && content.text.length === 3 ? literal : undefined;
}

function importsKey(imported: Map<string, ImportedConstant[]>): string {
  return imported.size === 0 ? '' : JSON.stringify([...imported]);
}

function spotName(
  node: Node,
  name: string,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  const s = support.adapter;
  // A string whose whole content is a known error code.
  const literal = s.strings.has(node.type) ? node : node.parent && s.strings.has(node.parent.type) ? node.parent : undefined;
  if (literal) {
    const content = s.stringContent(literal);
    if (!content || content.text !== name) return undefined;
    const indexed = spotIndexedConstant(literal, name, context, support, registry, lines);
    if (indexed) return indexed;
    // (Codes of `context` catalogs are not words to look for: a vendor's `timeout` is found by its context alone.)
    const entries = registry.errorCode(name).filter((e) => e.catalog.matching !== 'context');
    if (entries.length === 0) return undefined;
    // A class name in a string counts only where the context says so: `err.name === "AbortError"`, not `ids=["ReadTimeout"]`.
    if (entries.every((e) => isExceptionCatalog(e.catalog.id))) {
      // (A name projects give their own things too — `Error`, `ClientError` — is no class name in a string.)
      if (entries.every((e) => e.entry.ambiguous)) return undefined;
      const role = context.classify(literal, 'error-code');
      return role ? entry(entries[0].entry.code, 'error-code', role, content.start, content.start + name.length, name, lines) : undefined;
    }
    // A quoted success code (gRPC "OK") is nearly always a reason phrase or a plain word: `status: "OK"`,
    // `reason() == "OK"`. Nothing about it is retried; the symbolic `codes.OK` is still found below.
    if (entries.every((e) => e.entry.httpStatus !== undefined && e.entry.httpStatus < 300)) return undefined;
    const role = context.classify(literal, 'error-code');
    const ambiguous = entries.every((e) => e.entry.ambiguous);
    if (!role && ambiguous) return undefined;
    return entry(name, 'error-code', role ?? 'client-check', content.start, content.start + name.length, name, lines);
  }
  // An exception class where it stands as one: `catch (HttpRequestException e)`, `except openai.RateLimitError:`, `t instanceof ConnectException`.
  const exception = spotExceptionClass(node, name, context, support, registry, lines);
  if (exception) return exception;
  if (support.constants === 'java') {
    // `switch (status) { case NOT_FOUND: … }` over a Spring HttpStatus: the bare enum constant a case label must be.
    const label = enumStatusCase(node, registry);
    if (label) return entry(String(label.status), 'http-status', 'client-check', label.site.startIndex, label.site.endIndex, label.site.text, lines, true);
  }
  if (support.constants === 'java' || support.constants === 'kotlin') {
    // Spring `HttpClientErrorException.NotFound.class` in `@Retryable(exclude = {…})`: the 404 it stands for (Kotlin: `catch (e: HttpClientErrorException.TooManyRequests)`)
    const named = statusException(node, lines.text, context, s);
    if (named) {
      const spotted = entry(String(named.status), 'http-status', named.role, named.site.startIndex, named.site.endIndex, named.site.text.replace(/\s+/g, ''), lines, true);
      // `exclude = { HttpClientErrorException.NotFound.class }`: configures the retry, but is no code it retries.
      if (named.role === 'retry-config' && inExcludedList(named.site, s)) spotted.occurrence.roleForRules = 'constant';
      return spotted;
    }
  }
  const matcher = statusMatcher(node, name, context, support, registry);
  if (matcher) return entry(String(matcher.status), 'http-status', matcher.role, matcher.start, matcher.end, lines.text.slice(matcher.start, matcher.end).replace(/\s+/g, ''), lines, true);
  // A libcurl error constant written bare (PHP `curl_errno($ch) === CURLE_COULDNT_CONNECT`): the transfer error it names.
  if (CURL_CONSTANT.test(name) && !(node.parent && s.members.has(node.parent.type))) {
    const curl = registry.errorCode(name).filter((e) => e.catalog.id === 'curl-errors');
    if (curl.length > 0) {
      const role = context.classify(node, 'error-code') ?? context.classify(node, 'status') ?? 'constant';
      // (Each spelling PHP defines is a code of its own: `CURLE_OPERATION_TIMEOUTED` is the older name of 28.)
      return entry(name, 'error-code', role, node.startIndex, node.endIndex, name, lines, true);
    }
  }
  // A member access: `HTTPStatus.TOO_MANY_REQUESTS`, `codes.Unavailable`.
  let member = node.parent;
  if (!member || !s.members.has(member.type)) return undefined;
  const parts = s.memberParts(member);
  if (!parts || parts.property !== name || !parts.object) return undefined;
  if (member.parent && s.members.has(member.parent.type) && s.memberParts(member.parent)?.object?.id === member.id) {
    // `HTTPStatus.OK.value` / `.phrase`: still the constant, read through one more member.
    // (Rust `StatusCode::OK.as_u16()`, axum `StatusCode::SERVICE_UNAVAILABLE.into_response()`)
    // (Go's `codes.Unauthenticated.String()`: the code's name, as a Stringer gives it; Netty's
    // `HttpResponseStatus.TOO_MANY_REQUESTS.code()`: its number.)
    if (!/^(value|phrase|description|Value|as_u16|into_response|String|code|getCode|intValue)$/.test(s.memberParts(member.parent)?.property ?? '')) return undefined;
  }
  const receiver = context.lastName(parts.object);
  const table = receiver ? qualifiedReceiver(parts.object, receiver, context, support) : undefined;
  // (A status table imported from elsewhere — axios's `HttpStatusCode.TooManyRequests`, a project's `StatusCodes.BadRequest` —
  // by its name and a member spelling a reason phrase.)
  const status = (table ? lookupHttpConstant(registry, support.constants, table, name) : undefined) ?? (receiver && STATUS_TABLE_NAME.test(receiver) ? reasonPhraseCode(name) : undefined);
  const dotted = member.text.replace(/\s+/g, '');
  if (status !== undefined) {
    const classified = context.classify(throughAccessor(member, context, support), 'status') ?? positionalRowRole(member) ?? 'constant';
    // Rocket's `return Err(Status::NotFound)` in a `#[get(…)]` handler: the response it sends.
    const role = classified === 'constant' && support.constants === 'rust' && handlerErrorStatus(member) ? 'server-sets' : classified;
    const spotted = entry(String(status), 'http-status', role, member.startIndex, member.endIndex, dotted, lines, true);
    // `r.StatusCode != HttpStatusCode.Unauthorized` in a retry predicate: configures the retry, names no code it retries.
    if (role === 'retry-config' && inExcludedList(member, s)) spotted.occurrence.roleForRules = 'constant';
    return spotted;
  }
  // Exception classes count only as exception types (see spotExceptionClass), not as constants wherever they are named.
  // (a Rust path `tonic::Code::Unavailable` is looked up with dots, as the catalogs spell their aliases)
  const entries = registry.errorConstant(dotted.replace(/::/g, '.')).filter((e) => !isExceptionCatalog(e.catalog.id));
  if (entries.length > 0 && !(receiver && importedRelatively(lines.text, receiver))) {
    const role = context.classify(member, 'error-code') ?? context.classify(member, 'status') ?? (grpcStatusRaised(member, context, support) ? 'server-sets' : 'constant');
    const spotted = entry(entries[0].entry.code, 'error-code', role, member.startIndex, member.endIndex, dotted, lines, true);
    // (An SDK's constant says whose code it is: `hcloud.ErrorCodeTimeout` is Hetzner's `timeout`.)
    if (entries[0].catalog.matching === 'context') spotted.occurrence.catalog = entries[0].catalog.id;
    return spotted;
  }
  // `errno.ECONNRESET`, `syscall.ECONNRESET`, or an aliased gRPC module compared with an error's code.
  const codes = registry.errorCode(name).filter((e) => !isExceptionCatalog(e.catalog.id));
  if (codes.length === 0 || !receiver) return undefined;
  const role = context.classify(member, 'error-code');
  const ambiguous = codes.every((e) => e.entry.ambiguous);
  if (ERRNO_RECEIVER.test(receiver) && !ambiguous) {
    // (Ruby's `Errno::ECONNRESET` is a class: rescued, listed for a retry or kept in a named list, as exception classes are.)
    const at = role === undefined || role === 'constant' ? exceptionPosition(node, context, support.adapter) : undefined;
    const built = at?.builtInTest ? undefined : at?.role;
    return entry(codes[0].entry.code, 'error-code', built ?? role ?? 'constant', member.startIndex, member.endIndex, dotted, lines, true);
  }
  // (Not a project's own `Status` enum, imported from a module of the project: `from .base import Status`.)
  if (role && CODE_RECEIVER.test(receiver) && !importedRelatively(lines.text, receiver)) {
    return entry(codes[0].entry.code, 'error-code', role, member.startIndex, member.endIndex, dotted, lines, true);
  }
  return undefined;
}

/** The file imports `name` from a relative module: Python `from .base import Status`, JavaScript `from './status'`. */
function importedRelatively(text: string, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  return new RegExp(`^[ \\t]*from[ \\t]+\\.[\\w.]*[ \\t]+import[ \\t]*\\(?[^\\n)]*\\b${name}\\b|import\\s+(?:type\\s+)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]\\.{1,2}/`, 'm').test(text);
}

/** libcurl's error constants (`CURLE_OPERATION_TIMEDOUT`): a name no other code shares. */
const CURL_CONSTANT = /^CURLE_[A-Z_]+$/;

/** True when the text imports `name` (or its namespace) as one of the qualified `aliases` spells it. */
/**
 * JavaScript: the file imports `name` from a module (`import { X } from 'm'`, `const { X } = require('m')`) that no
 * alias of the catalog's class names: the file's `X` is that module's own class.
 */
function importedFromOtherModule(text: string, name: string, aliases: readonly string[]): boolean {
  const braces = `\\{[^}]*\\b${name}\\b[^}]*\\}`;
  const m = new RegExp(`import\\s+(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?${braces}\\s*from\\s*['"]([^'"]+)['"]|(?:const|let|var)\\s*${braces}\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]`).exec(text);
  const module = m?.[1] ?? m?.[2];
  return !!module && !aliases.some((a) => a.toLowerCase().includes(module.toLowerCase()));
}

function importedFromLibrary(lines: TextLines, name: string, aliases: readonly string[] | undefined): boolean {
  // Asked for every use of a name (`Error` in each `throw new Error(…)`): answered once per document and name.
  let answers = importAnswers.get(lines);
  if (!answers) importAnswers.set(lines, (answers = new Map()));
  const key = `${name}|${(aliases ?? []).join(',')}`;
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = importsFromLibrary(lines.text, name, aliases)));
  return answer;
}

const importAnswers = new WeakMap<TextLines, Map<string, boolean>>();

function importsFromLibrary(text: string, name: string, aliases: readonly string[] | undefined): boolean {
  for (const alias of aliases ?? []) {
    if (!alias.endsWith(`.${name}`)) continue;
    const space = alias.slice(0, -name.length - 1).replace(/\./g, '\\.');
    // Python `from openai import X` / `from openai.errors import (A, X)`, Java `import a.b.X;` / `import a.b.*;`, C# `using A.B;`
    // PHP `use GuzzleHttp\Exception\ConnectException;` (a backslash-separated namespace)
    const php = alias.slice(0, -name.length - 1).replace(/\./g, '\\\\');
    // (Kotlin's imports end without a semicolon: `import retrofit2.HttpException`, `import io.ktor.client.plugins.*`.)
    const pattern = new RegExp(`^[ \\t]*(?:from[ \\t]+${space}[ \\t]+import[ \\t]*(?:\\([^)]*|[^\\n]*)\\b${name}\\b|import[ \\t]+${space}\\.(?:${name}|\\*)[ \\t]*(?:;|$)|(?:global[ \\t]+)?using[ \\t]+${space}[ \\t]*;|use[ \\t]+\\\\?${php}\\\\${name}[ \\t]*(?:as[ \\t]+\\w+[ \\t]*)?;)`, 'm');
    if (pattern.test(text)) return true;
  }
  return false;
}

/** gRPC server code raising a status: Go `status.Error(codes.Internal, msg)`, Java `onError(Status.UNAVAILABLE.withDescription(…).asRuntimeException())`. */
const GRPC_RAISE = /^(asRuntimeException|asException|onError)$/;
function grpcStatusRaised(member: Node, context: StatusContext, support: GrammarSupport): boolean {
  const s = support.adapter;
  for (let up = member.parent, depth = 0; up && depth < 8; up = up.parent, depth++) {
    if (s.transparent.has(up.type) || s.members.has(up.type)) continue;
    if (!s.calls.has(up.type)) return false;
    const name = context.lastName(s.callee(up)) ?? '';
    if (GRPC_RAISE.test(name)) return true;
    const args = s.callArguments(up);
    // Go `status.Error(codes.Internal, …)`, `status.Errorf(…)`, `status.New(…)`: the code first
    const first = args[0];
    // (The package may be imported under another name: `grpcstatus "google.golang.org/grpc/status"`.)
    if (/^(Error|Errorf|New|Newf)$/.test(name) && isGrpcStatusPackage(context.lastName(context.receiverOf(up)), up.tree.rootNode.text)) return first !== undefined && first.startIndex <= member.startIndex && member.endIndex <= first.endIndex;
    if (!/^(withDescription|withCause|augmentDescription|asRuntimeException|asException)$/.test(name)) return false;
  }
  return false;
}

/** Go's gRPC status package as the file names it: `status`, or the name it imports google.golang.org/grpc/status under. */
function isGrpcStatusPackage(receiver: string | undefined, text: string): boolean {
  if (receiver === 'status') return true;
  return !!receiver && /^\w+$/.test(receiver) && new RegExp(`(?:^|[\\s(])${receiver}[ \\t]+"google\\.golang\\.org/grpc/status"`, 'm').test(text);
}

/**
 * An exception class name (or its qualified spelling) in an exception position; undefined anywhere else (an import, a
 * declaration, `throw new …`), where the name may still be something else (`HttpStatusCode.InternalServerError`).
 */
function spotExceptionClass(
  node: Node,
  name: string,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  // (Ruby names a class with a `constant`, PHP with a `name`.)
  if (!/identifier|^constant$|^name$/.test(node.type)) return undefined;
  // (Go's error types are read apart, in Go only.)
  let bare = registry.exceptionClass(name).filter((e) => (e.catalog.id === GO_TYPES) === (support.constants === 'go'));
  // PHP `use Symfony\…\ClientExceptionInterface as SymfonyClientError;`: the class under the name the file gives it.
  const imported = bare.length === 0 && support.constants === 'php' ? phpImportAlias(lines.text, name) : undefined;
  if (imported) bare = registry.exceptionClass(imported.slice(imported.lastIndexOf('.') + 1));
  if (bare.length === 0) return undefined;
  // Go has no exception classes: an API client's error type where it is tested (`case *github.RateLimitError:`).
  if (support.constants === 'go') return spotGoErrorType(node, lines, registry);
  const at = exceptionPosition(node, context, support.adapter);
  // Ruby `Faraday::ClientError` and PHP `\GuzzleHttp\Exception\ConnectException` are looked up dotted, as aliases are written.
  const written = at?.site.text.replace(/\s+/g, '').replace(/::|\\/g, '.').replace(/^\./, '') ?? name;
  // (Python: a module imported under another name, `from requests import exceptions as rexc` then `rexc.Timeout`.)
  const dotted = imported ?? (support.constants === 'python' ? unaliasedModule(written, lines.text) : written);
  // A qualified spelling must be a known one: `googlemaps.exceptions.HTTPError` and `asyncio.TimeoutError` are other classes.
  // A name many projects give their own classes (`BadRequestError`, `ApiException`) counts only in its qualified spelling,
  // or bare where the file imports it from the library (`from openai import BadRequestError`, `using System.Security.Authentication;`).
  const entries = dotted !== name ? registry.exceptionClass(dotted) : bare.every((e) => e.entry.ambiguous) ? bare.filter((e) => importedFromLibrary(lines, name, e.entry.aliases)) : bare;
  if (!at || entries.length === 0) return undefined;
  // (A test builds its own library's class too: zenpy's tests build zenpy's `RateLimitError`. A bare name built in a test
  // counts only where the file imports it from the catalogued library.)
  if (at.builtInTest && dotted === name && !entries.some((e) => importedFromLibrary(lines, name, e.entry.aliases))) return undefined;
  // `import pRetry, { AbortError } from 'p-retry'`: a class of that module under a catalog's name (p-retry's stop signal).
  if (support.constants === 'javascript' && dotted === name && importedFromOtherModule(lines.text, name, entries.flatMap((e) => e.entry.aliases ?? []))) return undefined;
  // The same name in several libraries (`ClientError`, `ConnectException`): the catalog of the file's own language first.
  const own = entries.find((e) => e.catalog.id === `${support.constants}-exceptions`) ?? entries[0];
  const spotted = entry(own.entry.code, 'error-code', at.role, at.site.startIndex, at.site.endIndex, at.site.text.replace(/\s+/g, ''), lines, true);
  if (at.role === 'retry-config' && inExcludedList(at.site, support.adapter)) spotted.occurrence.roleForRules = 'constant';
  spotted.occurrence.catalog = own.catalog.id;
  return spotted;
}

/** The catalog of Go API clients' error types. */
const GO_TYPES = 'go-exceptions';

/** A Go error type of a catalogued client where it is tested; only its qualified spelling (`github.RateLimitError`) counts. */
function spotGoErrorType(node: Node, lines: TextLines, registry: CatalogRegistry): SpotEntry | undefined {
  const at = goErrorTypePosition(node, lines.text);
  if (!at) return undefined;
  const own = registry.exceptionClass(at.site.text.replace(/\s+/g, '')).find((e) => e.catalog.id === GO_TYPES);
  if (!own) return undefined;
  const spotted = entry(own.entry.code, 'error-code', at.role, at.site.startIndex, at.site.endIndex, at.site.text.replace(/\s+/g, ''), lines, true);
  spotted.occurrence.catalog = own.catalog.id;
  return spotted;
}

/** The names a PHP file gives catalogued exception classes it imports under another name (`use A\B\C as alias;`). */
function phpExceptionAliases(text: string, registry: CatalogRegistry): string[] {
  if (!/\buse\b[^;\n]*\bas\b/.test(text)) return [];
  const aliases: string[] = [];
  for (const m of text.matchAll(/^[ \t]*use[ \t]+\\?[\w\\]*?(\w+)[ \t]+as[ \t]+(\w+)[ \t]*;/gm)) {
    if (m[1] !== m[2] && registry.exceptionClass(m[1]).length > 0) aliases.push(m[2]);
  }
  return aliases;
}

/** The dotted class a PHP file imports under `alias` (`use A\B\C as alias;` → `A.B.C`), if it does. */
function phpImportAlias(text: string, alias: string): string | undefined {
  if (!/^\w+$/.test(alias) || !text.includes(` as ${alias}`)) return undefined;
  const m = new RegExp(`^[ \\t]*use[ \\t]+\\\\?([\\w\\\\]+)[ \\t]+as[ \\t]+${alias}[ \\t]*;`, 'm').exec(text);
  return m ? m[1].replace(/\\/g, '.') : undefined;
}

/**
 * `alias.Rest` written through a Python module import alias, spelled with the module's own path: `import httpx as hx`
 * makes `hx.ConnectError` `httpx.ConnectError`; `from requests import exceptions as rexc` makes `rexc.Timeout`
 * `requests.exceptions.Timeout` (and a module imported by its own name, `from requests import exceptions`, the same).
 */
function unaliasedModule(dotted: string, text: string): string {
  const dot = dotted.indexOf('.');
  if (dot < 0) return dotted;
  const head = dotted.slice(0, dot);
  const module = moduleAliases(text).get(head);
  return module ? `${module}${dotted.slice(dot)}` : dotted;
}

const aliasCache = new Map<string, Map<string, string>>();

function moduleAliases(text: string): Map<string, string> {
  const key = text.length > 4096 ? text.slice(0, 4096) : text;
  let map = aliasCache.get(key);
  if (map) return map;
  map = new Map();
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)[ \t]+as[ \t]+(\w+)/gm)) map.set(m[2], m[1]);
  // `from requests import PreparedRequest, exceptions as rexc`, also parenthesised over lines: the lower-case names are modules.
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm)) {
    for (const part of m[2].replace(/[()]/g, '').split(',')) {
      const one = /^\s*([a-z_]\w*)(?:\s+as\s+(\w+))?\s*$/.exec(part.replace(/#.*$/, ''));
      if (one) map.set(one[2] ?? one[1], `${m[1]}.${one[1]}`);
    }
  }
  if (aliasCache.size > 64) aliasCache.clear();
  aliasCache.set(key, map);
  return map;
}

/** Node types of `table["key"]` and the fields holding the table and the key. */
const SUBSCRIPTS: Record<string, { object: string; index: string }> = {
  subscript: { object: 'value', index: 'subscript' }, // Python
  subscript_expression: { object: 'object', index: 'index' }, // JavaScript / TypeScript
};

/** A constant table indexed by a string key: requests' `codes["too_many_requests"]` (the same table as `codes.too_many_requests`). */
function spotIndexedConstant(
  literal: Node,
  name: string,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  const subscript = literal.parent;
  const fields = subscript ? SUBSCRIPTS[subscript.type] : undefined;
  if (!subscript || !fields || subscript.childForFieldName(fields.index)?.id !== literal.id) return undefined;
  const receiver = context.lastName(subscript.childForFieldName(fields.object));
  const status = receiver ? lookupHttpConstant(registry, support.constants, receiver, name) : undefined;
  if (status === undefined) return undefined;
  const role = context.classify(subscript, 'status') ?? 'constant';
  // A subscript broken over lines is reported where its key is.
  const site = subscript.startPosition.row === subscript.endPosition.row ? subscript : literal;
  return entry(String(status), 'http-status', role, site.startIndex, site.endIndex, subscript.text.replace(/\s+/g, ''), lines, true);
}

export interface ImportedConstant {
  receiver: string;
  member: string;
}

/**
 * Constants a file names bare after a static import, by the name used in the file (`*` for a whole table):
 * Java `import static org.springframework.http.HttpStatus.CONFLICT;` (or `.*`), C# `using static System.Net.HttpStatusCode;`,
 * Python `from starlette.status import HTTP_429_TOO_MANY_REQUESTS`.
 */
function staticImports(text: string, family: GrammarSupport['constants']): Map<string, ImportedConstant[]> {
  const result = new Map<string, ImportedConstant[]>();
  const add = (name: string, receiver: string, member: string) => result.set(name, [...(result.get(name) ?? []), { receiver, member }]);
  if (family === 'java') {
    const java = /^[ \t]*import[ \t]+static[ \t]+(?:\w+\.)*(HttpStatus|HttpURLConnection|HttpServletResponse)\.(\w+|\*)[ \t]*;/gm;
    for (const m of text.matchAll(java)) add(m[2], m[1], m[2]);
  } else if (family === 'kotlin') {
    // Kotlin imports an enum entry or a static field without `static`: `import org.springframework.http.HttpStatus.BAD_REQUEST`.
    const kotlin = /^[ \t]*import[ \t]+(?:\w+\.)+(HttpStatus|HttpURLConnection|HttpServletResponse)\.(\w+|\*)[ \t]*;?[ \t]*$/gm;
    for (const m of text.matchAll(kotlin)) add(m[2], m[1], m[2]);
  } else if (family === 'csharp') {
    const csharp = /^[ \t]*(?:global[ \t]+)?using[ \t]+static[ \t]+(?:\w+\.)*(HttpStatusCode|StatusCodes)[ \t]*;/gm;
    for (const m of text.matchAll(csharp)) add('*', m[1], '*');
  } else if (family === 'python') {
    const python = /^[ \t]*from[ \t]+(?:\w+\.)*status[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm;
    for (const m of text.matchAll(python)) {
      for (const part of m[1].replace(/#[^\n]*/g, '').replace(/[()\\]/g, '').split(',')) {
        const [member, alias] = part.trim().split(/\s+as\s+/);
        if (member && /^HTTP_\d{3}_\w+$/.test(member)) add(alias ?? member, 'status', member);
      }
    }
  }
  return result;
}

/** A bare constant brought in by a static import: `ResponseEntity.status(CONFLICT)`, `return StatusCode(NotFound);`. */
function spotImportedName(
  node: Node,
  name: string,
  imported: Map<string, ImportedConstant[]>,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  if (imported.size === 0 || node.type !== 'identifier' || node.text !== name) return undefined;
  const s = support.adapter;
  const parent = node.parent;
  if (!parent || s.members.has(parent.type)) return undefined;
  // ASP.NET `NotFound()` is a method, not `HttpStatusCode.NotFound`
  if (s.calls.has(parent.type) && s.callee(parent)?.id === node.id) return undefined;
  for (let up: Node | null = node.parent; up; up = up.parent) {
    if (/import|using_directive|enum_declaration|enum_member/.test(up.type)) return undefined;
  }
  const candidates = [...(imported.get(name) ?? []), ...(imported.get('*') ?? []).map((c) => ({ receiver: c.receiver, member: name }))];
  for (const { receiver, member } of candidates) {
    const status = lookupHttpConstant(registry, support.constants, receiver, member);
    if (status === undefined) continue;
    const role = context.classify(node, 'status') ?? 'constant';
    const spotted = entry(String(status), 'http-status', role, node.startIndex, node.endIndex, name, lines, true);
    if (role === 'retry-config' && inExcludedList(node, s)) spotted.occurrence.roleForRules = 'constant';
    return spotted;
  }
  return undefined;
}

/** An SDK's catalogued constant written bare in the SDK's own package (ownPackageConstants.ts): `case ErrorCodeConflict:` in `package hcloud`. */
function spotOwnPackageConstant(node: Node, name: string, context: StatusContext, support: GrammarSupport, registry: CatalogRegistry, lines: TextLines): SpotEntry | undefined {
  const found = support.constants === 'go' ? ownPackageConstant(node, name, lines.text, support.adapter, registry) : undefined;
  if (!found) return undefined;
  const spotted = entry(found.entry.code, 'error-code', context.classify(node, 'error-code') ?? 'constant', node.startIndex, node.endIndex, name, lines, true);
  if (found.catalog.matching === 'context') spotted.occurrence.catalog = found.catalog.id;
  return spotted;
}

function entry(
  code: string,
  kind: Occurrence['kind'],
  role: Occurrence['role'],
  start: number,
  end: number,
  text: string,
  lines: TextLines,
  symbolic = false,
): SpotEntry {
  const occurrence: Occurrence = { code, kind, role, range: lines.rangeOf(start, end), text };
  if (symbolic) occurrence.symbolic = true;
  return { occurrence, start, end };
}
