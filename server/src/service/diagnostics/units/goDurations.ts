import type { Node } from 'web-tree-sitter';
import type { CallInfo, FileFlow } from '../flow/flowModel';
import { type DelayUnit, scopeOf, unitOf } from './delayUnits';

/** A Go wait given a number where it takes a Duration: the number is read as nanoseconds. */
export interface GoNanoseconds {
  /** The wait or conversion it reaches (`time.Sleep`, `time.Duration`), or the function returning it. */
  sink: string;
  call?: CallInfo;
  arg: Node;
  /** The unit the number was meant in, when the code says (`time.Duration(retryAfterSeconds)`). */
  meant?: DelayUnit;
  /** The number inside `time.Duration(…)`, or the literal itself. */
  value: Node;
  /** For `time.Duration(n) * time.Millisecond`: the unit the code multiplied by, which is not the one meant. */
  written?: DelayUnit;
  /** A bare number returned from a function declared to return a time.Duration. */
  returned?: boolean;
}

const WAITS = /^(Sleep|After|NewTimer|AfterFunc|Tick|NewTicker)$/;

/**
 * `time.Sleep(5)` (5 ns) and `time.Sleep(time.Duration(seconds))` where the value is in seconds or milliseconds
 * and nothing multiplies it by `time.Second`/`time.Millisecond`.
 */
export function goNanoseconds(flow: FileFlow): GoNanoseconds[] {
  const out: GoNanoseconds[] = [];
  for (const call of flow.calls) {
    if (call.receiver !== 'time' || !WAITS.test(call.name)) continue;
    const arg = flow.adapter.callArguments(call.node)[0];
    if (!arg) continue;
    if (arg.type === 'int_literal' && !/^0+$/.test(arg.text)) {
      out.push({ sink: `time.${call.name}`, call, arg, value: arg });
      continue;
    }
    const conversion = /^time\.Duration\((.+)\)$/s.exec(arg.text);
    if (!conversion || arg.type !== 'call_expression') continue;
    const inner = arg.childForFieldName('arguments')?.namedChild(0);
    if (!inner) continue;
    const meant = unitOf(conversion[1], scopeOf(flow, call));
    if (meant) out.push({ sink: `time.${call.name}`, call, arg, value: inner, meant });
  }
  out.push(...mismatchedProducts(flow));
  out.push(...bareDurationReturns(flow));
  return out;
}

/**
 * A function declared to return a `time.Duration` (a retry policy's backoff, a wait computation) that returns a bare
 * number: `return 10` is ten nanoseconds, whatever the comment beside it says.
 */
function bareDurationReturns(flow: FileFlow): GoNanoseconds[] {
  const out: GoNanoseconds[] = [];
  for (const fn of flow.fns) {
    if (flow.scope && (fn.start < flow.scope.start || fn.end > flow.scope.end)) continue;
    const result = fn.node.childForFieldName('result');
    if (!result || !/^\(?\s*(?:\w+\s+)?time\.Duration\s*\)?$/.test(result.text)) continue;
    for (const ret of fn.node.descendantsOfType('return_statement')) {
      if (!ret || flow.fnByNode.get(enclosingFnNode(ret, fn.node)?.id ?? -1) !== fn) continue;
      const value = ret.namedChild(0)?.type === 'expression_list' ? ret.namedChild(0)!.namedChild(0) : ret.namedChild(0);
      if (value?.type !== 'int_literal' || /^0+$/.test(value.text)) continue;
      out.push({ sink: fn.name ? `${fn.name} (returns a time.Duration)` : 'a function returning a time.Duration', arg: value, value, returned: true });
    }
  }
  return out;
}

/** The innermost function node around `node` up to `outer` (a return inside a closure belongs to the closure). */
function enclosingFnNode(node: Node, outer: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (/^(function_declaration|method_declaration|func_literal)$/.test(n.type)) return n;
    if (n.id === outer.id) return outer;
  }
  return undefined;
}

/**
 * `time.Duration(n) * time.Millisecond` where `n` is in seconds (Retry-After), or `* time.Second` where it is in
 * milliseconds: a Duration built with the wrong unit, wherever it is waited on later.
 */
function mismatchedProducts(flow: FileFlow): GoNanoseconds[] {
  const out: GoNanoseconds[] = [];
  const re = /time\.Duration\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*\*\s*time\.(Second|Millisecond)\b/g;
  for (let m = re.exec(flow.text); m; m = re.exec(flow.text)) {
    if (flow.scope && (m.index < flow.scope.start || m.index > flow.scope.end)) continue;
    const call = flow.calls.find((c) => c.start === m!.index + 0 && c.receiver === 'time' && c.name === 'Duration') ?? flow.calls.find((c) => c.start === m!.index);
    if (!call) continue;
    const meant = unitOf(m[1], scopeOf(flow, call));
    const written: DelayUnit = m[2] === 'Second' ? 's' : 'ms';
    if (!meant || meant === written) continue;
    const product = call.node.parent;
    if (!product || product.type !== 'binary_expression') continue;
    const inner = call.node.childForFieldName('arguments')?.namedChild(0);
    if (inner) out.push({ sink: 'time.Duration', call, arg: product, value: inner, meant, written });
  }
  return out;
}
