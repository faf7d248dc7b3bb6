import type { Node } from 'web-tree-sitter';
import data from '../../../data/retry-mechanisms.json';
import type { GrammarName } from '../parsing/grammars';
import { enclosingFn, FileFlow, FnInfo } from './flow/flowModel';
import type { WorkspaceView } from '../workspace/workspaceView';
import { policyDefaults } from './policyDefaults';
import { callsShapedHelper, functionsHanded, shapedHelperCovering } from './handedRetryCallers';

/** One entry of server/data/retry-mechanisms.json. */
export interface RetryMechanism {
  id: string;
  language: 'python' | 'javascript' | 'go' | 'java' | 'csharp' | 'ruby' | 'php' | 'rust' | 'kotlin';
  /** config: configures a client to retry; client: a client that retries by itself; sdk: an SDK that retries;
   * decorator: marks a function as retried; wrapper: runs a function argument with retries. */
  kind: 'config' | 'client' | 'sdk' | 'decorator' | 'wrapper';
  /** Imported module names (exact, or a prefix ending at `/`, `.` or `-`). Importing covers the whole file unless kind is decorator. */
  imports?: string[];
  decorators?: string[];
  wrappers?: string[];
  /** `requiresImport`: the callee name is too common to count unless one of `imports` is imported (`NewClient`). */
  configCalls?: Array<{ callee: string; withOption?: string; requiresImport?: boolean; receiver?: string }>;
  /**
   * Module-level request functions the mechanism never reaches: a urllib3 `Retry` mounted on a Session
   * does nothing for `requests.get(...)`, which uses a fresh session of its own.
   */
  bypassedBy?: string[];
  /**
   * Set on a configured mechanism that retries failed connections only, never a failure status: requests'
   * `HTTPAdapter(max_retries=3)`, whose integer becomes urllib3's `Retry(total=3)` with no status_forcelist (status
   * responses are retried only when the server sends Retry-After with a 413, 429 or 503).
   */
  networkOnly?: boolean;
}

export interface RetryMechanismFile {
  description: string;
  mechanisms: RetryMechanism[];
}

export const RETRY_MECHANISMS: readonly RetryMechanism[] = (data as RetryMechanismFile).mechanisms;

const FAMILY: Record<GrammarName, RetryMechanism['language']> = {
  python: 'python', javascript: 'javascript', typescript: 'javascript', tsx: 'javascript', go: 'go', java: 'java', 'c-sharp': 'csharp', ruby: 'ruby', php: 'php', rust: 'rust', kotlin: 'kotlin',
};

const RETRY_NAME = /retr(y|ies|ying)|backoff|resilien/i;
/**
 * An argument that hands a call its retry budget: a name for the number of retries or attempts (`c.MaxRetries`,
 * `max_retries`, `retryCount`), or a keyword naming it with a count (`retries=3`, `max_attempts: 5`).
 */
const RETRY_BUDGET = /^(?:[\w$.]*[.>])?(?:max_?retries|maxRetries|MaxRetries|retries|retry_?count|retryCount|RetryCount|max_?attempts|maxAttempts|MaxAttempts|retry_?limit|retryLimit|RetryMax|retryMax)$|^(?:max_?retries|retries|retry_?count|max_?attempts|maxRetries|maxAttempts|retryCount)\s*[=:]\s*[1-9]\d*$/;

/** Which retry mechanisms are in scope where, for one file. */
export class MechanismScope {
  /** A mechanism configured or imported for the whole file; the id explains why. */
  readonly fileMechanism: string | undefined;
  /**
   * Every file-wide mechanism with its kind, in data order: an SDK retries its own calls (not a `requests.get`
   * next to it), got/ky retry their own requests (not a `fetch`), a configured client the file's requests.
   */
  private readonly fileWide: RetryMechanism[] = [];
  /** Receivers whose module-level calls the file-wide mechanism does not reach. */
  private readonly bypass = new Set<string>();
  private readonly wrappers = new Set<string>();
  /** Which mechanism a wrapper name belongs to (`pRetry` → p-retry). */
  private readonly wrapperOwners = new Map<string, string>();
  private readonly decorators = new Set<string>();
  /** Function names passed to (or called inside) a retry wrapper. */
  private readonly wrappedNames = new Set<string>();

