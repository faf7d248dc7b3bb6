import type { Node, Tree } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { Occurrence } from '../types';
import type { GrammarSupport } from './adapters';
import type { StatusContext } from './statusContext';

/** One spotted code with its offsets (sorted by `start`, one per start). */
export interface SpotEntry {
  occurrence: Occurrence;
  start: number;
  end: number;
}

/** A spotted code at [start, end) of the text, as its occurrence (`symbolic`: written as a name, not a number). */
export function entry(
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

/** One span's spotting as its passes share it: the file, the span [from, to), the codes found so far, the time budget. */
export interface SpanSpotting {
  readonly tree: Tree;
  readonly root: Node;
  readonly text: string;
  readonly lines: TextLines;
  readonly support: GrammarSupport;
  readonly registry: CatalogRegistry;
  readonly context: StatusContext;
  readonly from: number;
  readonly to: number;
  /** Numbers by their start; names by their occurrence's start (a later candidate there replaces an earlier one). */
  readonly numbers: Map<number, SpotEntry>;
  readonly names: Map<number, SpotEntry>;
  /** Past the time budget a pass stops and the result is marked partial. */
  overBudget(): boolean;
  /** False once the time budget ran out. */
  readonly complete: boolean;
}
