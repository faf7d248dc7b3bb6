import { runsPerScrape } from '../diagnostics/scrapeContext';
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import { parameterNames } from '../diagnostics/branches';
import { retriedAt, retriedByCallers } from '../diagnostics/callerRetries';
import { queriesOnly } from '../diagnostics/requestPurpose';
import { statementOf } from '../diagnostics/requestStatements';
import type { DiagContext } from '../diagnostics/context';
import type { FnInfo } from '../diagnostics/flow/flowModel';
import { callWaits } from '../diagnostics/functionSummaries';
import { ownStatusSets } from '../diagnostics/constantSets';
import { handingBackHelpers } from '../diagnostics/rules/handedBackLeftovers';
import { failingFunctions, responseCheckers } from './failingFunctions';
import { enclosingClassName, moduleShape } from './importBindings';
import { grammarFor } from '../parsing/grammars';
import { GRAMMAR_SUPPORT } from '../spotting/adapters';
import { declaredCodes } from '../spotting/declaredCodes';
import { type ClassSummary, type FileSummary, type FunctionSummary, type OutgoingCall, SUMMARY_LIMITS, TYPES_BY_PACKAGE, type WorkspaceLanguage } from './summaryTypes';

/** Rules whose single-file findings say "this function gives a retryable failure up". */
const GIVE_UP_RULES = new Set(['no-retry-on-request', 'retryable-treated-as-final']);
const CLIENT_FIELD = /session|client|http|api|transport|sess|conn|requester|agent|axios|rest/i;

export function workspaceLanguage(ctx: DiagContext): WorkspaceLanguage {
  return ctx.language === 'typescript' ? 'javascript' : (ctx.language as WorkspaceLanguage);
}

/**
 * The summary of one file, from its single-file analysis (`ctx` built without a workspace view, and
 * `findings` its raw rule findings): what each top-level function and method does for its callers,
 * what each class inherits and holds, and which calls leave the file and whether they are retried.
 */
export function summariseFile(uri: string, ctx: DiagContext, findings: readonly Finding[]): FileSummary {
  const language = workspaceLanguage(ctx);
  const isPackageInit = /\/__init__\.py$/.test(uri);
  const shape = moduleShape(ctx.doc.tree!, language, isPackageInit);
  const mechanism = ctx.mechanisms.fileMechanism;
  const functions: FunctionSummary[] = [];
  const failing = failingFunctions(ctx);
  const handedTo = responseCheckers(ctx);
  const handsBack = handingBackHelpers(ctx);
  for (const fn of ctx.flow.fns) {
    if (!fn.name || fn.parent || functions.length >= SUMMARY_LIMITS.functions) continue;
    const summary: FunctionSummary = { name: fn.name, line: fn.node.startPosition.row };
    const className = enclosingClassName(fn.node) ?? goReceiverType(fn.node);
    if (className) summary.className = className;
    const request = ctx.requestsIn(fn)[0] ?? ctx.requests.find((r) => r.call.start >= fn.start && r.call.end <= fn.end);
    if (request) summary.sends = { method: request.method, library: request.library };
    const giveUp = findings.find((f) => GIVE_UP_RULES.has(f.rule) && within(ctx, f, fn));
    if (giveUp) {
      const codes = (giveUp.data as { codes?: string[] } | undefined)?.codes;
      summary.givesUp = { rule: giveUp.rule, line: giveUp.range.start.line, ...(codes ? { codes } : {}) };
    }
    if (failing.has(fn)) summary.failsOnStatus = true;
    if (handedTo.has(fn)) summary.raisesOnParam = handedTo.get(fn);
    if (retriesCallback(ctx, fn)) summary.retriesCallback = true;
    const handing = handsBack.get(fn);
    if (handing) summary.handsBack = handing;
    if (mechanism && /\breturn\b/.test(fn.node.text) && (CLIENT_FIELD.test(fn.name) || /\breturn\s+\w*(session|client)/i.test(fn.node.text))) summary.returnsRetryingClient = mechanism;
    if (language === 'python' && returnsPlainSession(fn.node.text)) summary.returnsUnboundedClient = 'requests';
    functions.push(summary);
  }
  const clientsWithoutTimeout = findings.filter((f) => f.rule === 'request-without-timeout' && (f.data as { where?: string } | undefined)?.where === 'client');
  const classes: ClassSummary[] = shape.classes.map((c) => {
    const unbounded = unboundedFields(ctx, c.node, language, clientsWithoutTimeout);
    return {
      name: c.name,
      line: c.node.startPosition.row,
      bases: c.bases,
      ...classFields(c.node, language === 'kotlin'),
      ...(mechanism ? { retryMechanism: mechanism } : {}),
      ...(unbounded ? { unboundedFields: unbounded } : {}),
    };
  });
  // (Rust: the crate, the folder holding `src/`, stands for the package.)
  const packageName = shape.packageName ?? (language === 'rust' ? crateOf(uri) : undefined);
  const interfaces = goInterfaces(ctx);
  const interfaceMethods = new Set(Object.values(interfaces.interfaces ?? {}).flat());
  return {
    uri,
    language,
    ...(packageName ? { packageName } : {}),
    imports: shape.imports,
    functions,
    classes,
    calls: outgoingCalls(ctx, new Set(shape.imports.map((b) => b.local)), interfaceMethods),
    ...statusSetsOf(ctx),
    ...retryingClientsOf(ctx, uri),
    ...interfaces,
    ...(runsPerScrape(ctx.flow) ? { metricsCollector: true } : {}),
    ...codesOf(ctx),
  };
}

