import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { GrammarSupport } from './adapters';
import { lookupHttpConstant } from './constants';
import { inExcludedList } from './excludedLists';
import { entry, type SpotEntry } from './spotEntries';
import type { StatusContext } from './statusContext';

/** A constant brought in by a static import: the table (`HttpStatus`) and the member (`CONFLICT`, or `*`). */
export interface ImportedConstant {
  receiver: string;
  member: string;
}

/**
 * Constants a file names bare after a static import, by the name used in the file (`*` for a whole table):
 * Java `import static org.springframework.http.HttpStatus.CONFLICT;` (or `.*`), C# `using static System.Net.HttpStatusCode;`,
 * Python `from starlette.status import HTTP_429_TOO_MANY_REQUESTS`.
 */
export function staticImports(text: string, family: GrammarSupport['constants']): Map<string, ImportedConstant[]> {
  const result = new Map<string, ImportedConstant[]>();
  const add = (name: string, receiver: string, member: string) => result.set(name, [...(result.get(name) ?? []), { receiver, member }]);
  if (family === 'java') {
    const java = /^[ \t]*import[ \t]+static[ \t]+(?:\w+\.)*(HttpStatus|HttpURLConnection|HttpServletResponse)\.(\w+|\*)[ \t]*;/gm;
    for (const m of text.matchAll(java)) add(m[2], m[1], m[2]);
  } else if (family === 'kotlin') {
    // Kotlin imports an enum entry or a static field without `static`: `import org.springframework.http.HttpStatus.BAD_REQUEST`.
    const kotlin = /^[ \t]*import[ \t]+(?:\w+\.)+(HttpStatus|HttpURLConnection|HttpServletResponse)\.(\w+|\*)[ \t]*;?[ \t]*$/gm;
    for (const m of text.matchAll(kotlin)) add(m[2], m[1], m[2]);
  } else if (family === 'csharp') {
    const csharp = /^[ \t]*(?:global[ \t]+)?using[ \t]+static[ \t]+(?:\w+\.)*(HttpStatusCode|StatusCodes)[ \t]*;/gm;
    for (const m of text.matchAll(csharp)) add('*', m[1], '*');
  } else if (family === 'python') {
    const python = /^[ \t]*from[ \t]+(?:\w+\.)*status[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm;
    for (const m of text.matchAll(python)) {
      for (const part of m[1].replace(/#[^\n]*/g, '').replace(/[()\\]/g, '').split(',')) {
        const [member, alias] = part.trim().split(/\s+as\s+/);
        if (member && /^HTTP_\d{3}_\w+$/.test(member)) add(alias ?? member, 'status', member);
      }
    }
  }
  return result;
}

/** The static imports as a comparable key. */
export function importsKey(imported: Map<string, ImportedConstant[]>): string {
  return imported.size === 0 ? '' : JSON.stringify([...imported]);
}

/** A bare constant brought in by a static import: `ResponseEntity.status(CONFLICT)`, `return StatusCode(NotFound);`. */
export function spotImportedName(
  node: Node,
  name: string,
  imported: Map<string, ImportedConstant[]>,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  if (imported.size === 0 || node.type !== 'identifier' || node.text !== name) return undefined;
  const s = support.adapter;
  const parent = node.parent;
  if (!parent || s.members.has(parent.type)) return undefined;
  // ASP.NET `NotFound()` is a method, not `HttpStatusCode.NotFound`
  if (s.calls.has(parent.type) && s.callee(parent)?.id === node.id) return undefined;
  for (let up: Node | null = node.parent; up; up = up.parent) {
    if (/import|using_directive|enum_declaration|enum_member/.test(up.type)) return undefined;
  }
  const candidates = [...(imported.get(name) ?? []), ...(imported.get('*') ?? []).map((c) => ({ receiver: c.receiver, member: name }))];
  for (const { receiver, member } of candidates) {
    const status = lookupHttpConstant(registry, support.constants, receiver, member);
    if (status === undefined) continue;
    const role = context.classify(node, 'status') ?? 'constant';
    const spotted = entry(String(status), 'http-status', role, node.startIndex, node.endIndex, name, lines, true);
    if (role === 'retry-config' && inExcludedList(node, s)) spotted.occurrence.roleForRules = 'constant';
    return spotted;
  }
  return undefined;
}
