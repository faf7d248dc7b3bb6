import type { Node } from 'web-tree-sitter';
import { escapeRegExp } from './regexText';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import type { OffsetEdit } from './policyOptions';
import { policyDefaults } from './policyDefaults';
import { constantFunction, numberValue, readsRetryAfter } from './policyValues';
import { goBackoffSchedules } from './policyGoBackoff';

/**
 * Retry policies configured by builder chains and assigned fields, read as data:
 * - resilience4j `RetryConfig.custom()…build()` / `RetryConfig.ofDefaults()`: a fixed 500 ms unless an
 *   `intervalFunction`/`intervalBiFunction` is given (`waitDuration(d)` is a fixed d);
 * - Spring Retry `RetryTemplate.builder()…fixedBackoff(ms)` / `.noBackoff()`, and `.retryOn(HttpServerErrorException.class)`
 *   (a 503 retried on the template's own backoff, which never reads Retry-After);
 * - go-retryablehttp `client.Backoff = func(…) time.Duration { return 2 * time.Second }` (ignores the attempt);
 * - cenkalti/backoff `NewConstantBackOff(d)` / `ZeroBackOff` handed to its Retry (policyGoBackoff.ts).
 */
export function builderPolicyProblems(ctx: DiagContext): PolicyProblem[] {
  if (!ctx.doc.tree) return [];
  if (ctx.flow.grammarName === 'java') return [...resilience4j(ctx), ...retryTemplate(ctx)];
  if (ctx.flow.grammarName === 'go') return [...retryablehttpBackoff(ctx), ...goBackoffSchedules(ctx)];
  return [];
}

const invocations = (ctx: DiagContext): Node[] => ctx.doc.tree!.rootNode.descendantsOfType('method_invocation').filter((n): n is Node => !!n);
const nameOf = (call: Node) => call.childForFieldName('name')?.text ?? '';
const argsOf = (call: Node) => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');

/** `name(args)` of a chained call, without the receiver chain before it (which may start lines earlier). */
const memberCallRange = (call: Node) => ({ start: (call.childForFieldName('name') ?? call).startIndex, end: call.endIndex });

/** The whole chain a call belongs to, outermost call first, then the calls inward. */
function chainOf(call: Node): Node[] {
  let top = call;
  while (top.parent?.type === 'method_invocation' && top.parent.childForFieldName('object')?.id === top.id) top = top.parent;
  const calls: Node[] = [];
  for (let n: Node | null = top; n?.type === 'method_invocation'; n = n.childForFieldName('object')) calls.push(n);
  return calls;
}

function importEdit(ctx: DiagContext, fqcn: string): OffsetEdit | undefined {
  const simple = fqcn.split('.').pop()!;
  if (new RegExp(`import\\s+${fqcn.replace(/\./g, '\\.')}\\s*;|import\\s+${fqcn.replace(/\.\w+$/, '').replace(/\./g, '\\.')}\\.\\*\\s*;`).test(ctx.flow.text) || new RegExp(`\\bclass\\s+${simple}\\b`).test(ctx.flow.text)) return undefined;
  const last = [...ctx.flow.text.matchAll(/^import\s+[\w.*]+\s*;/gm)].pop();
  if (!last) return undefined;
  const at = last.index! + last[0].length;
  return { start: at, end: at, newText: `\nimport ${fqcn};` };
}

