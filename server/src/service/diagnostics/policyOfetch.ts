import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { objectOptions, type PolicyOptions } from './policyOptions';
import { numberValue } from './policyValues';

/**
 * ofetch's retry, as Nuxt and Nitro code writes it: `$fetch(url, { retry: 3 })`, `ofetch(url, {…})`,
 * `useFetch(url, {…})`, `$fetch.create({…})`. What ofetch does with it is a library claim kept as data
 * (server/data/retry-policies.json, `ofetch-retry`): a POST is retried only when `retry` is written; 408, 409,
 * 425, 429, 500, 502, 503 and 504 are retried unless `retryStatusCodes` says otherwise; `retryDelay` waits the same
 * before every retry (0 ms unset) and Retry-After is not read.
 */
export interface OfetchRetry {
  /** The call the options are given to. */
  call: Node;
  options: PolicyOptions;
  /** The `retry` value node and its number of retries. */
  retry: Node;
  retries: number;
  /** The method written in the options, upper case (absent: GET, or whatever the caller's `$fetch.create` is used for). */
  method?: string;
  /** The statuses retried: the default list, or the numbers written in `retryStatusCodes`. */
  codes: string[];
}

const CALLEES = /^(\$fetch|ofetch|useFetch|useLazyFetch|\$fetch\.raw|ofetch\.raw|\$fetch\.create|ofetch\.create|\$Fetch)$/;
const DEFAULT_CODES = ['408', '409', '425', '429', '500', '502', '503', '504'];

/** The ofetch calls of a JS/TS file given a `retry` of one or more, once per analysis. */
export function ofetchRetries(ctx: DiagContext): OfetchRetry[] {
  let found = cache.get(ctx);
  if (found) return found;
  found = [];
  const text = ctx.flow.text;
  if (/\$fetch|\bofetch\b|\buse(Lazy)?Fetch\b/.test(text) && /\bretry\s*:/.test(text)) {
    for (const c of ctx.flow.calls) {
      const callee = c.node.childForFieldName('function')?.text ?? '';
      if (!CALLEES.test(callee)) continue;
      const args = (c.node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null);
      const object = args.find((a) => a.type === 'object');
      if (!object) continue;
      const options = objectOptions(object, c.node);
      const retry = options.values.get('retry');
      const retries = retry ? numberValue(text, retry.text) : undefined;
      if (!retry || retries === undefined || retries < 1) continue;
      const method = /^['"`](\w+)['"`]$/.exec(options.values.get('method')?.text ?? '')?.[1].toUpperCase();
      const listed = options.values.get('retryStatusCodes');
      const codes = listed ? [...listed.text.matchAll(/\b[1-5]\d\d\b/g)].map((m) => m[0]) : DEFAULT_CODES;
      found.push({ call: c.node, options, retry, retries, codes, ...(method ? { method } : {}) });
    }
  }
  cache.set(ctx, found);
  return found;
}

const cache = new WeakMap<DiagContext, OfetchRetry[]>();
