/**
 * Rewrites one request call into a call of a retry template's helper, per language and HTTP library,
 * keeping the original arguments verbatim. For a non-idempotent method (POST/PATCH) the rewritten
 * call carries an `Idempotency-Key` generated once per logical request (once per call of the helper,
 * which re-sends the same headers on every attempt).
 */
import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { RetryLibrary } from '../templates';
import { csharpSendFactory } from './csharpSend';
import { rubyRewrite } from './rubyRewrite';
import { phpRewrite } from './phpRewrite';
import { rustRewrite } from './rustRewrite';
import { kotlinRewrite } from './kotlinRewrite';
import { Doc } from './text';

export interface CallRewrite {
  library: RetryLibrary;
  /** The template to insert when the library has several (httpx sync vs async); else the library's first. */
  templateId?: string;
  /** Replaces the call node's text. */
  text: string;
  /** Statements to insert before the call's statement (at its indentation), e.g. a C# key variable. */
  before?: string[];
  extraImports?: string[];
  extraHelpers?: Array<{ name: string; text: string; imports: string[] }>;
  /** Offsets [start, end) to delete (C#: a request variable's declaration moved into the factory). */
  remove?: Array<[number, number]>;
  /** True when the call is already awaited (the helper call must not add another `await`). */
  awaited: boolean;
}

const UNSAFE: ReadonlySet<string> = new Set(['POST', 'PATCH']);
const PY_METHODS = new Set(['get', 'head', 'options', 'put', 'delete', 'post', 'patch']);

const argsInner = (args: Node | null | undefined) => (args ? args.text.replace(/^\(/, '').replace(/\)$/, '') : '');
const namedArgs = (args: Node | null | undefined): Node[] => (args?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');

function isAwaited(call: Node): boolean {
  const parent = call.parent;
  return !!parent && (parent.type === 'await' || parent.type === 'await_expression');
}

function methodOf(name: string, fallback: HttpMethod): HttpMethod {
  const upper = name.toUpperCase();
  return PY_METHODS.has(name.toLowerCase()) ? (upper as HttpMethod) : fallback;
}

/** `requests.get(url)` → `request_with_retry(requests.Session(), "GET", url)` (and httpx, aiohttp). */
function python(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const receiver = fn.childForFieldName('object')?.text ?? '';
  const attr = fn.childForFieldName('attribute')?.text ?? '';
  const args = call.childForFieldName('arguments');
  if (attr !== 'request' && !PY_METHODS.has(attr)) return undefined;
  const lib: RetryLibrary | undefined = library === 'httpx' ? 'httpx' : library === 'aiohttp' ? 'aiohttp' : library === 'requests' ? 'requests' : undefined;
  if (!lib) return undefined;
  const helper = { requests: 'request_with_retry', httpx: 'httpx_request_with_retry', aiohttp: 'aiohttp_request_with_retry' }[lib as 'requests'];
  const moduleClient = { requests: 'requests.Session()', httpx: 'httpx.Client()', aiohttp: '' }[lib as 'requests'];
  const isModule = receiver === 'requests' || receiver === 'httpx' || receiver === 'aiohttp';
  if (isModule && lib === 'aiohttp') return undefined; // aiohttp.request(...) is a context manager, not a session call
  const client = isModule ? moduleClient : receiver;
  const effective = attr === 'request' ? method : methodOf(attr, method);
  let inner = argsInner(args);
  const extraImports: string[] = [];
  if (UNSAFE.has(effective)) {
    inner = pythonAddHeader(args, inner, '"Idempotency-Key"', 'str(uuid.uuid4())');
    extraImports.push('import uuid');
  }
  const list = attr === 'request' ? inner : `"${effective}", ${inner}`;
  const awaited = isAwaited(call);
  // `await client.get(...)` on httpx can only be an AsyncClient: its helper is a coroutine.
  if (lib === 'httpx' && awaited) {
    if (isModule) return undefined;
    return { library: lib, templateId: 'retry-httpx-async', text: `httpx_async_request_with_retry(${client}, ${list})`, extraImports, awaited };
  }
  const prefix = lib === 'aiohttp' && !awaited ? 'await ' : '';
  return { library: lib, text: `${prefix}${helper}(${client}, ${list})`, extraImports, awaited };
}

/** Adds a header to a Python call's `headers=` keyword (merging into a dict literal), or adds the keyword. */
export function pythonAddHeader(args: Node | null | undefined, inner: string, key: string, value: string): string {
  const headers = namedArgs(args).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'headers');
  if (!headers || !args) return `${inner.replace(/,\s*$/, '')}, headers={${key}: ${value}}`;
  const v = headers.childForFieldName('value');
  if (!v) return inner;
  const base = args.startIndex + 1;
  const replaced =
    v.type === 'dictionary'
      ? `{${v.text.slice(1, -1).replace(/,?\s*$/, '')}${v.namedChildren.length ? ', ' : ''}${key}: ${value}}`
      : `{**(${v.text} or {}), ${key}: ${value}}`;
  return inner.slice(0, v.startIndex - base) + replaced + inner.slice(v.endIndex - base);
}