/** The codes the file declares for other files (`STATUS_RATE_LIMITED = 429`, `enum CloseType { … }`). */
function codesOf(ctx: DiagContext): Pick<FileSummary, 'codes'> {
  const grammar = grammarFor(ctx.doc.languageId);
  if (!grammar || !ctx.doc.tree) return {};
  const codes = declaredCodes(ctx.doc.text, ctx.doc.tree, GRAMMAR_SUPPORT[grammar], SUMMARY_LIMITS.codes);
  return codes.length ? { codes } : {};
}

/** Go: the type a method is declared on (`func (s *sender) Send(…)` → `sender`). */
function goReceiverType(fn: Node): string | undefined {
  if (fn.type !== 'method_declaration') return undefined;
  const receiver = fn.childForFieldName('receiver')?.text ?? '';
  return /\(\s*(?:\w+\s+)?\*?\s*([A-Za-z_]\w*)/.exec(receiver)?.[1];
}

/** Go: the interfaces declared at the top level of the file and their methods (`type Sender interface { Send(e Event) error }`). */
function goInterfaces(ctx: DiagContext): Pick<FileSummary, 'interfaces'> {
  if (ctx.language !== 'go' || !ctx.doc.tree) return {};
  const out: Record<string, string[]> = {};
  for (const spec of ctx.doc.tree.rootNode.descendantsOfType('type_spec')) {
    const type = spec?.childForFieldName('type');
    const name = spec?.childForFieldName('name')?.text;
    if (!spec || !name || type?.type !== 'interface_type' || Object.keys(out).length >= SUMMARY_LIMITS.interfaces) continue;
    const methods = type.namedChildren.filter((m): m is Node => m !== null && /^method_(elem|spec)$/.test(m.type)).map((m) => m.childForFieldName('name')?.text).filter((m): m is string => !!m);
    if (methods.length) out[name] = methods;
  }
  return Object.keys(out).length ? { interfaces: out } : {};
}

/** The crate a Rust file belongs to: the path up to its last `/src/` (a workspace member's own `src`), else its folder. */
function crateOf(uri: string): string {
  const at = uri.lastIndexOf('/src/');
  return at >= 0 ? uri.slice(0, at) : uri.slice(0, uri.lastIndexOf('/'));
}

/** Chained calls that put a retry handler on an IHttpClientFactory registration (Polly, resilience, a project's own). */
const RETRY_HANDLER = /\.\s*(AddPolicyHandler|AddTransientHttpErrorPolicy|AddPolicyHandlerFromRegistry|AddStandardResilienceHandler|AddResilienceHandler|Add\w*(Retry|Polly|Resilien|Policy)\w*)\s*[<(]/;

/** `AddHttpClient<IApi, Api>(…)…AddPolicyHandler(…)`: the typed (or named) clients registered with a retry handler. */
function retryingClientsOf(ctx: DiagContext, uri: string): { retryingClients?: Record<string, string> } {
  if (ctx.language !== 'csharp') return {};
  const out: Record<string, string> = {};
  for (const call of ctx.flow.calls) {
    if (!/^AddHttpClient\b/.test(call.name)) continue;
    // The whole registration chain: the statement holding the call.
    let chain = call.node;
    while (chain.parent && !/statement$|^arrow_expression_clause$/.test(chain.parent.type)) chain = chain.parent;
    const after = ctx.flow.text.slice(call.end, chain.endIndex);
    const handler = RETRY_HANDLER.exec(after);
    if (!handler) continue;
    const generic = /AddHttpClient\s*<([^>]+)>/.exec(call.node.text);
    const named = /^\s*"([^"]+)"/.exec(ctx.flow.adapter.callArguments(call.node)[0]?.text ?? '');
    const key = generic ? generic[1].split(',').pop()!.trim().split('.').pop()! : named ? `name:${named[1]}` : undefined;
    if (key) out[key] = `${handler[1]} on the client registered in ${uri.split('/').slice(-2).join('/')}:${call.node.startPosition.row + 1}`;
  }
  return Object.keys(out).length ? { retryingClients: out } : {};
}

