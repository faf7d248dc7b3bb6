import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';

const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};
/** A Ktor HttpClient by its name: `client`, `httpClient`, `this.http`, `ktor`, `apiClient`. */
const KTOR_CLIENT = /^_?(client|http|httpClient|ktor|ktorClient|\w+Client|\w+HttpClient)$/;
/** A file that uses Ktor's client (imports, or the HttpClient(Engine) constructor). */
const KTOR_FILE = /\bio\.ktor\.client\b|\bHttpClient\s*\(\s*(CIO|OkHttp|Apache|Java|Android|Darwin|Js|Curl|WinHttp)\b/;

/**
 * The HTTP request a Kotlin call sends through Kotlin's own clients, if it is one (the JVM clients — OkHttp, Retrofit,
 * Spring, HttpURLConnection — are read as in Java, see requests.ts):
 * - Ktor: `client.get(url)`, `client.post(url) { setBody(x) }`, `client.request(url) { method = HttpMethod.Post }`,
 *   `client.submitForm(…)` (a POST), on a client named as one, in a file that uses Ktor's client;
 * - Retrofit/OkHttp: `api.listRepos(user).execute()` on a call built by a service (Kotlin reads `isSuccessful` as a property).
 */
export function kotlinRequest(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod } | undefined {
  const name = call.name;
  const receiverLast = (call.receiver ?? '').split(/\?\.|\./).pop()?.trim() ?? '';
  if (call.receiver && KTOR_CLIENT.test(receiverLast) && KTOR_FILE.test(flow.text)) {
    if (VERBS[name]) return { library: 'ktor-client', method: VERBS[name] };
    if (name === 'request' || name === 'prepareRequest') return { library: 'ktor-client', method: ktorMethod(call.node.text) };
    if (name === 'submitForm' || name === 'submitFormWithBinaryData') return { library: 'ktor-client', method: 'POST' };
  }
  // OkHttp: `client.newCall(request).execute()`, the method read from the Request.Builder in the function
  // (Kotlin writes `.post(body)` where Java's reader looks for `.POST(`).
  if (name === 'execute' && /newCall/.test(call.receiver ?? '')) return { library: 'okhttp', method: okHttpMethod(call.fn?.node.text ?? flow.text) };
  // Retrofit: `service.getUser(id).execute()` whose response is read in the function.
  if (name === 'execute' && /\)\s*$/.test(call.receiver ?? '') && !/newCall/.test(call.receiver ?? '') && flow.adapter.callArguments(call.node).length === 0
    && /\.code\(\)|\.isSuccessful\b|\.errorBody\(\)/.test(call.fn?.node.text ?? '')) {
    return { library: 'okhttp', method: 'UNKNOWN' };
  }
  return undefined;
}

/**
 * The variable a Kotlin request's response is held in: `val response = client.get(u)` (node: the property
 * declaration), or the parameter of `.use { response -> … }` / `.use { … }` (`it`) on the call (node: the `.use` member).
 */
export function kotlinResponseVar(node: Node): string | undefined {
  if (node.type === 'property_declaration') {
    const declaration = node.namedChildren.find((c) => c?.type === 'variable_declaration');
    const name = declaration?.namedChild(0);
    return name?.type === 'identifier' ? name.text : undefined;
  }
  const member = node.namedChild(node.namedChildCount - 1);
  const call = node.parent;
  if (member?.text !== 'use' || call?.type !== 'call_expression') return undefined;
  const lambda = call.namedChildren.find((c) => c?.type === 'annotated_lambda')?.namedChildren.find((c) => c?.type === 'lambda_literal');
  if (!lambda) return undefined;
  const params = lambda.namedChildren.find((c) => c?.type === 'lambda_parameters');
  return params ? params.namedChild(0)?.text : 'it';
}

/** The method of an OkHttp Request.Builder: `.post(body)`, `.method("PATCH", body)`; GET when none is set. */
function okHttpMethod(text: string): HttpMethod {
  const m = /\.(post|put|patch|delete|head)\s*\(|\.method\(\s*"([A-Z]+)"/.exec(text);
  if (!m) return /Request\.Builder\(\)/.test(text) ? 'GET' : 'UNKNOWN';
  return (m[1] ?? m[2]).toUpperCase() as HttpMethod;
}

/** `method = HttpMethod.Post` inside a Ktor request builder. */
function ktorMethod(text: string): HttpMethod {
  const m = /\bmethod\s*=\s*HttpMethod\.(Get|Post|Put|Patch|Delete|Head|Options)\b/.exec(text);
  return m ? (m[1].toUpperCase() as HttpMethod) : 'UNKNOWN';
}
