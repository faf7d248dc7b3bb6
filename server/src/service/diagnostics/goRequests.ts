import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { toMethod, VERBS } from './httpMethods';
import { goGithubCall } from './sdkRouteCalls';
import { cachedRegExp } from '../regexCache';

const GO_CLIENT = /(^http$|client$|Client$|^c$)/;

/** The HTTP request a Go call sends (net/http, a RoundTripper, fasthttp, go-github, resty), if it is one. */
export function goRequest(flow: FileFlow, call: CallInfo, name: string, receiverLast: string): { library: HttpLibrary; method: HttpMethod; responseVar?: string } | undefined {
  // A RoundTripper passes the request on to the transport it wraps: `t.next.RoundTrip(req)`.
  if (name === 'RoundTrip' && call.receiver && flow.adapter.callArguments(call.node).length === 1) return { library: 'net/http', method: 'UNKNOWN' };
  // `x.Do(req)` where `req` comes from http.NewRequest in the function: whatever `x` is called, it sends it.
  if (name === 'Do' && call.receiver && builtRequest(flow, call)) return { library: 'net/http', method: methodFromNewRequest(flow, call) };
  // `func (c *Client) do(req *http.Request) (*http.Response, error) { …; return c.hc.Do(req) }`: a request handed in
  // typed as one can only be sent by Do, whatever the client is called; its method is the caller's.
  if (name === 'Do' && call.receiver && handedRequest(flow, call)) return { library: 'net/http', method: 'UNKNOWN' };
  // fasthttp: `c.Do(req, resp)`, `c.DoTimeout(req, resp, d)`: the response is the second argument, filled in.
  if (/^Do(Timeout|Deadline|Redirects)?$/.test(name) && flow.imports.includes('github.com/valyala/fasthttp')) {
    const args = flow.adapter.callArguments(call.node);
    if (args.length >= 2) return { library: 'fasthttp', method: fasthttpMethod(call), ...(args[1].type === 'identifier' ? { responseVar: args[1].text } : {}) };
  }
  // go-github: `client.Issues.ListByRepo(ctx, owner, repo, opts)` sends one request to the GitHub API.
  const github = goGithubCall(flow, call);
  if (github) return github;
  if (!call.receiver || !(GO_CLIENT.test(receiverLast) || declaredHttpClient(flow, receiverLast))) return /^R\(\)/.test(call.receiver?.split('.').pop() ?? '') ? undefined : restyCall(call);
  if (name === 'Do') return { library: 'net/http', method: methodFromNewRequest(flow, call) };
  if (name === 'Get' || name === 'Head' || name === 'Post' || name === 'PostForm') {
    return { library: 'net/http', method: name === 'PostForm' ? 'POST' : (name.toUpperCase() as HttpMethod) };
  }
  return undefined;
}

/**
 * A receiver the file declares as net/http's client, whatever it is called: `var hc = &http.Client{Timeout: d}`,
 * `api := http.Client{}`, a field or parameter `web *http.Client`, `cl := http.DefaultClient`.
 */
function declaredHttpClient(flow: FileFlow, name: string): boolean {
  let names = declaredClients.get(flow);
  if (!names) {
    names = new Set();
    if (flow.imports.includes('net/http')) for (const m of flow.text.matchAll(DECLARED_CLIENT)) names.add(m[1]);
    declaredClients.set(flow, names);
  }
  return names.has(name);
}