function resilience4j(ctx: DiagContext): PolicyProblem[] {
  if (!ctx.flow.imports.some((m) => m.startsWith('io.github.resilience4j'))) return [];
  const defaults = policyDefaults('resilience4j-retry');
  const out: PolicyProblem[] = [];
  for (const call of invocations(ctx)) {
    if (!/^RetryConfig(\.<.*>)?$/s.test(call.childForFieldName('object')?.text ?? '')) continue;
    const name = nameOf(call);
    if (name !== 'custom' && name !== 'ofDefaults') continue;
    const chain = chainOf(call);
    const names = chain.map(nameOf);
    if (names.some((n) => n === 'intervalFunction' || n === 'intervalBiFunction')) continue;
    if (name === 'custom' && !names.includes('build')) continue;
    const max = chain.find((c) => nameOf(c) === 'maxAttempts');
    if (max && numberValue(ctx.flow.text, argsOf(max)[0]?.text ?? '') === 1) continue;
    const wait = chain.find((c) => nameOf(c) === 'waitDuration');
    const waitArg = wait ? argsOf(wait)[0] : undefined;
    const edits: OffsetEdit[] = [];
    if (wait && waitArg) {
      const nameNode = wait.childForFieldName('name')!;
      edits.push({ start: nameNode.startIndex, end: wait.endIndex, newText: `intervalFunction(IntervalFunction.ofExponentialRandomBackoff(${waitArg.text}, 2.0))` });
    } else if (name === 'ofDefaults') {
      edits.push({ start: call.startIndex, end: call.endIndex, newText: `RetryConfig.custom().intervalFunction(IntervalFunction.ofExponentialRandomBackoff(java.time.Duration.ofMillis(${defaults.delayMs ?? 500}), 2.0)).build()` });
    } else if (name === 'custom') {
      edits.push({ start: call.endIndex, end: call.endIndex, newText: `\n        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(java.time.Duration.ofMillis(${defaults.delayMs ?? 500}), 2.0))` });
    }
    const imp = importEdit(ctx, 'io.github.resilience4j.core.IntervalFunction');
    out.push({
      rule: 'retry-without-backoff', library: 'resilience4j', anchor: wait ?? call, problem: 'fixed-delay', at: memberCallRange(wait ?? call),
      detail: wait ? '(resilience4j RetryConfig) waitDuration is a fixed wait between attempts' : `(resilience4j RetryConfig) waits a fixed ${defaults.delayMs ?? 500} ms between attempts (the default interval)`,
      fix: edits.length ? { title: 'Use exponential backoff with jitter (intervalFunction(IntervalFunction.ofExponentialRandomBackoff(…, 2.0)))', edits: imp ? [...edits, imp] : edits } : undefined,
    });
  }
  return out;
}

/** Exception types a 503 (and a 429, for the ones that hold client errors too) is thrown as by Spring's HTTP clients. */
const SERVER_ERROR_TYPES = /^(HttpServerErrorException|HttpStatusCodeException|RestClientResponseException|RestClientException|WebClientResponseException|Exception|RuntimeException)$/;
const CLIENT_ERROR_TYPES = /^(HttpClientErrorException|HttpStatusCodeException|RestClientResponseException|RestClientException|WebClientResponseException|Exception|RuntimeException)$/;

function retryTemplate(ctx: DiagContext): PolicyProblem[] {
  if (!ctx.flow.imports.some((m) => m.startsWith('org.springframework.retry'))) return [];
  const out: PolicyProblem[] = [];
  const calls = invocations(ctx);
  // `RetryTemplate.builder()…retryOn(HttpServerErrorException.class)…build()`: Spring Retry's backoff policies wait
  // their own schedule, never the response's Retry-After (a custom policy of the project's own is trusted).
  for (const call of calls) {
    if (nameOf(call) !== 'builder' || !/RetryTemplate$/.test(call.childForFieldName('object')?.text ?? '')) continue;
    const chain = chainOf(call);
    if (chain.some((c) => /^(customBackoff|customPolicy)$/.test(nameOf(c)))) continue;
    const retried = chain.filter((c) => nameOf(c) === 'retryOn').map((c) => ({ c, type: (argsOf(c)[0]?.text ?? '').replace(/\.class$/, '').split('.').pop() ?? '' }));
    const server = retried.find((r) => SERVER_ERROR_TYPES.test(r.type));
    if (!server) continue;
    const codes = retried.some((r) => CLIENT_ERROR_TYPES.test(r.type)) ? ['429', '503'] : ['503'];
    out.push({ rule: 'retry-ignores-retry-after', library: 'spring-retry', anchor: server.c, at: memberCallRange(server.c), codes, detail: `(RetryTemplate) retries ${server.type} on its own backoff, never the response's Retry-After` });
  }
  for (const call of calls) {
    const name = nameOf(call);
    if (name !== 'fixedBackoff' && name !== 'noBackoff') continue;
    if (!chainOf(call).some((c) => nameOf(c) === 'builder' && /RetryTemplate$/.test(c.childForFieldName('object')?.text ?? ''))) continue;
    const arg = argsOf(call)[0];
    const ms = arg ? numberValue(ctx.flow.text, arg.text) : 0;
    const nameNode = call.childForFieldName('name')!;
    const initial = name === 'noBackoff' || ms === 0 ? '500' : arg && ms !== undefined ? arg.text : undefined;
    out.push({
      rule: 'retry-without-backoff', library: 'spring-retry', anchor: call, at: memberCallRange(call), problem: name === 'noBackoff' || ms === 0 ? 'no-delay' : 'fixed-delay',
      detail: name === 'noBackoff' ? '(RetryTemplate) noBackoff retries immediately' : '(RetryTemplate) fixedBackoff waits a fixed time between attempts',
      fix: initial ? { title: 'Use exponential backoff with jitter (exponentialBackoff(…, 2, …, true))', edits: [{ start: nameNode.startIndex, end: call.endIndex, newText: `exponentialBackoff(${initial}, 2, ${Number.isFinite(Number(initial)) ? String(Number(initial) * 20) : `${initial} * 20`}, true)` }] } : undefined,
    });
  }
  return out;
}

