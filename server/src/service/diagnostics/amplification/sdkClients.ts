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
  /** A module-level client whose calls retry too (`openai.chat.completions.create`), or ''. */
  moduleClient: string;
  option: string;
  defaultRetries: number;
  off: string;
  behaviour: string;
  source: { library: string; version: string; file: string };
}

/** A client of such an SDK built in this file, and the name it is kept in. */
export interface SdkClient {
  fact: SdkFact;
  /** `client`, `self.client`, `this.openai`; the module's name for a module-level client. */
  name: string;
  construction?: CallInfo;
}

const FACTS = data.sdks as SdkFact[];
const LANGUAGE: Record<string, string> = { python: 'python', javascript: 'javascript', typescript: 'javascript', tsx: 'javascript' };

/** The retrying SDK clients of a file: built here with their retries left on, or the SDK's module-level client. */
export function sdkClients(ctx: DiagContext): SdkClient[] {
  const language = LANGUAGE[ctx.flow.grammarName];
  const facts = FACTS.filter((f) => f.language === language && f.imports.some((i) => ctx.flow.imports.some((m) => m === i || m.startsWith(`${i}.`) || m.startsWith(`${i}/`))));
  if (!facts.length) return [];
  const out: SdkClient[] = [];
  for (const call of ctx.flow.calls) {
    const fact = facts.find((f) => f.constructors.includes(call.name) && (!call.receiver || f.imports.includes(call.receiver)));
    if (!fact) continue;
    // `max_retries=0` / `maxRetries: 0` turns the SDK's own retries off: nothing to multiply.
    if (new RegExp(`\\b${fact.option}\\s*[:=]\\s*0\\b`).test(call.node.text)) continue;
    const name = boundName(ctx.flow.text, call.node);
    if (name) out.push({ fact, name, construction: call });
  }
  for (const fact of facts) if (fact.moduleClient) out.push({ fact, name: fact.moduleClient });
  return out;
}

/** `client = OpenAI()`, `self.client = AsyncOpenAI(...)`, `const openai = new OpenAI({ … })`, `this.ai = new Anthropic()`. */
function boundName(text: string, construction: Node): string | undefined {
  let node: Node = construction;
  if (node.parent?.type === 'new_expression' || node.parent?.type === 'await' || node.parent?.type === 'await_expression') node = node.parent;
  const before = text.slice(Math.max(0, node.startIndex - 160), node.startIndex);
  return /((?:self\.|this\.)?[A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>|\[\] ]+)?\s*=\s*$/.exec(before)?.[1];
}

/** The calls inside `scope` made through one of the clients (`client.chat.completions.create(…)`), first one. */
export function sdkCallIn(ctx: DiagContext, scope: Node, clients: readonly SdkClient[]): { client: SdkClient; call: CallInfo } | undefined {
  for (const call of ctx.flow.calls) {
    if (call.start < scope.startIndex || call.end > scope.endIndex || !call.receiver) continue;
    const receiver = call.receiver.replace(/\s+/g, '');
    const client = clients.find((c) => receiver === c.name || receiver.startsWith(`${c.name}.`));
    if (!client) continue;
    // A module-level client is reached through its API resources only (`openai.chat.completions.create`).
    if (!client.construction && !/^\w+\.(chat|completions|embeddings|images|audio|responses|beta|moderations|files|batches|messages)\b/.test(receiver)) continue;
    return { client, call };
  }
  return undefined;
}
