import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { UnsafeRetryData } from '../findingData';
import { ofetchRetries } from '../policyOfetch';
import { escapeRegExp } from '../regexText';
import { asksOnly } from '../repeatableWrites';

/** Methods a retry may send again as they are. */
const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/;
const METHOD_OPTION = /^(allowed_methods|method_whitelist|methods|retryMethods|retry_methods)$/;

/** A retry configuration that lets a POST or PATCH be sent again: where it says so, and the finding's data. */
export interface WriteRetryConfig {
  range: Finding['range'];
  method: string;
  data: UnsafeRetryData;
}

/** Retry configurations that allow POST/PATCH: `Retry(allowed_methods=[..., "POST"])`, `retry: {methods: ['POST']}`. */
export function writeRetryConfigs(ctx: DiagContext): WriteRetryConfig[] {
  const configs: WriteRetryConfig[] = [];
  const { adapter } = ctx.flow;
  // ofetch retries a POST only when told to: `$fetch(url, { method: 'POST', retry: 3 })`.
  for (const r of ofetchRetries(ctx)) {
    if (r.method !== 'POST' && r.method !== 'PATCH') continue;
    const option = r.retry.parent ?? r.retry;
    const data: UnsafeRetryData = {
      ...ctx.base(option), loopRange: ctx.range(r.call), loopHeaderRange: ctx.headRange(r.call),
      method: r.method, via: 'config', configRange: ctx.range(option),
    };
    configs.push({ range: ctx.range(option), method: r.method, data });
  }
  for (const call of ctx.flow.calls) {
    if (!/retr/i.test(call.name) && !/retr/i.test(ctx.flow.text.slice(call.start, Math.min(call.end, call.start + 200)))) continue;
    let readThrough: boolean | undefined;
    for (const option of optionPairs(ctx, call.node)) {
      const name = adapter.pairName(option);
      const value = adapter.pairValue(option);
      if (!name || !METHOD_OPTION.test(name) || !value) continue;
      // (Ruby writes the methods as symbols: Faraday's `methods: %i[get post]`, `[:get, :post]`.)
      const symbol = /%[iI][[(][^\])]*\b(post|patch)\b|:(post|patch)\b/i.exec(value.text);
      const method = /['"](POST|PATCH)['"]/i.exec(value.text)?.[1].toUpperCase() ?? (symbol ? (symbol[1] ?? symbol[2]).toUpperCase() : undefined) ?? (/^(False|None)$/.test(value.text) ? 'POST' : undefined);
      if (!method) continue;
      // A retry configured to allow POST on a client the file only reads through (`Retry(allowed_methods=[…, "POST"])`
      // mounted on `self.session`, whose every request here is a GET): no write goes through it.
      if ((readThrough ??= onlyReadThrough(ctx, call.node))) continue;
      const data: UnsafeRetryData = {
        ...ctx.base(option), loopRange: ctx.range(call.node), loopHeaderRange: ctx.headRange(call.node),
        method: method as UnsafeRetryData['method'], via: 'config', configRange: ctx.range(option),
      };
      configs.push({ range: ctx.range(option), method, data });
    }
  }
  return configs;
}

/**
 * The client a retry configuration belongs to — the name it is assigned to (`retries = Retry(…)`, `WIDE =
 * Faraday.new(…) do … end`), or the session it is mounted on (`self.session.mount("https://",
 * HTTPAdapter(max_retries=retries))`) — is sent requests in this file, every one of them idempotent.
 */
function onlyReadThrough(ctx: DiagContext, config: Node): boolean {
  let name: string | undefined;
  for (let n: Node | null = config; n && !name; n = n.parent) {
    if (ctx.flow.adapter.assignments.has(n.type)) name = ctx.flow.adapter.assignTarget(n)?.text;
    if (ctx.flow.grammar.functions.has(n.type)) break;
  }
  if (!name) return false;
  const mounted = new RegExp(`([\\w$.]+)\\.mount\\([^)]*max_retries\\s*=\\s*${escapeRegExp(name)}\\b`).exec(ctx.flow.text)?.[1];
  const client = (mounted ?? name).replace(/^(self|this)\./, '');
  const through = ctx.requests.filter((r) => !r.inferred && (r.call.receiver ?? '').replace(/^(self|this)\./, '') === client);
  // (A POST there that only asks — a search, a function named for reading — writes nothing either.)
  return through.length > 0 && through.every((r) => IDEMPOTENT.test(r.method) || asksOnly(r));
}

/** Keyword arguments / object properties of a call's arguments, one level of object nesting deep. */
function optionPairs(ctx: DiagContext, call: Node): Node[] {
  const { adapter } = ctx.flow;
  const pairs: Node[] = [];
  const visit = (n: Node, depth: number): void => {
    if (adapter.pairs.has(n.type)) pairs.push(n);
    if (depth < 4) for (const c of n.namedChildren) if (c && !adapter.calls.has(c.type)) visit(c, depth + 1);
  };
  for (const arg of adapter.callArguments(call)) visit(arg, 0);
  return pairs;
}

export function headersOf(ctx: DiagContext, call: Node): Node | undefined {
  return optionPairs(ctx, call).find((p) => /^headers$/i.test(ctx.flow.adapter.pairName(p) ?? ''));
}
