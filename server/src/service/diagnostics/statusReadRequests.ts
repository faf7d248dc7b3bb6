import type { HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { cachedRegExp } from '../regexCache';

/**
 * Requests known by what the code does with their result rather than by the client's name: a call whose
 * result the same function reads an HTTP status from (`r = self.api.call('GET', u)` then `r.status_code`,
 * `const res = await this.transport.send(req)` then `res.status`, Go `resp, err := c.doer.Do(req)` then
 * `resp.StatusCode`, Java `res.statusCode()`, C# `res.IsSuccessStatusCode`). The client is whatever the
 * project wrapped (an injected transport, a base-class helper, a client in another file); the status read
 * says the result is an HTTP response.
 */

/** Status reads on a response, per grammar: the property or accessor after `<var>.`. */
export const STATUS_READ: Record<string, string> = {
  python: String.raw`(status_code|status|ok)\b(?!\s*\()|raise_for_status\s*\(`,
  // Not `.ok`: a Result type's flag (`if (!res.ok) return res.error`) reads the same.
  javascript: String.raw`(status|statusCode)\b(?!\s*\()`,
  typescript: String.raw`(status|statusCode)\b(?!\s*\()`,
  tsx: String.raw`(status|statusCode)\b(?!\s*\()`,
  go: String.raw`StatusCode\b`,
  java: String.raw`(statusCode|getStatusCode|getStatus|getResponseCode|isSuccessful)\s*\(\s*\)|getStatusLine\s*\(`,
  'c-sharp': String.raw`(StatusCode|IsSuccessStatusCode)\b(?!\s*\()|EnsureSuccessStatusCode\s*\(`,
};

/** Results that are not responses even when a field is called `status` (a job, a task, a process). */
const NOT_A_SEND = /^(new|create|build|make|parse|load|read|find|lookup|query|select|spawn|run|exec|popen|subprocess|open|wait|poll|result|json|text|body|decode|encode|copy|clone|from|of|valueOf|getStatus|status|get_status|getJob|get_job|getTask|get_task|job|task|check_output|communicate|mock|Mock|MagicMock|patch|fixture|stub|spy|catch|finally)$/;

/** How far from the call its status read is looked for, in characters (about 40 lines). */
const READ_WINDOW = 2000;

const VERB: Record<string, HttpMethod> = { get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH' };

/**
 * The method of a call whose result has its status read after it in the same function, when nothing else
 * recognised the call as a request (its library is then `unknown`). `responseVar` is the variable the call's
 * result went to.
 */
export function requestByStatusRead(flow: FileFlow, call: CallInfo, responseVar: string | undefined, localFunctions: ReadonlySet<string>): { method: HttpMethod } | undefined {
  if (!responseVar || !call.fn || !call.receiver || call.node.type === 'new_expression' || call.node.type === 'object_creation_expression') return undefined;
  const reads = STATUS_READ[flow.grammarName];
  if (!reads) return undefined;
  // A function of this file is a sender the file's own summaries follow; a constructor or a factory is not a send.
  // (Capitalised names are constructors except in Go and C#, where methods are capitalised.)
  // (`c.Repositories.EditRelease(…)` inside the file's own `EditRelease` wrapper is the SDK's, not the wrapper.)
  if ((localFunctions.has(call.name) && !call.receiver.includes('.')) || NOT_A_SEND.test(call.name) || (/^[A-Z]/.test(call.name) && flow.grammarName !== 'go' && flow.grammarName !== 'c-sharp')) return undefined;
  const read = statusReadOf(flow.grammarName, reads, responseVar);
  // Read after the call, or — in a loop — anywhere in the loop (`while resp.status_code == 503: …; resp = s.send(req)`).
  const loop = call.loops.find((l) => l.fn === call.fn && l.kind !== 'collection');
  // Within a few lines of the call (bounded, so a huge function is not read once per call).
  const after = flow.text.slice(call.end, Math.min(call.fn.end, call.end + READ_WINDOW));
  if (!read.test(after) && !(loop && read.test(flow.text.slice(Math.max(loop.start, call.start - READ_WINDOW), call.start)))) return undefined;
  return { method: methodOf(call) };
}

/** A test for a status read of `name` (see `STATUS_READ`) in a text. */
interface StatusReadTest {
  test(text: string): boolean;
}

/**
 * The status reads of a variable. A plain name (`[\w$]+`, nearly always) is looked for with one pattern per
 * grammar matching any name, each match's name compared; a pattern per variable cost a regular-expression
 * compilation per distinct response variable of every file. Other names keep the pattern of their own.
 */
export function statusReadOf(grammar: string, reads: string, responseVar: string): StatusReadTest {
  const escaped = responseVar.replace(/\$/g, '\\$');
  if (!/^[\w$]+$/.test(responseVar)) return cachedRegExp(statusReadPattern(grammar, reads, escaped));
  // Every start of a match is tried (not only those after the previous match's end), so no read is hidden by another.
  const any = cachedRegExp(statusReadPattern(grammar, reads, String.raw`([\w$]+)`), 'g');
  return {
    test(text: string): boolean {
      any.lastIndex = 0;
      for (let m = any.exec(text); m; m = any.exec(text)) {
        if ((m[1] ?? m[m.length - 1]) === responseVar) return true;
        any.lastIndex = m.index + 1;
      }
      return false;
    },
  };
}

/** `name` is a pattern of the variable; when it captures, it is the first group of each alternative. */
export function statusReadPattern(grammar: string, reads: string, name: string): string {
  // (Python: a project's fetch helper may hand back a dict: `res['code'] == "429"`, compared with a status.)
  const subscript = grammar === 'python' ? String.raw`|(?<![\w$.])${name}\s*\[\s*['"](?:status|status_code|code)['"]\s*\]\s*(?:[=!<>]=?|(?:not\s+)?in\b)\s*[(\[{]?\s*['"]?[1-5]\d\d\b` : '';
  return String.raw`(?<![\w$.])${name}\s*[?!]?\.\s*(?:${reads})${subscript}`;
}

function methodOf(call: CallInfo): HttpMethod {
  const lower = call.name.toLowerCase().replace(/async$/, '');
  if (VERB[lower]) return VERB[lower];
  const named = /^(get|post|put|patch|delete|head)[A-Z_]/.exec(call.name);
  if (named) return VERB[named[1]];
  const m = /^\s*\(\s*['"`](GET|POST|PUT|PATCH|DELETE|HEAD|get|post|put|patch|delete|head)['"`]/.exec(call.node.text.slice(call.node.text.indexOf('(')));
  if (m) return VERB[m[1].toLowerCase()];
  const opt = /\bmethod\s*[:=]\s*['"`]([A-Za-z]+)['"`]|HttpMethod\.(Get|Post|Put|Patch|Delete)\b|http\.Method(Get|Post|Put|Patch|Delete)\b/.exec(call.node.text);
  const verb = (opt?.[1] ?? opt?.[2] ?? opt?.[3])?.toLowerCase();
  return (verb && VERB[verb]) || 'UNKNOWN';
}

/** Names of a sending method a wrapper forwards through (a requester, a transport, a handler). */
const SEND_NAME = /^(send|Send|SendAsync|sendAsync|execute|Execute|ExecuteAsync|request|Request|RequestAsync|do|Do|call|Call|fetch|perform|Perform|invoke|Invoke|RoundTrip|exchange)$/;

/**
 * A wrapper that forwards its request to the object it wraps under the same method name
 * (`Send(ApiRequest request) { … await _requester.Send(request) … }`, `def request(self, req): … self._inner.request(req)`):
 * the decorator pattern of requesters and transports, whatever the project calls its client.
 */
export function forwardsToWrapped(flow: FileFlow, call: CallInfo): boolean {
  const fn = call.fn;
  if (!fn?.name || call.name !== fn.name || !SEND_NAME.test(call.name) || !call.receiver) return false;
  if (/^(this|self|base|super|cls)$/.test(call.receiver)) return false;
  const params = fn.node.childForFieldName('parameters')?.text ?? '';
  return flow.adapter.callArguments(call.node).some((a) => /^[A-Za-z_$][\w$]*$/.test(a.text) && cachedRegExp(String.raw`(?<![\w$])${a.text}(?![\w$])`).test(params));
}
