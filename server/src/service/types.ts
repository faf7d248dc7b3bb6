/**
 * Plain result types of the analysis service. Positions follow LSP conventions
 * (0-based line, UTF-16 character offsets) so the server can hand them on unchanged.
 * Nothing here depends on the LSP transport.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Languages the service analyses. `http` covers .http and .rest request files. */
export type LanguageId =
  | 'python'
  | 'javascript'
  | 'javascriptreact'
  | 'typescript'
  | 'typescriptreact'
  | 'go'
  | 'java'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'kotlin'
  | 'http';

export const SUPPORTED_LANGUAGES: readonly LanguageId[] = [
  'python',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'go',
  'java',
  'csharp',
  'ruby',
  'php',
  'rust',
  'kotlin',
  'http',
];

export type OccurrenceKind = 'http-status' | 'error-code';

/**
 * Where a code stands:
 * - client-check: a response's status or an error's code is tested (`r.status_code == 429`).
 * - server-sets: server code sends it (`res.status(503)`, `abort(429)`).
 * - constant: a symbolic constant (`HTTPStatus.TOO_MANY_REQUESTS`) outside the contexts above.
 * - test-assert: an assertion in a test (`expect(res.status).toBe(201)`).
 * - retry-config: a list of codes a retry mechanism acts on (`status_forcelist=[429, 503]`).
 * - http-file: a status in a .http/.rest file (response line, assert, handler script).
 */
export type OccurrenceRole =
  | 'client-check'
  | 'server-sets'
  | 'constant'
  | 'test-assert'
  | 'retry-config'
  | 'http-file';

export interface Occurrence {
  /** The code as the catalogs key it: "429", "ECONNRESET", "UNAVAILABLE". */
  code: string;
  kind: OccurrenceKind;
  role: OccurrenceRole;
  range: Range;
  /** The source text of the occurrence (`429`, `HTTPStatus.TOO_MANY_REQUESTS`, `'ECONNRESET'`). */
  text: string;
  /** True when written as a named constant rather than a literal. */
  symbolic?: boolean;
  /**
   * Set on a code inside a retry predicate (`shouldRetry`, a `retryIf` lambda): its role is `retry-config`, and this is
   * the role it has as code (`client-check` for a test of a received code), which is how the diagnostics rules read it.
   */
  roleForRules?: OccurrenceRole;
  /**
   * The catalog whose entry the spotter resolved the code to, when the same name means different things in different
   * libraries (`ClientError`: botocore's, or `Faraday::ClientError`); hover shows that entry first.
   */
  catalog?: string;
  /**
   * For an error class no catalog knows, named for a failed API call (`NotFound404Error`, `APIResponseError`): the
   * module the file imports it from (`qbittorrentapi`, `@notionhq/client`).
   */
  library?: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation {
  range: Range;
  message: string;
  /** Another document (a helper in another file, from the workspace index); absent: the finding's own. */
  uri?: string;
}

export interface Finding {
  /** Rule id, kebab-case, e.g. `retryable-treated-as-final`. */
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  /** Free-form data the code-action provider needs to build a fix. */
  data?: Record<string, unknown>;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite' | 'source';
  isPreferred?: boolean;
  /** Rule ids of the diagnostics this action fixes. */
  fixes?: string[];
  /** Edits to the requested document only. `newText` may hold snippet syntax when `snippet` is true. */
  edits: TextEdit[];
  snippet?: boolean;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

/** A document as the service sees it: text plus identity. */
export interface DocumentInput {
  uri: string;
  languageId: LanguageId;
  version: number;
  text: string;
}
