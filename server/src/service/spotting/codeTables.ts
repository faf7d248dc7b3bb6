import { namesReasonPhrase } from './reasonPhraseNames';

/**
 * Tables of codes a project declares as a type of their own: `enum GatewayCloseType { NormalClosure = 1000, …,
 * RateLimited = 4008 }`, `class ApiStatus { Ok = 200, TooManyRequests = 429, Unavailable = 503 }`. The type's name
 * says what its numbers are; once it does, every member is a code of that kind, also those whose own name says
 * nothing (`Unavailable = 503`, `RateLimited = 4008`). Read from the text alone (it feeds the file's own-code
 * table, which is text-only so that it can key incremental spotting): a type header, then its braces or, in
 * Python, its indented block.
 */
export interface TableCode {
  name: string;
  /** The declaring type (`GatewayCloseType`). */
  owner: string;
  code: string;
  kind: 'http-status' | 'websocket';
  valueAt: number;
  nameAt: number;
}

const HEADER = /\b(?:enum(?:\s+class)?|class|object|interface|struct|record)\s+([A-Za-z_]\w*)/g;
/** `Name = 4008`, `NAME(1000)`, `const int Name = 503`, Python `NAME = 429`, Kotlin `NAME(429, "…")`. */
const MEMBER = /(?<![\w.$])([A-Za-z_]\w*)\s*(?::\s*[A-Za-z_]\w*\s*)?(?:=|\()\s*(\d{3,4})(?![\w.])/g;
/**
 * An object literal given to a name, JavaScript's and TypeScript's table of constants: `const HttpCodes = {`, `export
 * const StatusCodes: Record<string, number> = {`, `HttpCodes = {` — and its members, `NotFound: 404`.
 */
const OBJECT_HEADER = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]{1,80})?=\s*\{/g;
const OBJECT_MEMBER = /(?<![\w.$])["']?([A-Za-z_]\w*)["']?\s*:\s*(\d{3,4})(?![\w.])/g;
/** A type named for WebSocket close codes: `CloseCode`, `GatewayCloseType`, `WsCloseStatus`. */
const CLOSE_TABLE = /close/i;
/** A type named for HTTP statuses: `HttpStatus`, `ApiStatus`, `StatusCodes`, `HttpCodes`, `ResponseCode`. */
const STATUS_TABLE = /status|http_?codes?|response_?codes?/i;
/** A type named for HTTP statuses outright: `HttpStatusCode`, `HttpError`, `HttpCodes`, `StatusCodes`, `ResponseCodes`. */
const HTTP_TABLE = /http_?(status|codes?|errors?|responses?)|status_?codes$|response_?codes$/i;
/** RFC 6455 section 7.4: the codes the protocol defines, and the ranges libraries and applications register or pick. */
const isCloseCode = (n: number): boolean => (n >= 1000 && n <= 1015) || (n >= 3000 && n <= 4999);
const isStatus = (n: number): boolean => n >= 100 && n <= 599;
/** How far a table's body may reach (a generated enum of every status is a few kB). */
const MAX_BODY = 20000;

export function codeTables(text: string): TableCode[] {
  const out: TableCode[] = [];
  const types = /\b(?:enum|class|object|interface|struct|record)\s/.test(text);
  const objects = /\b(?:const|let|var)\s/.test(text) && /[=:][ \t]*\d{3}\b/.test(text);
  if (!types && !objects) return out;
  const headers = [
    ...(types ? [...text.matchAll(HEADER)].map((h) => ({ owner: h[1], from: h.index + h[0].length, member: MEMBER })) : []),
    ...(objects ? [...text.matchAll(OBJECT_HEADER)].map((h) => ({ owner: h[1], from: h.index + h[0].length - 1, member: OBJECT_MEMBER })) : []),
  ];
  for (const header of headers) {
    const owner = header.owner;
    const close = CLOSE_TABLE.test(owner);
    if (!close && !STATUS_TABLE.test(owner) && !HTTP_TABLE.test(owner)) continue;
    const body = bodyAfter(text, header.from);
    if (!body) continue;
    const members: TableCode[] = [];
    const slice = text.slice(body.start, body.end);
    for (const m of slice.matchAll(header.member)) {
      const value = Number(m[2]);
      const kind = close ? (isCloseCode(value) ? 'websocket' : undefined) : isStatus(value) && m[2].length === 3 ? 'http-status' : undefined;
      if (!kind) continue;
      const nameAt = body.start + m.index;
      members.push({ name: m[1], owner, code: m[2], kind, valueAt: body.start + m.index + m[0].length - m[2].length, nameAt });
    }
    // Two members at least; a status table needs one member named after its own status (`TooManyRequests = 429`),
    // so that `class HttpConfig { Port = 443 … }` or `StatusPage { Height = 200 }` stay numbers.
    if (members.length < 2) continue;
    // (A type named for HTTP statuses or codes outright, `HttpStatusCode`, `HttpError`, `ResponseCodes`, says it for them.)
    if (!close && !members.some((m) => namesReasonPhrase(m.name, m.code)) && !HTTP_TABLE.test(owner)) continue;
    out.push(...members);
  }
  return out;
}

/** The body of the type declared just before `from`: its braces, or a Python class's indented block. */
function bodyAfter(text: string, from: number): { start: number; end: number } | undefined {
  const lineEnd = text.indexOf('\n', from);
  const rest = text.slice(from, lineEnd < 0 ? text.length : lineEnd);
  const brace = text.indexOf('{', from);
  // Braces that open this type's body: before any `;` and any Python-style `…:` line end, within a short header
  // (`enum Codes : int`, `enum class Codes(val code: Int)`, `class Codes extends Base`, the brace on the next line).
  const header = brace >= 0 ? text.slice(from, brace) : '';
  if (brace >= 0 && header.length < 400 && !/;|=|:[ \t]*(#[^\n]*)?\n/.test(header)) {
    let depth = 0;
    for (let i = brace; i < text.length && i - brace < MAX_BODY; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return { start: brace + 1, end: i };
    }
    return undefined;
  }
  // Python: `class CloseCode(IntEnum):` and the lines indented deeper than it.
  if (!/:\s*(#.*)?$/.test(rest) || lineEnd < 0) return undefined;
  const headerStart = text.lastIndexOf('\n', from) + 1;
  const indent = /^[ \t]*/.exec(text.slice(headerStart))![0].length;
  let end = lineEnd;
  for (let at = lineEnd + 1; at < text.length && at - lineEnd < MAX_BODY; ) {
    const next = text.indexOf('\n', at);
    const line = text.slice(at, next < 0 ? text.length : next);
    if (line.trim() !== '' && /^[ \t]*/.exec(line)![0].length <= indent) break;
    end = next < 0 ? text.length : next;
    if (next < 0) break;
    at = next + 1;
  }
  return { start: lineEnd + 1, end };
}
