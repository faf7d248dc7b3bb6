import type { Node } from 'web-tree-sitter';
import data from '../../../../data/sdk-retries.json';
import type { DiagContext } from '../context';
import type { CallInfo } from '../flow/flowModel';

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
}

/** A client of such an SDK built in this file, and the name it is kept in. */
export interface SdkClient {
  fact: SdkFact;
  /** Retries per call: the option as written where the client is built, or the SDK's default. */
  retries: number;
  /** `client`, `self.client`, `this.openai`; the module's name for a module-level client. */
  name: string;
  construction?: CallInfo;
}

const FACTS = data.sdks as SdkFact[];
const LANGUAGE: Record<string, string> = { python: 'python', javascript: 'javascript', typescript: 'javascript', tsx: 'javascript' };

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
  const facts = FACTS.filter((f) => f.language === language && f.imports.some((i) => ctx.flow.imports.some((m) => m === i || m.startsWith(`${i}.`) || m.startsWith(`${i}/`))));
  if (!facts.length) return [];
  const out: SdkClient[] = [];
  for (const call of ctx.flow.calls) {
    const fact = facts.find((f) => f.constructors.includes(call.name) && (!call.receiver ? !f.receivers : f.receivers ? new RegExp(f.receivers).test(call.receiver) : f.imports.includes(call.receiver)));
    if (!fact) continue;
    // `max_retries=0` / `maxRetries: 0` / `{'max_attempts': 0}` turns the SDK's own retries off: nothing to multiply.
    const written = new RegExp(`\\b${fact.option}['"]?\\s*[:=]\\s*(\\w+)`).exec(call.node.text)?.[1];
    // A configuration handed in as a variable (`config=cfg`) may set the retries: not read.
    if (written === undefined && /\bconfig\s*=\s*[A-Za-z_]/.test(call.node.text)) continue;
    const retries = written === undefined ? fact.defaultRetries : /^\d+$/.test(written) ? Number(written) : fact.defaultRetries;
    const name = boundName(ctx.flow.text, call.node);
    if (name) out.push({ fact, retries, name, construction: call });
  }
  for (const fact of facts) {
    if (fact.moduleClient) out.push({ fact, retries: fact.defaultRetries, name: fact.moduleClient });
    // A client built elsewhere (a base class, a factory) reached through its API resources: `self.client.messages.create`.
    out.push({ fact, retries: fact.defaultRetries, name: '' });
  }
  return out;
}

/** `client = OpenAI()`, `self.client = AsyncOpenAI(...)`, `const openai = new OpenAI({ … })`, `this.ai = new Anthropic()`. */
function boundName(text: string, construction: Node): string | undefined {
  let node: Node = construction;
  if (node.parent?.type === 'new_expression' || node.parent?.type === 'await' || node.parent?.type === 'await_expression') node = node.parent;
  const before = text.slice(Math.max(0, node.startIndex - 160), node.startIndex);
  return /((?:self\.|this\.)?[A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>|\[\] ]+)?\s*=\s*$/.exec(before)?.[1];
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
    if (call.start < scope.startIndex || call.end > scope.endIndex || !call.receiver) continue;
    const receiver = call.receiver.replace(/\s+/g, '');
    const named = clients.find((c) => c.name && (receiver === c.name || receiver.startsWith(`${c.name}.`)));
    // A module-level or unseen client is known by the API resource it calls (`openai.chat.completions.create`,
    // `self.client.messages.create`) in a file that imports the SDK.
    const reaches = (c: SdkClient) => /^(create|stream|parse|generate)$/.test(call.name) && c.fact.resources.some((r) => receiver === r || receiver.endsWith(`.${r}`));
    const client = named && (named.construction || reaches(named)) ? named : clients.find((c) => !c.name && reaches(c));
    if (!client) continue;
    return { client, call };
  }
  return undefined;
}
