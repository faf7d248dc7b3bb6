import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { forwardsToWrapped, requestByStatusRead } from './statusReadRequests';
import { rubyRequest } from './rubyRequests';
import { callsParameterInTry, callsReceiverOperation } from './handedOperations';
import { handedOperationLibrary, handedRetryCall } from './handedRetryShape';
import { guzzleThrowsOnStatus, phpRequest } from './phpRequests';
import { kotlinRequest } from './kotlinRequests';
import { rustRequest, ureqThrowsOnStatus } from './rustRequests';
import { goRequest } from './goRequests';
import { methodFromBuilder, toMethod, VERBS } from './httpMethods';
import { jsRequest } from './jsRequests';
import { jvmRequest } from './jvmRequests';
import { pythonRequest } from './pythonRequests';
import { responseVarOf, statementOf } from './requestStatements';
import { cachedRegExp } from '../regexCache';

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
    // in a try), named for retrying or shaped as one whatever its name (handedRetryShape.ts): what it re-runs is a
    // request of its callers; how it retries is written here.
    if (call.fn && ((call.receiver ? callsReceiverOperation(flow, call) : callsParameterInTry(flow, call)) || handedRetryCall(flow, call))) {
      result.push({ call, library: handedOperationLibrary(flow, call) ?? 'unknown', method: 'UNKNOWN', responseVar: responseVarOf(call.node), statement: statementOf(call.node), inferred: 'callback' });
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
  const assigned = cachedRegExp(`(?:^|[^\\w.$])(?:(?:const|let|var)\\s+)?${call.name.replace(/\$/g, '\\$')}\\s*=\\s*([\\w.$]+)\\.(\\w+)\\s*(?:[;\\n]|$)`, 'gm');
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

/** `name = owner.get` / `const name = owner.post;` (a member assigned, not called). */
const ALIAS = /(?:^|[^\w.$])([A-Za-z_$][\w$]*)\s*=\s*[\w.$]+\.(?:get|post|put|patch|delete|head|options)\s*(?:;|$)/gm;
const aliasNames = new WeakMap<FileFlow, Set<string>>();

function recognise(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod; responseVar?: string; inferred?: RequestInfo['inferred'] } | undefined {
  const name = call.name;
  const receiverLast = (call.receiver ?? '').split(/\.|->/).pop() ?? '';
  const lower = name.toLowerCase();
  switch (flow.grammarName) {
    case 'python':
      return pythonRequest(flow, call, name, receiverLast);
    case 'javascript': case 'typescript': case 'tsx':
      return jsRequest(flow, call, name, receiverLast, lower);
    case 'go':
      return goRequest(flow, call, name, receiverLast);
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
