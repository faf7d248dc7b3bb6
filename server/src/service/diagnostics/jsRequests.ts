import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { methodFromOptions, VERBS } from './httpMethods';
import { axiosInstance, fetchAliases } from './jsClientNames';
import { responseVarOf } from './requestStatements';
import { octokitRoute } from './sdkRouteCalls';
import { superagentRequest } from './superagentRequests';

const JS_CLIENT_NAME = /^_?(axios|got|ky|api|client|http|httpClient|instance|request|superagent|httpService)$/i;
/** `githubClient`, `this.apiHttp`, `httpService`, `apiRequester`: a client by its camel-case name. */
const JS_CLIENT_CAMEL = /^_?\w+(Client|Http|HttpClient|Api)$|^_?(http|api)[A-Z]\w*$/;
const JS_CLIENT = { test: (name: string): boolean => JS_CLIENT_NAME.test(name) || JS_CLIENT_CAMEL.test(name) };

/** The HTTP request a JavaScript/TypeScript call sends (fetch and its stand-ins, Octokit, superagent, axios, got, ky), if it is one. */
export function jsRequest(flow: FileFlow, call: CallInfo, name: string, receiverLast: string, lower: string): { library: HttpLibrary; method: HttpMethod } | undefined {
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

/** The call's second argument is an object literal with fetch's request options (`method`, `headers`, `body`, `signal`). */
function fetchInit(flow: FileFlow, call: CallInfo): boolean {
  const init = flow.adapter.callArguments(call.node)[1];
  if (init?.type !== 'object') return false;
  return init.namedChildren.some((p) => (p?.type === 'pair' && /^(method|headers|body|signal)$/.test(p.childForFieldName('key')?.text ?? '')) || (p?.type === 'shorthand_property_identifier' && /^(method|headers|body|signal)$/.test(p.text)));
}
