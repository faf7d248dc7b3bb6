import type { Node } from 'web-tree-sitter';
import statusExceptions from '../../../data/status-exceptions.json';
import type { OccurrenceRole } from '../types';
import { exceptionPosition } from './exceptionPositions';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * Exception classes named after one HTTP status (data: server/data/status-exceptions.json): Spring's
 * `HttpClientErrorException.NotFound` (404), `HttpServerErrorException.BadGateway` (502),
 * `WebClientResponseException.TooManyRequests` (429). Written qualified, or bare after an import of the nested class
 * (`import org.springframework.web.client.HttpServerErrorException.BadGateway;`), and only where the class stands as an
 * exception type (a catch, instanceof, `@Retryable(exclude = {…})`, `assertThrows(….class, …)`).
 */
interface Table {
  outer: string;
  package: string;
  members: Record<string, number>;
}

const TABLES = (statusExceptions as { tables: Table[] }).tables;
const BY_OUTER = new Map(TABLES.map((t) => [t.outer, t]));

export interface StatusExceptionSite {
  status: number;
  site: Node;
  role: OccurrenceRole;
}

/** The status an exception class at `name` (an identifier) stands for, with its role; undefined elsewhere. */
export function statusException(name: Node, text: string, reader: ExpressionReader, s: SyntaxAdapter): StatusExceptionSite | undefined {
  const member = name.text;
  const parent = name.parent;
  let status: number | undefined;
  if (parent && /scoped_type_identifier|field_access|scoped_identifier|^user_type$|^navigation_expression$/.test(parent.type) && parent.lastNamedChild?.id === name.id) {
    // `HttpClientErrorException.NotFound` (Kotlin's class reference `WebClientResponseException.NotFound::class.java`
    // spells it as a navigation)
    const outer = parent.namedChild(parent.namedChildCount - 2)?.text.split('.').pop() ?? '';
    status = BY_OUTER.get(outer)?.members[member];
  } else if (name.type === 'type_identifier' || name.type === 'identifier') {
    // `BadGateway` after `import org.springframework.web.client.HttpServerErrorException.BadGateway;`
    for (const table of TABLES) {
      if (table.members[member] === undefined) continue;
      const imported = new RegExp(`^[ \\t]*import[ \\t]+${table.package.replace(/\./g, '\\.')}\\.${table.outer}\\.(?:${member}|\\*)[ \\t]*;?[ \\t]*$`, 'm');
      if (imported.test(text)) status = table.members[member];
    }
  }
  if (status === undefined) return undefined;
  const at = exceptionPosition(name, reader, s);
  return at && !at.builtInTest ? { status, site: at.site, role: at.role } : undefined;
}
