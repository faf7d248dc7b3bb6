import type { Tree } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { FlowGrammar } from '../diagnostics/flow/flowGrammar';
import { unitAround } from '../parsing/units';
import type { DocumentEdit } from '../parsing/documentTrees';
import type { TextLines } from '../parsing/textLines';
import type { Occurrence } from '../types';
import type { GrammarSupport } from './adapters';
import { importsOf, type SpotResult, spotSpan } from './spotCodes';
import type { SpotEntry } from './spotEntries';
import type { ForeignCodes } from './foreignCodeUses';

/** How often an edit was re-spotted in place (for tests and the benchmark). */
export const spotStats = { reused: 0 };

/** Per-region budget: an edited function is small; past this the whole file is spotted again. */
const REGION_BUDGET_MS = 500;

/**
 * Re-spots only the function an edit fell in, reusing the previous version's other codes (moved by the
 * edit's length). Whether a candidate is a code depends on the syntax around it up to its statement, and
 * never on the inside of a function beside it, so codes outside the function are unchanged as long as
 * the tree outside it is (tree-sitter's changed ranges lie inside it) and so are the static imports.
 * Returns undefined, meaning "spot the whole file", otherwise.
 */
export function spotAfterEdit(
  prev: SpotResult,
  edit: DocumentEdit,
  tree: Tree,
  lines: TextLines,
  support: GrammarSupport,
  grammar: FlowGrammar,
  registry: CatalogRegistry,
  foreign?: ForeignCodes,
): SpotResult | undefined {
  if (!prev.complete || !edit.changed) return undefined;
  const low = Math.min(edit.start, edit.changed[0]);
  const high = Math.max(edit.newEnd, edit.changed[1]);
  const unit = unitAround(tree, grammar, low, high);
  if (!unit) return undefined;
  const from = unit.startIndex;
  const to = unit.endIndex;
  const delta = edit.newEnd - edit.oldEnd;
  const oldTo = to - delta;

  const { imported, own, vendor, key } = importsOf(lines.text, support, foreign);
  if (key !== prev.imports) return undefined;

  const old = prev.entries;
  const first = lowerBound(old, from);
  const after = lowerBound(old, oldTo);
  if (first > 0 && old[first - 1].end > from) return undefined;
  // A constant named for no status is one where it is declared only while a use reads it as a status (see
  // ownCodes.ts `usedAsStatus`): an edit that adds or removes such a use may change a declaration outside the region.
  for (const [name, member] of own) {
    if (!member.byUse) continue;
    if (new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(lines.text.slice(from, to)) || old.slice(first, after).some((e) => e.occurrence.text === name)) return undefined;
  }

  const { entries: inside, complete } = spotSpan(tree, lines, support, registry, imported, from, to, Date.now() + REGION_BUDGET_MS, own, vendor, foreign);
  if (!complete) return undefined;
  if (inside.length > 0 && (inside[0].start < from || inside[inside.length - 1].end > to)) return undefined;

  const entries: SpotEntry[] = old.slice(0, first);
  entries.push(...inside);
  for (let i = after; i < old.length; i++) entries.push(moved(old[i], delta, lines));
  spotStats.reused++;
  return { occurrences: entries.map((e) => e.occurrence), entries, imports: key, complete: true };
}

/** First index whose entry starts at or after `offset`. */
function lowerBound(entries: readonly SpotEntry[], offset: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An entry after the edit, moved (its line may change even when the length did not). */
function moved(e: SpotEntry, delta: number, lines: TextLines): SpotEntry {
  const start = e.start + delta;
  const end = e.end + delta;
  const range = lines.rangeOf(start, end);
  const old = e.occurrence.range;
  const same = old.start.line === range.start.line && old.start.character === range.start.character && old.end.line === range.end.line && old.end.character === range.end.character;
  // The same object when only its offsets moved, so later stages can tell it is unchanged at a glance.
  const occurrence: Occurrence = same ? e.occurrence : { ...e.occurrence, range };
  return { occurrence, start, end };
}
