import type { DiagContext } from './context';
import { methodsFromCallers } from './callerMethods';
import type { FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { namedForWriting, urlNamesAction } from './requestPurpose';
import { methodFromCaller } from './senders';

/*
 * Requests whose method the file does not say where they are sent (`client.SendAsync(request)`, `http.DefaultClient.Do(req)`,
 * `httpClient.execute(…)` of a project's own client): whether such a request writes something — and so whether losing it
 * to a 429 loses anything — needs evidence. Without any, no-retry-on-request stays silent: in the benchmark's dev sample
 * such requests were mostly reads (an ActivityPub fetch, a WebFinger lookup, a rates download through a
 * `MakeRequestAsync(request)`, a GitHub API `do(req)`), and the writes among them said so somewhere in the file.
 */

/** A write method written out: a quoted name, an enum member, Ktor's `method = Post`. */
const WRITE_LITERAL = /["'`](?:POST|PUT|PATCH|DELETE)["'`]|\b(?:HttpMethod|Method|http\.Method|HttpMethods?)\.?(?:Post|Put|Patch|Delete|POST|PUT|PATCH|DELETE)\b|\bmethod\s*=\s*(?:Post|Put|Patch|Delete)\b/;
/** A read method written out, the same ways. */
const READ_LITERAL = /["'`](?:GET|HEAD|OPTIONS)["'`]|\b(?:HttpMethod|Method|http\.Method|HttpMethods?)\.?(?:Get|Head|Options|GET|HEAD|OPTIONS)\b|\bmethod\s*=\s*(?:Get|Head)\b/;

/** A method read from a value's field (`hook.method`, `c.cfg.Method`, `job.http_method`): the object it is read from. */
const RUNTIME_METHOD = /\b([A-Za-z_$][\w$]*)\.(?:method|Method|http_method|httpMethod|HttpMethod|verb)\b(?!\s*\()/g;
/** Objects that are a request themselves, or its configuration in a transport or interceptor. */
const REQUEST_OBJECT = /^(?:req|request|r|httpRequest|request_?message|requestMessage|message|msg|originalRequest|original_request|config|init|options|opts)$/i;

function runtimeMethod(text: string): boolean {
  for (const m of text.matchAll(RUNTIME_METHOD)) if (!REQUEST_OBJECT.test(m[1]) && !/^(?:http|HttpMethod|Method|requests)$/.test(m[1])) return true;
  return false;
}

/**
 * What the file shows of an UNKNOWN-method request's purpose: 'write' when something says it writes (the statement or
 * the function builds it with a write method, the function is named for sending — unless it only forwards a request
 * handed in, as a `SendAsync` override does —, the URL names an action, the file's callers hand it a write
 * method, or the method is chosen at run time from data); 'read' when the function builds it with read methods only or every caller of the file hands it a read;
 * undefined when nothing is shown.
 */
export function unseenMethodPurpose(ctx: DiagContext, request: RequestInfo): 'write' | 'read' | undefined {
  const statement = request.statement.text;
  if (WRITE_LITERAL.test(statement) || urlNamesAction(statement)) return 'write';
  const fn = namedFunction(request.call.fn);
  const forwards = methodFromCaller(ctx, request, request.call.fn);
  if (!forwards && namedForWriting(fn?.name)) return 'write';
  const callers = methodsFromCallers(ctx, fn);
  if (callers) return [...callers].some((m) => /^(POST|PUT|PATCH|DELETE)$/.test(m)) ? 'write' : 'read';
  const body = fn?.node.text ?? '';
  if (!forwards && WRITE_LITERAL.test(body)) return 'write';
  // A method chosen at run time from data (`{ method: hook.method }`, `http.NewRequest(c.cfg.Method, …)`) may be a write;
  // a request's own (`req.Method`, `config.method` in a transport or interceptor) is whatever its caller sent.
  if (runtimeMethod(statement) || runtimeMethod(body)) return 'write';
  if (!forwards && READ_LITERAL.test(body)) return 'read';
  return undefined;
}

/** The named function around a function literal. */
function namedFunction(fn: FnInfo | undefined): FnInfo | undefined {
  let f = fn;
  while (f && !f.name && f.parent) f = f.parent;
  return f;
}
