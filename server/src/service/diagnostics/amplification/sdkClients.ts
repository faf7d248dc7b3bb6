import type { Node } from 'web-tree-sitter';
import data from '../../../../data/sdk-retries.json';
import type { DiagContext } from '../context';
import type { CallInfo } from '../flow/flowModel';
import { escapeRegExp } from '../regexText';

/** An SDK that retries its own calls by default (server/data/sdk-retries.json). */
export interface SdkFact {
  id: string;
  language: string;
  imports: string[];
  constructors: string[];
  /** Receivers a constructor is called on (a RegExp source; '' for the SDK's own module names). */
  receivers: string;
  /** A module-level client whose calls retry too (`openai.chat.completions.create`), or ''. */
  moduleClient: string;
  /** The API resources its calls go through (`chat.completions`, `messages`): a call is known by them. */
  resources: string[];
  option: string;
  defaultRetries: number;
  off: string;
  behaviour: string;
  source: { library: string; version: string; file: string };
  /** Declared types (last name; Go with its package, `discordgo.Session`) a client built elsewhere has. */
  types?: string[];
  /** The client's methods that send a request (a RegExp source); any method when absent. */
  calls?: string;
  /** Module functions that send through a retrying client of their own (`getIDToken`). */
  functions?: string[];
  /** An option that must be true where the client is built for it to retry at all (`allowRetries`). */
  enabledBy?: string;
}

/** A client of such an SDK built in this file, and the name it is kept in. */
export interface SdkClient {
  fact: SdkFact;
  /** Retries per call: the option as written where the client is built, or the SDK's default. */
  retries: number;
  /** `client`, `self.client`, `this.openai`; the module's name for a module-level client. */
  name: string;
  construction?: CallInfo;
  /** Known by its declared type (`private readonly BlobContainerClient _container`, `session *discordgo.Session`). */
  typed?: boolean;
}

const FACTS = data.sdks as SdkFact[];
const LANGUAGE: Record<string, string> = { python: 'python', javascript: 'javascript', typescript: 'javascript', tsx: 'javascript', go: 'go', 'c-sharp': 'csharp' };

/**
 * The SDK clients of a file: those built here (with the retries they were given; 0 when turned off), the SDK's
 * module-level client, and one with no name standing for a client built elsewhere.
 */
export function sdkClients(ctx: DiagContext): SdkClient[] {
  // Read once per analysis: the retry-loop model and retry-amplification both ask.
  let clients = byContext.get(ctx);
  if (!clients) byContext.set(ctx, (clients = readSdkClients(ctx)));
  return clients;
}

const byContext = new WeakMap<DiagContext, SdkClient[]>();

function readSdkClients(ctx: DiagContext): SdkClient[] {
  const language = LANGUAGE[ctx.flow.grammarName];
  const facts = FACTS.filter((f) => f.language === language && f.imports.some((i) => ctx.flow.imports.some((m) => m === i || m === i.replace(/\.$/, '') || m.startsWith(i.endsWith('.') ? i : `${i}.`) || m.startsWith(`${i}/`))));
  if (!facts.length) return [];
  const text = ctx.flow.text;
  const out: SdkClient[] = [];
  for (const call of ctx.flow.calls) {
    const fact = facts.find((f) => f.constructors.includes(call.name) && (!call.receiver ? !f.receivers : f.receivers ? new RegExp(f.receivers).test(call.receiver) : f.imports.includes(call.receiver)));
    if (!fact) continue;
    // The construction with the calls chained on it (`resty.New().SetRetryCount(3)`).
    const built = chainOf(call.node).text;
    // `max_retries=0` / `maxRetries: 0` / `{'max_attempts': 0}` / `SetRetryCount(0)` turns the SDK's own retries off.
    const written = new RegExp(`\\b${fact.option}['"]?\\s*(?:[:=]|\\()\\s*(\\w+)`).exec(built)?.[1] ?? fileSetting(text, fact);
    // A configuration handed in as a variable (`config=cfg`, a .NET `options` built elsewhere) may set the retries: not read.
    if (written === undefined && (/\bconfig\s*=\s*[A-Za-z_]/.test(call.node.text) || (language === 'csharp' && /[(,]\s*\w*[oO]ptions\w*\s*[,)]/.test(call.node.text)))) continue;
    const enabled = !fact.enabledBy || new RegExp(`\\b${fact.enabledBy}\\s*[:=]\\s*true\\b`).test(built);
    const retries = !enabled ? 0 : written === undefined ? fact.defaultRetries : /^\d+$/.test(written) ? Number(written) : fact.defaultRetries;
    const name = boundName(text, call.node);
    if (name) out.push({ fact, retries, name, construction: call });
  }
  for (const fact of facts) {
    if (fact.moduleClient) out.push({ fact, retries: fact.defaultRetries, name: fact.moduleClient });
    // A client declared with the SDK's type and built elsewhere (a field set in a constructor, a parameter): the
    // count the file sets anywhere (`s.MaxRestRetries = 5`, `SetRetryCount(3)`), else the SDK's default.
    for (const name of typedNames(text, fact, ctx.flow.grammarName)) {
      if (out.some((c) => c.name === name && c.fact === fact)) continue;
      const written = fileSetting(text, fact);
      out.push({ fact, retries: written !== undefined && /^\d+$/.test(written) ? Number(written) : fact.defaultRetries, name, typed: true });
    }
    // A client built elsewhere (a base class, a factory) reached through its API resources: `self.client.messages.create`.
    out.push({ fact, retries: fact.defaultRetries, name: '' });
  }
  return out;
}

