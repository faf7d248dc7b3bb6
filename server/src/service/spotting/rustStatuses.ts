import type { Node } from 'web-tree-sitter';
import rustStatuses from '../../../data/rust-statuses.json';
import type { OccurrenceRole } from '../types';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';
import { findRustAssertedStatuses, inAssertMacro } from './rustAssertMacros';

/**
 * Rust's status vocabulary beyond numbers and `StatusCode::*` constants (data: server/data/rust-statuses.json):
 * actix-web's status-named builders (`HttpResponse::TooManyRequests()` sends 429), tonic's code-named constructors
 * (`Status::unavailable("…")` raises gRPC UNAVAILABLE) and `StatusCode::from_u16(429)`, a status built from a
 * number, which plays whatever part the expression around it plays (`resp.status() == StatusCode::from_u16(429)?`).
 */
interface NamedTable<T> {
  receiver: string;
  methods: Record<string, T>;
}

const DATA = rustStatuses as unknown as {
  actixBuilders: NamedTable<number>;
  tonicConstructors: NamedTable<string>;
  statusPredicates: { ranges: Record<string, number[]> };
  mockResponders: { receiver: string; methods: string[] };
  rocketResponders: NamedTable<number>;
};
const ACTIX = new Map(Object.entries(DATA.actixBuilders.methods));
const TONIC = new Map(Object.entries(DATA.tonicConstructors.methods));
/** `is_server_error` → [500, 599]. */
export const RUST_STATUS_RANGES: ReadonlyMap<string, readonly number[]> = new Map(Object.entries(DATA.statusPredicates.ranges));

