/**
 * Types mirroring schemas/errorcodes.schema.json (catalog files) and
 * server/data/http-constants.json (symbolic HTTP status constants).
 * Types only: loading and validation live elsewhere.
 */

/** Whether a failure with this code is worth retrying. */
export type RetryVerdict = 'yes' | 'conditional' | 'no';

export interface RetryInfo {
  verdict: RetryVerdict;
  /** When a retry is right; present (required by the schema) for `conditional`. */
  condition?: string;
  /** Whether a Retry-After (or similar) header applies. */
  retryAfter?: boolean;
  /** Retry only idempotent or keyed requests. */
  idempotentOnly?: boolean;
}

export interface SourceRef {
  title: string;
  /** http(s) URL. */
  url?: string;
}

/** Where a library claim was checked: the library's own source or doc page. */
export interface LibrarySource {
  /** Package name, e.g. "got", "urllib3", "github.com/hashicorp/go-retryablehttp". */
  library: string;
  /** The version read: a release tag, or branch@commit. */
  version: string;
  /** Path in the library's repository, or a doc page URL. */
  file: string;
}

/** What one retry library or SDK does with a code by default. */
export interface LibraryBehaviour {
  name: string;
  behaviour: string;
  /** Where the claim was read (built-in catalogs: this or `sources` is required, see docs/library-claims.md). */
  source?: LibrarySource;
  /** For a claim naming several libraries: one entry per library read. */
  sources?: LibrarySource[];
}

export type CatalogEntryKind = 'http-status' | 'error-code';

export interface CatalogEntry {
  /** The code as it appears in code: "429", "RATE_LIMIT_ERROR", "ECONNRESET". */
  code: string;
  kind: CatalogEntryKind;
  /** Reason phrase or short name. */
  name: string;
  /** Integer 100–599: the HTTP status this code is sent with, if any. */
  httpStatus?: number;
  /** e.g. "4xx Client Error", "Node.js system error", "gRPC status". */
  class?: string;
  /** One line. */
  summary: string;
  /** One paragraph. */
  meaning?: string;
  retry: RetryInfo;
  advice?: string;
  libraries?: LibraryBehaviour[];
  /** Where sources disagree, naming the sides. */
  disagreement?: string;
  /** Present for codes no standard registers; names whose code it is. */
  unofficial?: { origin: string };
  /** Other spellings that mean this code. */
  aliases?: string[];
  /** A common word recognised only in an error-code context. */
  ambiguous?: boolean;
  /** At least one. */
  sources: SourceRef[];
}

export interface CatalogBodyShape {
  description?: string;
  /** JSON path to the error code, e.g. "error.code". */
  codeField?: string;
  messageField?: string;
  example: unknown;
}

export interface CatalogInfo {
  /** Stable identifier matching ^[a-z0-9][a-z0-9._-]*$, e.g. "http-status". */
  id: string;
  name: string;
  vendor?: string;
  description?: string;
  source?: string;
  bodyShape?: CatalogBodyShape;
  notes?: string[];
  /**
   * How codes are found in source: `name` (default) looks for each code and alias as a word; `context`
   * catalogs hold plain numbers recognised only where a name or call says what they are.
   */
  matching?: 'name' | 'context';
  /**
   * The codes are a published standard's (OAuth 2.0's `invalid_grant`), sent by every server that implements it: a
   * server answering in the standard's error body (its `bodyShape.messageField`, `error_description`) speaks the
   * standard, not wording of its own.
   */
  standard?: boolean;
}

/** A whole catalog file (built-in or workspace `*.errorcodes.json`). */
export interface CatalogFile {
  $schema?: string;
  catalog: CatalogInfo;
  codes: CatalogEntry[];
}

/** Languages keyed in http-constants.json. */
export type HttpConstantsLanguage = 'python' | 'go' | 'java' | 'javascript' | 'csharp' | 'ruby' | 'php' | 'rust' | 'kotlin';

/**
 * Shape of server/data/http-constants.json:
 * language → receiver (e.g. "HTTPStatus", "http", "StatusCodes") → member name → status number.
 */
export type HttpConstantsTable = Record<string, Record<string, Record<string, number>>>;