/** The outermost call chained on `node` (`resty.New().SetTimeout(t).SetRetryCount(3)` for `resty.New()`). */
function chainOf(node: Node): Node {
  let top = node;
  for (let n = node.parent; n && /^(selector_expression|member_expression|attribute|call_expression|call|invocation_expression|member_access_expression|argument_list|arguments)$/.test(n.type); n = n.parent) {
    if (/^(call_expression|call|invocation_expression)$/.test(n.type)) top = n;
    // (An argument list is the call's own: a construction passed as an argument is not chained on.)
    if (/^(argument_list|arguments)$/.test(n.type)) break;
  }
  return top;
}

/** The count the file sets on a client after building it (`s.MaxRestRetries = 0`, `c.RetryMax = 2`, `.SetRetryCount(3)`). */
function fileSetting(text: string, fact: SdkFact): string | undefined {
  if (!fact.types?.length) return undefined;
  return new RegExp(`\\.${fact.option}\\s*(?:=(?!=)|\\()\\s*(\\d+)`).exec(text)?.[1];
}

/**
 * Names declared with one of the SDK's client types: Go fields, parameters and variables (`session *discordgo.Session`),
 * C# fields, properties, parameters and locals (`BlobContainerClient _container`), TypeScript annotations (`http: HttpClient`).
 */
function typedNames(text: string, fact: SdkFact, grammar: string): string[] {
  const names = new Set<string>();
  for (const type of fact.types ?? []) {
    const t = escapeRegExp(type);
    const re =
      grammar === 'go' ? new RegExp(`\\b([A-Za-z_]\\w*)\\s+(?:\\[\\]\\s*)?\\*?${t}\\b`, 'g')
      : grammar === 'c-sharp' ? new RegExp(`(?<![\\w.])${t}\\??\\s+([A-Za-z_]\\w*)\\s*(?=[;=),{]|$)`, 'gm')
      : new RegExp(`\\b([A-Za-z_$][\\w$]*)\\s*[?!]?:\\s*${t}\\b`, 'g');
    for (const m of text.matchAll(re)) if (!/^(var|func|type|return|new)$/.test(m[1])) names.add(m[1]);
  }
  return [...names];
}

/** `client = OpenAI()`, `self.client = AsyncOpenAI(...)`, `const openai = new OpenAI({ … })`, `this.ai = new Anthropic()`. */
function boundName(text: string, construction: Node): string | undefined {
  let node: Node = construction;
  if (node.parent?.type === 'new_expression' || node.parent?.type === 'await' || node.parent?.type === 'await_expression') node = node.parent;
  const before = text.slice(Math.max(0, node.startIndex - 160), node.startIndex);
  // (Go: `s, err := discordgo.New(token)`, `c := retryablehttp.NewClient()`.)
  return /((?:self\.|this\.)?[A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>|\[\] ]+)?\s*=\s*$/.exec(before)?.[1] ?? /([A-Za-z_]\w*)\s*(?:,\s*[A-Za-z_]\w*\s*)?:=\s*$/.exec(before)?.[1];
}

/**
 * The first call inside `scope` made through one of the clients (`client.chat.completions.create(…)`), or made by a
 * function of the file that `scope` calls (`ret = make_request(…)` with the SDK call in `make_request`), one level deep.
 */
export function sdkCallIn(ctx: DiagContext, scope: Node, clients: readonly SdkClient[]): { client: SdkClient; call: CallInfo } | undefined {
  const direct = directSdkCall(ctx, scope, clients);
  if (direct) return direct;
  for (const call of ctx.flow.calls) {
    if (call.start < scope.startIndex || call.end > scope.endIndex || (call.receiver && !/^(self|this)$/.test(call.receiver))) continue;
    const fn = ctx.flow.fns.find((f) => f.name === call.name && (f.start > scope.endIndex || f.end < scope.startIndex));
    const inner = fn ? directSdkCall(ctx, fn.node, clients) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function directSdkCall(ctx: DiagContext, scope: Node, clients: readonly SdkClient[]): { client: SdkClient; call: CallInfo } | undefined {
  for (const call of ctx.flow.calls) {
    if (call.start < scope.startIndex || call.end > scope.endIndex) continue;
    // A module function that retries through a client of its own (`getIDToken(audience)`, `core.getIDToken(…)`).
    const fn = (!call.receiver || /^[A-Za-z_$][\w$]*$/.test(call.receiver)) ? clients.find((c) => c.fact.functions?.includes(call.name)) : undefined;
    if (fn) return { client: fn, call };
    if (!call.receiver) continue;
    const receiver = call.receiver.replace(/\s+/g, '');
    // The client's name as one link of the receiver (`w.session`, `w.rest.R()`, `_container`).
    const links = receiver.replace(/\([^()]*\)/g, '').split(/\.|->|\?\./);
    const sends = (c: SdkClient) => !c.fact.calls || new RegExp(c.fact.calls).test(call.name);
    const named = clients.find((c) => c.name && (receiver === c.name || receiver.startsWith(`${c.name}.`) || ((c.typed || c.construction) && c.fact.types && links.includes(c.name.replace(/^(self|this)\./, '')))) && sends(c));
    // A module-level or unseen client is known by the API resource it calls (`openai.chat.completions.create`,
    // `self.client.messages.create`) in a file that imports the SDK.
    const reaches = (c: SdkClient) => /^(create|stream|parse|generate)$/.test(call.name) && c.fact.resources.some((r) => receiver === r || receiver.endsWith(`.${r}`));
    const client = named && (named.construction || named.typed || reaches(named)) ? named : clients.find((c) => !c.name && reaches(c));
    if (!client) continue;
    return { client, call };
  }
  return undefined;
}
