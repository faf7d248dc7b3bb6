import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import { statementOf } from '../requestStatements';
import { inScope, prependEntry, type UnboundedRequest } from './unbounded';
import { escapeRegExp } from '../regexText';

/** A Guzzle option (or its RequestOptions constant) that bounds a request. */
const GUZZLE_TIMEOUT = /['"](timeout|read_timeout)['"]\s*=>|RequestOptions::(TIMEOUT|READ_TIMEOUT)\b/;

/**
 * PHP: a Guzzle client built here without a `timeout` option (Guzzle waits for ever by default) when no request
 * in the file passes one, and `curl_exec` on a handle that never gets CURLOPT_TIMEOUT(_MS). A client built from
 * a variable holding its options, or a handle made elsewhere, is not read.
 */
export function phpUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const text = flow.text;
  const out: UnboundedRequest[] = [];
  const guzzle = /GuzzleHttp\\/.test(text);
  for (const call of flow.calls) {
    // A script's top level runs once, by hand: not read (as for Python).
    if (!inScope(flow, call.node) || !call.fn) continue;
    if (guzzle && call.node.type === 'object_creation_expression' && guzzleClientClass(text, classOf(call.node))) {
      if (guzzleTimeoutOption(ctx)) continue;
      const args = flow.adapter.callArguments(call.node);
      if (args.length === 0) {
        const list = call.node.namedChildren.find((c) => c?.type === 'arguments');
        const at = list ? list.startIndex + 1 : call.node.endIndex;
        out.push({ node: call.node, library: 'guzzle', where: 'client', edit: list ? { start: at, end: at, text: "['timeout' => {seconds}]" } : { start: at, end: at, text: "(['timeout' => {seconds}])" } });
      } else {
        const options = unwrap(args[0]);
        if (options.type === 'array_creation_expression' && /^\[/.test(options.text)) out.push({ node: call.node, library: 'guzzle', where: 'client', edit: prependEntry(options, "'timeout' => {seconds}") });
      }
    }
    if (call.name === 'curl_exec' && !call.receiver && call.fn) {
      const handle = flow.adapter.callArguments(call.node)[0]?.text;
      if (!handle || !/^\$\w+$/.test(handle)) continue;
      const body = call.fn.node.text;
      if (!new RegExp(`${escapeRegExp(handle)}\\s*=\\s*curl_init\\s*\\(`).test(body)) continue;
      if (/CURLOPT_TIMEOUT(_MS)?\b/.test(body)) continue;
      // The handle handed to a helper of the file (`$this->prepareRequest($curl, $request)`) gets its options there.
      const handedOn = (flow.callsByFn.get(call.fn) ?? []).some((c) => !/^curl_/.test(c.name) && flow.adapter.callArguments(c.node).some((a) => a.text.replace(/^\w+\s*:\s*/, '') === handle));
      if (handedOn && /CURLOPT_TIMEOUT(_MS)?\b/.test(text)) continue;
      const statement = statementOf(call.node);
      const line = text.slice(text.lastIndexOf('\n', statement.startIndex - 1) + 1, statement.startIndex);
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      out.push({ node: call.node, library: 'curl', where: 'call', edit: { start: statement.startIndex, end: statement.startIndex, text: `curl_setopt(${handle}, CURLOPT_TIMEOUT, {seconds});\n${indent}` } });
    }
  }
  return out;
}

/**
 * The class a `new` names is Guzzle's client: `\GuzzleHttp\Client`, or a short name the file's `use` clauses bind to it
 * (`use GuzzleHttp\Client;`, `use GuzzleHttp\Client as GuzzleClient;`), or a bare `Client` no clause binds elsewhere. A
 * name bound to another class (`use Acme\Shipping\Http\GuzzleHttpClient;`, a project's own wrapper named for what it
 * wraps) or one of the file's own namespace is not.
 */
function guzzleClientClass(text: string, written: string): boolean {
  const name = written.replace(/^\\/, '');
  if (name === 'GuzzleHttp\\Client') return true;
  if (name.includes('\\')) return false;
  const bound = useBindings(text).get(name.toLowerCase());
  if (bound !== undefined) return bound.toLowerCase() === 'guzzlehttp\\client';
  return name === 'Client';
}

/** The file's `use` clauses: local name (lower case, as PHP compares class names) → the class it stands for. */
function useBindings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^[ \t]*use\s+(?!function\b|const\b)([^;{]*(?:\{[^}]*\})?)\s*;/gm)) {
    const clause = m[1].replace(/\s+/g, ' ').trim();
    const group = /^\\?([\w\\]+)\\\s*\{([^}]*)\}$/.exec(clause);
    const parts = group ? group[2].split(',').map((p) => `${group[1]}\\${p.trim()}`) : clause.split(',');
    for (const part of parts) {
      const [target, alias] = part.trim().replace(/^\\/, '').split(/\s+as\s+/i);
      if (!target) continue;
      const local = (alias ?? target.slice(target.lastIndexOf('\\') + 1)).trim();
      if (local) out.set(local.toLowerCase(), target.trim());
    }
  }
  return out;
}

function classOf(creation: Node): string {
  return creation.namedChildren.find((c) => c && /^(name|qualified_name)$/.test(c.type))?.text ?? '';
}

/** An `argument` node wraps its expression in tree-sitter-php. */
function unwrap(node: Node): Node {
  return node.type === 'argument' && node.namedChild(0) ? node.namedChild(0)! : node;
}

/** Keys of a Guzzle request's options whose arrays are payload or headers, not options: a `timeout` there bounds nothing. */
const PAYLOAD_KEY = /^['"](headers|json|form_params|query|multipart|body)['"]$/;

/**
 * Some `'timeout' =>` (or `RequestOptions::TIMEOUT`) of the file is a Guzzle option: not one put inside the
 * `'headers'` (or `'json'`, `'form_params'`…) array, where it is sent to the server as a header or a field.
 */
function guzzleTimeoutOption(ctx: DiagContext): boolean {
  const { text } = ctx.flow;
  const root = ctx.doc.tree?.rootNode;
  for (const m of text.matchAll(new RegExp(GUZZLE_TIMEOUT.source, 'g'))) {
    if (!root) return true;
    let payload = false;
    for (let n: Node | null = root.descendantForIndex(m.index, m.index + 1); n; n = n.parent) {
      if (n.type !== 'array_element_initializer') continue;
      const key = n.namedChild(0);
      if (key && n.namedChildCount > 1 && key.startIndex > m.index) continue;
      if (key && n.namedChildCount > 1 && key.endIndex <= m.index && PAYLOAD_KEY.test(key.text)) {
        payload = true;
        break;
      }
    }
    if (!payload) return true;
  }
  return false;
}
