/*
 * What the workspace index holds for one file: plain, serialisable data (it crosses worker threads in the
 * CLI), built from the file's own analysis model and never by running anything. See docs/workspace.md.
 */

/** Language family: TypeScript and JavaScript resolve modules the same way. */
export type WorkspaceLanguage = 'python' | 'javascript' | 'go' | 'java' | 'csharp' | 'kotlin' | 'php' | 'ruby' | 'rust';

/**
 * Languages whose types reach a file through its package or namespace (Ruby: its global constants, one
 * library's files sharing their outermost module; Rust: the modules of one crate), not through an imported name: a
 * call through any receiver may reach another file's class.
 */
export const TYPES_BY_PACKAGE: ReadonlySet<WorkspaceLanguage> = new Set(['java', 'csharp', 'kotlin', 'php', 'ruby', 'rust']);

/** One name an import statement brings into the file. */
export interface ImportBinding {
  /** The name used in this file (`client` in `from api import client`, `fetchJson` in `import { fetchJson } from './http'`). */
  local: string;
  /** The module as written (`api.client`, `./http`, `github.com/x/y/pkg/util`, `com.acme.net`). */
  module: string;
  /** The imported member (`fetch_page`), `*` for a whole module or namespace, `default` for a default export. */
  member: string;
  /** Also exported again from this file (`export { a } from './a'`, `from .client import fetch` in an `__init__.py`). */
  reexport?: boolean;
}

/** A top-level function or method, as its callers see it. */
export interface FunctionSummary {
  name: string;
  /** The class it is a method of (Go: the type of its receiver, `sender` in `func (s *sender) Send(…)`). */
  className?: string;
  /** 0-based line of its declaration. */
  line: number;
  /** It sends an HTTP request itself (method and library of the first one). */
  sends?: { method: string; library: string };
  /** It gives a retryable failure up with no retry (a single-file finding of that rule inside it). */
  givesUp?: { rule: string; line: number; codes?: string[] };
  /**
   * It sends a request (itself or through functions of its file) and turns a failure status into an
   * error or exception, and nothing in its file retries: a caller elsewhere decides whether to retry.
   */
  failsOnStatus?: boolean;
  /** It is handed a response (this parameter, 0-based, `self` not counted) and raises or returns an error on failure statuses. */
  raisesOnParam?: number;
  /** It runs a callable it is handed inside a retry loop (a retry wrapper or decorator factory). */
  retriesCallback?: boolean;
  /** It builds and returns a session or client that a retry mechanism is mounted on. */
  returnsRetryingClient?: string;
  /** It builds and returns a client with no timeout whose requests then wait for ever (`requests.Session()`): the library. */
  returnsUnboundedClient?: string;
  /**
   * It sends a request in a loop that retries some statuses and hands the response back for the rest: the transient
   * statuses it hands back untried (`untried`, of 429/503) and those it retries.
   */
  handsBack?: { untried: string[]; retried: string[] };
}

/** A class: what it inherits and which of its fields hold a client that retries. */
export interface ClassSummary {
  name: string;
  line: number;
  bases: string[];
  /** Fields (`self._session`, `this.http`, `private HttpClient client`) holding a session or client. */
  fields: string[];
  /** The retry mechanism its file configures on those fields (urllib3 Retry mounted, axios-retry, Polly…). */
  retryMechanism?: string;
  /** Field → the call it is assigned from (`self.session = make_session()` → `make_session`). */
  fieldSources: Record<string, string>;
  /**
   * Fields the class assigns a client that bounds no request (`this.http = axios.create({ baseURL })`,
   * `self.session = requests.Session()` with no timeout anywhere in the class): field → the library.
   */
  unboundedFields?: Record<string, string>;
}

/** A call from this file to a function that may live in another file, and whether it is retried here. */
export interface OutgoingCall {
  name: string;
  /** First segment of the receiver (`client` in `client.fetch_page()`), when any. */
  receiverRoot?: string;
  /** Every such call in the file sits where a failure is retried (a retry loop, a mechanism, a retried caller). */
  retried: boolean;
  /**
   * Every such call in the file is written in a function that only asks — named for reading or computing
   * (`inferBySchema`, `search_notes`), or its call names such a URL: what it hands a generic sender is a question.
   */
  asks?: true;
  line: number;
}

export interface FileSummary {
  /** file:// URI. */
  uri: string;
  language: WorkspaceLanguage;
  /** Go package / Java package / C# namespace the file declares. */
  packageName?: string;
  imports: ImportBinding[];
  functions: FunctionSummary[];
  classes: ClassSummary[];
  calls: OutgoingCall[];
  /**
   * .NET clients this file registers with a retry handler (`services.AddHttpClient<IApi, Api>().AddPolicyHandler(…)`):
   * the typed client's class name, or `name:<client name>` for a named client → what retries it.
   */
  retryingClients?: Record<string, string>;
  /** Named status collections the file declares (`STATUS_FORCELIST = [429, 500, 502]`), name → codes. */
  statusSets?: Record<string, string[]>;
  /** Go: the interfaces the file declares, name → the names of their methods (`Sender` → `Send`, `Type`). */
  interfaces?: Record<string, string[]>;
  /** It defines a Prometheus collector: code that fetches at scrape time (scrapeContext.ts). */
  metricsCollector?: boolean;
  /** The codes it declares for other files to use by name (spotting/declaredCodes.ts). */
  codes?: DeclaredCode[];
}

/**
 * A code a file declares under a name of its own: `STATUS_RATE_LIMITED = 429`, a code table's member
 * (`enum GatewayCloseType { RateLimited = 4008 }`), an API's error code (`API_ERR_CODE_UNAUTH = "UNAUTHENTICATED"`).
 */
export interface DeclaredCode {
  name: string;
  /** The type (or object) declaring it, by which other files qualify it (`GatewayCloseType`); none at the top level. */
  owner?: string;
  code: string;
  kind: 'http-status' | 'websocket' | 'error-code';
  /**
   * Its name says nothing about statuses: a use counts only where it reads as a status check. (An API's code no use in
   * its own file vouched for: a use counts only where it is compared whole with an error's code.)
   */
  byUse?: boolean;
}

/** Bounds that keep one file's summary small whatever the file (see docs/workspace.md). */
export const SUMMARY_LIMITS = { functions: 400, classes: 100, calls: 600, imports: 300, fields: 40, statusSets: 50, interfaces: 50, codes: 300 } as const;