  constructor(private readonly flow: FileFlow, retryFunctionNames: readonly string[]) {
    const family = FAMILY[flow.grammarName];
    const mine = RETRY_MECHANISMS.filter((m) => m.language === family);
    let fileMechanism: string | undefined;
    // A call to a function written in this file (a helper's own `backoff(...)`) configures no library.
    const ownFunctions = new Set(flow.fns.map((f) => f.name).filter((n): n is string => !!n));
    // Calls by name, built once: every library's configuration calls are looked up in it.
    const byName = new Map<string, typeof flow.calls>();
    for (const call of flow.calls) {
      const list = byName.get(call.name);
      if (list) list.push(call);
      else byName.set(call.name, [call]);
    }
    const callsNamed = (name: string) => byName.get(name) ?? [];
    for (const m of mine) {
      if (m.id === 'go-retryablehttp' && retryTransportReplaced(flow.text)) continue;
      const imported = (m.imports ?? []).some((name) => flow.imports.some((module) => importMatches(module, name)));
      // Importing a decorator or a wrapper library retries nothing by itself: what it decorates or wraps is.
      if (imported && m.kind !== 'decorator' && m.kind !== 'wrapper') {
        fileMechanism ??= m.id;
        this.fileWide.push(m);
        for (const r of m.bypassedBy ?? []) this.bypass.add(r);
      }
      for (const d of m.decorators ?? []) this.decorators.add(d);
      if (imported || !m.imports) {
        for (const w of m.wrappers ?? []) {
          this.wrappers.add(w);
          if (!this.wrapperOwners.has(w)) this.wrapperOwners.set(w, m.id);
        }
      }
      for (const config of m.configCalls ?? []) {
        if (ownFunctions.has(config.callee) || (config.requiresImport && !imported)) continue;
        // `receiver`: only on that class or object (Guzzle `Middleware::retry(…)`, not any `retry(…)`)
        const hit = callsNamed(config.callee).find((c) => (!config.receiver || c.receiver?.replace(/^.*\\/, '') === config.receiver) && (!config.withOption || hasOption(c.node, config.withOption)));
        if (hit && !this.fileWide.includes(m)) {
          fileMechanism ??= m.id;
          // Configured (`axiosRetry(client)`, `session.mount(…, HTTPAdapter(max_retries=Retry(…)))`): the file's requests.
          const networkOnly = (config.withOption === 'max_retries' && countOnly(flow, hit.node)) || (m.id === 'faraday-retry' && faradayExceptionsOnly(hit.node));
          this.fileWide.push({ ...m, kind: 'config', ...(networkOnly ? { networkOnly: true } : {}) });
          for (const r of m.bypassedBy ?? []) this.bypass.add(r);
        }
      }
    }
    for (const name of retryFunctionNames) this.wrappers.add(name.split('.').pop() ?? name);
    // A retrying handler added to the file's client (`addInterceptor(new RetryInterceptor(3))`,
    // `AddHttpMessageHandler<RetryHandler>()`, `Transport: &retryTransport{…}`): that client's requests retry.
    const handler = retryingHandler(flow, callsNamed);
    if (handler) {
      fileMechanism ??= handler.id;
      this.fileWide.push(handler);
    }
    this.fileMechanism = fileMechanism;
    for (const call of flow.calls) {
      if (!this.wrappers.has(call.name)) {
        if (callsShapedHelper(flow, call)) for (const name of functionsHanded(flow, call)) this.wrappedNames.add(name);
        continue;
      }
      // Names in the wrapper's arguments (`pRetry(() => fetchPage(u))`), not in the chain it is called on.
      // (Ruby: the block it is given, `Patience.keep_trying { read_stock }`.)
      const args = [...flow.adapter.callArguments(call.node), call.node.childForFieldName('block')].map((a) => a?.text ?? '').join(' ');
      for (const id of args.matchAll(/[A-Za-z_$][\w$]*/g)) this.wrappedNames.add(id[0]);
    }
    this.retryFunctionNames = new Set(retryFunctionNames.map((n) => n.split('.').pop() ?? n));
  }

  private readonly retryFunctionNames: Set<string>;

  /** What other files of the workspace say (retry wrappers, base-class sessions); absent for a file on its own. */
  workspace?: WorkspaceView;

  /** The same file-wide facts over another flow of the same file (one function re-analysed after an edit). */
  rebase(flow: FileFlow): MechanismScope {
    const copy = Object.create(MechanismScope.prototype) as { -readonly [K in keyof MechanismScope]: unknown } & Record<string, unknown>;
    Object.assign(copy, this);
    copy.flow = flow;
    return copy as unknown as MechanismScope;
  }

