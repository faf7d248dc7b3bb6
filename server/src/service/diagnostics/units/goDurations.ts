import type { Node } from 'web-tree-sitter';
import type { CallInfo, FileFlow } from '../flow/flowModel';
import { type DelayUnit, scopeOf, unitOf } from './delayUnits';

/** A Go wait given a number where it takes a Duration: the number is read as nanoseconds. */
export interface GoNanoseconds {
  call: CallInfo;
  arg: Node;
  /** The unit the number was meant in, when the code says (`time.Duration(retryAfterSeconds)`). */
  meant?: DelayUnit;
  /** The number inside `time.Duration(…)`, or the literal itself. */
  value: Node;
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
      out.push({ call, arg, value: arg });
      continue;
    }
    const conversion = /^time\.Duration\((.+)\)$/s.exec(arg.text);
    if (!conversion || arg.type !== 'call_expression') continue;
    const inner = arg.childForFieldName('arguments')?.namedChild(0);
    if (!inner) continue;
    const meant = unitOf(conversion[1], scopeOf(flow, call));
    if (meant) out.push({ call, arg, value: inner, meant });
  }
  return out;
}
