/**
 * Inlay hints: the reason phrase after a bare numeric status code (`429` ▸ `Too Many Requests`).
 * Named constants already say what they mean, so they get none; neither does an .http status line
 * that spells its phrase out.
 */
import type { CatalogRegistry } from './catalog/catalogRegistry';
import type { Occurrence, Position, Range } from './types';

export interface InlayHintResult {
  position: Position;
  label: string;
  paddingLeft: boolean;
  /** Markdown: the catalog's one-line summary. */
  tooltip?: string;
}

export function computeInlayHints(
  occurrences: readonly Occurrence[],
  range: Range,
  registry: CatalogRegistry,
  lineText: (line: number) => string,
): InlayHintResult[] {
  const hints: InlayHintResult[] = [];
  for (const o of occurrences) {
    if (o.kind !== 'http-status' || o.symbolic || !/^\d{3}$/.test(o.text)) continue;
    if (!within(o.range.end, range)) continue;
    const entry = registry.httpStatus(o.code)[0]?.entry;
    if (!entry) continue;
    const after = lineText(o.range.end.line).slice(o.range.end.character).trimStart().toLowerCase();
    if (after.startsWith(entry.name.toLowerCase())) continue;
    hints.push({ position: o.range.end, label: entry.name, paddingLeft: true, tooltip: `**HTTP ${entry.code} ${entry.name}** — ${entry.summary}` });
  }
  return hints;
}

function within(p: Position, r: Range): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