/** `name = &http.Client{`, `name := http.DefaultClient`, `name *http.Client` (a field, parameter or var). */
const DECLARED_CLIENT = /(?<![\w.])([A-Za-z_]\w*)\s*(?::?=\s*&?http\.(?:Client\s*\{|DefaultClient\b)|\*?http\.Client\b)/g;
/** The file's names declared as net/http clients, read once per file. */
const declaredClients = new WeakMap<FileFlow, Set<string>>();

/** The method a fasthttp request is given in its function (`req.Header.SetMethod(fasthttp.MethodPost)`); GET by default. */
function fasthttpMethod(call: CallInfo): HttpMethod {
  const m = /\.SetMethod(?:Bytes)?\(\s*(?:fasthttp\.Method(\w+)|"(\w+)")/.exec(call.fn?.node.text ?? '');
  return m ? toMethod(m[1] ?? m[2]) : call.fn ? 'GET' : 'UNKNOWN';
}

function restyCall(call: CallInfo): { library: HttpLibrary; method: HttpMethod } | undefined {
  if (!/\bR\(\)/.test(call.receiver ?? '')) return undefined;
  const m = VERBS[call.name.toLowerCase()];
  return m && call.name[0] === call.name[0].toUpperCase() ? { library: 'resty', method: m } : undefined;
}

/** Go: the one argument of `Do(req)` was built by `http.NewRequest…` (or retryablehttp's) in the same function. */
function builtRequest(flow: FileFlow, call: CallInfo): boolean {
  const args = flow.adapter.callArguments(call.node);
  if (args.length !== 1 || !/^[A-Za-z_]\w*$/.test(args[0].text)) return false;
  const name = args[0].text;
  return new RegExp(`\\b${name}\\s*(,\\s*\\w+)?\\s*:?=\\s*(http|retryablehttp|httptest)\\.NewRequest`).test(call.fn?.node.text ?? '');
}

/** Go: the one argument of `Do(req)` (or `req.WithContext(ctx)`) is a parameter of the function typed `*http.Request`. */
function handedRequest(flow: FileFlow, call: CallInfo): boolean {
  const args = flow.adapter.callArguments(call.node);
  const name = args.length === 1 ? /^([A-Za-z_]\w*)(?:\.WithContext\([^()]*\))?$/.exec(args[0].text)?.[1] : undefined;
  const params = call.fn?.node.childForFieldName('parameters')?.text;
  return !!name && !!params && cachedRegExp(`[(,]\\s*${name}\\s*\\*\\s*http\\.Request\\s*[,)]`).test(params);
}

/** Go: `http.NewRequest("POST", ...)` or `http.MethodPost` in the same function. */
function methodFromNewRequest(flow: FileFlow, call: CallInfo): HttpMethod {
  const builder = (flow.callsByFn.get(call.fn) ?? []).find((c) => c.start < call.start && /^NewRequest(WithContext)?$/.test(c.name));
  if (!builder) return methodFromOwnBuilder(flow, call);
  const m = /Method(Get|Post|Put|Patch|Delete|Head|Options)|"([A-Z]+)"/.exec(builder.node.text);
  return toMethod(m?.[1] ?? m?.[2]);
}

/** A Go method as written: `http.MethodGet`, `"GET"`. */
const GO_METHOD = /^(?:http\.Method(Get|Post|Put|Patch|Delete|Head|Options)|"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)")$/;

/**
 * Go: `req, err := c.newAPIRequest(ctx, "GET", path, nil)` before `client.Do(req)` — the request built by a function of
 * the file: the method handed to it (one argument that is a method), else the one it builds with itself when it names
 * exactly one.
 */
function methodFromOwnBuilder(flow: FileFlow, call: CallInfo): HttpMethod {
  const args = flow.adapter.callArguments(call.node);
  if (args.length !== 1 || !/^[A-Za-z_]\w*$/.test(args[0].text)) return 'UNKNOWN';
  const name = args[0].text;
  const made = (flow.callsByFn.get(call.fn) ?? []).filter((c) => c.start < call.start && new RegExp(`\\b${name}\\s*(,\\s*\\w+)?\\s*:?=\\s*$`).test(flow.text.slice(Math.max(0, c.start - 80), c.start).split('\n').pop() ?? ''));
  const builder = made[made.length - 1];
  const own = builder ? flow.fns.find((f) => f.name === builder.name) : undefined;
  if (!builder || !own) return 'UNKNOWN';
  const handed = flow.adapter.callArguments(builder.node).map((a) => GO_METHOD.exec(a.text)).filter((m) => m !== null);
  if (handed.length === 1) return toMethod(handed[0][1] ?? handed[0][2]);
  if (handed.length > 1) return 'UNKNOWN';
  const inside = [...own.node.text.matchAll(/NewRequest(?:WithContext)?\s*\([^)]*?(?:http\.Method(Get|Post|Put|Patch|Delete|Head|Options)|"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)")/g)];
  const methods = new Set(inside.map((m) => (m[1] ?? m[2]).toUpperCase()));
  return methods.size === 1 ? toMethod([...methods][0]) : 'UNKNOWN';
}