  /**
   * A call that already retries what it sends: an in-house retry helper (`request_with_retry(...)`,
   * `fetchWithRetry(url)`, `HttpRetry.send(...)`), a configured wrapper, or a name from the settings.
   * A response it returns has been through the retries, so giving up on it afterwards is right.
   */
  isRetryingCall(call: { name: string; receiver?: string; node?: Node }): boolean {
    const receiver = call.receiver?.split('.').pop() ?? '';
    if (this.wrappers.has(call.name) || this.retryFunctionNames.has(call.name) || RETRY_NAME.test(call.name) || RETRY_NAME.test(receiver) || callsShapedHelper(this.flow, call)) return true;
    // Handed a retry budget (`MakeRequest(c, url, cfg.MaxRetries, timeout)`, `fetch_json(url, retries=3)`): it retries.
    return !!call.node && this.flow.adapter.callArguments(call.node).some((a) => RETRY_BUDGET.test(a.text.trim()));
  }

  /**
   * The retry the file configures on its clients that reaches a request of `library` on `receiver`: a urllib3 Retry
   * mounted on a session, axios-retry on an instance, got's and ky's own. Not decorators, wrappers or SDKs: only the
   * layer under a request that retries it before the code around the request sees the failure.
   */
  configuredRetry(node: Node, receiver: string | undefined, library: string): RetryMechanism | undefined {
    if (receiver !== undefined && this.bypass.has(receiver)) return undefined;
    return this.fileWide.find((m) => (m.kind === 'config' || m.kind === 'client') && reachesRequest(m, library) && !(m.id.startsWith('got-ky') && writeLeftByGot(this.flow, node)));
  }

  /** The mechanism whose wrapper a call name is (`pRetry` → `p-retry`, `Retry` → `cenkalti-backoff`), if any. */
  wrapperMechanism(name: string): string | undefined {
    return this.retryFunctionNames.has(name) ? undefined : this.wrapperOwners.get(name);
  }

  /** Call names that feed the file-wide facts (wrappers and configuration calls): an edit naming one needs a full pass. */
  globalNames(): string[] {
    const configs = RETRY_MECHANISMS.filter((m) => m.language === FAMILY[this.flow.grammarName]).flatMap((m) => (m.configCalls ?? []).map((c) => c.callee));
    return [...this.wrappers, ...configs];
  }

  /**
   * The mechanism that retries the code at `node`, or undefined when nothing does. `receiver` is the
   * receiver of the request concerned, when known (`requests` in `requests.get(...)`).
   */
  covering(node: Node, receiver?: string, library?: string, failureStatus = false): string | undefined {
    if (!(receiver !== undefined && this.bypass.has(receiver))) {
      const reaching = this.fileWide.find((m) => reachesRequest(m, library) && !(failureStatus && m.networkOnly) && !(m.id.startsWith('got-ky') && writeLeftByGot(this.flow, node)));
      if (reaching) return reaching.id;
    }
    for (let fn: FnInfo | undefined = enclosingFn(this.flow, node); fn; fn = fn.parent) {
      if (fn.decorators.some((d) => this.decorators.has(d) || RETRY_NAME.test(d) || this.workspace?.wrapperNames.includes(d.replace(/\(.*$/s, '').split('.').pop()!))) return `decorator @${fn.decorators.join(', @')}`;
      if (fn.name && (this.wrappedNames.has(fn.name) || this.retryFunctionNames.has(fn.name) || RETRY_NAME.test(fn.name))) {
        return `retried function ${fn.name}`;
      }
      // A function literal held in a variable that a wrapper is handed: `op := func() error {…}; backoff.Retry(op, b)`.
      const held = fn.name ? undefined : heldIn(this.flow, fn);
      if (held && this.wrappedNames.has(held)) return `retried function ${held}`;
    }
    for (let child: Node = node, n: Node | null = node.parent; n; child = n, n = n.parent) {
      const call = this.flow.callByNode.get(n.id);
      if (!call || call.node.id === node.id) continue;
      if (this.wrappers.has(call.name) || RETRY_NAME.test(call.name)) return `wrapper ${call.name}`;
      // `retryHelper.execute(async () => …)`, `retrier.run(() => …)`: a retrying object runs the callback it is handed.
      if (child.id === n.childForFieldName('arguments')?.id && /^[\w$.]+$/.test(call.receiver ?? '') && RETRY_NAME.test(call.receiver!.split('.').pop()!)) return `wrapper ${call.receiver}.${call.name}`;
    }
    // A retry helper of the file known by its shape, whatever its name (`attempt(() => fetch(u))`, `@with_pause`).
    return shapedHelperCovering(this.flow, node, enclosingFn(this.flow, node)) ?? this.workspace?.covering(node, receiver);
  }
}

/**
 * go-retryablehttp's `StandardClient()` is an `*http.Client` whose Transport is the retrying round tripper; assigning
 * its `Transport` afterwards (`httpClient.Transport = &http.Transport{…}`) throws the retries away.
 */
export function retryTransportReplaced(text: string): boolean {
  // (Every match names the call: a file without it is not scanned word by word.)
  if (!text.includes('.StandardClient()')) return false;
  for (const m of text.matchAll(/(\w+)\s*:?=\s*[\w.]+\.StandardClient\(\)/g)) {
    // (Wrapping it, `std.Transport = Wrap(std.Transport, …)`, keeps the retries underneath.)
    // (The wrapping may span lines: `c.Transport = &oauth2.Transport{\n Base: c.Transport, … }`.)
    const rest = text.slice(m.index + m[0].length);
    for (const a of rest.matchAll(new RegExp(`\\b${m[1]}\\.Transport\\s*=(?!=)([^\\n]*)`, 'g'))) {
      const value = a[1].trimEnd().endsWith('{') ? rest.slice(a.index + a[0].length - a[1].length, a.index + a[0].length + 400).split(/\n\s*\}/)[0] : a[1];
      if (!value.includes(`${m[1]}.Transport`)) return true;
    }
  }
  return false;
}

