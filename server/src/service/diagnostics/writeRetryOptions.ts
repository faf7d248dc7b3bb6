import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { type CallInfo, enclosingLoops } from './flow/flowModel';
import { retriedByCallers } from './callerRetries';
import { enclosingValue, optionEntries } from './jsOptionObjects';
import { policyDefaults } from './policyDefaults';
import { fillMessage, ruleInfo } from './rules';
import { TRANSIENT_STATUSES } from './statusSets';

const RULE = 'retryable-treated-as-final';
/** got's `retry.statusCodes` by default (got 14 `source/core/options.ts`); ky's is the same but for 521–524. */
const DEFAULT_STATUSES = ['408', '413', '429', '500', '502', '503', '504'];

/**
 * got and ky retry a request only when its method is in `retry.methods` (GET, PUT, HEAD, DELETE, OPTIONS and TRACE
 * by default: server/data/retry-policies.json, `got-ky-retry`). A POST or PATCH handed a retry option that asks for
 * retries — `retry: { limit: 3, statusCodes: [429, 503] }`, `retry: 2`, also through a spread of shared options
 * (`{ ...apiOptions, json }`) — without listing its method is sent once: the 429s and 503s the option names fail it on
 * the first attempt, though the code reads as if they were retried. Reported on the request. Options the file does not
 * show, a `methods` list that is not a literal, `retry: 0` / `limit: 0`, and requests something else retries (a loop,
 * a wrapper, the callers) are left alone.
 */
export function unretriedWriteOptions(ctx: DiagContext): Finding[] {
  if (!/\bretry\s*:/.test(ctx.flow.text)) return [];
  const findings: Finding[] = [];
  for (const request of ctx.requests) {
    const { call } = request;
    if ((request.library !== 'got' && request.library !== 'ky') || (request.method !== 'POST' && request.method !== 'PATCH') || !call.fn) continue;
    const retry = retryOption(call);
    if (!retry) continue;
    const codes = askedStatuses(retry);
    if (codes.length === 0 || !asksForRetries(retry, request.method)) continue;
    if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection')) continue;
    if (ctx.mechanisms.covering(call.node, call.receiver, request.library, true) || retriedByCallers(ctx, call.fn)) continue;
    const detail = `(${request.library}) the retry option leaves the ${request.method} out: ${request.library} retries only ${(policyDefaults('got-ky-retry').retryMethods ?? []).join(', ')} unless retry.methods lists it, so this request is sent once`;
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail }),
      range: ctx.headRange(call.node),
      data: { ...ctx.base(call.node), codes, declarative: request.library } as Finding['data'],
    });
  }
  return findings;
}

/** The `retry` entry of the request's options (the last object argument, or a local bound to one), unless the options hide anything. */
function retryOption(call: CallInfo): Node | undefined {
  const args = (call.node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
  const last = args[args.length - 1];
  const options = last?.type === 'identifier' ? enclosingValue(call, last.text) : last;
  if (options?.type !== 'object') return undefined;
  const { entries, opaque } = optionEntries(options, call);
  if (opaque) return undefined;
  return entries.filter((e) => e.key === 'retry').pop()?.value;
}

/** The transient statuses the retry option asks for: its `statusCodes` literal, or the library's default list. */
function askedStatuses(retry: Node): string[] {
  const listed = retry.type === 'object' ? entryValue(retry, 'statusCodes') : undefined;
  const statuses = listed ? (listed.type === 'array' ? listed.namedChildren.map((c) => c?.text ?? '') : DEFAULT_STATUSES) : DEFAULT_STATUSES;
  return TRANSIENT_STATUSES.filter((c) => statuses.includes(c));
}

/** The option asks for at least one retry and its `methods` (if any) is a literal list without the method. */
function asksForRetries(retry: Node, method: string): boolean {
  if (retry.type === 'number') return Number(retry.text) > 0;
  if (retry.type !== 'object') return false;
  const limit = entryValue(retry, 'limit');
  if (limit?.type === 'number' && Number(limit.text) <= 0) return false;
  const methods = entryValue(retry, 'methods');
  if (!methods) return true;
  return methods.type === 'array' && !methods.namedChildren.some((m) => !!m && m.text.replace(/^['"`]|['"`]$/g, '').toUpperCase() === method);
}

function entryValue(object: Node, key: string): Node | undefined {
  const pair = object.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') === key);
  return pair?.childForFieldName('value') ?? undefined;
}
