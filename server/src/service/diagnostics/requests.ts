import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { forwardsToWrapped, requestByStatusRead } from './statusReadRequests';
import { rubyRequest } from './rubyRequests';
import { axiosInstance, fetchAliases } from './jsClientNames';
import { callsParameterInTry, callsReceiverOperation } from './handedOperations';
import { guzzleThrowsOnStatus, phpRequest } from './phpRequests';
import { kotlinRequest, kotlinResponseVar } from './kotlinRequests';
import { rustRequest, ureqThrowsOnStatus } from './rustRequests';
import { superagentRequest } from './superagentRequests';
import { goGithubCall, octokitRoute } from './sdkRouteCalls';

/** A call that sends an HTTP request. */
export interface RequestInfo {
  call: CallInfo;
  library: HttpLibrary;
  method: HttpMethod;
  /** Variable the response is assigned to. */
  responseVar?: string;
  /** The statement holding the call. */
  statement: Node;
  /**
   * Known by what the code does rather than by a client library: its result's status is read
   * (`status-read`), or a wrapper forwards its request to the one it wraps (`forwarding`).
   */
  inferred?: 'status-read' | 'forwarding' | 'callback' | 'sdk';
  /** Sent through a name bound to a client's method (`send = requests.post`; `send(url)`): the client it belongs to. */
  aliasOf?: string;
}

const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};
const PY_CLIENT = /^_?(requests|httpx|session|sess|s|client|http|http_?client|async_?client|api|pool|aiohttp)$|^_?\w*_(session|http_?client|client)$|^_?(http|api)_\w+$/i;
const JS_CLIENT_NAME = /^_?(axios|got|ky|api|client|http|httpClient|instance|request|superagent|httpService)$/i;
/** `githubClient`, `this.apiHttp`, `httpService`, `apiRequester`: a client by its camel-case name. */
const JS_CLIENT_CAMEL = /^_?\w+(Client|Http|HttpClient|Api)$|^_?(http|api)[A-Z]\w*$/;
const JS_CLIENT = { test: (name: string): boolean => JS_CLIENT_NAME.test(name) || JS_CLIENT_CAMEL.test(name) };
const GO_CLIENT = /(^http$|client$|Client$|^c$)/;
const CS_VERB = /^(Get|Post|Put|Patch|Delete|Send|GetString|GetByteArray|GetStream|GetFromJson|PostAsJson|PutAsJson|PatchAsJson|DeleteFromJson)Async$/;

/** Recognises the request calls of a file. */
export function findRequests(flow: FileFlow): RequestInfo[] {
  const result: RequestInfo[] = [];
  let localFunctions: Set<string> | undefined;
  for (const call of flow.calls) {
    const found = recognise(flow, call) ?? aliasedRequest(flow, call);
    if (found) {
      result.push({ call, ...found, responseVar: found.responseVar ?? responseVarOf(call.node), statement: statementOf(call.node) });
      continue;
    }
    // A retry helper running the operation it is handed (`callWithRetry(apiCall, args)` calling `apiCall(args)`
    // in a try): what it re-runs is a request of its callers; how it retries is written here.
    if (call.fn && (call.receiver ? callsReceiverOperation(flow, call) : callsParameterInTry(flow, call))) {
      result.push({ call, library: 'unknown', method: 'UNKNOWN', responseVar: responseVarOf(call.node), statement: statementOf(call.node), inferred: 'callback' });
      continue;
    }
    // Calls the names above do not show: only method calls inside functions are read further.
    if (!call.fn || !call.receiver) continue;
    if (forwardsToWrapped(flow, call)) {
      result.push({ call, library: 'unknown', method: 'UNKNOWN', responseVar: responseVarOf(call.node), statement: statementOf(call.node), inferred: 'forwarding' });
      continue;
    }
    const responseVar = responseVarOf(call.node);
    if (!responseVar) continue;
    localFunctions ??= new Set(flow.fns.map((f) => f.name).filter((n): n is string => !!n));
    const inferred = requestByStatusRead(flow, call, responseVar, localFunctions);
    if (inferred) result.push({ call, library: 'unknown', method: inferred.method, responseVar, statement: statementOf(call.node), inferred: 'status-read' });
  }
  return result;
}

/**
 * A request function held in a local and called through it: `request_func = requests.post` (one per branch of an
 * if on the method), then `request_func(url, json=…)`; `const send = axios.put; await send(u, body)`. The method is
 * the one assigned, or any of them when the branches give several.
 */
