import type { Node } from 'web-tree-sitter';
import type { CallInfo, FileFlow } from '../flow/flowModel';
import type { DelayUnit } from './delayUnits';

/** The units a wait counts in. */
export type SinkUnit = Exclude<DelayUnit, 'ks' | 'us'>;

/** A call that waits, the argument that says how long, and the unit it counts in. */
export interface DelaySink {
  call: CallInfo;
  arg: Node;
  unit: SinkUnit;
  /** How the code names the wait (`time.sleep`, `setTimeout`, `Thread.sleep`). */
  name: string;
}

const PY_SLEEP_RECEIVERS = /^(time|asyncio|trio|gevent|anyio)$/;

/** The waits of a file whose argument has a fixed unit, including the file's own helpers that pass a parameter on to one. */
export function delaySinks(flow: FileFlow): DelaySink[] {
  const sinks: DelaySink[] = [];
  const helpers = new Map<string, { index: number; unit: SinkUnit; name: string }>();
  for (const call of flow.calls) {
    const found = builtinSink(flow, call);
    if (!found) continue;
    sinks.push(found);
    // `function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }`, `def sleep_ms(ms): time.sleep(ms / 1000)`:
    // calls of the helper wait in the unit its parameter is in.
    const arg = found.arg.text.trim().replace(/^(?:1000|1e3)\s*\*\s*([A-Za-z_$][\w$]*)$/, '$1 * 1000');
    const passed = /^([A-Za-z_$][\w$]*)(?:\s*([*/])\s*(?:1000|1e3|1000\.0))?$/.exec(arg);
    if (!passed) continue;
    const paramUnit: SinkUnit | undefined = !passed[2] ? found.unit : passed[2] === '/' && found.unit === 's' ? 'ms' : passed[2] === '*' && found.unit === 'ms' ? 's' : undefined;
    for (let fn = call.fn; fn && paramUnit; fn = fn.parent) {
      const index = parameterNames(fn.node).indexOf(passed[1]);
      if (index < 0) continue;
      const name = fn.name ?? heldIn(flow, fn.start);
      if (name) helpers.set(name, { index, unit: paramUnit, name: found.name });
      break;
    }
  }
  if (!helpers.size) return sinks;
  for (const call of flow.calls) {
    const helper = !call.receiver || /^(this|self)$/.test(call.receiver) ? helpers.get(call.name) : undefined;
    if (!helper || call.fn?.name === call.name) continue;
    const arg = flow.adapter.callArguments(call.node)[helper.index];
    if (arg) sinks.push({ call, arg: unwrap(arg), unit: helper.unit, name: `${call.name} (${helper.name})` });
  }
  return sinks;
}

function parameterNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  return params.namedChildren.map((p) => (p?.childForFieldName('name') ?? p?.childForFieldName('pattern') ?? p)?.text.replace(/[:=].*$/s, '').trim() ?? '');
}

/** The variable a function literal is assigned to (`const sleep = (ms) => …`). */
function heldIn(flow: FileFlow, start: number): string | undefined {
  return /([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>\[\], ]+)?\s*=\s*(?:async\s*)?$/.exec(flow.text.slice(Math.max(0, start - 120), start))?.[1];
}

/** Names a wait can have; anything else is passed over before its arguments are read. */
const SINK_NAMES = /^(sleep|setTimeout|ofSeconds|ofMillis|ofMilliseconds|schedule|delay|Delay|Sleep|FromSeconds|FromMilliseconds|from_secs|from_millis|from_secs_f64)$/;

