import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { GrammarSupport } from './adapters';
import { exceptionPosition } from './exceptionPositions';
import { inExcludedList } from './excludedLists';
import { goErrorTypePosition } from './goErrorTypes';
import { importedFromLibrary, importedFromOtherModule, phpImportAlias, pythonImportAlias, unaliasedModule } from './importedNames';
import { entry, type SpotEntry } from './spotEntries';
import type { StatusContext } from './statusContext';

/** The catalog of Go API clients' error types. */
const GO_TYPES = 'go-exceptions';

/**
 * An exception class name (or its qualified spelling) in an exception position; undefined anywhere else (an import, a
 * declaration, `throw new …`), where the name may still be something else (`HttpStatusCode.InternalServerError`).
 */
export function spotExceptionClass(
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
  // (Python `from requests.exceptions import ConnectionError as RequestsConnectionError`: the same.)
  const imported = bare.length > 0 ? undefined : support.constants === 'php' ? phpImportAlias(lines.text, name) : support.constants === 'python' ? pythonImportAlias(lines.text, name) : undefined;
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
