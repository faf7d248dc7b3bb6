import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { imports, initializerOptions, lastName, nodes, setOptions, type OffsetEdit } from './policyOptions';
import { durationMs, numberValue } from './policyValues';

/**
 * gRPC retry policies (gRFC A6) read as data, wherever they are written: service-config JSON in a string
 * (any language), a C# `new RetryPolicy { InitialBackoff = …, MaxBackoff = …, BackoffMultiplier = … }`
 * (Grpc.Net.Client.Configuration), and a Java service-config map (`retryPolicy.put("backoffMultiplier", 1.0)`,
 * `Map.of("initialBackoff", "1s", …)`). The delay before retry n is random(0, min(initialBackoff *
 * backoffMultiplier^(n-1), maxBackoff)): a multiplier of 1, or initialBackoff equal to maxBackoff, never grows.
 */
export function grpcPolicyProblems(ctx: DiagContext): PolicyProblem[] {
  const out = grpcJson(ctx);
  if (ctx.flow.grammarName === 'c-sharp') out.push(...grpcCsharp(ctx));
  if (ctx.flow.grammarName === 'java') out.push(...grpcJavaMaps(ctx));
  return out;
}

const TITLE = 'Let the gRPC retry delay grow (backoffMultiplier 2, maxBackoff above initialBackoff)';
const detailOf = (multiplier: number | undefined) => '(gRPC retryPolicy) waits a constant time: ' + (multiplier !== undefined && multiplier <= 1 ? `backoffMultiplier ${multiplier}` : 'initialBackoff equals maxBackoff');

