import type { Tree } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { Occurrence } from '../types';
import type { GrammarSupport } from './adapters';
import { StatusContext } from './statusContext';
import { spotProtocolCodes } from './protocolCodes';
import { errnoConstantsKey } from './errnoMessages';
import { ownVendorCodesKey, ownVendorCodeTable, type OwnVendorCodeTable } from './ownVendorCodes';
import { inRetryPredicate, mayHoldRetryPredicates } from './retryPredicates';
import { ownCodesKey, ownCodeTable, type OwnCodeTable } from './ownCodes';
import type { ForeignCodes } from './foreignCodeUses';
import { spotErrorCodes } from './errorCodePasses';
import { IMPORT_STYLES, spotNames } from './namePasses';
import type { SpanSpotting, SpotEntry } from './spotEntries';
import { type ImportedConstant, importsKey, staticImports } from './staticImports';
import { spotStatusForms } from './statusFormPasses';
import { spotStatusNumbers } from './statusNumbers';

/**
 * Time budget for one file: tree-sitter's `parent`/`descendantForIndex` are linear in the width of flat
 * ERROR nodes and in nesting depth, so a broken or minified file full of candidates can go quadratic
 * (a 1 MB minified line took minutes). Past the budget the remaining candidates are left unclassified.
 */
const BUDGET_MS = 1000;
const BUDGET_MS_PER_KB = 2;

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
  const span: SpanSpotting = {
    tree,
    root,
    text,
    lines,
    support,
    registry,
    context,
    from,
    to,
    numbers,
    names,
    // Past the time budget a pass stops and the result is marked partial.
    overBudget: (): boolean => {
      if (Date.now() > deadline) complete = false;
      return !complete;
    },
    get complete() {
      return complete;
    },
  };

  spotStatusNumbers(span);
  spotNames(span, imported, own);
  spotErrorCodes(span, vendor, foreign);
  spotStatusForms(span);

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
