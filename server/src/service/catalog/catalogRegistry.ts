import type { CatalogEntry, CatalogFile, CatalogInfo, HttpConstantsTable } from './schema';

/** Where a catalog came from: shipped with the extension, or a file in the user's workspace. */
export interface CatalogOrigin {
  kind: 'built-in' | 'workspace';
  /** Path or URI of a workspace catalog file. */
  location?: string;
}

/** A catalog entry with the catalog it belongs to. */
export interface ResolvedEntry {
  entry: CatalogEntry;
  catalog: CatalogInfo;
  origin: CatalogOrigin;
}

/** Languages of the constants table: JS and TS share one. */
export type ConstantFamily = 'python' | 'javascript' | 'go' | 'java' | 'csharp' | 'ruby' | 'php' | 'rust' | 'kotlin';

/**
 * All known codes, layered: built-in catalogs first, workspace catalogs after them. For one code the
 * latest layer wins the hover headline; earlier entries stay available (`all`) so a hover can say
 * what a vendor catalog adds to the HTTP meaning.
 */
export class CatalogRegistry {
  private readonly layers: Array<{ file: CatalogFile; origin: CatalogOrigin }> = [];
  private httpIndex = new Map<string, ResolvedEntry[]>();
  private errorIndex = new Map<string, ResolvedEntry[]>();
  private constantIndex = new Map<string, ResolvedEntry[]>();
  private namePattern: RegExp | undefined;
  private nameSet: Set<string> | undefined;

  constructor(builtins: readonly CatalogFile[], private readonly constants: HttpConstantsTable) {
    for (const file of builtins) this.layers.push({ file, origin: { kind: 'built-in' } });
    this.reindex();
  }

  /** Replaces every workspace catalog at once (after a load or reload). */
  setWorkspaceCatalogs(files: ReadonlyArray<{ file: CatalogFile; location: string }>): void {
    const builtins = this.layers.filter((l) => l.origin.kind === 'built-in');
    this.layers.length = 0;
    this.layers.push(...builtins);
    for (const { file, location } of files) this.layers.push({ file, origin: { kind: 'workspace', location } });
    this.reindex();
  }

  /** The entries for an HTTP status, newest layer first. */
  httpStatus(code: string | number): ResolvedEntry[] {
    return this.httpIndex.get(String(code)) ?? [];
  }

  /** The entries for an error-code string (code or plain alias), newest layer first. */
  errorCode(code: string): ResolvedEntry[] {
    return this.errorIndex.get(code) ?? [];
  }

  /**
   * The entries of exception-class catalogs (ids ending in `-exceptions`) for a class name or a qualified alias
   * (`HttpRequestException`, `openai.RateLimitError`), newest layer first. Such a name is a code only where it
   * stands as an exception type: a catch clause, an `instanceof`, a retry's exception list.
   */
  exceptionClass(name: string): ResolvedEntry[] {
    if (!name.includes('.')) return (this.errorIndex.get(name) ?? []).filter((e) => isExceptionCatalog(e.catalog.id));
    // `x.openai.RateLimitError` matches the alias `openai.RateLimitError` (any dot boundary, as `errorConstant`).
    const parts = name.split('.');
    for (let i = 0; i < parts.length - 1; i++) {
      const hit = (this.constantIndex.get(parts.slice(i).join('.')) ?? []).filter((e) => isExceptionCatalog(e.catalog.id));
      if (hit.length > 0) return hit;
    }
    return [];
  }

  /** The entry a `context` catalog (see CatalogInfo.matching) holds for a code, newest layer first. */
  contextCode(catalogId: string, code: string): ResolvedEntry | undefined {
    return this.errorIndex.get(code)?.find((e) => e.catalog.id === catalogId);
  }

  /** The entries for a dotted constant spelling such as `codes.Unavailable`, matching at any dot boundary. */
  errorConstant(dotted: string): ResolvedEntry[] {
    const parts = dotted.split('.');
    for (let i = 0; i < parts.length - 1; i++) {
      const hit = this.constantIndex.get(parts.slice(i).join('.'));
      if (hit) return hit;
    }
    return [];
  }

  /** The status a symbolic HTTP constant stands for (`http.StatusTooManyRequests` → 429). */
  httpConstant(family: ConstantFamily, receiver: string, member: string): number | undefined {
    return this.constants[family]?.[receiver]?.[member];
  }

  /** Every name worth a closer look in a text scan: constant members, error codes, alias tails. */
  candidatePattern(): RegExp {
    if (!this.namePattern) {
      const escaped = [...this.candidateNames()].map(escapeRegExp).sort((a, b) => b.length - a.length);
      this.namePattern = new RegExp(`(?<![\\w$])(?:${escaped.join('|') || '(?!)'})(?![\\w$])`, 'g');
    }
    return this.namePattern;
  }

  /** The names `candidatePattern()` looks for, as a set (a word scan with lookups is faster than the big alternation). */
  candidateNames(): ReadonlySet<string> {
    if (!this.nameSet) {
      const names = new Set<string>();
      for (const family of Object.values(this.constants)) {
        for (const members of Object.values(family)) for (const member of Object.keys(members)) names.add(member);
      }
      // Codes of `context` catalogs (plain numbers: -32601, 1011) are never looked for as words.
      for (const [key, entries] of this.errorIndex) if (entries.some((e) => e.catalog.matching !== 'context')) names.add(key);
      for (const key of this.constantIndex.keys()) names.add(key.slice(key.lastIndexOf('.') + 1));
      for (const name of names) if (name.length <= 1) names.delete(name);
      this.nameSet = names;
    }
    return this.nameSet;
  }

  /** All entries of every layer, for completion and overviews. */
  allEntries(): ResolvedEntry[] {
    return this.layers.flatMap(({ file, origin }) => file.codes.map((entry) => ({ entry, catalog: file.catalog, origin })));
  }

  catalogs(): ReadonlyArray<{ catalog: CatalogInfo; origin: CatalogOrigin; count: number }> {
    return this.layers.map(({ file, origin }) => ({ catalog: file.catalog, origin, count: file.codes.length }));
  }

  private reindex(): void {
    this.httpIndex = new Map();
    this.errorIndex = new Map();
    this.constantIndex = new Map();
    this.namePattern = undefined;
    this.nameSet = undefined;
    for (const { file, origin } of this.layers) {
      for (const entry of file.codes) {
        const resolved: ResolvedEntry = { entry, catalog: file.catalog, origin };
        if (entry.kind === 'http-status') {
          unshift(this.httpIndex, entry.code, resolved);
          continue;
        }
        unshift(this.errorIndex, entry.code, resolved);
        for (const alias of entry.aliases ?? []) {
          unshift(alias.includes('.') ? this.constantIndex : this.errorIndex, alias, resolved);
        }
      }
    }
  }
}

/** Catalogs whose codes are exception class names (`python-exceptions`, `java-exceptions`, `sdk-exceptions` …). */
export function isExceptionCatalog(id: string): boolean {
  return id.endsWith('-exceptions');
}

function unshift(index: Map<string, ResolvedEntry[]>, key: string, value: ResolvedEntry): void {
  const list = index.get(key);
  if (list) list.unshift(value);
  else index.set(key, [value]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
