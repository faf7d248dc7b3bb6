import type { DiagContext } from '../context';
import type { RequestInfo } from '../requests';
import { statementOf } from '../requestStatements';
import { inScope, type UnboundedRequest } from './unbounded';
import { escapeRegExp } from '../regexText';

/**
 * Java: `HttpURLConnection` without both connect and read timeouts set in the function that opens it,
 * `java.net.http` requests built in the sending function without `.timeout(…)`, a `new RestTemplate()` on its
 * default factory, Apache HttpClient 4 built without a default RequestConfig, and Spring's WebClient and RestClient
 * built without a connector or request factory. A connection, request or
 * template that comes from elsewhere (a parameter, a field, a bean) is not read.
 */
export function javaUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const out: UnboundedRequest[] = [];
  for (const request of ctx.requests) {
    if (request.library !== 'HttpURLConnection' && request.library !== 'java.net.http') continue;
    if (!inScope(flow, request.call.node) || !request.call.fn) continue;
    if (request.library === 'HttpURLConnection') {
      const found = urlConnection(request, flow.text);
      if (found) out.push(found);
    } else if (request.library === 'java.net.http') {
      const found = javaNetHttp(ctx, request);
      if (found) out.push(found);
    }
  }
  const text = flow.text;
  for (const call of flow.calls) {
    if (!inScope(flow, call.node)) continue;
    // `new RestTemplate()`: SimpleClientHttpRequestFactory, i.e. HttpURLConnection with no timeouts.
    if (call.node.type === 'object_creation_expression' && call.name === 'RestTemplate' && flow.adapter.callArguments(call.node).length === 0) {
      const name = /(\w+)\s*=\s*new\s+RestTemplate\s*\(\s*\)/.exec(statementOf(call.node).text)?.[1];
      if (name && new RegExp(`\\b${escapeRegExp(name)}\\.setRequestFactory\\s*\\(`).test(text)) continue;
      out.push({ node: call.node, library: 'RestTemplate', where: 'client' });
    }
    // `HttpClients.createDefault()`, `HttpClientBuilder.create()….build()` without a default RequestConfig.
    if ((call.receiver === 'HttpClients' && /^create(Default|System)$/.test(call.name)) || (call.name === 'build' && /^(HttpClients\.custom\(\)|HttpClientBuilder\.create\(\))/.test((call.receiver ?? '').replace(/\s+/g, '')))) {
      if (/setDefaultRequestConfig|setConnectionManager/.test(call.receiver ?? '') || /\.setConfig\s*\(|RequestConfig\.custom\(\)/.test(text)) continue;
      out.push({ node: call.node, library: 'apache-httpclient', where: 'client' });
    }
  }
  return [...out, ...springUnbounded(ctx)];
}

/** Spring's WebClient and RestClient built with no timeout (Java and Kotlin alike). */
export function springUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const out: UnboundedRequest[] = [];
  if (!/\b(WebClient|RestClient)\b/.test(ctx.flow.text)) return out;
  for (const call of ctx.flow.calls) {
    if (!inScope(ctx.flow, call.node)) continue;
    const spring = springClient(call, ctx.flow.text);
    if (spring) out.push({ node: call.node, library: spring, where: 'client' });
  }
  return out;
}

/**
 * `WebClient.create(…)` / `WebClient.builder()….build()` with no connector, `RestClient.create(…)` /
 * `RestClient.builder()….build()` with no request factory: Reactor Netty's default client sets no response timeout,
 * and RestClient's fallback factory (the JDK HttpClient) none either. Silent where the file bounds its requests
 * another way: a per-request `.timeout(…)` on the reactive result, a `responseTimeout(…)`, a read-timeout handler.
 */
