import type { ClassSummary, FileSummary } from './summaryTypes';
import type { WorkspaceIndex } from './workspaceIndex';
import { samePackageAs } from './moduleResolution';
import type { UnboundedSource } from './workspaceView';

/** Something of another file, and the file it is in. */
export interface Located<T> {
  item: T;
  uri: string;
}

/** A class named in `from` (imported, module-qualified, same package or same file), wherever it is declared. */
export function findClass(index: WorkspaceIndex, from: FileSummary, written: string, depth = 0): Located<ClassSummary> | undefined {
  const last = written.split('.').pop()!;
  const qualifier = written.includes('.') ? written.slice(0, written.lastIndexOf('.')) : undefined;
  const inFile = (uri: string, name: string) => {
    const item = index.get(uri)?.classes.find((c) => c.name === name);
    return item ? { item, uri } : undefined;
  };
  for (const b of from.imports) {
    const byName = qualifier === undefined && b.local === last && b.member !== '*';
    const byModule = qualifier !== undefined && b.local === qualifier;
    if (!byName && !byModule) continue;
    for (const uri of index.resolve(from, b)) {
      const member = byName ? b.member : last;
      const found = inFile(uri, member);
      if (found) return found;
      // `import ExternalApi from './external'`: the default export, a class of that name or the file's only class.
      if (member === 'default') {
        const classes = index.get(uri)?.classes ?? [];
        const only = classes.find((c) => c.name === b.local) ?? (classes.length === 1 ? classes[0] : undefined);
        if (only) return { item: only, uri };
      }
      // Re-exported by the module named (`from .base import PortalBase` in an __init__.py).
      const target = index.get(uri);
      if (target && depth < 3 && target.imports.some((i) => i.local === member)) {
        const again = findClass(index, target, member, depth + 1);
        if (again) return again;
      }
    }
  }
  if (qualifier === undefined) {
    const here = from.classes.find((c) => c.name === last);
    if (here) return { item: here, uri: from.uri };
    // Same package or namespace, or a wildcard import / using of the package that declares it.
    const wildcards = new Set(from.imports.filter((b) => b.local === '*').map((b) => b.module));
    for (const uri of index.classesNamed(last)) {
      const other = index.get(uri);
      if (!other || uri === from.uri) continue;
      if (samePackageAs(from, other) || (other.packageName && wildcards.has(other.packageName))) return inFile(uri, last);
    }
  }
  return undefined;
}

/** Fields of `cls`'s base classes (in other files) that hold a client a retry mechanism is set up on. */
export function collectBaseFields(index: WorkspaceIndex, from: FileSummary, cls: ClassSummary, out: Record<string, string>, depth: number, seen: Set<string>): void {
  if (depth > 4) return;
  for (const baseName of cls.bases) {
    const base = findClass(index, from, baseName);
    if (!base || base.item === cls || seen.has(`${base.uri}#${base.item.name}`)) continue;
    seen.add(`${base.uri}#${base.item.name}`);
    if (base.item.retryMechanism && base.uri !== from.uri) {
      for (const field of base.item.fields) out[field] ??= `${base.item.retryMechanism} (set up in base class ${base.item.name}, ${shortPath(base.uri)}:${base.item.line + 1})`;
    }
    const baseFile = index.get(base.uri);
    if (baseFile) collectBaseFields(index, baseFile, base.item, out, depth + 1, seen);
  }
}

/** Fields base classes of other files fill with a client that bounds no request (ClassSummary.unboundedFields). */
export function collectBaseUnbounded(index: WorkspaceIndex, from: FileSummary, cls: ClassSummary, out: Record<string, UnboundedSource>, depth: number, seen: Set<string>, origin = from.uri): void {
  if (depth > 4) return;
  for (const baseName of cls.bases) {
    const base = findClass(index, from, baseName);
    if (!base || base.item === cls || seen.has(`${base.uri}#${base.item.name}`)) continue;
    seen.add(`${base.uri}#${base.item.name}`);
    for (const [field, library] of Object.entries(base.item.unboundedFields ?? {})) {
      // (A base class of the same file: its construction is reported there, where the timeout goes.)
      if (base.uri !== origin) out[field] ??= { from: `base class ${base.item.name} (${shortPath(base.uri)}:${base.item.line + 1})`, library };
    }
    const baseFile = index.get(base.uri);
    if (baseFile) collectBaseUnbounded(index, baseFile, base.item, out, depth + 1, seen, origin);
  }
}

/** A file as a finding names it: its last two path segments (`api/external.ts`). */
export function shortPath(uri: string): string {
  return uri.split('/').slice(-2).join('/');
}
