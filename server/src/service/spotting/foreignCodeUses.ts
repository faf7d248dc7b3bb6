import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { ownCodeUseRole, useSite } from './ownCodes';
import { byUseRole, ownVendorCodeUseRole } from './ownVendorCodes';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';

/*
 * Uses of the codes other files of the project declare (their summaries' `codes`, resolved by the workspace index
 * through this file's imports and package: workspace/foreignCodes.ts): `if error_code == API_ERR_CODE_UNAUTH` with
 * `from .const import API_ERR_CODE_UNAUTH`, `case CloseType.RateLimited:` with the enum in another file of the
 * namespace, Go's `StatusRateLimitExceeded` from a file of the same package. The declaration was confirmed where it
 * stands; here only the name as written (bare, or with the qualifier this file reaches it by) and the use's role count.
 */

/** A code of another file, as this file may write it. */
export interface ForeignCode {
  code: string;
  kind: 'http-status' | 'websocket' | 'error-code';
  /**
   * Its name says nothing about statuses (or, for an API's code, nothing vouched for it where it is declared): a use
   * counts only where it reads as a status check (an error code compared whole with an error's code).
   */
  byUse?: boolean;
  /** What the name is qualified with here (`.` between parts): '' bare, `const` (`const.API_ERR`), `HttpCodes`. */
  qualifier: string;
  /** The qualifier is the declaring type, which may be written after its namespace (`Models.CloseType.RateLimited`). */
  owned?: boolean;
  /** The declaring file. */
  uri: string;
}

/** What one file can read of other files' codes. */
export interface ForeignCodes {
  /** By the name written last (`RateLimited` in `CloseType.RateLimited`, the local name of an import). */
  byName: ReadonlyMap<string, readonly ForeignCode[]>;
  /** Changes exactly when what the file can read does (it keys the file's spotting). */
  key: string;
}

export interface ForeignCodeUse {
  code: string;
  kind: ForeignCode['kind'];
  node: Node;
  role: OccurrenceRole;
}

const WORD = /[A-Za-z_$][\w$]*/g;

/** Calls `found` for each use in [from, to) of a code of another file, whose site `taken` does not claim; stops when it returns false. */
export function findForeignCodeUses(
  text: string,
  root: Node,
  syntax: SyntaxAdapter,
  context: StatusContext,
  foreign: ForeignCodes,
  from: number,
  to: number,
  taken: (start: number) => boolean,
  found: (use: ForeignCodeUse) => boolean,
): void {
  if (foreign.byName.size === 0) return;
  const word = new RegExp(WORD.source, 'g');
  word.lastIndex = from;
  while (word.lastIndex > 0 && word.lastIndex < text.length && /[\w$]/.test(text[word.lastIndex - 1])) word.lastIndex++;
  for (let m = word.exec(text); m && m.index < to; m = word.exec(text)) {
    const candidates = foreign.byName.get(m[0]);
    if (!candidates) continue;
    const node = root.descendantForIndex(m.index, m.index + m[0].length);
    const site = node && node.startIndex === m.index && node.endIndex === m.index + m[0].length ? useSite(node, syntax) : undefined;
    if (!site || taken(site.startIndex)) continue;
    const qualifier = site.id === node!.id ? '' : qualifierOf(site, syntax);
    const matching = candidates.filter((c) => c.qualifier === qualifier || (c.owned && qualifier.endsWith(`.${c.qualifier}`)));
    if (matching.length === 0 || matching.some((c) => c.code !== matching[0].code || c.kind !== matching[0].kind)) continue;
    const code = matching[0];
    const byUse = matching.every((c) => c.byUse);
    const role =
      code.kind === 'error-code'
        ? byUse
          ? byUseRole(site, code.code, syntax, context)
          : ownVendorCodeUseRole(site, syntax, context, code.code)
        : ownCodeUseRole(site, { byUse, kind: code.kind === 'websocket' ? 'websocket' : undefined }, syntax, context);
    if (role && !found({ code: code.code, kind: code.kind, node: site, role })) return;
  }
}

/** The text names one of the codes as a word (a cheap test before analysing a file again for them). */
export function namesForeignCode(text: string, foreign: ForeignCodes): boolean {
  for (const m of text.matchAll(WORD)) if (foreign.byName.has(m[0])) return true;
  return false;
}

/** The object of a qualified use, its parts joined by `.` (`Models.CloseType` for `Models::CloseType::RateLimited`). */
function qualifierOf(site: Node, syntax: SyntaxAdapter): string {
  const object = syntax.memberParts(site)?.object;
  return (object?.text ?? '').replace(/\s+/g, '').replace(/::|->|\\/g, '.').replace(/^\.+/, '');
}
