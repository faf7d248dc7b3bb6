/**
 * The workspace's codes for the Error Codes view: per file, each occurrence with its line text and
 * whether it is handled. Filled by the workspace scan (files not open) and from open documents.
 * Pure data; the server feature turns it into protocol messages.
 */
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { Finding, Occurrence, OccurrenceKind, Range } from '../types';

/** Rules whose diagnostic marks a code as unhandled where it stands. */
export const UNHANDLED_RULES: ReadonlySet<string> = new Set(['retryable-treated-as-final', 'no-retry-on-request']);

export type PlaceState = 'unhandled' | 'retry-configured' | 'handled';

export interface IndexedPlace {
  uri: string;
  code: string;
  kind: OccurrenceKind;
  role: string;
  range: Range;
  lineText: string;
  state: PlaceState;
}

export interface IndexedGroup {
  code: string;
  kind: OccurrenceKind;
  name: string;
  retryable: 'yes' | 'conditional' | 'no' | 'unknown';
  places: Array<Omit<IndexedPlace, 'code' | 'kind'>>;
  unhandled: number;
  retryConfigured: number;
}

export class CodeIndex {
  private readonly files = new Map<string, IndexedPlace[]>();

  /** Records (or replaces) what one file holds. Files without codes are forgotten. */
  set(uri: string, occurrences: readonly Occurrence[], findings: readonly Finding[], lineText: (line: number) => string): void {
    const covering = findings.filter((f) => UNHANDLED_RULES.has(f.rule));
    const places = occurrences.map((o): IndexedPlace => ({
      uri,
      code: o.code,
      kind: o.kind,
      role: o.role,
      range: o.range,
      lineText: lineText(o.range.start.line).trim().slice(0, 200),
      state: o.role === 'retry-config' ? 'retry-configured' : covering.some((f) => covers(f, o)) ? 'unhandled' : 'handled',
    }));
    if (places.length > 0) this.files.set(uri, places);
    else this.files.delete(uri);
  }

  delete(uri: string): void {
    this.files.delete(uri);
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Codes grouped by code: most unhandled first, then most places, then by code. */
  groups(registry: CatalogRegistry, onlyUnhandledRetryable = false): IndexedGroup[] {
    const byCode = new Map<string, IndexedGroup>();
    const uris = [...this.files.keys()].sort();
    for (const uri of uris) {
      for (const p of this.files.get(uri)!) {
        const key = `${p.kind}:${p.code}`;
        let group = byCode.get(key);
        if (!group) {
          const entry = (p.kind === 'http-status' ? registry.httpStatus(p.code) : registry.errorCode(p.code))[0]?.entry;
          group = { code: p.code, kind: p.kind, name: entry?.name ?? '', retryable: entry?.retry.verdict ?? 'unknown', places: [], unhandled: 0, retryConfigured: 0 };
          byCode.set(key, group);
        }
        group.places.push({ uri: p.uri, role: p.role, range: p.range, lineText: p.lineText, state: p.state });
        if (p.state === 'unhandled') group.unhandled++;
        if (p.state === 'retry-configured') group.retryConfigured++;
      }
    }
    let groups = [...byCode.values()];
    if (onlyUnhandledRetryable) groups = groups.filter((g) => g.unhandled > 0 && (g.retryable === 'yes' || g.retryable === 'conditional'));
    return groups.sort((a, b) => b.unhandled - a.unhandled || b.places.length - a.places.length || a.code.localeCompare(b.code, 'en', { numeric: true }));
  }
}

/** A finding covers an occurrence when their ranges overlap, or its check/branch holds it and names its code. */
function covers(finding: Finding, o: Occurrence): boolean {
  if (overlaps(finding.range, o.range)) return true;
  const data = (finding.data ?? {}) as { codes?: unknown; checkRange?: Range; branchRange?: Range };
  const named = Array.isArray(data.codes) && data.codes.includes(o.code);
  return named && [data.checkRange, data.branchRange].some((r) => r !== undefined && overlaps(r, o.range));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}