/** gRPC service-config JSON written in a string: `backoffMultiplier` 1 or `initialBackoff` == `maxBackoff` is a constant delay. */
function grpcJson(ctx: DiagContext): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  // Visiting every string node crosses into wasm for each: only files that name a retryPolicy pay for it.
  if (!ctx.doc.text.includes('retryPolicy')) return out;
  const types = ['string_literal', 'raw_string_literal', 'interpreted_string_literal', 'verbatim_string_literal', 'raw_string_literal_content', 'text_block', 'string'];
  const seen = new Set<number>();
  for (const type of types) {
    for (const s of nodes(ctx, type)) {
      const key = /retryPolicy/.exec(s.text);
      if (!key || seen.has(s.startIndex + key.index)) continue;
      seen.add(s.startIndex + key.index);
      const field = (name: string) => {
        const m = new RegExp(`\\\\?"${name}\\\\?"\\s*:\\s*(\\\\?"[^"\\\\]*\\\\?"|[\\d.]+)`).exec(s.text);
        return m ? { text: m[1].replace(/\\?"/g, ''), start: s.startIndex + m.index + m[0].length - m[1].length, end: s.startIndex + m.index + m[0].length } : undefined;
      };
      const multiplier = field('backoffMultiplier');
      const initial = field('initialBackoff');
      const max = field('maxBackoff');
      const constant = (multiplier && Number(multiplier.text) <= 1) || (initial && max && durationMs('', initial.text, 1000) === durationMs('', max.text, 1000));
      if (!constant) continue;
      const initialMs = initial ? durationMs('', initial.text, 1000) ?? 1000 : 1000;
      const quote = s.text.includes('\\"') ? '\\"' : '"';
      const fixes: OffsetEdit[] = [];
      if (multiplier && Number(multiplier.text) <= 1) fixes.push({ start: multiplier.start, end: multiplier.end, newText: '2' });
      if (max && initial && durationMs('', max.text, 1000)! <= initialMs) fixes.push({ start: max.start, end: max.end, newText: `${quote}${Math.max(initialMs * 10, 1000) / 1000}s${quote}` });
      out.push({
        rule: 'retry-without-backoff', library: 'gRPC service config', anchor: s, problem: 'fixed-delay',
        at: multiplier && Number(multiplier.text) <= 1 ? multiplier : max,
        detail: '(gRPC retryPolicy) waits a constant time: ' + (multiplier && Number(multiplier.text) <= 1 ? `backoffMultiplier ${multiplier.text}` : 'initialBackoff equals maxBackoff'),
        fix: { title: 'Let the gRPC retry delay grow (backoffMultiplier 2, maxBackoff above initialBackoff)', edits: fixes },
      });
    }
  }
  return out;
}

/** C# `new RetryPolicy { … }` from Grpc.Net.Client.Configuration. */
function grpcCsharp(ctx: DiagContext): PolicyProblem[] {
  if (!imports(ctx, /^Grpc\.Net\.Client/)) return [];
  const out: PolicyProblem[] = [];
  for (const creation of nodes(ctx, 'object_creation_expression')) {
    if (lastName(creation.childForFieldName('type')?.text ?? '') !== 'RetryPolicy') continue;
    const o = initializerOptions(creation);
    const multiplierNode = o.values.get('BackoffMultiplier');
    const initialNode = o.values.get('InitialBackoff');
    const maxNode = o.values.get('MaxBackoff');
    const multiplier = multiplierNode ? numberValue(ctx.flow.text, multiplierNode.text) : undefined;
    const initial = initialNode ? durationMs(ctx.flow.text, initialNode.text, 1) : undefined;
    const max = maxNode ? durationMs(ctx.flow.text, maxNode.text, 1) : undefined;
    const flatMultiplier = multiplier !== undefined && multiplier <= 1;
    const flatBounds = initial !== undefined && max !== undefined && max <= initial;
    if (!flatMultiplier && !flatBounds) continue;
    const pairs: [string, string][] = [];
    if (flatMultiplier) pairs.push(['BackoffMultiplier', '2']);
    if (flatBounds || (initial !== undefined && max !== undefined && max <= initial)) pairs.push(['MaxBackoff', `TimeSpan.FromMilliseconds(${Math.max((initial ?? 100) * 10, 1000)})`]);
    out.push({
      rule: 'retry-without-backoff', library: 'gRPC RetryPolicy', anchor: (flatMultiplier ? multiplierNode : maxNode) ?? creation, problem: 'fixed-delay',
      detail: detailOf(flatMultiplier ? multiplier : undefined), fix: { title: TITLE, edits: setOptions(o, pairs) },
    });
  }
  return out;
}

/** Java service-config maps: `m.put("backoffMultiplier", 1.0)` on one map, or `Map.of("initialBackoff", "1s", …)`. */
function grpcJavaMaps(ctx: DiagContext): PolicyProblem[] {
  if (!/"backoffMultiplier"|"maxBackoff"/.test(ctx.flow.text)) return [];
  const out: PolicyProblem[] = [];
  const groups = new Map<string, Map<string, Node>>();
  for (const call of nodes(ctx, 'method_invocation')) {
    const name = call.childForFieldName('name')?.text;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    if (name === 'put' && args.length === 2 && /^"(initialBackoff|maxBackoff|backoffMultiplier)"$/.test(args[0].text)) {
      const scope = enclosingBody(call);
      const key = `${scope?.startIndex ?? 0}:${call.childForFieldName('object')?.text ?? ''}`;
      const group = groups.get(key) ?? new Map<string, Node>();
      group.set(args[0].text.slice(1, -1), args[1]);
      groups.set(key, group);
    } else if (name === 'of' && /^(Map|ImmutableMap)$/.test(call.childForFieldName('object')?.text ?? '')) {
      const group = new Map<string, Node>();
      for (let i = 0; i + 1 < args.length; i += 2) if (/^"(initialBackoff|maxBackoff|backoffMultiplier)"$/.test(args[i].text)) group.set(args[i].text.slice(1, -1), args[i + 1]);
      if (group.size) groups.set(`of:${call.startIndex}`, group);
    }
  }
  for (const group of groups.values()) {
    const m = group.get('backoffMultiplier');
    const multiplier = m ? numberValue(ctx.flow.text, m.text) : undefined;
    const initialNode = group.get('initialBackoff');
    const maxNode = group.get('maxBackoff');
    const initial = initialNode ? durationMs(ctx.flow.text, initialNode.text, 1000) : undefined;
    const max = maxNode ? durationMs(ctx.flow.text, maxNode.text, 1000) : undefined;
    const flatMultiplier = multiplier !== undefined && multiplier <= 1;
    const flatBounds = initial !== undefined && max !== undefined && max <= initial;
    if (!flatMultiplier && !flatBounds) continue;
    const edits: OffsetEdit[] = [];
    if (flatMultiplier && m) edits.push({ start: m.startIndex, end: m.endIndex, newText: /[dD]$/.test(m.text) ? '2D' : '2.0' });
    if (flatBounds && maxNode && maxNode.type === 'string_literal') edits.push({ start: maxNode.startIndex, end: maxNode.endIndex, newText: `"${Math.max((initial ?? 100) * 10, 1000) / 1000}s"` });
    out.push({
      rule: 'retry-without-backoff', library: 'gRPC service config', anchor: (flatMultiplier ? m : maxNode)!, problem: 'fixed-delay',
      detail: detailOf(flatMultiplier ? multiplier : undefined), fix: edits.length ? { title: TITLE, edits } : undefined,
    });
  }
  return out;
}

function enclosingBody(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'method_declaration' || n.type === 'constructor_declaration' || n.type === 'class_body') return n;
  return undefined;
}