/** Calls that put a handler into a client's pipeline. */
const HANDLER_CALLS = ['addInterceptor', 'addNetworkInterceptor', 'AddHttpMessageHandler', 'AddHandler', 'use', 'Use'];

/** Text with the contents of its string literals and line comments blanked out. */
function withoutStrings(text: string): string {
  return text.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""').replace(/(^|[^:])\/\/[^\n]*|#[^\n{]*$/gm, '$1');
}

/** A handler named as retrying (`RetryInterceptor`, `RetryHandler`, `retryTransport`) put into a client's pipeline. */
function retryingHandler(flow: FileFlow, callsNamed: (name: string) => FileFlow['calls']): RetryMechanism | undefined {
  const language = FAMILY[flow.grammarName];
  for (const name of HANDLER_CALLS) {
    for (const call of callsNamed(name)) {
      // axios `instance.interceptors.response.use(…)` re-issuing on failure is a retry handler; `app.use(…)` is not a client.
      if ((name === 'use' || name === 'Use') && !/interceptors/.test(call.receiver ?? '')) continue;
      // (Names in code, not words in a log message: `logger.warn("… Retrying…")` names no retrying handler.)
      const args = withoutStrings(call.node.text.slice(call.node.text.indexOf('(')));
      const generic = /<([^>]*)>\s*\(/.exec(call.node.text)?.[1] ?? '';
      if (RETRY_NAME.test(args) || RETRY_NAME.test(generic)) return { id: `retrying handler (${name})`, language, kind: 'config' };
    }
  }
  // Python: `session.mount("https://", adapter)` with an adapter the file imports (`from .http import adapter`): built
  // in another module, where a transport adapter is mounted for its retry policy more often than not.
  if (flow.grammarName === 'python') {
    for (const call of callsNamed('mount')) {
      const args = flow.adapter.callArguments(call.node);
      const adapter = args.length === 2 && /^[A-Za-z_]\w*$/.test(args[1].text) ? args[1].text : undefined;
      if (adapter && new RegExp(`^\\s*from\\s+[\\w.]+\\s+import\\s+[^\\n]*\\b${adapter}\\b`, 'm').test(flow.text)) return { id: `imported adapter (${adapter})`, language, kind: 'config' };
    }
  }
  // Go: `&http.Client{Transport: &retryTransport{…}}` / `Transport: NewRetryingTransport(base)`.
  if (flow.grammarName === 'go') {
    const m = /\bTransport\s*:\s*&?\s*([\w.]*(retr|backoff|resilien)\w*)/i.exec(flow.text);
    if (m) return { id: `retrying transport (${m[1]})`, language, kind: 'config' };
  }
  return undefined;
}

/** The variable a function literal is assigned to where it is written (`op := func() …`, `const op = () => …`). */
function heldIn(flow: FileFlow, fn: FnInfo): string | undefined {
  const before = flow.text.slice(Math.max(0, fn.start - 120), fn.start);
  return /([A-Za-z_$][\w$]*)\s*(?::=|=)\s*(?:async\s*)?$/.exec(before)?.[1];
}

/**
 * A file-wide mechanism reaches the code in question: anything when the question is not about a request of
 * a known HTTP library (a caught SDK error, a give-up); for such a request, not an SDK (it retries its own
 * calls only), and a self-retrying client only its own requests (`got`/`ky`).
 */
function reachesRequest(m: RetryMechanism, library: string | undefined): boolean {
  if (library === undefined || library === 'unknown') return true;
  // (Octokit's retry and throttling plugins retry its route requests.)
  if (m.kind === 'sdk') return m.id === 'octokit-retry' && library === 'octokit';
  if (m.kind === 'client' && m.id === 'got-ky') return library === 'got' || library === 'ky';
  return true;
}

/**
 * got and ky retry only idempotent methods by default (`retry.methods`: GET, PUT, HEAD, DELETE, OPTIONS, TRACE —
 * server/data/retry-policies.json, `got-ky-retry`): a POST or PATCH sent through them (`got.post(…)`, `ky(url, { method: 'post' })`)
 * is not retried unless the file's retry option lists its method.
 */
function writeLeftByGot(flow: FileFlow, node: Node): boolean {
  const call = flow.callByNode.get(node.id);
  if (!call) return false;
  const method = (/^(post|patch)$/i.exec(call.name)?.[1] ?? /\bmethod\s*:\s*['"`](post|patch)['"`]/i.exec(call.node.text)?.[1])?.toUpperCase();
  if (!method || (policyDefaults('got-ky-retry').retryMethods ?? []).includes(method)) return false;
  return !new RegExp(`\\bmethods\\s*:\\s*\\[[^\\]]*['"\`]${method}['"\`]`, 'i').test(flow.text);
}

function importMatches(module: string, name: string): boolean {
  if (module === name) return true;
  if (!module.startsWith(name)) return false;
  return /[/.\-]$/.test(name) || /[/.\-]/.test(module.charAt(name.length));
}

/**
 * `HTTPAdapter(max_retries=3)`, or a name the file sets to a number or a setting (`max_retries = config["http.max_retries"]`):
 * a count, not a `Retry(…)` policy. A name the file does not set (a parameter) may hold either, and is not read as one.
 */
function countOnly(flow: FileFlow, call: Node): boolean {
  const value = /(?:^|[^\w$])max_retries\s*=\s*([^,)]+)/.exec(call.text)?.[1]?.trim();
  if (!value) return false;
  if (/^\d+$/.test(value)) return true;
  if (!/^[A-Za-z_][\w.]*$/.test(value)) return false;
  const name = value.split('.').pop()!;
  // (Statements that assign it, not the keyword argument itself.)
  const assigned = [...flow.text.matchAll(new RegExp(`(?:^|\\n)[ \\t]*(?:self\\.)?${name}\\s*=(?!=)\\s*([^\\n]+)`, 'g'))].map((m) => m[1]);
  return assigned.length > 0 && assigned.every((rhs) => !/Retry\s*\(|retry/i.test(rhs) && !/^\w+\s*\(/.test(rhs.trim()));
}

/**
 * `f.request :retry, max: 3, interval: 0.5` with no `retry_statuses:` and no `exceptions:` naming a status error: the
 * middleware retries its default exceptions only — timeouts and failed connections — and a 429 or 503 passes through
 * to whatever raises on it (server/data/retry-policies.json, faraday-retry). Options handed over in a variable are not
 * guessed.
 */
function faradayExceptionsOnly(call: Node): boolean {
  const args = (call.childForFieldName('arguments') ?? call.lastNamedChild)?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
  if (args.length > 1 && /identifier|constant|call/.test(args[1].type) && !/^(pair|hash)$/.test(args[1].type)) return false;
  const text = args.slice(1).map((a) => a.text).join(' ');
  if (/\bretry_statuses\b/.test(text)) return false;
  return !/\bexceptions\b[\s\S]*\b(ServerError|TooManyRequestsError|ClientError|Faraday::Error|RetriableResponse)\b/.test(text);
}

/** True when a call passes a keyword argument or object property with this name (at any depth of its arguments). */
function hasOption(call: Node, option: string): boolean {
  const args = call.childForFieldName('arguments') ?? call.lastNamedChild;
  if (!args) return false;
  // A Ruby symbol argument (`f.request :retry, max: 3`) is named with its colon.
  if (option.startsWith(':')) return new RegExp(`(^|[^\\w$:])${option}(?![\\w?!])`).test(args.text);
  return new RegExp(`(^|[^\\w$])${option}\\s*[:=]`).test(args.text);
}
