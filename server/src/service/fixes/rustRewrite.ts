/**
 * reqwest requests rewritten into the Rust template's helper (templates/rust.ts), the builder chain kept verbatim in a
 * closure the helper calls once per attempt:
 *   `client.get(url).send().await`            → `send_with_retry(|| client.get(url.clone())).await`
 *   `reqwest::get(url).await`                 → `send_with_retry(|| retry_client.get(url.clone())).await`
 *                                                (with `let retry_client = reqwest::Client::new();` before it)
 * A plain variable handed to the chain by value (`get(url)`, `.body(payload)`) is cloned: the closure runs again
 * for every attempt. A POST/PATCH gets an `Idempotency-Key` made once for the logical request, before the statement.
 * An awaited send goes to the async helper, a send on reqwest::blocking to the blocking one (retry-reqwest-blocking);
 * ureq's `call()` to retry-ureq.
 */
import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';

/** Builder methods that take their argument by value. */
const BY_VALUE = /^(get|head|put|delete|post|patch|request|body)$/;
const KEY = 'let idempotency_key = format!("{:016x}{:016x}", RandomState::new().build_hasher().finish(), RandomState::new().build_hasher().finish());';

export function rustRewrite(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  if (library === 'ureq') return ureqRewrite(call, method);
  if (library !== 'reqwest' || call.type !== 'call_expression') return undefined;
  // An awaited send is async reqwest; one not awaited is reqwest::blocking (its own template).
  const blocking = call.parent?.type !== 'await_expression';
  if (blocking && !/\breqwest::blocking\b/.test(call.tree.rootNode.text)) return undefined;
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  let chain: string;
  let before: string[] = [];
  if (fn?.type === 'field_expression' && fn.childForFieldName('field')?.text === 'send' && args?.namedChildCount === 0) {
    const builder = fn.childForFieldName('value');
    if (!builder) return undefined;
    chain = cloneByValue(builder);
  } else if (fn?.type === 'scoped_identifier' && /^(::)?reqwest(::blocking)?$/.test(fn.childForFieldName('path')?.text ?? '') && fn.childForFieldName('name')?.text === 'get') {
    const url = args?.namedChildren.find((n): n is Node => !!n && !n.type.includes('comment'));
    if (!url) return undefined;
    before = [blocking ? 'let retry_client = reqwest::blocking::Client::new();' : 'let retry_client = reqwest::Client::new();'];
    chain = `retry_client.get(${byValue(url)})`;
  } else return undefined;
  if (method === 'POST' || method === 'PATCH') {
    before = [...before, KEY];
    chain += '.header("Idempotency-Key", idempotency_key.as_str())';
  }
  const helper = blocking ? 'send_with_retry_blocking' : 'send_with_retry';
  return { library: 'reqwest', templateId: blocking ? 'retry-reqwest-blocking' : 'retry-reqwest', text: `${helper}(|| ${chain})`, before: before.length ? before : undefined, awaited: !blocking };
}

/**
 * ureq 2: `ureq::get(url).call()` → `call_with_retry(ureq::get(url))` (the helper clones the request per attempt);
 * a POST/PATCH request gets `.set("Idempotency-Key", &idempotency_key)`. Only `call()`: a `send_json(…)` body is not moved.
 */
function ureqRewrite(call: Node, method: HttpMethod): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  if (call.type !== 'call_expression' || fn?.type !== 'field_expression' || fn.childForFieldName('field')?.text !== 'call') return undefined;
  if ((call.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) return undefined;
  const request = fn.childForFieldName('value');
  if (!request) return undefined;
  const keyed = method === 'POST' || method === 'PATCH';
  const text = `call_with_retry(${request.text}${keyed ? '.set("Idempotency-Key", &idempotency_key)' : ''})`;
  return { library: 'ureq', templateId: 'retry-ureq', text, before: keyed ? [KEY] : undefined, awaited: false };
}

/** The builder chain's text with every plain variable handed over by value cloned. */
function cloneByValue(builder: Node): string {
  const edits: Array<[number, number, string]> = [];
  const visit = (n: Node): void => {
    if (n.type === 'call_expression') {
      const f = n.childForFieldName('function');
      const name = f?.type === 'field_expression' ? f.childForFieldName('field')?.text ?? '' : '';
      if (BY_VALUE.test(name)) {
        for (const arg of n.childForFieldName('arguments')?.namedChildren ?? []) {
          if (arg && arg.type === 'identifier') edits.push([arg.startIndex, arg.endIndex, byValue(arg)]);
        }
      }
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(builder);
  let text = builder.text;
  const offset = builder.startIndex;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start - offset) + replacement + text.slice(end - offset);
  return text;
}

function byValue(arg: Node): string {
  return arg.type === 'identifier' ? `${arg.text}.clone()` : arg.text;
}