/** The file's named status collections, for files that import them (`from .constants import RETRY_STATUSES`). */
function statusSetsOf(ctx: DiagContext): { statusSets?: Record<string, string[]> } {
  const sets = ownStatusSets(ctx);
  if (sets.size === 0) return {};
  const out: Record<string, string[]> = {};
  for (const [name, codes] of [...sets].slice(0, SUMMARY_LIMITS.statusSets)) out[name] = [...codes].sort();
  return { statusSets: out };
}

function within(ctx: DiagContext, finding: Finding, fn: FnInfo): boolean {
  const offset = ctx.doc.lines.offsetAt(finding.range.start);
  return offset >= fn.start && offset < fn.end;
}

/**
 * The function (or a function nested in it, as in a decorator factory) calls one of the callables it
 * is handed inside a loop that goes round again on failure: a try inside the loop, or a wait between rounds.
 */
function retriesCallback(ctx: DiagContext, fn: FnInfo): boolean {
  const params = parameterNames(fn);
  for (const inner of ctx.flow.fns) if (inner.parent && inner.start >= fn.start && inner.end <= fn.end) for (const p of parameterNames(inner)) params.add(p);
  params.delete('self');
  params.delete('this');
  for (const loop of ctx.flow.loops) {
    if (loop.kind === 'collection' || loop.start < fn.start || loop.end > fn.end) continue;
    const callsParam = loop.calls.some((c) => !c.receiver && params.has(c.name)) || /\b(\w+)\.(call|apply|invoke|Invoke|get|run|Run|Call)\(/.test(loop.node.text) && [...params].some((p) => new RegExp(`\\b${p}\\.(call|apply|invoke|Invoke|get|run|Run|Call)\\(`).test(loop.node.text));
    // (Ruby: the block a method is given runs at `yield`.)
    const yields = ctx.flow.grammarName === 'ruby' && /\byield\b/.test(loop.node.text);
    if (!callsParam && !yields) continue;
    if (/\b(try|catch|except|rescue)\b/.test(loop.node.text) || loop.calls.some((c) => callWaits(ctx.flow, c.name))) return true;
  }
  return false;
}

/**
 * Fields of the class holding a client that bounds no request, for its subclasses in other files: JavaScript, a
 * client this file's analysis reported as built without a timeout (`this.http = axios.create({ baseURL })`, or a class
 * field `http = axios.create(…)`); Python, `self.session = requests.Session()` in a class that mentions no timeout,
 * replaces no `request` and mounts no adapter of its own.
 */
function unboundedFields(ctx: DiagContext, node: Node, language: WorkspaceLanguage, clients: readonly Finding[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (language === 'javascript') {
    const first = node.startPosition.row;
    const last = node.endPosition.row;
    for (const f of clients) {
      const row = f.range.start.line;
      if (row < first || row > last) continue;
      const before = ctx.doc.lines.lineText(row).slice(0, f.range.start.character);
      const field = /(?:\bthis\.|^\s*(?:(?:private|protected|public|readonly|static)\s+)*)([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*$/.exec(before)?.[1];
      const library = (f.data as { timeoutLibrary?: string } | undefined)?.timeoutLibrary;
      if (field && library) out[field] = library;
    }
  } else if (language === 'python') {
    const text = node.text;
    if (/\btimeout\b/i.test(text)) return undefined;
    // (A bare `Session()` is requests' only where the file imports it from requests: SQLAlchemy has one too.)
    const bare = /^\s*from\s+requests\s+import\s+[^\n]*\bSession\b/m.test(ctx.flow.text) ? '?' : '';
    for (const m of text.matchAll(new RegExp(`\\bself\\.(\\w+)\\s*(?::\\s*[\\w.]+\\s*)?=\\s*(?:requests\\.)${bare}Session\\(\\s*\\)`, 'g'))) {
      const name = m[1];
      if (new RegExp(`\\bself\\.${name}\\.request\\s*=`).test(text)) continue;
      const mounts = [...text.matchAll(new RegExp(`\\bself\\.${name}\\.mount\\([^,]+,\\s*([\\w.]+)`, 'g'))].map((x) => x[1]);
      if (mounts.every((adapter) => /^(requests\.adapters\.|adapters\.)?HTTPAdapter$/.test(adapter))) out[name] = 'requests';
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Fields a class assigns or declares, and the call each is assigned from. */
function classFields(node: Node, kotlin: boolean): Pick<ClassSummary, 'fields' | 'fieldSources'> {
  const fields = new Set<string>();
  const fieldSources: Record<string, string> = {};
  const text = node.text;
  for (const m of text.matchAll(/\b(?:self|this)\.(\w+)\s*(?::[^=\n]+)?=(?!=)\s*(?:await\s+|new\s+)?([\w.]+)?/g)) {
    if (fields.size >= SUMMARY_LIMITS.fields) break;
    if (!CLIENT_FIELD.test(m[1]) && !CLIENT_FIELD.test(m[2] ?? '')) continue;
    fields.add(m[1]);
    if (m[2] && !(m[1] in fieldSources)) fieldSources[m[1]] = m[2].split('.').pop()!;
  }
  // Java / C# field declarations: `private final OkHttpClient client = …;`, `readonly HttpClient _http;`.
  for (const m of text.matchAll(/^\s*(?:(?:private|protected|public|internal|readonly|final|static)\s+)+[\w<>.,?\[\] ]+?\s+(\w+)\s*(=\s*(?:new\s+)?([\w.]+)|;)/gm)) {
    if (fields.size >= SUMMARY_LIMITS.fields) break;
    if (!CLIENT_FIELD.test(m[1]) && !CLIENT_FIELD.test(m[0])) continue;
    fields.add(m[1]);
    if (m[3] && !(m[1] in fieldSources)) fieldSources[m[1]] = m[3].split('.').pop()!;
  }
  // Kotlin properties: `protected val client: OkHttpClient = OkHttpClient.Builder()…`, `private val http = OkHttpClient()`.
  for (const m of kotlin ? text.matchAll(/^\s*(?:(?:private|protected|public|internal|override|open|lateinit)\s+)*(?:val|var)\s+(\w+)\s*(?::\s*[\w<>.,?\[\] ]+?)?\s*(?:=\s*([\w.]+)|$)/gm) : []) {
    if (fields.size >= SUMMARY_LIMITS.fields) break;
    if (!CLIENT_FIELD.test(m[1]) && !CLIENT_FIELD.test(m[0])) continue;
    fields.add(m[1]);
    if (m[2] && !(m[1] in fieldSources)) fieldSources[m[1]] = m[2].split('.').pop()!;
  }
  return { fields: [...fields], fieldSources };
}

/** Receivers through which a call may reach another file's code besides imported names: the instance, its base. */
const SELF = /^(self|this|cls|super|base)$/;

/**
 * Calls that may reach another file, one entry per callee and receiver; retried only if every such call
 * is. Python, JS and Go calls count when they go through an imported name (or the instance, or Go's own
 * package); Java and C# calls through any receiver (types come from packages and namespaces, not imports).
 */
/**
 * Calls that may reach another file: through an imported name or module, on the object itself, any receiver where
 * types come by package, or (Go) a method of an interface the file declares (`sender.Send(event)` with `sender
 * Sender`), which other packages' types implement.
 */
function outgoingCalls(ctx: DiagContext, imported: ReadonlySet<string>, interfaceMethods: ReadonlySet<string>): OutgoingCall[] {
  const language = workspaceLanguage(ctx);
  const anyReceiver = TYPES_BY_PACKAGE.has(language);
  const own = new Set(ctx.flow.fns.filter((f) => !f.parent && f.name).map((f) => f.name!));
  const requests = new Set(ctx.requests.map((r) => r.call));
  const byKey = new Map<string, OutgoingCall>();
  for (const call of ctx.flow.calls) {
    if (requests.has(call) || !/^[A-Za-z_$][\w$]*$/.test(call.name)) continue;
    const receiverRoot = call.receiver?.split(/[.(\[]|->|\?\./)[0];
    if (!call.receiver && own.has(call.name)) continue;
    const reaches = anyReceiver || (receiverRoot ? imported.has(receiverRoot) || SELF.test(receiverRoot) || interfaceMethods.has(call.name) : imported.has(call.name) || language === 'go');
    if (!reaches) continue;
    const key = `${call.name}|${receiverRoot ?? ''}`;
    const seen = byKey.get(key);
    if (seen && !seen.retried && !seen.asks) continue;
    const asks = callerAsks(call);
    if (seen) {
      if (!asks) delete seen.asks;
      if (seen.retried) seen.retried = retriedAt(ctx, call) || retriedByCallers(ctx, call.fn) || !!ctx.mechanisms.covering(call.node, call.receiver);
      continue;
    }
    const retried = retriedAt(ctx, call) || retriedByCallers(ctx, call.fn) || !!ctx.mechanisms.covering(call.node, call.receiver);
    if (byKey.size < SUMMARY_LIMITS.calls) byKey.set(key, { name: call.name, ...(receiverRoot ? { receiverRoot } : {}), retried, ...(asks ? { asks: true as const } : {}), line: call.node.startPosition.row });
  }
  return [...byKey.values()];
}

/** The call is written in a function that only asks (by its name, or a URL its call names): see queriesOnly. */
function callerAsks(call: DiagContext['flow']['calls'][number]): boolean {
  let fn = call.fn;
  while (fn && !fn.name && fn.parent) fn = fn.parent;
  return !!fn?.name && queriesOnly(fn.name, statementOf(call.node).text);
}

/**
 * A Python function that builds a `requests.Session()` and returns it with nothing bounding its requests: no timeout
 * anywhere in it, no adapter but `HTTPAdapter` mounted (a subclass may set one), no `session.request` replaced.
 * A session has no default timeout, so every request sent through it without one can wait for ever.
 */
function returnsPlainSession(text: string): boolean {
  if (/\btimeout\b/i.test(text)) return false;
  if (/\breturn\s+(?:requests\.)?Session\(\s*\)/.test(text)) return true;
  const bound = /(?:^|\n)\s*(\w+)\s*(?::\s*[\w.]+\s*)?=\s*(?:requests\.)?Session\(\s*\)/.exec(text);
  if (!bound) return false;
  const name = bound[1];
  if (!new RegExp(`\\breturn\\s+${name}\\b`).test(text) || new RegExp(`\\b${name}\\.request\\s*=`).test(text)) return false;
  const mounts = [...text.matchAll(new RegExp(`\\b${name}\\.mount\\([^,]+,\\s*([\\w.]+)`, 'g'))].map((m) => m[1]);
  return mounts.every((adapter) => /^(requests\.adapters\.|adapters\.)?HTTPAdapter$/.test(adapter));
}