function aliasedRequest(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod; aliasOf?: string; responseVar?: string } | undefined {
  // (A name as written in code: on a half-typed line the callee can be any text.)
  if (call.receiver || !call.fn || !/^[A-Za-z_$][\w$]*$/.test(call.name) || !/^(python|javascript|typescript|tsx)$/.test(flow.grammarName)) return undefined;
  // Names the file assigns a member to at all, read once per file: most calls are not through one.
  let names = aliasNames.get(flow);
  if (!names) aliasNames.set(flow, (names = new Set([...flow.text.matchAll(ALIAS)].map((m) => m[1]))));
  if (!names.has(call.name)) return undefined;
  const assigned = new RegExp(`(?:^|[^\\w.$])(?:(?:const|let|var)\\s+)?${call.name.replace(/\$/g, '\\$')}\\s*=\\s*([\\w.$]+)\\.(\\w+)\\s*(?:[;\\n]|$)`, 'gm');
  const methods = new Set<HttpMethod>();
  const owners = new Set<string>();
  let library: HttpLibrary | undefined;
  for (const m of call.fn.node.text.matchAll(assigned)) {
    owners.add(m[1]);
    const owner = m[1].split('.').pop() ?? '';
    const verb = VERBS[m[2].toLowerCase()];
    if (!verb || m[2] !== m[2].toLowerCase()) return undefined;
    const found = recognise(flow, { ...call, receiver: m[1], name: m[2] } as CallInfo);
    if (!found) return undefined;
    library ??= found.library;
    methods.add(verb);
    if (!owner) return undefined;
  }
  if (!library || methods.size === 0) return undefined;
  return { library, method: methods.size === 1 ? [...methods][0] : 'UNKNOWN', ...(owners.size === 1 ? { aliasOf: [...owners][0] } : {}) };
}

