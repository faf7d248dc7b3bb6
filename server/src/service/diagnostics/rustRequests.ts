import type { HttpLibrary, HttpMethod } from './findingData';
import { escapeRegExp } from './regexText';
import type { CallInfo, FileFlow } from './flow/flowModel';

const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};
/** reqwest's module functions: `reqwest::get(url)`, `reqwest::blocking::get(url)`. */
const REQWEST_MODULE = /^(?:::)?reqwest(::blocking)?$/;
/** The verb of a request builder chain: `client.post(url)`, `.request(Method::PATCH, url)`, `ureq::delete(url)`. */
const CHAIN_VERB = /(?:^|[.:])\s*(get|head|options|put|delete|post|patch)\s*\(|\brequest\s*\(\s*(?:\w+::)*Method::([A-Z]+)|\brequest\s*\(\s*"([A-Za-z]+)"/g;
/** ureq 2 sends at `call()` or one of the `send_*` calls of a request built from the module or an Agent. */
const UREQ_SEND = /^(call|send_json|send_string|send_form|send_bytes|send)$/;
/** A reqwest client (or reqwest-middleware's ClientWithMiddleware) by its name: `client`, `self.http`, `api_client`. */
const CLIENT = /(^|\.)(client|http|http_client|api|agent|inner|\w+_client|\w+_http)$/;

/** The HTTP request a Rust call sends, if it is one. */
export function rustRequest(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod } | undefined {
  const name = call.name;
  const receiver = call.receiver ?? '';
  if (REQWEST_MODULE.test(receiver)) return VERBS[name] === 'GET' ? { library: 'reqwest', method: 'GET' } : undefined;
  if (name === 'send' && receiver && usesReqwest(flow)) {
    const method = chainVerb(receiver);
    // `client.get(url).header(…).send()`, or `req.send()` for a builder made earlier in the function
    if (method !== undefined) return { library: 'reqwest', method };
    if (/^\w+$/.test(receiver) && builtBefore(flow, call, receiver)) return { library: 'reqwest', method: builtMethod(flow, call, receiver) };
    // `self.make_request(Method::POST, "messages").form(&body).send()`: a builder from a function of the file.
    if (builderFromOwnFunction(flow, receiver)) return { library: 'reqwest', method: toMethod(/\bMethod::([A-Z]+)/.exec(receiver)?.[1] ?? '') };
    // `make_builder().send()` with `make_builder: F` where `F: Fn() -> RequestBuilder`: a builder factory handed in by
    // the caller (a helper that re-sends takes one, as a sent builder cannot be sent again); its method is the caller's.
    if (builderFromFactoryParameter(call, receiver)) return { library: 'reqwest', method: 'UNKNOWN' };
    return undefined;
  }
  // `client.execute(request)` with a Request built by `client.post(u).build()?`
  if (name === 'execute' && CLIENT.test(receiver) && usesReqwest(flow) && flow.adapter.callArguments(call.node).length === 1) {
    return { library: 'reqwest', method: methodInFunction(call) };
  }
  if (UREQ_SEND.test(name) && usesUreq(flow)) {
    const method = /(^|\s|::|\.)(ureq|agent|\w+_agent)\s*(::|\.)/.test(receiver) ? chainVerb(receiver) : undefined;
    if (method !== undefined) return { library: 'ureq', method };
  }
  return undefined;
}

/** ureq 2 returns `Err(ureq::Error::Status(code, response))` for every status from 400 up (ureq 2.6.2 src/request.rs). */
export function ureqThrowsOnStatus(library: HttpLibrary): boolean {
  return library === 'ureq';
}

function usesReqwest(flow: FileFlow): boolean {
  return flow.imports.some((m) => /^reqwest(_middleware)?\b/.test(m)) || /\breqwest(_middleware)?::/.test(flow.text);
}

function usesUreq(flow: FileFlow): boolean {
  return flow.imports.some((m) => /^ureq\b/.test(m)) || /\bureq::/.test(flow.text);
}

/** The method of the last verb call in a builder chain; undefined when the chain shows none. */
function chainVerb(chain: string): HttpMethod | undefined {
  let method: HttpMethod | undefined;
  for (const m of chain.matchAll(new RegExp(CHAIN_VERB.source, 'g'))) method = m[1] ? VERBS[m[1]] : toMethod(m[2] ?? m[3]);
  return method;
}

/** The chain starts with a call of a function of the file that hands back a reqwest `RequestBuilder`. */
function builderFromOwnFunction(flow: FileFlow, chain: string): boolean {
  const own = ownFunctionAt(flow, chain);
  return !!own && /->\s*(?:reqwest::)?RequestBuilder\b/.test(own.signature);
}

/**
 * The chain starts by calling a parameter of the enclosing function that makes a reqwest `RequestBuilder`: typed so
 * (`make: impl Fn() -> RequestBuilder`, `&dyn Fn() -> reqwest::RequestBuilder`) or through a generic bound
 * (`F: Fn() -> RequestBuilder` in the `<…>` list or a `where` clause).
 */
function builderFromFactoryParameter(call: CallInfo, chain: string): boolean {
  const name = /^([a-z_]\w*)\s*\(\s*\)/.exec(chain.trim())?.[1];
  // (The send may sit in a closure of the function: its parameters are the named function's.)
  let owner = call.fn;
  while (owner && !owner.name && owner.parent) owner = owner.parent;
  if (!name || !owner) return false;
  const text = owner.node.text;
  const signature = text.slice(0, text.indexOf('{') + 1);
  const at = new RegExp(`[(,]\\s*(?:mut\\s+)?${escapeRegExp(name)}\\s*:\\s*`).exec(signature);
  if (!at) return false;
  const typed = signature.slice(at.index + at[0].length);
  if (FACTORY.test(typed)) return true;
  // A generic parameter: its bound, `F: Fn() -> RequestBuilder`, in the angle brackets or the where clause.
  const generic = /^&?\s*(?:mut\s+)?([A-Z]\w*)\s*[,)]/.exec(typed)?.[1];
  return !!generic && new RegExp(`\\b${generic}\\s*:\\s*(?:Fn|FnMut)\\s*\\(\\s*\\)\\s*->\\s*(?:reqwest::)?RequestBuilder\\b`).test(signature);
}
/** A closure type that makes a request builder: `impl Fn() -> RequestBuilder`, `&dyn FnMut() -> reqwest::RequestBuilder`. */
const FACTORY = /^&?\s*(?:impl|dyn|&\s*dyn|Box\s*<\s*dyn)\s+(?:Fn|FnMut)\s*\(\s*\)\s*->\s*(?:reqwest::)?RequestBuilder\b/;

/**
 * The function of the file a chain starts by calling (`make_request(…)…`, `self.client_builder(&h)…`), with its
 * signature (the text up to its body's brace) and its whole text.
 */
export function ownFunctionAt(flow: FileFlow, chain: string): { signature: string; text: string } | undefined {
  const name = /^(?:self\s*\.\s*)?([a-z_]\w*)\s*\(/.exec(chain.trim())?.[1];
  const fn = name ? flow.fns.find((f) => f.name === name) : undefined;
  if (!fn) return undefined;
  const text = fn.node.text;
  return { signature: text.slice(0, text.indexOf('{') + 1), text };
}

/** `let req = client.post(url).json(&body);` before `req.send()` in the same function. */
function builtBefore(flow: FileFlow, call: CallInfo, name: string): boolean {
  const scope = call.fn?.node.text ?? flow.text;
  return new RegExp(`\\blet\\s+(mut\\s+)?${escapeRegExp(name)}\\s*(:[^=]+)?=\\s*[\\w.:]*(client|http|Client::new\\(\\))\\s*\\.\\s*(get|head|options|put|delete|post|patch|request)\\s*\\(`).test(scope);
}

function builtMethod(flow: FileFlow, call: CallInfo, name: string): HttpMethod {
  const scope = call.fn?.node.text ?? flow.text;
  const m = new RegExp(`\\blet\\s+(?:mut\\s+)?${name}\\b[^;]*?\\.\\s*(get|head|options|put|delete|post|patch)\\s*\\(`).exec(scope);
  return m ? VERBS[m[1]] : chainVerb(scope.slice(scope.indexOf(`let ${name}`))) ?? 'UNKNOWN';
}

function methodInFunction(call: CallInfo): HttpMethod {
  return chainVerb(call.fn?.node.text ?? '') ?? 'UNKNOWN';
}

function toMethod(text: string | undefined): HttpMethod {
  const upper = (text ?? '').toUpperCase();
  return (['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH', 'TRACE'] as const).find((m) => m === upper) ?? 'UNKNOWN';
}
