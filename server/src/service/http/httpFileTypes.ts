/**
 * Plain model of a .http / .rest request file (REST Client, httpYac, JetBrains HTTP Client).
 * Every element carries its Range in the original document (0-based lines, UTF-16 offsets).
 */
import type { Range } from '../types';

/** A piece of source text and where it stands. */
export interface TextSpan {
  text: string;
  range: Range;
}

/** `# comment` or `// comment` (whole line). */
export interface HttpComment {
  range: Range;
  marker: '#' | '//';
  text: string;
}

/** `# @name foo`, `// @no-redirect`, `# @timeout 10`. */
export interface HttpMetadata {
  range: Range;
  key: TextSpan;
  value?: TextSpan;
}

/** `@host = api.example.com` */
export interface HttpVariable {
  range: Range;
  name: TextSpan;
  value: TextSpan;
}

export interface HttpRequestLine {
  range: Range;
  method: TextSpan;
  /** True for a bare URL line, which means GET. */
  implicitMethod: boolean;
  /** The URL with query continuation lines (`?a=1`, `&b=2`) appended, as the client sends it. */
  url: string;
  /** The URL on the request line, then each continuation line's part. */
  urlParts: TextSpan[];
  version?: TextSpan;
}

export interface HttpHeader {
  range: Range;
  name: TextSpan;
  value: TextSpan;
}

/** `< ./input.json` */
export interface HttpInclude {
  range: Range;
  path: TextSpan;
}

export interface HttpBody {
  /** Text lines joined by `\n`, trailing blank lines dropped; range covers exactly these lines. */
  content: TextSpan;
  includes: HttpInclude[];
}

/**
 * JetBrains / REST Client `> {% … %}` (post-response), `< {% … %}` (pre-request), `> ./handler.js`;
 * httpYac `{{ … }}` blocks (each marker on a line of its own), pre-request before the request line and
 * response handlers after it unless an event (`{{@request`, `{{@response`) says otherwise.
 */
export interface HttpScript {
  range: Range;
  phase: 'pre-request' | 'response-handler';
  /** Which client's syntax: `{% %}` (JetBrains, REST Client, kulala) or `{{ }}` (httpYac). */
  dialect: 'jetbrains' | 'httpyac';
  /** Script source between `{%` and `%}`, absent for a file reference. */
  script?: TextSpan;
  file?: TextSpan;
  /** False when `{%` has no closing `%}` before the next `###` or the end. */
  terminated: boolean;
}

/** `<> ./previous-response.json` */
export interface HttpResponseRef {
  range: Range;
  path: TextSpan;
}

/** httpYac `?? status == 429`, `?? header retry-after exists`. */
export interface HttpAssert {
  range: Range;
  /** Everything after `??`. */
  expression: TextSpan;
  /** `status`, `header`, `body`, `duration`, `js`, `xpath`… */
  subject?: TextSpan;
  /** Header name / js expression for subjects that take one. */
  target?: TextSpan;
  operator?: TextSpan;
  value?: TextSpan;
}

/** `HTTP/1.1 429 Too Many Requests` with headers and body. */
export interface HttpResponseBlock {
  range: Range;
  statusLine: TextSpan;
  version: TextSpan;
  status: TextSpan;
  reason?: TextSpan;
  headers: HttpHeader[];
  body?: HttpBody;
}

export interface HttpRequestBlock {
  /** From the separator (or file start) to the last non-blank line of the block. */
  range: Range;
  /** The `###` line, absent for the first block when it has none. */
  separator?: TextSpan;
  /** Text after `###`, trimmed. */
  title?: TextSpan;
  /** Value of `@name` metadata. */
  name?: TextSpan;
  metadata: HttpMetadata[];
  variables: HttpVariable[];
  comments: HttpComment[];
  requestLine?: HttpRequestLine;
  headers: HttpHeader[];
  body?: HttpBody;
  scripts: HttpScript[];
  asserts: HttpAssert[];
  responseRefs: HttpResponseRef[];
  responses: HttpResponseBlock[];
}

export interface HttpFile {
  blocks: HttpRequestBlock[];
  /** All `@var = value` lines of the file, in order. */
  variables: HttpVariable[];
}