function springClient(call: { name: string; receiver?: string; node: { text: string } }, text: string): 'spring-webclient' | 'spring-restclient' | undefined {
  let kind: string | undefined;
  if (call.name === 'create' && (call.receiver === 'WebClient' || call.receiver === 'RestClient')) kind = call.receiver;
  // (A chain written one call per line: `WebClient\n  .builder()\n  .baseUrl(u)`.)
  else if (call.name === 'build') kind = /^(WebClient|RestClient)\.builder\(\s*\)/.exec((call.receiver ?? '').replace(/\s+/g, ''))?.[1];
  if (!kind) return undefined;
  if (/\.(clientConnector|requestFactory)\s*\(/.test(call.node.text)) return undefined;
  if (/\.timeout\s*\(|responseTimeout\s*\(|ReadTimeoutHandler/.test(text)) return undefined;
  return kind === 'WebClient' ? 'spring-webclient' : 'spring-restclient';
}

/** The connection variable must get both timeouts before it is read; the edit adds the missing ones after it is opened. */
function urlConnection(request: RequestInfo, source: string): UnboundedRequest | undefined {
  const statement = statementOf(request.call.node);
  const name = /(\w+)\s*=\s*(?:\(\s*Https?URLConnection\s*\)\s*)?[^;=]*?openConnection\s*\(/.exec(statement.text)?.[1];
  if (!name) return undefined;
  const body = request.call.fn!.node.text;
  const setter = (which: string) => new RegExp(`\\b${escapeRegExp(name)}\\.set${which}Timeout\\s*\\(`).test(body);
  const missing = ['Connect', 'Read'].filter((which) => !setter(which));
  if (!missing.length) return undefined;
  const indent = /^[ \t]*/.exec(lineAt(source, statement.startIndex))?.[0] ?? '';
  const text = missing.map((which) => `\n${indent}${name}.set${which}Timeout({ms});`).join('');
  return { node: request.call.node, library: 'HttpURLConnection', where: 'call', edit: { start: statement.endIndex, end: statement.endIndex, text } };
}

/** `client.send(request, …)` where `request` is built in the same function with no `.timeout(…)`. */
function javaNetHttp(ctx: DiagContext, request: RequestInfo): UnboundedRequest | undefined {
  const first = ctx.flow.adapter.callArguments(request.call.node)[0];
  if (!first) return undefined;
  const body = request.call.fn!.node.text;
  if (first.type === 'identifier') {
    // `request = HttpRequest.newBuilder(…)….build();`, or `request = builder.build();` with `builder = HttpRequest.newBuilder(…)`.
    let built = new RegExp(`\\b${escapeRegExp(first.text)}\\s*=\\s*(HttpRequest\\.newBuilder\\([^;]*?)\\.build\\(\\s*\\)\\s*;`, 's').exec(body);
    if (!built) {
      const viaBuilder = new RegExp(`\\b${escapeRegExp(first.text)}\\s*=\\s*((\\w+)[^;=]*?)\\.build\\(\\s*\\)\\s*;`, 's').exec(body);
      const builder = viaBuilder?.[2];
      if (!builder || !new RegExp(`\\b${builder}\\s*=\\s*HttpRequest\\.newBuilder\\(`).test(body) || new RegExp(`\\b${builder}\\s*\\.\\s*timeout\\s*\\(`).test(body)) return undefined;
      built = viaBuilder;
    }
    if (!built || /\.timeout\s*\(/.test(built[1])) return undefined;
    const at = request.call.fn!.node.startIndex + built.index + built[0].lastIndexOf('.build(');
    const duration = ctx.flow.imports.some((m) => /^java\.time(\.Duration|\.\*)?$/.test(m)) ? 'Duration' : 'java.time.Duration';
    return { node: request.call.node, library: 'java.net.http', where: 'call', edit: { start: at, end: at, text: `.timeout(${duration}.ofSeconds({seconds}))` } };
  }
  if (/^HttpRequest\.newBuilder\(/.test(first.text) && !/\.timeout\s*\(/.test(first.text)) return { node: request.call.node, library: 'java.net.http', where: 'call' };
  return undefined;
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(start, offset);
}
