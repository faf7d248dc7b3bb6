import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import { escapeRegExp } from '../regexText';
import { allTimeoutFacts, type TimeoutFact } from './timeoutFacts';
import { inScope, type TimeoutLibrary, type UnboundedRequest } from './unbounded';

/**
 * Go SDKs whose constructors build their own HTTP client without a Timeout (server/data/request-timeouts.json,
 * entries with `sdkClient`): `tgbotapi.NewBotAPI(token)`, `graphql.NewClient(url)`, `cloudflare.New(…)`,
 * `github.NewClient(nil)`. Reported at the construction, where the client belongs, unless:
 * - an option hands the SDK a client (`graphql.WithHTTPClient(c)`), or the client argument is not `nil`;
 * - the file later sets the client field on the name it is kept in (`bot.Client = &http.Client{…}`);
 * - the SDK's calls take a context and any call through the name in the same function is handed one that may
 *   expire (a parameter, `context.WithTimeout`): only `context.Background()`/`TODO()`, or a local bound to one,
 *   leave the calls unbounded. With no call through the name in that function, nothing is known: silent.
 */
export function goSdkClients(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const sdks = sdkClientFacts().filter((f) => f.language === 'go');
  if (!sdks.length || !flow.imports.length) return [];
  const locals = goImportLocals(ctx);
  const out: UnboundedRequest[] = [];
  for (const sdk of sdks) {
    const rule = sdk.sdkClient;
    const path = new RegExp(rule.importPath);
    const local = [...locals].find(([, p]) => path.test(p))?.[0];
    if (!local) continue;
    for (const call of flow.calls) {
      if (call.receiver !== local || !rule.constructors.includes(call.name) || !inScope(flow, call.node)) continue;
      const args = call.node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null) ?? [];
      if (rule.nilClientArgument !== undefined && args[rule.nilClientArgument]?.text !== 'nil') continue;
      if (rule.clientOptions?.some((o) => args.some((a) => new RegExp(`^${escapeRegExp(local)}\\.${escapeRegExp(o)}\\s*\\(`).test(a.text)))) continue;
      const name = keptIn(call.node);
      const fnText = call.fn?.node.text ?? flow.text;
      if (name && rule.clientFields?.some((f) => new RegExp(`\\b${escapeRegExp(name)}\\.${escapeRegExp(f)}(\\.Timeout)?\\s*=(?!=)`).test(flow.text))) continue;
      if (rule.callsTakeContext && !(name && callsCarryEndlessContext(name, fnText))) continue;
      out.push({ node: call.node, library: sdk.id as TimeoutLibrary, where: 'client' });
    }
  }
  return out;
}

type SdkClientFact = TimeoutFact & { sdkClient: NonNullable<TimeoutFact['sdkClient']> };

let cached: SdkClientFact[] | undefined;
function sdkClientFacts(): SdkClientFact[] {
  return (cached ??= allTimeoutFacts().filter((f): f is SdkClientFact => f.sdkClient !== undefined));
}

/** Local package name → import path, for every import of the file (`tgbotapi "github.com/…/telegram-bot-api/v5"`). */
function goImportLocals(ctx: DiagContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of ctx.doc.tree!.rootNode.descendantsOfType('import_spec')) {
    if (!spec) continue;
    const path = spec.childForFieldName('path')?.text.replace(/["`]/g, '') ?? '';
    const alias = spec.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') continue;
    const sdk = sdkClientFacts().find((f) => new RegExp(f.sdkClient.importPath).test(path));
    // Without an alias the package clause decides the name; the data knows it for the SDKs it lists.
    out.set(alias ?? sdk?.sdkClient.packageName ?? path.split('/').pop()!, path);
  }
  return out;
}

/** `bot, err := tgbotapi.NewBotAPI(…)` / `api, err = cloudflare.New(…)` / `c.gh = github.NewClient(nil)` → the name. */
function keptIn(call: Node): string | undefined {
  let n: Node | null = call.parent;
  if (n?.type === 'expression_list') n = n.parent;
  if (!n || !/^(short_var_declaration|assignment_statement|var_spec)$/.test(n.type)) return undefined;
  const left = n.type === 'var_spec' ? n.childForFieldName('name') : n.childForFieldName('left');
  const first = left?.text.split(',')[0].trim();
  return first && /^[\w.]+$/.test(first) && first !== '_' ? first : undefined;
}

/**
 * Every call through `name` in `fnText` (`api.ListZones(ctx)`, `client.Issues.Create(ctx, …)`) is handed
 * `context.Background()`/`TODO()` or a local bound to one and never to a deadline, and there is at least one.
 */
function callsCarryEndlessContext(name: string, fnText: string): boolean {
  const calls = [...fnText.matchAll(new RegExp(`\\b${escapeRegExp(name)}(?:\\.\\w+)+\\s*\\(\\s*([^,()]*(?:\\(\\))?)`, 'g'))];
  if (!calls.length) return false;
  return calls.every((m) => {
    const arg = m[1].trim();
    if (/^context\.(Background|TODO)\(\)$/.test(arg)) return true;
    if (!/^\w+$/.test(arg)) return false;
    return new RegExp(`\\b${arg}\\s*:?=\\s*context\\.(Background|TODO)\\(\\)`).test(fnText) && !new RegExp(`\\b${arg}\\s*(?:,\\s*\\w+\\s*)?:?=\\s*context\\.With(Timeout|Deadline)`).test(fnText);
  });
}
