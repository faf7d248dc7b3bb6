import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namesReasonPhrase } from './reasonPhraseNames';
import { NUMBERED_NAME, numberInName } from './statusNumberNames';

/**
 * Status constants whose name carries the number: `HTTP_429`, `STATUS_503`, `HttpStatus503`, `SC_404`,
 * `STATUS_CODE_500`, `Codes.HTTP_200`. The declaration (`const val HTTP_429 = 429`) is spotted by its number; these
 * are the uses, wherever the file got the constant from, so nothing needs to resolve an import to know the code.
 */
const NUMBERED = new RegExp(`(?<![\\w$])${NUMBERED_NAME}`, 'gi');

/**
 * Jetty's (and Dropwizard's) `HttpStatus.BAD_REQUEST_400`, `TOO_MANY_REQUESTS_429`: the reason phrase, then the number.
 * The phrase must be the number's own (`namesReasonPhrase`), so `TIMEOUT_500` or `MAX_SIZE_404` name nothing.
 */
const PHRASE_NUMBERED = /(?<![\w$])([A-Z][A-Z_]*[A-Z])_([1-5]\d\d)(?![\w$])/g;

export interface NumberedStatusName {
  status: string;
  start: number;
  end: number;
  role: OccurrenceRole;
}

/** Calls `found` for each use of a numbered status constant starting in [from, to). */
export function findNumberedStatusNames(
  text: string,
  root: Node,
  s: SyntaxAdapter,
  context: StatusContext,
  from: number,
  to: number,
  found: (site: NumberedStatusName) => void,
): void {
  // A use of the name spelled at [start, end): where it stands as a name (not declared or imported there), its role.
  const use = (start: number, end: number, status: string): void => {
    const node = root.descendantForIndex(start, end);
    if (!node || node.startIndex !== start || node.endIndex !== end || !/identifier|constant|^name$/.test(node.type)) return;
    if (isDeclaredHere(node, s)) return;
    const site = node.parent && s.members.has(node.parent.type) && s.memberParts(node.parent)?.property === node.text ? node.parent : node;
    found({ status, start: site.startIndex, end: site.endIndex, role: context.classify(site, 'status') ?? 'constant' });
  };
  NUMBERED.lastIndex = from;
  for (let match = NUMBERED.exec(text); match && match.index < to; match = NUMBERED.exec(text)) {
    // Upper case with separators or camel case (`HTTP_429`, `Http429`), not a lower-case word such as `http500`.
    if (/^[A-Z]/.test(match[0])) use(match.index, match.index + match[0].length, match[1]);
  }
  NUMBERED.lastIndex = 0;
  PHRASE_NUMBERED.lastIndex = from;
  for (let match = PHRASE_NUMBERED.exec(text); match && match.index < to; match = PHRASE_NUMBERED.exec(text)) {
    if (namesReasonPhrase(match[1], match[2]) && numberInName(match[0]) === undefined) use(match.index, match.index + match[0].length, match[2]);
  }
  PHRASE_NUMBERED.lastIndex = 0;
}

/** The name being declared (`HTTP_429 = 429`, `val HTTP_429: Int = 429`, `case HTTP_429 = 429`) or imported, not a use of it. */
function isDeclaredHere(node: Node, s: SyntaxAdapter): boolean {
  for (let up: Node | null = node.parent, depth = 0; up && depth < 4; up = up.parent, depth++) {
    if (/import|use_declaration|using_directive|namespace_use/.test(up.type)) return true; // `import x.y.HTTP_429`
    if (s.assignments.has(up.type)) {
      const target = s.assignTarget(up);
      return target !== null && target.startIndex <= node.startIndex && node.endIndex <= target.endIndex;
    }
    if (/declarator|const_spec|var_spec|enum_member|enum_entry|enum_constant|variable_declaration|const_declaration|constant_declaration|field_declaration|property_declaration|const_item|static_item|parameter/.test(up.type)) {
      return up.namedChild(0)?.id === node.id || up.childForFieldName('name')?.id === node.id;
    }
  }
  return false;
}
