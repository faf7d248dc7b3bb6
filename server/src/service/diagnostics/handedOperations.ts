import type { Node } from 'web-tree-sitter';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { handedRetryLoop } from './handedRetryShape';

/*
 * Retry helpers that run an operation they are handed: `callWithRetry(apiCall, args)` calling `apiCall(args)` in a
 * try, a method of a `Retry` class running its `Func<Task>`, Go's `retry(attempts, pause, f)` and a retrying type's
 * method running the operation held in its receiver, Rust's `fn with_retry<F: Fn() -> Result<T, E>>(op: F)`. What
 * they re-run is their callers' request; how they retry is written in them.
 */

const RETRYING = /retr|attempt|again|backoff|resilien|persist|patient/i;

/** The name of the class (object, module) a method is declared in. */
function enclosingTypeName(node: Node): string | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (/^(class_declaration|class_definition|class|object_declaration|module|struct_declaration|record_declaration)$/.test(n.type)) {
      return (n.childForFieldName('name') ?? n.namedChildren.find((c) => c?.type === 'type_identifier' || c?.type === 'constant'))?.text;
    }
  }
  return undefined;
}

/** The callee is a parameter of the function the call is written in (not a nested callback), called inside a try. */
export function callsParameterInTry(flow: FileFlow, call: CallInfo): boolean {
  // (A name as written in code: on a half-typed line the callee can be any text.)
  if (!call.fn?.name || !/^[A-Za-z_$][\w$]*$/.test(call.name)) return false;
  // The operation is a parameter of the function, or of the decorator around it (`def retry_on_limit(func): def
  // wrapper(*args, **kwargs): … func(*args, **kwargs)`), which is then the one named for retrying.
  // (Named in the parameter list as a whole `[\w$]` word, as the name is one.)
  const fn = parameterWords(call.fn).has(call.name) ? call.fn : call.fn.parent?.name && parameterWords(call.fn.parent).has(call.name) ? call.fn.parent : undefined;
  if (!fn?.name) return false;
  const facts = factsOf(fn);
  // Named for retrying, or a method of a class that is (`static class Retry { Task DoAsync(Func<Task> action) }`).
  if (!(facts.retrying ??= RETRYING.test(fn.name) || RETRYING.test(enclosingTypeName(fn.node) ?? ''))) return false;
  // Go and Rust have no try: the error the operation returns is checked in the loop around it (`if err = f(); err ==
  // nil`, `match op() { Ok(v) => return Ok(v), Err(e) => … }`).
  if (flow.grammarName === 'go' || flow.grammarName === 'rust') return call.loops.some((l) => l.fn === call.fn && l.kind !== 'collection');
  // (Kotlin's try is an expression.)
  for (let n = call.node.parent; n && n.id !== fn.node.id; n = n.parent) if (/^try(_with_resources)?_statement$|^begin$/.test(n.type) || (flow.grammarName === 'kotlin' && n.type === 'try_expression')) return true;
  return false;
}

/** The maximal `[\w$]` runs of a function's parameter list (read once per function). */
function parameterWords(fn: CallInfo['fn'] & object): ReadonlySet<string> {
  const facts = factsOf(fn);
  facts.words ??= new Set(facts.parameters.match(/[\w$]+/g) ?? []);
  return facts.words;
}

/** Per function, read once: its parameter list's text, and whether it (or its class) is named for retrying. */
function factsOf(fn: CallInfo['fn'] & object): FnFacts {
  let facts = fnFacts.get(fn);
  if (!facts) {
    // (Kotlin's `function_value_parameters` has no field name.)
    const params = fn.node.childForFieldName('parameters') ?? fn.node.childForFieldName('parameter') ?? fn.node.namedChildren.find((c) => c?.type === 'function_value_parameters') ?? null;
    fnFacts.set(fn, (facts = { parameters: params?.text ?? '' }));
  }
  return facts;
}

interface FnFacts {
  parameters: string;
  words?: Set<string>;
  retrying?: boolean;
}

const fnFacts = new WeakMap<object, FnFacts>();

/**
 * Go: a method that runs the operation held in a field of its receiver, in a loop
 * (`func (r *RetryExecutor) Execute() error { for … { again, err := r.ExecutionHandler() … } }`): a type named for
 * retrying, or a loop that leaves when the operation succeeds and goes round on its error.
 */
export function callsReceiverOperation(flow: FileFlow, call: CallInfo): boolean {
  const fn = call.fn!;
  if (flow.grammarName !== 'go' || fn.node.type !== 'method_declaration') return false;
  const receiver = fn.node.childForFieldName('receiver')?.text ?? '';
  const m = /^\(\s*([A-Za-z_]\w*)\s+\*?\s*([A-Za-z_]\w*)/.exec(receiver);
  if (!m || call.receiver !== m[1]) return false;
  // A method of the file (`r.logRetry(i, err)`) is not the operation.
  if (flow.fns.some((f) => f.name === call.name)) return false;
  if (!/^[A-Z]?\w*(Handler|Func|Fn|Operation|Op|Action|Task|Call|Work|Do|Run)$/.test(call.name)) return false;
  // Named for retrying, a loop around it will do; otherwise the loop must leave on success and go round on the error.
  if (RETRYING.test(m[2]) || RETRYING.test(fn.name ?? '')) return call.loops.some((l) => l.fn === fn && l.kind !== 'collection');
  return !!handedRetryLoop(flow, call);
}
