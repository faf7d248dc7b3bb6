import type { Node, Tree } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { OccurrenceRole } from '../types';
import type { GrammarSupport } from './adapters';
import type { SpotEntry } from './spotEntries';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/**
 * Codes of the `context` catalogs, which are plain numbers: JSON-RPC 2.0 / MCP error codes (-32700, -32601,
 * -32000…-32099) and WebSocket close codes (1000–1015). A number is taken for one only where a name or a
 * call says so: `METHOD_NOT_FOUND = -32601`, `error: { code: -32601 }`, `err.code === -32603`,
 * `new JsonRpcError(-32602, …)`; `ws.close(1011)`, `CLOSE_GOING_AWAY = 1001`, `event.code === 1006` with a
 * close event or socket in sight. `1000` as milliseconds, `-32000` as a coordinate stay what they are.
 */
const CANDIDATE = /(?<![\w.$])(-[ \t]*32[0-7]\d\d|10(?:0\d|1[0-5]))(?![\w.])/g;

const JSONRPC_CATALOG = 'jsonrpc';
const WEBSOCKET_CATALOG = 'websocket-close';

/** Names that say a JSON-RPC error code: the error's own name, or an error/code/rpc field. */
const JSONRPC_NAME = /rpc|mcp|error|err$|code|parse_?error|invalid_?(request|params)|method_?not_?found|internal_?error|server_?error|not_?found|timeout|closed/i;
/** Names that say a WebSocket close: a close code constant, a close event, a socket. */
const CLOSE_NAME = /close|websocket|socket|(^|[^a-z])ws($|[^a-z])|^ws|Ws[A-Z]/i;
/** Calls that close a socket with a code. */
const CLOSE_CALL = /^(close|Close|closeWith|close_?connection|CloseOutputAsync|CloseAsync|terminate)$/;
/** Calls that register a close-event handler: `ws.on('close', …)`, `addEventListener('close', …)`. */
const LISTENER_CALL = /^(on|once|addEventListener|addListener|onClose)$/;

const CLIMB = 40;

interface Found {
  start: number;
  end: number;
  code: string;
  role: OccurrenceRole;
}

/** JSON-RPC and WebSocket close codes among the candidates starting in [from, to). */
export function spotProtocolCodes(tree: Tree, lines: TextLines, support: GrammarSupport, registry: CatalogRegistry, from: number, to: number): SpotEntry[] {
  const text = lines.text;
  const out: SpotEntry[] = [];
  const pattern = new RegExp(CANDIDATE.source, 'g');
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) {
    const found = classify(tree.rootNode, m.index, m[1], support.adapter, registry);
    if (!found) continue;
    const occurrence = { code: found.code, kind: 'error-code' as const, role: found.role, range: lines.rangeOf(found.start, found.end), text: text.slice(found.start, found.end) };
    out.push({ occurrence, start: found.start, end: found.end });
  }
  return out;
}

function classify(root: Node, start: number, raw: string, s: SyntaxAdapter, registry: CatalogRegistry): Found | undefined {
  const negative = raw.startsWith('-');
  const digits = raw.replace(/^-[ \t]*/, '');
  const digitsAt = start + raw.length - digits.length;
  const literal = root.descendantForIndex(digitsAt, digitsAt + digits.length);
  if (!literal || literal.startIndex !== digitsAt || literal.endIndex !== digitsAt + digits.length || !s.numbers.has(literal.type)) return undefined;
  let value: Node = literal;
  if (negative) {
    const minus = literal.parent;
    if (!minus || minus.startIndex !== start || minus.text.replace(/\s+/g, '') !== `-${digits}`) return undefined;
    value = minus;
  }
  const code = negative ? `-${digits}` : digits;
  const catalog = negative ? JSONRPC_CATALOG : WEBSOCKET_CATALOG;
  if (!registry.contextCode(catalog, code)) return undefined;
  const role = negative ? jsonRpcRole(value, s) : closeRole(value, s);
  return role ? { start: value.startIndex, end: value.endIndex, code, role } : undefined;
}