const JS_KEY = 'crypto.randomUUID()';

/** The properties of an object literal (`a: 1, b`), or `...expr` for any other expression. */
function objectInner(node: Node | undefined, text = node?.text ?? ''): string {
  const literal = node ? node.type === 'object' : text.startsWith('{');
  return literal ? text.trim().slice(1, -1).trim().replace(/,$/, '') : `...${text}`;
}

/** Text of an object literal `obj` (or any expression) with one more header. */
function jsWithHeader(obj: Node | undefined, headerName: string, mergeVia: 'Headers' | 'spread'): string {
  const pair = `'${headerName}': ${JS_KEY}`;
  if (!obj) return `{ headers: { ${pair} } }`;
  if (obj.type === 'object') {
    const headers = obj.namedChildren.find((p) => p?.type === 'pair' && /^['"]?headers['"]?$/.test(p.childForFieldName('key')?.text ?? ''));
    const value = headers?.childForFieldName('value');
    if (headers && value?.type === 'object') {
      const inside = value.text.slice(1, -1).trim().replace(/,$/, '');
      const newValue = `{ ${inside ? inside + ', ' : ''}${pair} }`;
      return obj.text.slice(0, value.startIndex - obj.startIndex) + newValue + obj.text.slice(value.endIndex - obj.startIndex);
    }
    if (headers && value) {
      const merged = mergeVia === 'Headers' ? `{ ...Object.fromEntries(new Headers(${value.text})), ${pair} }` : `{ ...${value.text}, ${pair} }`;
      return obj.text.slice(0, value.startIndex - obj.startIndex) + merged + obj.text.slice(value.endIndex - obj.startIndex);
    }
    const inside = obj.text.slice(1, -1).trim().replace(/,$/, '');
    return `{ ${inside ? inside + ', ' : ''}headers: { ${pair} } }`;
  }
  const from = mergeVia === 'Headers' ? `...Object.fromEntries(new Headers(${obj.text}?.headers))` : `...${obj.text}?.headers`;
  return `{ ...${obj.text}, headers: { ${from}, ${pair} } }`;
}

function jsMethodIn(obj: Node | undefined): HttpMethod | undefined {
  const m = obj?.type === 'object' ? /\bmethod\s*:\s*['"`](\w+)['"`]/.exec(obj.text) : undefined;
  return m ? (m[1].toUpperCase() as HttpMethod) : undefined;
}

/** fetch, axios and got calls. */
function javascript(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  const args = namedArgs(call.childForFieldName('arguments'));
  const awaited = isAwaited(call);
  if (!fn) return undefined;
  if (library === 'fetch' && fn.text === 'fetch') {
    const effective = jsMethodIn(args[1]) ?? method;
    if (!UNSAFE.has(effective)) return { library: 'fetch', text: `fetchWithRetry(${argsInner(call.childForFieldName('arguments'))})`, awaited };
    if (!args[0]) return undefined;
    return { library: 'fetch', text: `fetchWithRetry(${args[0].text}, ${jsWithHeader(args[1], 'Idempotency-Key', 'Headers')})`, awaited };
  }
  if (library === 'axios') {
    const receiver = fn.type === 'member_expression' ? fn.childForFieldName('object')?.text : fn.text;
    const verb = fn.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : '';
    let config: string;
    let effective: HttpMethod;
    if (verb === '' || verb === 'request') {
      if (!args[0]) return undefined;
      const cfg = args.length > 1 ? args[1] : args[0];
      effective = jsMethodIn(cfg) ?? method;
      config = args.length > 1 ? `{ ...${args[1].text}, url: ${args[0].text} }` : args[0].text;
      if (UNSAFE.has(effective)) {
        config = args.length > 1
          ? `{ ...${args[1].text}, url: ${args[0].text}, headers: { ...${args[1].text}?.headers, 'Idempotency-Key': ${JS_KEY} } }`
          : jsWithHeader(args[0], 'Idempotency-Key', 'spread');
      }
    } else if (PY_METHODS.has(verb)) {
      effective = verb.toUpperCase() as HttpMethod;
      const withData = ['post', 'put', 'patch'].includes(verb);
      const [url, data, cfg] = withData ? [args[0], args[1], args[2]] : [args[0], undefined, args[1]];
      if (!url) return undefined;
      const props = [`method: '${verb}'`, url.text === 'url' ? 'url' : `url: ${url.text}`];
      if (data) props.push(data.text === 'data' ? 'data' : `data: ${data.text}`);
      const withKey = cfg && UNSAFE.has(effective) ? undefined : cfg;
      if (withKey) props.push(objectInner(withKey));
      if (UNSAFE.has(effective)) props.push(objectInner(undefined, jsWithHeader(cfg, 'Idempotency-Key', 'spread')));
      config = `{ ${props.join(', ')} }`;
    } else return undefined;
    return { library: 'axios', text: `axiosWithRetry(${receiver}, ${config})`, awaited };
  }
  if (library === 'got') {
    const head = fn.type === 'member_expression' ? fn.childForFieldName('object') : fn;
    if (head?.text !== 'got') return undefined;
    const verb = fn.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : '';
    const effective = PY_METHODS.has(verb) ? (verb.toUpperCase() as HttpMethod) : jsMethodIn(args[1]) ?? method;
    const callee = 'gotWithRetry' + fn.text.slice(head.text.length);
    if (!UNSAFE.has(effective) || !args[0]) return { library: 'got', text: `${callee}(${argsInner(call.childForFieldName('arguments'))})`, awaited };
    return { library: 'got', text: `${callee}(${args[0].text}, ${jsWithHeader(args[1], 'idempotency-key', 'spread')})`, awaited };
  }
  return undefined;
}

const GO_KEY_HELPER = `// newIdempotencyKey returns a random key naming one logical request across all its retries.
func newIdempotencyKey() string {
	b := make([]byte, 16)
	if _, err := crand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}`;
const GO_KEY = { name: 'newIdempotencyKey', text: GO_KEY_HELPER, imports: ['import crand "crypto/rand"', 'import "encoding/hex"'] };

/** `client.Do(req)` → `doWithRetry(client, req)`; `http.Get(url)` → a closure building the request. */
function go(call: Node, method: HttpMethod, indent: string): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const receiver = fn.childForFieldName('operand')?.text ?? '';
  const name = fn.childForFieldName('field')?.text ?? '';
  const args = namedArgs(call.childForFieldName('arguments'));
  if (name === 'Do' && args.length === 1) {
    const before = UNSAFE.has(method) ? [`${args[0].text}.Header.Set("Idempotency-Key", newIdempotencyKey())`] : undefined;
    return { library: 'net/http', text: `doWithRetry(${receiver}, ${args[0].text})`, before, extraHelpers: before ? [GO_KEY] : undefined, awaited: false };
  }
  const client = receiver === 'http' ? 'http.DefaultClient' : receiver;
  const shapes: Record<string, { method: string; url: number; body?: number; contentType?: number }> = {
    Get: { method: 'http.MethodGet', url: 0 },
    Head: { method: 'http.MethodHead', url: 0 },
    Post: { method: 'http.MethodPost', url: 0, contentType: 1, body: 2 },
  };
  const shape = shapes[name];
  if (!shape || !args[shape.url]) return undefined;
  const i = indent + '\t';
  const lines = [
    `func() (*http.Response, error) {`,
    `${i}req, err := http.NewRequest(${shape.method}, ${args[shape.url].text}, ${shape.body !== undefined ? args[shape.body]?.text ?? 'nil' : 'nil'})`,
    `${i}if err != nil {`,
    `${i}\treturn nil, err`,
    `${i}}`,
  ];
  if (shape.contentType !== undefined) lines.push(`${i}req.Header.Set("Content-Type", ${args[shape.contentType]?.text ?? '""'})`);
  if (name === 'Post') lines.push(`${i}req.Header.Set("Idempotency-Key", newIdempotencyKey())`);
  lines.push(`${i}return doWithRetry(${client}, req)`, `${indent}}()`);
  return { library: 'net/http', text: lines.join('\n'), extraHelpers: name === 'Post' ? [GO_KEY] : undefined, awaited: false };
}

/** `client.send(request, handler)` → `HttpRetry.send(client, request, handler)`. */
function java(call: Node, method: HttpMethod): CallRewrite | undefined {
  if (call.type !== 'method_invocation' || call.childForFieldName('name')?.text !== 'send') return undefined;
  const receiver = call.childForFieldName('object')?.text;
  const args = namedArgs(call.childForFieldName('arguments'));
  if (!receiver || args.length !== 2) return undefined;
  let request = args[0].text;
  const extraImports: string[] = [];
  if (UNSAFE.has(method)) {
    const header = `.header("Idempotency-Key", UUID.randomUUID().toString())`;
    request = /\.build\(\)\s*$/.test(request)
      ? request.replace(/\.build\(\)\s*$/, `${header}.build()`)
      : `HttpRequest.newBuilder(${request}, (name, value) -> true)${header}.build()`;
    extraImports.push('import java.util.UUID;');
  }
  return { library: 'java.net.http', text: `HttpRetry.send(${receiver}, ${request}, ${args[1].text})`, extraImports, awaited: false };
}

/** `client.GetAsync(url)` → `HttpRetry.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, url))`. */
function csharp(call: Node, method: HttpMethod): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  if (call.type !== 'invocation_expression' || fn?.type !== 'member_access_expression') return undefined;
  const receiver = fn.childForFieldName('expression')?.text;
  const name = fn.childForFieldName('name')?.text ?? '';
  if (name === 'SendAsync' && receiver) return csharpSend(call, receiver, method);
  const args = namedArgs(call.childForFieldName('arguments')).map((a) => a.text);
  const verbs: Record<string, string> = { GetAsync: 'Get', DeleteAsync: 'Delete', PostAsync: 'Post', PutAsync: 'Put', PatchAsync: 'Patch' };
  const verb = verbs[name];
  if (!receiver || !verb || !args[0]) return undefined;
  const inits: string[] = [];
  const hasContent = ['Post', 'Put', 'Patch'].includes(verb);
  if (hasContent && args[1]) inits.push(`Content = ${args[1]}`);
  let before: string[] | undefined;
  if (UNSAFE.has(verb.toUpperCase())) {
    inits.push('Headers = { { "Idempotency-Key", idempotencyKey } }');
    before = ['var idempotencyKey = Guid.NewGuid().ToString();'];
  }
  const extra = args.slice(hasContent ? 2 : 1);
  const message = `new HttpRequestMessage(HttpMethod.${verb}, ${args[0]})${inits.length ? ` { ${inits.join(', ')} }` : ''}`;
  return { library: 'HttpClient', text: `HttpRetry.SendAsync(${receiver}, () => ${message}${extra.length ? ', ' + extra.join(', ') : ''})`, before, extraImports: ['using System;'], awaited: isAwaited(call) };
}

export function rewriteCall(doc: Doc, call: Node, library: HttpLibrary, method: HttpMethod, indent: string): CallRewrite | undefined {
  switch (doc.languageId) {
    case 'python':
      return python(call, library, method);
    case 'go':
      return go(call, method, indent);
    case 'java':
      return java(call, method);
    case 'csharp':
      return csharp(call, method);
    case 'ruby':
      return rubyRewrite(call, library, method);
    case 'php':
      return phpRewrite(call, library, method);
    case 'rust':
      return rustRewrite(call, library, method);
    case 'kotlin':
      return kotlinRewrite(call, library, method);
    case 'http':
      return undefined;
    default:
      return javascript(call, library, method);
  }
}

/** `client.SendAsync(message)`: the message becomes the per-attempt factory (see csharpSend.ts). */
function csharpSend(call: Node, receiver: string, method: HttpMethod): CallRewrite | undefined {
  const factory = csharpSendFactory(call, method);
  if (!factory) return undefined;
  const before = factory.keyed ? ['var idempotencyKey = Guid.NewGuid().ToString();'] : undefined;
  const text = `HttpRetry.SendAsync(${receiver}, () => ${factory.creation}${factory.token ? ', ' + factory.token : ''})`;
  return { library: 'HttpClient', text, before, remove: factory.remove, extraImports: ['using System;'], awaited: isAwaited(call) };
}
