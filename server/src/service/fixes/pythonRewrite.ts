import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { RetryLibrary } from '../templates';
import type { CallRewrite } from './callRewrite';
import { argsInner, isAwaited, namedArgs, PY_METHODS, UNSAFE } from './rewriteArguments';

function methodOf(name: string, fallback: HttpMethod): HttpMethod {
  const upper = name.toUpperCase();
  return PY_METHODS.has(name.toLowerCase()) ? (upper as HttpMethod) : fallback;
}

/** `requests.get(url)` → `request_with_retry(requests.Session(), "GET", url)` (and httpx, aiohttp). */
export function pythonRewrite(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
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
