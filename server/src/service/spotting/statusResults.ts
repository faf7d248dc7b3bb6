import type { Node } from 'web-tree-sitter';
import statusResults from '../../../data/status-results.json';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * ASP.NET Core action results that always answer with one status (data: server/data/status-results.json):
 * `return new BadRequestResult();` is a 400 sent, `new OkObjectResult(dto)` a 200. Found by a text pass for
 * `new <Name>(` (the names are no catalog words) and confirmed on the syntax tree: an object creation whose type is
 * exactly that class, with no receiver of its own (a `Results.BadRequestResult` of some other library stays silent).
 */
const CLASSES = (statusResults as { classes: Record<string, number> }).classes;
const NEW_RESULT = new RegExp(`\\bnew[ \\t]+(${Object.keys(CLASSES).join('|')})[ \\t]*[({]`, 'g');

export interface StatusResultSite {
  status: number;
  /** The class name's offsets. */
  start: number;
  end: number;
}

/** Calls `found` for each constructed status result whose class name starts in [from, to). */
export function findStatusResults(text: string, root: Node, s: SyntaxAdapter, from: number, to: number, found: (site: StatusResultSite) => void): void {
  const pattern = new RegExp(NEW_RESULT.source, 'g');
  pattern.lastIndex = Math.max(0, from - 8);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    if (start < from) continue;
    if (start >= to) break;
    const name = root.descendantForIndex(start, start + m[1].length);
    const creation = name?.parent;
    if (!name || name.text !== m[1] || !creation || creation.type !== 'object_creation_expression' || s.callee(creation)?.id !== name.id) continue;
    found({ status: CLASSES[m[1]], start, end: start + m[1].length });
  }
}