const ACTIX_CALL = new RegExp(`\\b${DATA.actixBuilders.receiver}\\s*::\\s*(${[...ACTIX.keys()].join('|')})\\s*\\(`, 'g');
const ROCKET = new Map(Object.entries(DATA.rocketResponders.methods));
/** Rocket's responders by their module path (`status::NotFound(…)`, `rocket::response::status::NoContent`). */
const ROCKET_RESPONDER = new RegExp(`\\b${DATA.rocketResponders.receiver}\\s*::\\s*(${[...ROCKET.keys()].join('|')})\\b`, 'g');
const TONIC_CALL = new RegExp(`\\b${DATA.tonicConstructors.receiver}\\s*::\\s*(${[...TONIC.keys()].join('|')})\\s*\\(`, 'g');
const FROM_U16 = /\bStatusCode\s*::\s*from_u16\s*\(\s*([1-5]\d\d)\s*\)/g;
/** ureq 2's error for a status from 400 up, matched in a pattern: `Err(ureq::Error::Status(503, response))`. */
const UREQ_STATUS = /\bStatus\s*\(\s*([1-5]\d\d)\s*,/g;
/** A mock server's answer built from a status: wiremock `ResponseTemplate::new(503)`. */
const MOCK_RESPONSE = new RegExp(`\\b${DATA.mockResponders.receiver}\\s*::\\s*(?:${DATA.mockResponders.methods.join('|')})\\s*\\(\\s*([1-5]\\d\\d)\\s*\\)`, 'g');
/** A mock's answer: mockito's `server.mock("GET", "/x").with_status(503)`. */
const MOCKITO_STATUS = /\.\s*with_status\s*\(\s*([1-5]\d\d)\s*\)/g;
/** `matches!(status, StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND)`: a status tested against a pattern (a token tree to the parser). */
const MATCHES_MACRO = /\bmatches\s*!\s*\(/g;
/** What only unwraps a built status: `.unwrap()`, `.expect("…")`, `?`. */
const UNWRAP = /^(unwrap|expect|unwrap_or_default)$/;

export type RustStatusSite =
  | { kind: 'http-status'; status: number; start: number; end: number; role: OccurrenceRole; number?: boolean }
  | { kind: 'error-code'; code: string; start: number; end: number; role: OccurrenceRole };

/**
 * Calls `found` for each actix builder, tonic constructor, `from_u16` status and status in a test assertion macro
 * starting in [from, to). `constant` looks a `StatusCode::NAME` up (macro bodies are token trees, not paths).
 */
export function findRustStatuses(
  text: string,
  root: Node,
  s: SyntaxAdapter,
  context: StatusContext,
  from: number,
  to: number,
  found: (site: RustStatusSite) => void,
  constant: (name: string) => number | undefined = () => undefined,
  errorConstant: (dotted: string) => string | undefined = () => undefined,
): void {
  // Paths inside a macro's token tree (a `macro_rules!` body, `async_stream::stream! { … }`, `tokio::select!`): the
  // parser sees tokens, not paths, so the named status or gRPC code is read from the text around it.
  for (const m of scan(TOKEN_TREE_PATH, text, from, to)) {
    const at = m.index + m[0].indexOf(m[1]);
    const leaf = root.descendantForIndex(at, at + 1);
    if (!leaf || !inTokenTree(leaf) || /string|comment/.test(leaf.type)) continue;
    const end = m.index + m[0].length;
    const role = inAssertMacro(leaf) ? 'test-assert' : tokenRole(text, at, end);
    if (m[1] === 'StatusCode') {
      const status = constant(m[2]);
      if (status !== undefined) found({ kind: 'http-status', status, start: at, end, role });
    } else {
      const code = errorConstant(`Code.${m[2]}`);
      if (code !== undefined) found({ kind: 'error-code', code, start: at, end, role });
    }
  }
  for (const m of scan(ACTIX_CALL, text, from, to)) {
    const path = calleePath(root, m, s);
    if (path) found({ kind: 'http-status', status: ACTIX.get(m[1])!, start: path.startIndex, end: path.endIndex, role: 'server-sets' });
  }
  if (/\brocket\b/.test(text)) {
    for (const m of scan(ROCKET_RESPONDER, text, from, to)) {
      // The path as code writes it (`status::NotFound`), not inside a `use` line, a string or a comment.
      const leaf = root.descendantForIndex(m.index, m.index + m[0].length);
      let path: Node | null = leaf;
      while (path && path.type !== 'scoped_identifier' && path.type !== 'scoped_type_identifier' && path.parent && path.endIndex <= m.index + m[0].length) path = path.parent;
      // (Not a type: `-> status::NoContent`, `status::Created<&str>`.)
      if (!path || path.type !== 'scoped_identifier' || path.endIndex !== m.index + m[0].length) continue;
      if (/use_declaration|use_list|scoped_use_list/.test(path.parent?.type ?? '') || /^(type_arguments|generic_type)$/.test(path.parent?.type ?? '')) continue;
      found({ kind: 'http-status', status: ROCKET.get(m[1])!, start: m.index, end: m.index + m[0].length, role: 'server-sets' });
    }
  }
  for (const m of scan(TONIC_CALL, text, from, to)) {
    const path = calleePath(root, m, s);
    if (path) found({ kind: 'error-code', code: TONIC.get(m[1])!, start: path.startIndex, end: path.endIndex, role: 'server-sets' });
  }
  for (const m of scan(FROM_U16, text, from, to)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    const literal = root.descendantForIndex(start, start + 3);
    const call = literal?.parent?.parent;
    if (!literal || literal.type !== 'integer_literal' || !call || !s.calls.has(call.type)) continue;
    const role = context.classify(unwrapped(call, s, context), 'status') ?? 'constant';
    found({ kind: 'http-status', status: Number(m[1]), start, end: start + 3, role, number: true });
  }
  for (const m of scan(UREQ_STATUS, text, from, to)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    const pattern = root.descendantForIndex(start, start + 3)?.parent;
    if (pattern?.type !== 'tuple_struct_pattern' || !/(^|::)Status$/.test(pattern.childForFieldName('type')?.text ?? '')) continue;
    found({ kind: 'http-status', status: Number(m[1]), start, end: start + 3, role: 'client-check', number: true });
  }
  for (const m of scan(MOCKITO_STATUS, text, from, to)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    const literal = root.descendantForIndex(start, start + 3);
    if (literal?.type !== 'integer_literal' || !s.calls.has(literal.parent?.parent?.type ?? '')) continue;
    found({ kind: 'http-status', status: Number(m[1]), start, end: start + 3, role: 'test-assert', number: true });
  }
  for (const m of scan(MOCK_RESPONSE, text, from, to)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    const literal = root.descendantForIndex(start, start + 3);
    if (literal?.type !== 'integer_literal' || !s.calls.has(literal.parent?.parent?.type ?? '')) continue;
    found({ kind: 'http-status', status: Number(m[1]), start, end: start + 3, role: 'test-assert', number: true });
  }
  for (const m of scan(MATCHES_MACRO, text, from, to)) {
    const macro = root.descendantForIndex(m.index, m.index + 1)?.parent;
    // Only a pattern of named statuses: `matches!(c, 1 | 2)` may be anything.
    if (macro?.type !== 'macro_invocation' || !/\bStatusCode\s*::\s*[A-Z]/.test(macro.text)) continue;
    const role = context.classify(macro, 'status') ?? 'client-check';
    for (const hit of macro.text.matchAll(/\bStatusCode\s*::\s*([A-Z][A-Z_]+)\b/g)) {
      const status = constant(hit[1]);
      const start = macro.startIndex + hit.index!;
      if (status !== undefined) found({ kind: 'http-status', status, start, end: start + hit[0].length, role });
    }
  }
  findRustAssertedStatuses(text, root, from, to, constant, (site) => found({ kind: 'http-status', ...site, role: 'test-assert' }));
}

/** `StatusCode::TOO_MANY_REQUESTS`, tonic's `Code::Unavailable` (under any module path), as tokens. */
const TOKEN_TREE_PATH = /(?<![\w:])(?:[a-z_][a-z0-9_]*\s*::\s*)*(StatusCode|Code)\s*::\s*([A-Z][A-Za-z_]+)\b(?!\s*[(:])/g;

/** The node lies inside a macro's token tree (not in a parsed path or expression). */
function inTokenTree(node: Node): boolean {
  for (let up: Node | null = node.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
    if (up.type === 'token_tree') return true;
    if (/^(scoped_identifier|scoped_type_identifier|field_expression|binary_expression|match_arm|call_expression)$/.test(up.type)) return false;
  }
  return false;
}

/**
 * A named status or code among tokens: compared (`== StatusCode::OK`), a match arm's pattern (`Code::Cancelled |
 * Code::Unavailable =>`), else written as a constant.
 */
function tokenRole(text: string, start: number, end: number): OccurrenceRole {
  // (From the whole path: `== reqwest::StatusCode::OK`.)
  let from = start;
  while (from > 0 && /[\w:]/.test(text[from - 1])) from--;
  const before = text.slice(Math.max(0, from - 12), from).trimEnd();
  const after = text.slice(end, end + 12).trimStart();
  return /(==|!=)$/.test(before) || /^(==|!=|=>|\|(?!\|))/.test(after) || /(\|)$/.test(before) ? 'client-check' : 'constant';
}

/** The `Receiver::method` path of the call the match starts, when it is one. */
function calleePath(root: Node, m: RegExpExecArray, s: SyntaxAdapter): Node | undefined {
  const nameStart = m.index + m[0].lastIndexOf(m[1]);
  const name = root.descendantForIndex(nameStart, nameStart + m[1].length);
  const path = name?.parent;
  if (!path || path.type !== 'scoped_identifier' || path.startIndex !== m.index) return undefined;
  const call = path.parent;
  return call && s.calls.has(call.type) && s.callee(call)?.id === path.id ? path : undefined;
}

/** `StatusCode::from_u16(429).unwrap()` stands where the whole unwrapping chain stands. */
function unwrapped(call: Node, s: SyntaxAdapter, context: StatusContext): Node {
  let node = call;
  for (let depth = 0; depth < 4; depth++) {
    const up = node.parent;
    if (up?.type === 'try_expression') {
      node = up;
      continue;
    }
    const outer = up?.parent;
    if (up && s.members.has(up.type) && UNWRAP.test(s.memberParts(up)?.property ?? '') && outer && s.calls.has(outer.type) && context.lastName(s.callee(outer)) !== undefined) {
      node = outer;
      continue;
    }
    break;
  }
  return node;
}

/** Calls that build a response from the status they are handed: actix `HttpResponse::build(…)`, `HttpResponseBuilder::new(…)`, `.into_response()`. */
const RESPONSE_FROM = /^(build|into_response|with_status)$/;

/**
 * A status constant that makes a response: axum's `(StatusCode::SERVICE_UNAVAILABLE, body)` tuple (the first element
 * of a tuple is the status IntoResponse sends), `StatusCode::TOO_MANY_REQUESTS.into_response()`,
 * `HttpResponse::build(StatusCode::SERVICE_UNAVAILABLE)`.
 */
export function respondsWith(root: Node, start: number, end: number, s: SyntaxAdapter, context: StatusContext): boolean {
  let node = root.descendantForIndex(start, end);
  if (!node || node.startIndex !== start || node.endIndex !== end) return false;
  while (node.parent && node.parent.startIndex === start && node.parent.endIndex === end) node = node.parent;
  const up = node.parent;
  if (!up) return false;
  if (up.type === 'tuple_expression') {
    // (StatusCode::OK, StatusCode::CREATED) is a pair of statuses, not a response
    const rest = up.namedChildren.slice(1);
    return up.namedChild(0)?.id === node.id && rest.length > 0 && rest.every((c) => c?.type !== node!.type || !c.text.startsWith(node!.text.replace(/::\w+$/, '::')));
  }
  if (s.members.has(up.type) && s.memberParts(up)?.object?.id === node.id) return RESPONSE_FROM.test(s.memberParts(up)?.property ?? '');
  const call = up.type === 'arguments' ? up.parent : null;
  if (call && s.calls.has(call.type)) {
    const name = context.lastName(s.callee(call)) ?? '';
    const receiver = context.lastName(context.receiverOf(call)) ?? '';
    return (name === 'build' && /HttpResponse/.test(receiver)) || (name === 'new' && /ResponseBuilder$/.test(receiver));
  }
  return false;
}

function* scan(pattern: RegExp, text: string, from: number, to: number): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) yield m;
}

/** Route attributes of Rust web frameworks (Rocket, actix-web): `#[get("/users/<id>")]`, `#[post(…)]`, `#[catch(404)]`. */
const ROUTE_ATTRIBUTE = /^#\[(?:\w+::)*(get|post|put|delete|patch|head|options|route|catch)\s*\(/;

/**
 * A status a route handler answers with as its error: Rocket `return Err(Status::BadRequest)` or a match arm's
 * `_ => Err(Status::InternalServerError)` in a function under `#[get(…)]`. The framework sends it (`server-sets`); the same
 * `Err(StatusCode::…)` in a client's helper is only a value handed back.
 */
export function handlerErrorStatus(status: Node): boolean {
  const args = status.parent;
  const call = args?.type === 'arguments' ? args.parent : undefined;
  // Rocket's responders and guard outcomes send the status wherever they are built: `status::Custom(Status::BadRequest,
  // body)`, `Outcome::Error((Status::Unauthorized, e))` (also the older `Failure`) in a request guard.
  if (call?.type === 'call_expression' && /^(?:rocket::response::)?status::Custom$/.test(call.childForFieldName('function')?.text ?? '') && args!.namedChild(0)?.id === status.id) return true;
  const pair = args?.type === 'tuple_expression' && args.namedChild(0)?.id === status.id ? args.parent : undefined;
  const outcome = pair?.type === 'arguments' ? pair.parent : undefined;
  if (outcome?.type === 'call_expression' && /(^|::)Outcome::(Error|Failure)$/.test(outcome.childForFieldName('function')?.text ?? '')) return true;
  // The value a route handler returns: `Status::TooManyRequests` as its last expression or in a `return`.
  if (call?.type !== 'call_expression') return returnedByRoute(status);
  if (call.childForFieldName('function')?.text !== 'Err' || args!.namedChildCount !== 1) return false;
  for (let up = call.parent, depth = 0; up && depth < 30; up = up.parent, depth++) {
    if (up.type === 'closure_expression') return false;
    if (up.type !== 'function_item') continue;
    for (let prev = up.previousNamedSibling; prev?.type === 'attribute_item'; prev = prev.previousNamedSibling) if (ROUTE_ATTRIBUTE.test(prev.text)) return true;
    return false;
  }
  return false;
}

/** The status is what a function under a route attribute returns: its block's last expression, or a `return`'s value. */
function returnedByRoute(status: Node): boolean {
  let node = status;
  if (node.parent?.type === 'return_expression') node = node.parent;
  if (node.type === 'return_expression' && node.parent?.type === 'expression_statement') node = node.parent;
  const block = node.parent;
  if (block?.type !== 'block') return false;
  const last = block.namedChildren.filter((c) => c !== null && !/comment/.test(c.type)).pop();
  if (node.type !== 'expression_statement' && last?.id !== node.id) return false;
  for (let fn: Node | null = block.parent, depth = 0; fn && depth < 30; fn = fn.parent, depth++) {
    if (fn.type === 'closure_expression') return false;
    if (fn.type !== 'function_item') continue;
    for (let prev = fn.previousNamedSibling; prev && /attribute_item|comment/.test(prev.type); prev = prev.previousNamedSibling) if (ROUTE_ATTRIBUTE.test(prev.text)) return true;
    return false;
  }
  return false;
}