/** The node the value stands in, past groupings and argument lists; and the child on the way. */
function context(value: Node, s: SyntaxAdapter): { parent: Node | null; child: Node } {
  let child = value;
  let parent = value.parent;
  for (let i = 0; parent && i < CLIMB; i++) {
    const grouping =
      s.transparent.has(parent.type) ||
      /^(expression_list|argument_list|arguments|equals_value_clause|parenthesized_expression)$/.test(parent.type) ||
      (parent.type === 'argument' && s.pairName(parent) === undefined);
    if (!grouping) break;
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** A declared or assigned name: `X = …`, `const X = …`, `X(…)` in a Java enum, `{ X: … }`. */
function declaredName(parent: Node, s: SyntaxAdapter): string | undefined {
  if (s.assignments.has(parent.type)) {
    const target = s.assignTarget(parent);
    return target ? lastWord(target.text) : undefined;
  }
  if (s.pairs.has(parent.type)) return s.pairName(parent);
  if (parent.type === 'enum_constant' || parent.type === 'enum_member_declaration') return parent.childForFieldName('name')?.text;
  return undefined;
}

function jsonRpcRole(value: Node, s: SyntaxAdapter): OccurrenceRole | undefined {
  const { parent, child } = context(value, s);
  if (!parent) return undefined;
  const name = declaredName(parent, s);
  if (name !== undefined) {
    if (!JSONRPC_NAME.test(name)) return undefined;
    // `{ code: -32601, message: … }`: an error object being built; `METHOD_NOT_FOUND = -32601`: a definition.
    return s.pairs.has(parent.type) && /^code$/i.test(name) ? 'server-sets' : 'constant';
  }
  if (s.binaries.has(parent.type) && /^(==|===|!=|!==|is|is not)$/.test(s.operatorOf(parent).trim())) {
    const others = namedChildren(parent).filter((n) => n.id !== child.id);
    return others.some((o) => JSONRPC_NAME.test(lastWord(o.text))) ? 'client-check' : undefined;
  }
  if (s.cases.has(parent.type)) {
    const subject = s.caseSubject(parent);
    return subject && JSONRPC_NAME.test(lastWord(subject.text)) ? 'client-check' : undefined;
  }
  if (s.calls.has(parent.type)) {
    const callee = s.callee(parent);
    return callee && /rpc|mcp|error|err$|exception|fault/i.test(lastWord(callee.text)) ? 'server-sets' : undefined;
  }
  return undefined;
}

function closeRole(value: Node, s: SyntaxAdapter): OccurrenceRole | undefined {
  const { parent, child } = context(value, s);
  if (!parent) return undefined;
  const name = declaredName(parent, s);
  if (name !== undefined) {
    if (CLOSE_NAME.test(name)) return 'constant';
    // `{ code: 1006 }` / `code=1011` inside a close call or a close event's construction.
    const around = parent.parent && context(parent.parent, s).parent;
    if (/^code$/i.test(name) && around && s.calls.has(around.type) && (isCloseCall(around, s) || /close/i.test(s.callee(around)?.text ?? ''))) return 'server-sets';
    return undefined;
  }
  if (s.calls.has(parent.type)) return isCloseCall(parent, s) ? 'server-sets' : undefined;
  if (s.binaries.has(parent.type) && /^(==|===|!=|!==|is|is not)$/.test(s.operatorOf(parent).trim())) {
    const others = namedChildren(parent).filter((n) => n.id !== child.id);
    const named = others.some((o) => CLOSE_NAME.test(o.text));
    return named || (others.some((o) => /code/i.test(lastWord(o.text))) && insideCloseHandler(parent, s)) ? 'client-check' : undefined;
  }
  if (s.cases.has(parent.type)) {
    const subject = s.caseSubject(parent);
    if (!subject) return undefined;
    return CLOSE_NAME.test(subject.text) || (/code/i.test(lastWord(subject.text)) && insideCloseHandler(parent, s)) ? 'client-check' : undefined;
  }
  return undefined;
}

/** `ws.close(1011)`, `socket.Close(…)`, `conn.close(code=1001)`: a close call on something named like a socket or connection. */
function isCloseCall(call: Node, s: SyntaxAdapter): boolean {
  const callee = s.callee(call);
  if (!callee) return false;
  const method = lastWord(callee.text);
  if (!CLOSE_CALL.test(method)) return false;
  // From the call's start to the method name (Java's callee is the bare name; its receiver stands before it).
  const head = call.text.slice(0, callee.endIndex - call.startIndex);
  const receiver = head.slice(0, Math.max(0, head.length - method.length));
  return CLOSE_NAME.test(receiver) || /conn|session|client|peer|channel|sock/i.test(receiver);
}

/** Inside a function registered for a close event: `ws.onclose = (e) => …`, `ws.on('close', (code) => …)`. */
function insideCloseHandler(node: Node, s: SyntaxAdapter): boolean {
  let up: Node | null = node.parent;
  for (let i = 0; up && i < CLIMB; i++, up = up.parent) {
    if (s.assignments.has(up.type) && /onclose|on_close|OnClose/i.test(s.assignTarget(up)?.text ?? '')) return true;
    if (s.pairs.has(up.type) && /^(onclose|onClose|on_close|close)$/.test(s.pairName(up) ?? '')) return true;
    if (s.calls.has(up.type)) {
      const callee = s.callee(up);
      if (callee && /^(onclose|onClose|on_close|OnClose)$/.test(lastWord(callee.text))) return true;
      if (callee && LISTENER_CALL.test(lastWord(callee.text)) && s.callArguments(up).some((a) => s.stringContent(a)?.text === 'close')) return true;
    }
    if (/function|method|lambda|arrow/.test(up.type) && /close/i.test(functionName(up))) return true;
  }
  return false;
}

function functionName(fn: Node): string {
  return fn.childForFieldName('name')?.text ?? '';
}

function lastWord(text: string): string {
  const m = /([A-Za-z_$][\w$]*)\W*$/.exec(text);
  return m ? m[1] : '';
}
