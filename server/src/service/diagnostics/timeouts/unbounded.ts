import type { Node } from 'web-tree-sitter';
import type { FileFlow } from '../flow/flowModel';

/** Libraries whose requests the timeout model reads (ids of server/data/request-timeouts.json). */
export type TimeoutLibrary =
  | 'requests' | 'urllib' | 'feedparser' | 'httpx' | 'axios' | 'got' | 'node-http' | 'node-fetch' | 'superagent' | 'net/http' | 'resty' | 'go-cleanhttp' | 'go-oauth2' | 'grpc-go-dial'
  | 'go-telegram-bot-api' | 'machinebox-graphql' | 'cloudflare-go' | 'go-github' | 'go-jira'
  | 'HttpURLConnection' | 'java.net.http' | 'RestTemplate' | 'spring-webclient' | 'spring-restclient' | 'apache-httpclient' | 'HttpClient' | 'guzzle' | 'curl' | 'reqwest';

/** A text edit in document offsets; `{seconds}` and `{ms}` in `text` are filled from the settings. */
export interface TimeoutEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A request that can wait for ever: nothing on its path bounds it (no timeout argument, no timeout on the
 * client it goes through, no deadline it carries) and its library waits for ever by default — or the code
 * asks for that explicitly (`timeout=None`, `Timeout.InfiniteTimeSpan`).
 */
export interface UnboundedRequest {
  /**
   * Where the finding goes: the request call, the client construction where the timeout belongs, or the
   * construction of a session whose requests (`through`) each lack one.
   */
  node: Node;
  library: TimeoutLibrary;
  where: 'call' | 'client' | 'session';
  /** `where: 'session'`: the requests through the session that set no timeout. */
  through?: Node[];
  /** `where: 'session'`: one edit per request of `through`, when each allows one. */
  edits?: TimeoutEdit[];
  explicit?: boolean;
  /** How to set a timeout in the library's own way, when the shape allows one edit. */
  edit?: TimeoutEdit;
  /** The client was built by a function of another file (`make_session in utils.py:12`). */
  builtElsewhere?: string;
}

/** Inside the re-analysed unit when the flow covers one unit only (incremental analysis); anywhere otherwise. */
export function inScope(flow: FileFlow, node: Node): boolean {
  return !flow.scope || (node.startIndex >= flow.scope.start && node.endIndex <= flow.scope.end);
}

/** `(a, b)` → an insertion of `, text` before the closing parenthesis (or ` text` after a trailing comma). */
export function appendArgument(args: Node | null | undefined, source: string, text: string): TimeoutEdit | undefined {
  if (!args || !/^[(]/.test(args.text)) return undefined;
  const close = args.endIndex - 1;
  const inner = source.slice(args.startIndex + 1, close);
  const trimmed = inner.trimEnd();
  const at = args.startIndex + 1 + trimmed.length;
  if (!trimmed) return { start: at, end: at, text };
  return { start: at, end: at, text: trimmed.endsWith(',') ? ` ${text}` : `, ${text}` };
}

/**
 * `{ a: 1 }` / `[ 'a' => 1 ]` → `text` as the first entry: `{ text, a: 1 }`, or on a line of its own when the
 * entries are one per line; `text` alone when the literal is empty.
 */
export function prependEntry(literal: Node, text: string): TimeoutEdit {
  const inner = literal.text.slice(1, -1);
  if (!inner.trim()) return { start: literal.startIndex + 1, end: literal.startIndex + 1, text };
  const lead = /^([ \t]*)(\r?\n[ \t]*)?/.exec(inner)!;
  const at = literal.startIndex + 1 + lead[0].length;
  return { start: at, end: at, text: lead[2] ? `${text},${lead[2]}` : `${text}, ` };
}

/** The identifier or member text a value was written as (`self.session`, `this.http`), or undefined for anything else. */
export function plainName(node: Node | null | undefined): string | undefined {
  return node && /^[\w$.>-]+$/.test(node.text) && !/^\d/.test(node.text) ? node.text : undefined;
}