/** A `java.util.Timer` (`timer.schedule(task, delay)`, `Timer().schedule(…)`, `new Timer().schedule(…)`). */
const TIMER_RECEIVER = /(?:^|\.)\w*[tT]imer$|^(?:new\s+)?Timer\(\s*\)$/;
/** A Kotlin Duration built from a number (`retryAfter.seconds`, `n.toDuration(DurationUnit.SECONDS)`): it carries its unit. */
const KOTLIN_DURATION = /\.(?:seconds|milliseconds|minutes|hours|inWholeMilliseconds)$|\.toDuration\(|\bDuration\.|\.(?:toKotlinDuration|toJavaDuration)\(\)$/;

function builtinSink(flow: FileFlow, call: CallInfo): DelaySink | undefined {
  if (!SINK_NAMES.test(call.name)) return undefined;
  const args = flow.adapter.callArguments(call.node).map(unwrap);
  const receiver = call.receiver ?? '';
  const name = call.name;
  const sink = (arg: Node | undefined, unit: SinkUnit, label: string): DelaySink | undefined => (arg ? { call, arg, unit, name: label } : undefined);
  switch (flow.grammarName) {
    case 'python':
      if (name === 'sleep' && (PY_SLEEP_RECEIVERS.test(receiver) || (!receiver && /^\s*from\s+(time|asyncio)\s+import\s+[^\n]*\bsleep\b/m.test(flow.text)))) return sink(args[0], 's', `${receiver || 'time'}.sleep`);
      return undefined;
    case 'javascript': case 'typescript': case 'tsx':
      if (name !== 'setTimeout' || (receiver && !/^(window|global|globalThis|self)$/.test(receiver))) return undefined;
      // `import { setTimeout } from 'timers/promises'`: `await setTimeout(ms)`.
      if (args.length === 1 && /timers\/promises/.test(flow.text)) return sink(args[0], 'ms', 'setTimeout');
      return sink(args[1], 'ms', 'setTimeout');
    case 'java': case 'kotlin':
      return jvmSink(flow, call, args, sink);
    case 'c-sharp':
      if ((name === 'Delay' && receiver === 'Task') || (name === 'Sleep' && receiver === 'Thread')) return sink(args[0], 'ms', `${receiver}.${name}`);
      if (receiver === 'TimeSpan' && (name === 'FromSeconds' || name === 'FromMilliseconds')) return sink(args[0], name === 'FromSeconds' ? 's' : 'ms', `TimeSpan.${name}`);
      return undefined;
    case 'ruby': case 'php':
      if (name === 'sleep' && !receiver) return sink(args[0], 's', 'sleep');
      return undefined;
    case 'rust':
      if (/Duration$/.test(receiver) && (name === 'from_secs' || name === 'from_millis' || name === 'from_secs_f64')) return sink(args[0], name === 'from_millis' ? 'ms' : 's', `Duration::${name}`);
      return undefined;
  }
  return undefined;
}

/**
 * Java and Kotlin: `Thread.sleep(ms)`, `TimeUnit.SECONDS.sleep(s)`, `Duration.ofSeconds/ofMillis`, Apache HttpCore's
 * `TimeValue.ofSeconds/ofMilliseconds`, a `java.util.Timer`'s `schedule(task, delayMs)` (Kotlin's
 * `timer.schedule(delayMs) { … }` too), an executor's `schedule(task, delay, TimeUnit.SECONDS)` in the unit it is
 * given, and kotlinx.coroutines' `delay(ms)` when handed a number rather than a Duration.
 */
function jvmSink(flow: FileFlow, call: CallInfo, args: Node[], sink: (arg: Node | undefined, unit: SinkUnit, label: string) => DelaySink | undefined): DelaySink | undefined {
  const receiver = call.receiver ?? '';
  const name = call.name;
  if (name === 'sleep' && receiver === 'Thread') return sink(args[0], 'ms', 'Thread.sleep');
  const unit = /TimeUnit\.(SECONDS|MILLISECONDS)$/.exec(receiver)?.[1];
  if (name === 'sleep' && unit) return sink(args[0], unit === 'SECONDS' ? 's' : 'ms', `TimeUnit.${unit}.sleep`);
  if ((receiver === 'Duration' || receiver === 'java.time.Duration') && (name === 'ofSeconds' || name === 'ofMillis')) return sink(args[0], name === 'ofSeconds' ? 's' : 'ms', `Duration.${name}`);
  if (receiver === 'TimeValue' && (name === 'ofSeconds' || name === 'ofMilliseconds')) return sink(args[0], name === 'ofSeconds' ? 's' : 'ms', `TimeValue.${name}`);
  if (name === 'schedule') {
    const given = /^TimeUnit\.(SECONDS|MILLISECONDS)$/.exec(args[2]?.text.trim() ?? '')?.[1];
    if (args.length === 3 && given) return sink(args[1], given === 'SECONDS' ? 's' : 'ms', `schedule(…, TimeUnit.${given})`);
    if (!TIMER_RECEIVER.test(receiver)) return undefined;
    // `timer.schedule(task, delay)` / `timer.schedule(task, delay, period)`; Kotlin's `timer.schedule(delay) { … }`.
    const delay = args.length === 2 && /lambda/.test(args[1].type) ? args[0] : args.length >= 2 && !isNumberLike(args[0]) ? args[1] : undefined;
    return delay ? sink(delay, 'ms', 'Timer.schedule') : undefined;
  }
  if (name === 'delay' && !receiver && flow.grammarName === 'kotlin' && flow.imports.some((m) => /^kotlinx\.coroutines(\.delay|\.\*)?$/.test(m))) {
    if (!args[0] || KOTLIN_DURATION.test(args[0].text.trim())) return undefined;
    return sink(args[0], 'ms', 'delay');
  }
  return undefined;
}

/** A numeric literal or arithmetic: a delay, not the task a timer is handed. */
function isNumberLike(node: Node): boolean {
  return /^(integer_literal|long_literal|decimal_integer_literal|real_literal|binary_expression|additive_expression|multiplicative_expression)$/.test(node.type);
}

/** tree-sitter wraps some arguments (PHP `argument`, C# `argument`, Kotlin `value_argument`). */
function unwrap(node: Node): Node {
  return /^(argument|value_argument)$/.test(node.type) && node.namedChildCount === 1 ? node.namedChild(0)! : node;
}