/** The method a fasthttp request is given in its function (`req.Header.SetMethod(fasthttp.MethodPost)`); GET by default. */
function fasthttpMethod(call: CallInfo): HttpMethod {
  const m = /\.SetMethod(?:Bytes)?\(\s*(?:fasthttp\.Method(\w+)|"(\w+)")/.exec(call.fn?.node.text ?? '');
  return m ? toMethod(m[1] ?? m[2]) : call.fn ? 'GET' : 'UNKNOWN';
}

/** The file binds `requests` to a module of another package (`from dlt.sources.helpers import requests`). */
function reboundRequests(flow: FileFlow): boolean {
  let known = rebound.get(flow);
  if (known === undefined) {
    known = /^[ \t]*from[ \t]+(?!requests\b)[\w.]+[ \t]+import[ \t]+(?:\(?[^\n]*,[ \t]*)?requests\b(?![ \t]+as\b)/m.test(flow.text) || /^[ \t]*import[ \t]+(?!requests\b)[\w.]+[ \t]+as[ \t]+requests\b/m.test(flow.text);
    rebound.set(flow, known);
  }
  return known;
}

const rebound = new WeakMap<FileFlow, boolean>();

/**
 * The receiver (`session`, `self.session`) is bound in this file to `requests.Session()` (assigned, or `with … as`),
 * or to requests-oauthlib's `OAuth2Session(…)` / `OAuth1Session(…)`, subclasses. The names are read once per file.
 */
function boundToSession(flow: FileFlow, receiver: string): boolean {
  let names = sessionNames.get(flow);
  if (!names) {
    names = new Set();
    // (A bare `Session()` is requests' only when imported from it: SQLAlchemy has one too.)
    const bare = /^\s*from\s+requests\s+import\s+[^\n]*\bSession\b/m.test(flow.text) ? '?' : '';
    const oauth = flow.imports.some((m) => m.startsWith('requests_oauthlib')) ? '|(?:requests_oauthlib\\.)?OAuth[12]Session' : '';
    const session = `(?:(?:requests\\.)${bare}Session${oauth})`;
    const pattern = new RegExp(`(?:^|[\\s;(.])(\\w+)\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*${session}\\(|\\bwith\\s+${session}\\([^)]*\\)\\s+as\\s+(\\w+)\\b`, 'gm');
    for (const m of flow.text.matchAll(pattern)) names.add(m[1] ?? m[2]);
    sessionNames.set(flow, names);
  }
  return names.has(receiver.replace(/^self\./, ''));
}

const sessionNames = new WeakMap<FileFlow, Set<string>>();

/** `name = owner.get` / `const name = owner.post;` (a member assigned, not called). */
const ALIAS = /(?:^|[^\w.$])([A-Za-z_$][\w$]*)\s*=\s*[\w.$]+\.(?:get|post|put|patch|delete|head|options)\s*(?:;|$)/gm;
const aliasNames = new WeakMap<FileFlow, Set<string>>();

function recognise(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod; responseVar?: string; inferred?: RequestInfo['inferred'] } | undefined {
  const name = call.name;
  const receiverLast = (call.receiver ?? '').split(/\.|->/).pop() ?? '';
  const lower = name.toLowerCase();
  switch (flow.grammarName) {
    case 'python': {
      // urllib: `urlopen(url)`, `urllib.request.urlopen(req, timeout=5)`.
      if (name === 'urlopen' && (!call.receiver || /^(urllib\.request|request|urllib2|urllib)$/.test(call.receiver))) {
        return { library: 'urllib', method: /\bmethod\s*=\s*['"]([A-Z]+)['"]/.test(call.node.text) ? methodFromFirstString(call.node) : 'GET' };
      }
      // (A receiver of any name the file binds to a requests session: `self._oauth = OAuth2Session(…)`.)
      // (`Session().send(req)`, `requests.Session().get(u)`: a session made for the one call.)
      const fresh = /^(?:requests\.)?Session\(\s*\)$/.test(call.receiver ?? '') && (call.receiver!.startsWith('requests.') || /^\s*from\s+requests\s+import\s+[^\n]*\bSession\b/m.test(flow.text));
      if (!fresh && !PY_CLIENT.test(receiverLast) && !(call.receiver && boundToSession(flow, call.receiver))) return undefined;
      // An ORM session (`db.session.delete(card)`, SQLAlchemy's `session.get(User, 5)`) or a web framework's session
      // (`request.session.get("user")`) is not an HTTP client.
      if (ormSession(flow, call)) return undefined;
      // `from dlt.sources.helpers import requests`: a project's or framework's own `requests` (often a retrying,
      // time-limited wrapper), not the requests package: the calls are requests of a client the file does not show.
      const library: HttpLibrary = fresh ? 'requests' : receiverLast === 'requests' && reboundRequests(flow) ? 'unknown'
        : receiverLast === 'requests' ? 'requests'
        : /httpx/.test(call.receiver ?? '') || flow.imports.includes('httpx') ? 'httpx'
        : flow.imports.includes('aiohttp') ? 'aiohttp'
        // (urllib3 imported for its Retry does not make a name bound to `requests.Session()` a urllib3 pool.)
        : flow.imports.some((m) => m.startsWith('urllib3')) && receiverLast !== 'requests' && !boundToSession(flow, call.receiver ?? '') ? 'urllib3' : 'requests';
      if (VERBS[name]) return { library, method: VERBS[name] };
      if (name === 'request') return { library, method: methodFromFirstString(call.node) };
      // requests-oauthlib: an OAuth2Session is a requests.Session whose token calls POST to the token endpoint, and so
      // is an OAuth1Session, whose request-token and access-token calls POST too.
      if (/^(fetch_token|refresh_token|fetch_request_token|fetch_access_token)$/.test(name) && library === 'requests' && boundToSession(flow, call.receiver ?? '')) return { library, method: 'POST' };
      // `session.send(prepared)`: a prepared request (its method was set where it was built).
      if (name === 'send' && library === 'requests' && receiverLast !== 'requests') return { library, method: 'UNKNOWN' };
      return undefined;
    }
    case 'javascript': case 'typescript': case 'tsx': {
      if (name === 'fetch' && (!call.receiver || /^(window|globalThis|self)$/.test(call.receiver))) return { library: 'fetch', method: methodFromOptions(call.node) };
      // An injected fetch (`this.fetchImpl(url, init)`, `options.fetch(url)`, `fetchFn(url)`): a client's transport.
      if (/^_?fetch(Impl|Fn|Function)?$/.test(name) && (!call.receiver || /^(this|options|opts|config|deps)$/.test(call.receiver))) return { library: 'fetch', method: methodFromOptions(call.node) };
      // fetch itself under another name (`customFetchApi = fetch` as a parameter's default, `const doFetch = fetch`).
      if (!call.receiver && fetchAliases(flow).has(name)) return { library: 'fetch', method: methodFromOptions(call.node) };
      // A project's fetch wrapper handed fetch's own options (`fetchWithProxy(url, { method: 'POST', body })`): a fetch.
      if (/^fetch[A-Z]\w*$/.test(name) && !/retr|backoff|poll/i.test(name) && (!call.receiver || call.receiver === 'this') && fetchInit(flow, call)) return { library: 'fetch', method: methodFromOptions(call.node) };
      // Octokit's route requests: `octokit.request('POST /repos/{owner}/{repo}/issues', …)`, `request('GET /user')`.
      const route = name === 'request' ? octokitRoute(flow, call) : undefined;
      if (route) return { library: 'octokit', method: route };
      // superagent under the name the file imports it as (often `request`): its verbs start a builder chain.
      const superagent = superagentRequest(flow, call, responseVarOf);
      if (superagent) return { library: 'superagent', ...superagent };
      if (!call.receiver && (name === 'axios' || name === 'got' || name === 'ky')) return { library: name, method: methodFromOptions(call.node) };
      // An axios instance called as a function (`http(config)`, `this.api(originalRequest)`) sends the config it is given.
      if ((!call.receiver || call.receiver === 'this') && axiosInstance(flow, name)) return { library: 'axios', method: methodFromOptions(call.node) };
      // `axios.request({ method: 'post', … })`, `client.request(config)`, `discordApiClient.request(error.config)`.
      if (name === 'request' && call.receiver && JS_CLIENT.test(receiverLast) && !/^_?(request|superagent)$/i.test(receiverLast)) return { library: receiverLast === 'got' ? 'got' : 'axios', method: methodFromOptions(call.node) };
      if (call.receiver && (JS_CLIENT.test(receiverLast) || axiosInstance(flow, receiverLast)) && (VERBS[lower] && name === lower)) {
        const library: HttpLibrary = receiverLast === 'got' ? 'got' : receiverLast === 'ky' ? 'ky' : 'axios';
        return { library, method: VERBS[lower] };
      }
      return undefined;
    }
    case 'go': {
      // A RoundTripper passes the request on to the transport it wraps: `t.next.RoundTrip(req)`.
      if (name === 'RoundTrip' && call.receiver && flow.adapter.callArguments(call.node).length === 1) return { library: 'net/http', method: 'UNKNOWN' };
      // `x.Do(req)` where `req` comes from http.NewRequest in the function: whatever `x` is called, it sends it.
      if (name === 'Do' && call.receiver && builtRequest(flow, call)) return { library: 'net/http', method: methodFromNewRequest(flow, call) };
      // fasthttp: `c.Do(req, resp)`, `c.DoTimeout(req, resp, d)`: the response is the second argument, filled in.
      if (/^Do(Timeout|Deadline|Redirects)?$/.test(name) && flow.imports.includes('github.com/valyala/fasthttp')) {
        const args = flow.adapter.callArguments(call.node);
        if (args.length >= 2) return { library: 'fasthttp', method: fasthttpMethod(call), ...(args[1].type === 'identifier' ? { responseVar: args[1].text } : {}) };
      }
      // go-github: `client.Issues.ListByRepo(ctx, owner, repo, opts)` sends one request to the GitHub API.
      const github = goGithubCall(flow, call);
      if (github) return github;
      if (!call.receiver || !GO_CLIENT.test(receiverLast)) return /^R\(\)/.test(call.receiver?.split('.').pop() ?? '') ? undefined : restyCall(call);
      if (name === 'Do') return { library: 'net/http', method: methodFromNewRequest(flow, call) };
      if (name === 'Get' || name === 'Head' || name === 'Post' || name === 'PostForm') {
        return { library: 'net/http', method: name === 'PostForm' ? 'POST' : (name.toUpperCase() as HttpMethod) };
      }
      return undefined;
    }
    case 'java':
      return jvmRequest(flow, call, name, receiverLast);
    // Kotlin: Ktor's client first, then the JVM clients as Java reads them (OkHttp, Retrofit, Spring, HttpURLConnection).
    case 'kotlin':
      return kotlinRequest(flow, call) ?? jvmRequest(flow, call, name, receiverLast);
    case 'c-sharp': {
      // RestSharp: `client.ExecuteAsync(request)`, `client.ExecutePostAsync(request)`.
      if (/^Execute(Get|Post|Put|Patch|Delete)?(Async|TaskAsync)?$/.test(name) && /client$/i.test(receiverLast)) {
        const verb = /^Execute(Get|Post|Put|Patch|Delete)/.exec(name)?.[1];
        const m = /Method\.(Get|Post|Put|Patch|Delete|GET|POST|PUT|PATCH|DELETE)\b/.exec(call.fn?.node.text ?? '');
        return { library: 'RestSharp', method: toMethod(verb ?? m?.[1] ?? 'GET') };
      }
      const verb = CS_VERB.exec(name);
      // A DelegatingHandler sends the request on with `base.SendAsync(request, ct)`.
      if (!verb || !(/client|http/i.test(receiverLast) || (receiverLast === 'base' && verb[1] === 'Send'))) return undefined;
      const v = verb[1].replace(/String|ByteArray|Stream|FromJson|AsJson/g, '').toLowerCase();
      return { library: 'HttpClient', method: v === 'send' ? methodFromBuilder(flow, call) : VERBS[v] ?? 'GET' };
    }
    case 'ruby':
      return rubyRequest(flow, call);
    case 'php':
      return phpRequest(flow, call);
    case 'rust':
      return rustRequest(flow, call);
  }
  return undefined;
}

/** The HTTP request a call on the JVM sends (Java, and Kotlin after its own clients), if it is one. */
function jvmRequest(flow: FileFlow, call: CallInfo, name: string, receiverLast: string): { library: HttpLibrary; method: HttpMethod } | undefined {
  if ((name === 'send' || name === 'sendAsync') && /client|^_?http$/i.test(receiverLast)) return { library: 'java.net.http', method: methodFromBuilder(flow, call) };
  // Spring WebClient / RestClient: `webClient.get().uri(u).retrieve()`, `restClient.post()….exchange(…)`.
  const spring = springChain(call);
  if (spring) return { library: 'WebClient', method: spring };
  if (name === 'execute' && /newCall/.test(call.receiver ?? '')) return { library: 'okhttp', method: methodFromBuilder(flow, call) };
  // `this.call = client.newCall(request)`, sent later with `call.enqueue(callback)` / `call.execute()`.
  if (name === 'newCall' && /client|^_?http$/i.test(receiverLast) && !/^\s*\.\s*execute\b/.test(flow.text.slice(call.end, call.end + 20))) {
    return { library: 'okhttp', method: methodFromBuilder(flow, call) };
  }
  // An OkHttp interceptor sends the request on with `chain.proceed(request)`.
  if (name === 'proceed' && receiverLast === 'chain') return { library: 'okhttp', method: methodFromBuilder(flow, call) };
  // Apache HttpClient: `httpClient.execute(new HttpGet(url))`, `client.execute(post, handler)`.
  if (name === 'execute' && /client$/i.test(receiverLast) && !/newCall/.test(call.receiver ?? '') && flow.adapter.callArguments(call.node).length > 0) {
    return { library: 'apache-httpclient', method: methodFromApache(flow, call) };
  }
  // HttpURLConnection: the request goes out when the connection is read (`getResponseCode()`).
  if (name === 'openConnection') {
    const m = /setRequestMethod\(\s*"([A-Z]+)"/.exec(call.fn?.node.text ?? '');
    return { library: 'HttpURLConnection', method: toMethod(m?.[1] ?? 'GET') };
  }
  // Retrofit: `api.getUser(id).execute()` (a Call built by the service interface, sent here).
  if (name === 'execute' && /\)\s*$/.test(call.receiver ?? '') && flow.adapter.callArguments(call.node).length === 0 && /\.code\(\)|isSuccessful\(\)|errorBody\(\)/.test(call.fn?.node.text ?? '')) {
    return { library: 'okhttp', method: 'UNKNOWN' };
  }
  const rest = /^(get|post|put|patch|delete)(ForObject|ForEntity|ForLocation)?$|^exchange$/.exec(name);
  if (rest && /restTemplate|template|^_?rest$/i.test(receiverLast)) return { library: 'RestTemplate', method: rest[1] ? VERBS[rest[1]] : 'UNKNOWN' };
  return undefined;
}

/** A database session: `db.session`, or a session in a file that imports SQLAlchemy whose first argument is no address. */
function ormSession(flow: FileFlow, call: CallInfo): boolean {
  const receiver = call.receiver ?? '';
  if (/(^|\.)(db|database|orm)\.session$|^db_?session$/i.test(receiver)) return true;
  // A web framework's session, a dict: `request.session.get("user", {})`, Flask's `session.get("token")` — a key, not a URL.
  if (/(^|\.)(request|req)\.session$|^session$/.test(receiver)) {
    const key = flow.adapter.callArguments(call.node)[0]?.text ?? '';
    if (/^["'][\w.-]*["']$/.test(key)) return true;
  }
  if (!flow.imports.some((m) => /^(sqlalchemy|flask_sqlalchemy|sqlmodel)\b/.test(m))) return false;
  const first = flow.adapter.callArguments(call.node)[0]?.text ?? '';
  return !/^[rfb]?["']|url|uri|endpoint|path|href|link/i.test(first);
}

/**
 * Spring WebClient / RestClient: the call that sends (`retrieve`, `exchange`, `exchangeToMono`/`Flux`) on a chain
 * that starts at a client field or variable (`webClient`, `restClient`, `this.client`) with a verb call.
 */
function springChain(call: CallInfo): HttpMethod | undefined {
  if (!/^(retrieve|exchange|exchangeToMono|exchangeToFlux)$/.test(call.name) || !call.receiver) return undefined;
  const m = /^(?:this\.)?(_?\w*(?:[wW]eb|[rR]est)?[cC]lient|web|rest)\s*\.\s*(get|post|put|patch|delete|head|options|method)\s*\(/.exec(call.receiver);
  if (!m) return undefined;
  if (m[2] !== 'method') return toMethod(m[2]);
  const verb = /HttpMethod\.(GET|POST|PUT|PATCH|DELETE)\b/.exec(call.receiver);
  return toMethod(verb?.[1]);
}

/**
 * The call throws (rejects, raises) for every failure status by itself: axios, got, ky and superagent; Spring's
 * RestTemplate (HttpClientErrorException / HttpServerErrorException); .NET's GetStringAsync /
 * GetFromJsonAsync / GetByteArrayAsync / GetStreamAsync (HttpRequestException on a non-success status).
 */
export function throwsOnStatus(request: Pick<RequestInfo, 'library' | 'call'>): boolean {
  // rest-client raises RestClient::ExceptionWithResponse subclasses for every status from 400 up.
  // Octokit's request rejects with a RequestError (status, headers) for every status from 400 up.
  if (request.library === 'axios' || request.library === 'got' || request.library === 'ky' || request.library === 'superagent' || request.library === 'RestTemplate' || request.library === 'rest-client' || request.library === 'octokit') return true;
  // Spring's retrieve() turns every error status into a WebClientResponseException / RestClientResponseException.
  if (request.library === 'WebClient') return request.call.name === 'retrieve';
  if (request.library === 'guzzle') return guzzleThrowsOnStatus(request.call.node.tree.rootNode.text);
  if (ureqThrowsOnStatus(request.library)) return true;
  return request.library === 'HttpClient' && /^(GetString|GetByteArray|GetStream|GetFromJson)Async$/.test(request.call.name);
}

function restyCall(call: CallInfo): { library: HttpLibrary; method: HttpMethod } | undefined {
  if (!/\bR\(\)/.test(call.receiver ?? '')) return undefined;
  const m = VERBS[call.name.toLowerCase()];
  return m && call.name[0] === call.name[0].toUpperCase() ? { library: 'resty', method: m } : undefined;
}

function methodFromFirstString(call: Node): HttpMethod {
  const m = /\(\s*['"]([A-Za-z]+)['"]/.exec(call.text);
  return toMethod(m?.[1]);
}

/** The call's second argument is an object literal with fetch's request options (`method`, `headers`, `body`, `signal`). */
function fetchInit(flow: FileFlow, call: CallInfo): boolean {
  const init = flow.adapter.callArguments(call.node)[1];
  if (init?.type !== 'object') return false;
  return init.namedChildren.some((p) => (p?.type === 'pair' && /^(method|headers|body|signal)$/.test(p.childForFieldName('key')?.text ?? '')) || (p?.type === 'shorthand_property_identifier' && /^(method|headers|body|signal)$/.test(p.text)));
}

function methodFromOptions(call: Node): HttpMethod {
  const m = /method\s*:\s*['"`]([A-Za-z]+)['"`]/.exec(call.text);
  if (m) return toMethod(m[1]);
  // `{ method: webhook.method || 'POST' }`: chosen at run time, and a write unless told otherwise.
  const fallback = /\bmethod\s*:\s*[\w$.?]+\s*(?:\|\||\?\?)\s*['"`]([A-Za-z]+)['"`]/.exec(call.text);
  if (fallback) return toMethod(fallback[1]);
  // `{ method: webhook.method }`, `{ method, body }`: a method chosen at run time; a body with no method is no GET either.
  return /[{,]\s*method\s*[:,}]|\bbody\s*:/.test(call.text) ? 'UNKNOWN' : 'GET';
}

/** Go: the one argument of `Do(req)` was built by `http.NewRequest…` (or retryablehttp's) in the same function. */
function builtRequest(flow: FileFlow, call: CallInfo): boolean {
  const args = flow.adapter.callArguments(call.node);
  if (args.length !== 1 || !/^[A-Za-z_]\w*$/.test(args[0].text)) return false;
  const name = args[0].text;
  return new RegExp(`\\b${name}\\s*(,\\s*\\w+)?\\s*:?=\\s*(http|retryablehttp|httptest)\\.NewRequest`).test(call.fn?.node.text ?? '');
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

/** Java/C#: the request builder in the same function (`.POST(`, `HttpMethod.Post`, `.method("PATCH"`). */
function methodFromBuilder(flow: FileFlow, call: CallInfo): HttpMethod {
  const scope = call.fn?.node.text ?? flow.text;
  const m = /\.(POST|PUT|DELETE|GET|PATCH)\s*\(|HttpMethod\.(Post|Put|Delete|Get|Patch)\b|method\(\s*"([A-Z]+)"|\.(post|put|patch|delete|get)\(\)/.exec(scope);
  return toMethod(m?.[1] ?? m?.[2] ?? m?.[3] ?? m?.[4]);
}

/** Apache HttpClient: the request object's class (`new HttpPost(url)`) in the same function. */
function methodFromApache(flow: FileFlow, call: CallInfo): HttpMethod {
  const m = /new\s+Http(Get|Post|Put|Patch|Delete|Head)\b|ClassicRequestBuilder\.(get|post|put|patch|delete)\b|SimpleRequestBuilder\.(get|post|put|patch|delete)\b/.exec(call.fn?.node.text ?? flow.text);
  return toMethod(m?.[1] ?? m?.[2] ?? m?.[3]);
}

function toMethod(text: string | undefined): HttpMethod {
  const upper = (text ?? '').toUpperCase();
  return (['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH', 'TRACE'] as const).find((m) => m === upper) ?? 'UNKNOWN';
}

const STATEMENT = /statement$|declaration$|^expression_statement$|^local_declaration_statement$|^short_var_declaration$|^assignment_statement$/;

export function statementOf(node: Node): Node {
  let statement = statements.get(node);
  if (!statement) statements.set(node, (statement = findStatement(node)));
  return statement;
}

/** Answers already given, by node object (a call's node is one object for the whole analysis, asked by several rules). */
const statements = new WeakMap<Node, Node>();
const responseVars = new WeakMap<Node, string | null>();

function findStatement(node: Node): Node {
  let current = node;
  while (current.parent && !STATEMENT.test(current.type)) {
    // (Ruby: a method, block or branch body holds statements)
    if (/^(block|statement_block|body|source_file|module|program|body_statement|block_body|then|else|do|begin)$/.test(current.parent.type)) break;
    current = current.parent;
  }
  // C#: `var r = await c.PostAsync(u);` — the declaration sits in its statement, which is what follows in the block.
  if (current.type === 'variable_declaration' && current.parent?.type === 'local_declaration_statement') return current.parent;
  return current;
}

/** `r = requests.get(...)`, `const res = await fetch(...)`, `resp, err := client.Do(req)`, `var r = await c.GetAsync(u)`. */
export function responseVarOf(call: Node): string | undefined {
  let name = responseVars.get(call);
  if (name === undefined) responseVars.set(call, (name = findResponseVar(call) ?? null));
  return name ?? undefined;
}

/** The first argument of `args` is, or holds, `call`. */
function firstArgumentHolds(args: Node, call: Node): boolean {
  const first = args.firstNamedChild;
  return !!first && first.startIndex <= call.startIndex && call.endIndex <= first.endIndex;
}

function findResponseVar(call: Node): string | undefined {
  let node: Node | null = call.parent;
  for (;;) {
    if (node && /^(await_expression|await|parenthesized_expression|expression_list|with_item|as_pattern|cast_expression|try_expression)$/.test(node.type)) {
      // Python `with session.get(u) as resp:` / `async with …`: the response is the alias.
      if (node.type === 'as_pattern') {
        const alias = node.childForFieldName('alias') ?? node.namedChildren[node.namedChildren.length - 1];
        const name = alias?.text.trim();
        if (name && name !== call.text && /^[A-Za-z_]\w*$/.test(name)) return name;
      }
      node = node.parent;
    } else if (node?.type === 'block' && node.parent?.type === 'try_expression' && node.lastNamedChild?.startIndex === call.startIndex) {
      // Kotlin `response = try { chain.proceed(request) } catch (e: Exception) { … }`: the try's value is the call's.
      node = node.parent.parent;
    } else if (node?.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'ConfigureAwait' && node.parent?.type === 'invocation_expression') {
      // C# `await client.GetAsync(u).ConfigureAwait(false)`: the response is the awaited call's, not `ConfigureAwait`.
      node = node.parent.parent;
    } else if (node?.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'Result') {
      // C# `client.PostAsync(u, body).Result`: the task waited on synchronously is the response.
      node = node.parent;
    } else if (node?.type === 'argument_list' && firstArgumentHolds(node, call) && /^T\.(cast|must|let|unsafe)$/.test(`${node.parent?.childForFieldName('receiver')?.text}.${node.parent?.childForFieldName('method')?.text}`)) {
      // Ruby's Sorbet casts hand the value on: `res = T.cast(HTTParty.get(u), HTTParty::Response)`, `T.must(…)`.
      node = node.parent!.parent;
    } else if (node?.type === 'member_expression' && /^(catch|finally)$/.test(node.childForFieldName('property')?.text ?? '') && node.parent?.type === 'call_expression') {
      // JS `await fetch(u, init).catch(onNetworkError)`: on success the promise's value passes through, the response.
      node = node.parent.parent;
    } else if (node?.type === 'field_expression' && /^(map_err|unwrap|expect|context|with_context|ok|unwrap_or_else)$/.test(node.childForFieldName('field')?.text ?? '') && node.parent?.type === 'call_expression') {
      // Rust `client.get(u).send().await.map_err(to_api)?`, `.unwrap()`, anyhow's `.context("…")?`: still the response
      node = node.parent.parent;
    } else break;
  }
  if (!node) return undefined;
  // Rust `match client.post(u).send().await { Ok(response) if response.status().is_success() => …, Err(e) => … }`:
  // the arms bind the response by one name, and their guards test it. (Arms that only match the error's own
  // patterns, `Err(ureq::Error::Status(503, _))`, test no response of this name.)
  if (node.type === 'match_expression' && node.childForFieldName('value')?.startIndex === call.startIndex) {
    const arms = node.childForFieldName('body')?.text ?? '';
    const names = new Set([...arms.matchAll(/\bOk\s*\(\s*(?:mut\s+)?([a-z_]\w*)\s*\)\s*if\s+([a-z_]\w*)\b/g)].filter((m) => m[1] === m[2]).map((m) => m[1]));
    return names.size === 1 ? [...names][0] : undefined;
  }
  // Kotlin `val response = …` and `client.newCall(req).execute().use { response -> … }`
  if (node.type === 'property_declaration' || node.type === 'navigation_expression') return kotlinResponseVar(node);
  // (Rust `let resp = client.get(u).send().await?;` names its variable in a pattern)
  const target = node.childForFieldName('left') ?? node.childForFieldName('name') ?? (node.type === 'let_declaration' ? node.childForFieldName('pattern') : null) ?? (node.type === 'variable_declarator' ? node.firstNamedChild : null);
  if (!target) return undefined;
  // Go SDKs in go-github's style hand back `(value, *Response, error)`: `release, res, err := c.Repositories.Edit(…)`
  // reads the response from the middle name.
  if (target.type === 'expression_list' && /^(short_var_declaration|assignment_statement)$/.test(node.type)) {
    const names = target.namedChildren.filter((n): n is Node => n !== null);
    if (names.length === 3 && /^err\w*$/.test(names[2].text) && /^[A-Za-z_]\w*$/.test(names[1].text) && names[1].text !== '_') return names[1].text;
  }
  const first = target.type === 'expression_list' || target.type === 'pattern_list' ? target.firstNamedChild : target;
  return first && /^[A-Za-z_$][\w$]*$/.test(first.text) ? first.text : undefined;
}
