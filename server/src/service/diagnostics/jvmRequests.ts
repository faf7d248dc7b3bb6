import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { methodFromApache, methodFromBuilder, toMethod, VERBS } from './httpMethods';

/** The HTTP request a call on the JVM sends (Java, and Kotlin after its own clients), if it is one. */
export function jvmRequest(flow: FileFlow, call: CallInfo, name: string, receiverLast: string): { library: HttpLibrary; method: HttpMethod } | undefined {
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