function retryablehttpBackoff(ctx: DiagContext): PolicyProblem[] {
  const alias = /"github\.com\/hashicorp\/go-retryablehttp"/.test(ctx.flow.text) ? (/(\w+)\s+"github\.com\/hashicorp\/go-retryablehttp"/.exec(ctx.flow.text)?.[1] ?? 'retryablehttp') : undefined;
  if (!alias) return [];
  const out: PolicyProblem[] = [];
  const check = (field: Node | null, value: Node | null) => {
    if (!field || !value || !/(^|\.)Backoff$/.test(field.text) || value.type !== 'func_literal' || !constantFunction(value)) return;
    const fix = { title: `Use the library's exponential backoff, which also reads Retry-After (${alias}.DefaultBackoff)`, edits: [{ start: value.startIndex, end: value.endIndex, newText: `${alias}.DefaultBackoff` }, ...goImportsOnlyUsedIn(ctx, value)] };
    out.push({ rule: 'retry-without-backoff', library: 'go-retryablehttp', anchor: value, problem: 'fixed-delay', detail: '(go-retryablehttp) the Backoff function ignores the attempt: a fixed wait', fix });
    const codes = (policyDefaults('go-retryablehttp').retryAfterStatuses ?? []).map(String);
    if (codes.length && !readsRetryAfter(value)) {
      out.push({ rule: 'retry-ignores-retry-after', library: 'go-retryablehttp', anchor: value, codes, detail: '(go-retryablehttp) a custom Backoff replaces DefaultBackoff, which waits for Retry-After', fix });
    }
  };
  for (const a of ctx.doc.tree!.rootNode.descendantsOfType('assignment_statement')) {
    if (a) check(a.childForFieldName('left'), a.childForFieldName('right')?.namedChildren[0] ?? null);
  }
  for (const kv of ctx.doc.tree!.rootNode.descendantsOfType('keyed_element')) {
    if (kv) check(kv.namedChildren[0] ?? null, kv.namedChildren[1]?.namedChildren[0] ?? kv.namedChildren[1] ?? null);
  }
  return out;
}

/** Deletions of the Go imports used only inside `removed` (Go refuses to build with an unused import). */
function goImportsOnlyUsedIn(ctx: DiagContext, removed: Node): OffsetEdit[] {
  const text = ctx.flow.text;
  const out: OffsetEdit[] = [];
  for (const spec of ctx.doc.tree!.rootNode.descendantsOfType('import_spec')) {
    if (!spec) continue;
    const path = spec.childForFieldName('path')?.text.replace(/"/g, '') ?? '';
    const name = spec.childForFieldName('name')?.text ?? path.split('/').pop()!.replace(/^go-/, '');
    if (!name || name === '_' || name === '.') continue;
    const uses = [...text.matchAll(new RegExp(`\\b${escapeRegExp(name)}\\.`, 'g'))].map((m) => m.index!);
    if (!uses.length || uses.some((i) => i < removed.startIndex || i >= removed.endIndex)) continue;
    const decl = spec.parent?.type === 'import_spec_list' ? spec : spec.parent ?? spec;
    const lineStart = text.lastIndexOf('\n', decl.startIndex - 1) + 1;
    const lineEnd = text.indexOf('\n', decl.endIndex);
    out.push({ start: lineStart, end: lineEnd < 0 ? decl.endIndex : lineEnd + 1, newText: '' });
  }
  return out;
}
