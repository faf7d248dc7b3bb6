/**
 * Loads workspace catalogs (`*.errorcodes.json` and files named in `errorCodeInsight.catalogs`) from
 * their text. Each file is validated on its own: a broken file never stops the others, and the
 * problems of each file are returned for the caller to show in that file.
 */
import type { CatalogFile } from './schema';
import { type CatalogLimits, type CatalogProblem, CATALOG_LIMITS, validateCatalogText } from './catalogValidation';

/** One catalog file as read by the caller: where it is (path or URI) and its text. */
export interface CatalogSource {
  location: string;
  text: string;
}

export interface LoadedCatalog {
  location: string;
  file: CatalogFile;
}

/** What happened to one file: its problems, whether anything of it loaded and how many entries. */
export interface CatalogFileReport {
  location: string;
  problems: CatalogProblem[];
  loaded: boolean;
  entries: number;
  dropped: number;
}

export interface WorkspaceCatalogsResult {
  /** The loadable catalogs in the order given: later files override earlier ones (and the built-ins). */
  loaded: LoadedCatalog[];
  /** One report per input file, in the order given. */
  reports: CatalogFileReport[];
}

/** Most workspace catalog files loaded at once; the rest are reported and skipped. */
export const MAX_CATALOG_FILES = 200;

export function loadWorkspaceCatalogs(files: readonly CatalogSource[], limits: CatalogLimits = CATALOG_LIMITS): WorkspaceCatalogsResult {
  const loaded: LoadedCatalog[] = [];
  const reports: CatalogFileReport[] = [];
  const seenLocations = new Set<string>();
  files.forEach((source, index) => {
    if (seenLocations.has(source.location)) return; // the same file found twice (folder walk + setting)
    seenLocations.add(source.location);
    if (index >= MAX_CATALOG_FILES) {
      reports.push({
        location: source.location,
        problems: [{ message: `Catalog not loaded: more than ${MAX_CATALOG_FILES} catalog files in the workspace.`, range: zeroRange(), severity: 'warning' }],
        loaded: false,
        entries: 0,
        dropped: 0,
      });
      return;
    }
    let result;
    try {
      result = validateCatalogText(typeof source.text === 'string' ? source.text : '', limits);
    } catch (error) {
      // Validation is meant never to throw; if it does, the file is reported, not the whole load lost.
      result = { problems: [{ message: `Catalog not loaded: ${error instanceof Error ? error.message : String(error)}`, range: zeroRange(), severity: 'error' as const }], dropped: 0 };
    }
    const file = 'file' in result ? result.file : undefined;
    if (file) loaded.push({ location: source.location, file });
    reports.push({ location: source.location, problems: result.problems, loaded: !!file, entries: file?.codes.length ?? 0, dropped: result.dropped });
  });
  return { loaded, reports };
}

function zeroRange(): CatalogProblem['range'] {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
