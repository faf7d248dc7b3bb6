import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import { inScope, type UnboundedRequest } from './unbounded';
import { ownFunctionAt } from '../rustRequests';

/** `reqwest::Client::new()`, `Client::new()` with reqwest in use, `reqwest::blocking::Client::new()`. */
const NEW_CLIENT = /^(?:(?:::)?reqwest::(?:blocking::)?)?Client$/;
/** `Client::builder()…build()`: the chain from the builder call. */
const BUILDER = /(?:^|::|\s)(?:reqwest::(?:blocking::)?)?Client::builder\(\)/;

/**
 * Rust: reqwest has no timeout unless the client is built with one. A `Client::new()` / `Client::default()`, a
 * `Client::builder()…build()` chain without `.timeout(…)`, and the module functions (`reqwest::get(url)`, which
 * use a default client) can wait for ever. A request's own `.timeout(…)` on its builder bounds that request.
 * `reqwest::blocking` is the exception: its clients (and `reqwest::blocking::get`) time out after 30 s by default
 * (its ClientBuilder::timeout documentation), so only `.timeout(None)` leaves one unbounded.
 */
export function rustUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  if (!flow.imports.some((m) => /^reqwest\b/.test(m)) && !/\breqwest::/.test(flow.text)) return [];
  const out: UnboundedRequest[] = [];
  const blockingClient = importsBlockingClient(flow.text);
  for (const call of flow.calls) {
    if (!inScope(flow, call.node)) continue;
    const receiver = call.receiver ?? '';
    // (reqwest::blocking: bounded at 30 s unless told otherwise.)
    if (/(^|::)blocking(::|$)/.test(receiver) || (blockingClient && /^(?:Client|Client::builder\(\))/.test(receiver))) continue;
    if ((call.name === 'new' || call.name === 'default') && NEW_CLIENT.test(receiver)) {
      // `Client::new().get(url).timeout(d).send()`: the one request it makes is bounded.
      if (chainedTimeout(call.node)) continue;
      // `Client::new()` → `Client::builder().timeout(Duration::from_secs(30)).build().unwrap()` is more than one edit: described only.
      out.push({ node: call.node, library: 'reqwest', where: 'client' });
    } else if (call.name === 'build' && BUILDER.test(receiver) && !/\.timeout\s*\(/.test(receiver)) {
      const at = call.node.text.lastIndexOf('.build');
      const start = call.node.startIndex + at;
      const edit = at > 0 ? { start, end: start, text: '.timeout(std::time::Duration::from_secs({seconds}))' } : undefined;
      out.push({ node: call.node, library: 'reqwest', where: 'client', ...(edit ? { edit } : {}) });
    } else if (call.name === 'build' && !/\.timeout\s*\(/.test(receiver) && builderFromOwnFunction(ctx, receiver)) {
      // `client_builder(&headers).build()`: a function of the file hands back `Client::builder()` with no timeout.
      out.push({ node: call.node, library: 'reqwest', where: 'client' });
    } else if (/^(?:::)?reqwest$/.test(receiver) && call.name === 'get' && call.fn) {
      out.push({ node: call.node, library: 'reqwest', where: 'call' });
    }
  }
  return out;
}

/** The client is built inside a request chain that sets its own `.timeout(…)` after it. */
function chainedTimeout(node: Node): boolean {
  let top: Node = node;
  while (top.parent && /^(field_expression|call_expression|await_expression|try_expression)$/.test(top.parent.type)) top = top.parent;
  return /\.timeout\s*\(/.test(top.text.slice(node.endIndex - top.startIndex));
}

/** The receiver starts with a call to a function of the file returning a reqwest `ClientBuilder` it never gives a timeout. */
function builderFromOwnFunction(ctx: DiagContext, receiver: string): boolean {
  // (A plain call only, as before: `client_builder(&h).build()`, not a method of `self`.)
  const own = /^[a-z_]\w*\s*\(/.test(receiver) ? ownFunctionAt(ctx.flow, receiver) : undefined;
  return !!own && /ClientBuilder\b/.test(own.signature) && BUILDER.test(own.text) && !/\.timeout\s*\(/.test(own.text);
}

/** `use reqwest::blocking::Client;`, `use reqwest::blocking::{Client, …};`, `use reqwest::{Method, blocking::{Client, …}};` */
function importsBlockingClient(text: string): boolean {
  for (const m of text.matchAll(/\buse\s+reqwest::([^;]*);/g)) {
    if (/(?:^|[{,\s])blocking\s*::\s*(?:Client\b|\{[^}]*\bClient\b)/.test(m[1])) return true;
  }
  return false;
}
