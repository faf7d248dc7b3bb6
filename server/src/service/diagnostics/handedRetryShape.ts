import type { Node } from 'web-tree-sitter';
import type { CallInfo, FileFlow, FnInfo, LoopInfo } from './flow/flowModel';
import { alwaysLeaves, CATCH_CLAUSE, catchBody, tryBlock } from './chainSyntax';
import { goErrorPath } from './goErrorRetries';
import { escapeRegExp } from './regexText';
import { cachedRegExp } from '../regexCache';

/*
 * A retry helper known by what it does, whatever it is called (`withBackoff`, `doReq`, `call_with_pause`, `task`,
 * `execute`): it is handed an operation (a parameter it calls: `op()`, `call.get()`, `action.Invoke()`, `$op()`,
 * `call_user_func_array($op, …)`), calls it in a loop that leaves when the operation succeeds (`return op()`, a break
 * after it, Go's `if err == nil { return }`, Rust's `Ok(v) => return Ok(v)`) and goes round when it fails (a catch
 * that stays in the loop, an `err != nil` branch that stays, an `Err` arm that stays). Its callers' operations are
 * retried there. A loop over a list that calls the operation for each item, or a loop that calls it every round
 * whatever it answers (a poller, a worker), has no way out on success and is no retry helper.
 */

/** Methods through which a parameter holding a function is run: JS `fn.call/apply`, Java `Supplier.get`/`Callable.call`/`Runnable.run`/`Function.apply`, Kotlin `invoke`, C# `Invoke`. */
const INVOKE_BY_LANGUAGE: Partial<Record<FileFlow['grammarName'], RegExp>> = {
  javascript: /^(call|apply)$/,
  typescript: /^(call|apply)$/,
  tsx: /^(call|apply)$/,
  java: /^(get|call|run|apply|execute|invoke)$/,
  kotlin: /^(invoke|get|call|run|apply|execute)$/,
  'c-sharp': /^(Invoke|DynamicInvoke)$/,
  python: /^__call__$/,
  php: /^__invoke$/,
  ruby: /^(call)$/,
};

/** PHP's calls of a callable held in a value: `call_user_func($op, …)`, `call_user_func_array($op, $args)`. */
const PHP_CALLABLE_RUNNERS = /^(call_user_func|call_user_func_array)$/;

/** The parameter names of a function (and of the one or two functions around it, for decorators and their factories). */
function handedNames(fn: FnInfo): { names: ReadonlySet<string>; owners: FnInfo[] } {
  let found = namesCache.get(fn);
  if (!found) {
    const names = new Set<string>();
    const owners: FnInfo[] = [];
    for (let f: FnInfo | undefined = fn, depth = 0; f && depth < 3; f = f.parent, depth++) {
      const words = parameterWords(f);
      if (words.length === 0) continue;
      for (const w of words) names.add(w);
      owners.push(f);
    }
    for (const n of ['self', 'this', 'cls', '$this']) names.delete(n);
    namesCache.set(fn, (found = { names, owners }));
  }
  return found;
}

const namesCache = new WeakMap<FnInfo, { names: ReadonlySet<string>; owners: FnInfo[] }>();

function parameterWords(fn: FnInfo): string[] {
  const params = fn.node.childForFieldName('parameters') ?? fn.node.childForFieldName('parameter') ?? fn.node.namedChildren.find((c) => c?.type === 'function_value_parameters') ?? null;
  return params?.text.match(/[\w$]+/g) ?? [];
}

/** The call runs an operation the function (or a function around it) is handed. */
export function runsHandedOperation(flow: FileFlow, call: CallInfo): boolean {
  if (!call.fn) return false;
  const { names } = handedNames(call.fn);
  if (names.size === 0) return false;
  if (!call.receiver) {
    if (/^[A-Za-z_$][\w$]*$/.test(call.name) && names.has(call.name)) return true;
    if (flow.grammarName === 'php' && PHP_CALLABLE_RUNNERS.test(call.name)) {
      const first = flow.adapter.callArguments(call.node)[0]?.text ?? '';
      return names.has(first);
    }
    return false;
  }
  const invoke = INVOKE_BY_LANGUAGE[flow.grammarName];
  return !!invoke && invoke.test(call.name) && names.has(call.receiver);
}

/**
 * The retry loop of the call's function that runs the handed operation `call`: it leaves when the operation succeeds
 * and goes round when it fails. Undefined when there is none (no loop, a loop over a collection, a loop that goes
 * round whatever the operation answers).
 */
export function handedRetryLoop(flow: FileFlow, call: CallInfo): LoopInfo | undefined {
  // (The innermost loop, of the call's function or of one around it: Kotlin's `repeat(3) { … }` runs a lambda.)
  const loop = call.loops[0];
  if (!loop || !enclosing(call.fn, loop.fn)) return undefined;
  if (loop.kind === 'collection' || !loop.body) return undefined;
  // (A loop with no way out but its condition leaves on success only through a flag the operation's success sets.)
  if (loop.exits.length === 0 && !/^(python|javascript|typescript|tsx|java|kotlin|c-sharp|php)$/.test(flow.grammarName)) return undefined;
  switch (flow.grammarName) {
    case 'go':
      return goRetries(call, loop) ? loop : undefined;
    case 'rust':
      return rustRetries(call, loop) ? loop : undefined;
    case 'ruby':
      return undefined;
    default:
      return tryRetries(flow, call, loop) ? loop : undefined;
  }
}

function enclosing(fn: FnInfo | undefined, outer: FnInfo | undefined): boolean {
  for (let f = fn; f; f = f.parent) if (f === outer) return true;
  return false;
}

/** A call in a try inside the loop: success leaves (returned, or an exit follows it in the try), a catch stays. */
function tryRetries(flow: FileFlow, call: CallInfo, loop: LoopInfo): boolean {
  let tryNode: Node | undefined;
  let returned = false;
  for (let n = call.node.parent; n && n.id !== loop.node.id; n = n.parent) {
    if (/^(return_statement|return_expression)$/.test(n.type) || (n.type === 'jump_expression' && /^return\b/.test(n.text))) returned = true;
    if (/^try(_with_resources)?_statement$/.test(n.type) || (flow.grammarName === 'kotlin' && n.type === 'try_expression')) {
      tryNode = n;
      break;
    }
    if (flow.grammar.functions.has(n.type)) return false;
  }
  const block = tryBlock(tryNode);
  if (!tryNode || !block || call.start < block.startIndex || call.end > block.endIndex) return false;
  const clauses = tryNode.namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
  const staying = clauses.filter((clause) => {
    const body = catchBody(clause);
    return !body || !alwaysLeaves(body) || endsWithContinue(body);
  });
  if (staying.length === 0) return false;
  if (returned) return true;
  // What runs when the operation succeeded: the rest of the try block, and Python's `else:` of the try.
  const success = [block, ...tryNode.namedChildren.filter((c): c is Node => c?.type === 'else_clause')];
  const inSuccess = (n: Node) => n.startIndex > call.end && success.some((b) => n.startIndex >= b.startIndex && n.endIndex <= b.endIndex);
  // An exit after the call there (`r = op(); break`), or after the try when the catch goes round explicitly
  // (`catch { sleep(); continue }` … `return r`).
  const continues = staying.some((c) => endsWithContinue(catchBody(c)));
  // (A throw in the try block is caught by the clauses that go round: it does not leave.)
  const leaving = loop.exits.filter((exit) => !/^(throw|raise)/.test(exit.type) && !/^throw\b/.test(exit.text));
  if (leaving.some((exit) => inSuccess(exit) || (continues && exit.startIndex > call.end && exit.startIndex >= tryNode.endIndex))) return true;
  return setsConditionFlag(call, loop, success);
}

/**
 * Success sets the flag the loop's condition reads (`while not done: try: op() … else: done = True`, `while
 * (!result.ok) { try { result = { ok: true, value: await op() } } catch … }`): the loop ends when the operation succeeds.
 */
function setsConditionFlag(call: CallInfo, loop: LoopInfo, success: Node[]): boolean {
  const condition = loop.node.childForFieldName('condition');
  if (!condition) return false;
  const read = new Set(condition.text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  return success.some((scope) =>
    scope.descendantsOfType(['assignment', 'assignment_expression']).some((a) => {
      if (!a || a.endIndex < call.end) return false;
      const target = /^[\w$]+/.exec(a.childForFieldName('left')?.text ?? a.namedChildren[0]?.text ?? '')?.[0];
      return !!target && read.has(target);
    }),
  );
}

function endsWithContinue(body: Node | undefined): boolean {
  const statements = body?.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type)) ?? [];
  const last = statements[statements.length - 1];
  return !!last && (last.type === 'continue_statement' || (last.type === 'identifier' && last.text === 'continue') || (last.type === 'jump_expression' && /^continue\b/.test(last.text)));
}

/** Go: the call's error path stays in the loop (`if err != nil { sleep; continue }`, `if err == nil { return }` then a wait). */
function goRetries(call: CallInfo, loop: LoopInfo): boolean {
  const path = goErrorPath(call, loop);
  if (path) return path.stays;
  // `if err := op(); err == nil { return nil }`: the call in the if's initializer.
  const ifNode = call.node.parent?.parent?.parent;
  if (ifNode?.type !== 'if_statement' || !ifNode.childForFieldName('initializer')?.text.includes(call.node.text)) return false;
  const condition = ifNode.childForFieldName('condition')?.text.replace(/\s+/g, ' ') ?? '';
  const consequence = ifNode.childForFieldName('consequence');
  if (/^err\w* == nil$/.test(condition)) return !!consequence && alwaysLeaves(consequence) && !endsWithContinue(consequence);
  if (/^err\w* != nil$/.test(condition)) return !!consequence && (!alwaysLeaves(consequence) || endsWithContinue(consequence));
  return false;
}

/** Rust: the call's Result is matched with an `Ok` arm that leaves and an `Err` arm that stays, or `if let Ok(v) = op() { return … }`. */
function rustRetries(call: CallInfo, loop: LoopInfo): boolean {
  for (let n = call.node.parent; n && n.id !== loop.node.id; n = n.parent) {
    if (n.type === 'closure_expression' || n.type === 'function_item') return false;
    if (n.type === 'match_expression') {
      const value = n.childForFieldName('value');
      // (What is matched is the operation's own Result, awaited or not — not a call on what it made: `next().send()`.)
      if (!value || value.text.replace(/\.await$/, '') !== call.node.text) return false;
      const arms = n.descendantsOfType('match_arm').filter((a): a is Node => !!a && a.parent?.parent?.id === n.id);
      const pattern = (a: Node) => a.childForFieldName('pattern')?.text ?? '';
      const armValue = (a: Node) => a.childForFieldName('value');
      const leaves = (v: Node | null) => !!v && (/^(return|break)_expression$/.test(v.type) || (v.type === 'block' && alwaysLeaves(v) && !endsWithContinue(v)));
      // The Ok arm leaves, or hands its value to a `let` after which the round leaves (`let r = match op() { Ok(r) =>
      // r, Err(e) => { …; continue } }; return Ok(r);`).
      const leavesAfter = n.parent?.type === 'let_declaration' && loop.exits.some((e) => e.startIndex > n.endIndex && !/^continue/.test(e.type));
      const okLeaves = arms.some((a) => /^Ok\b/.test(pattern(a)) && (leaves(armValue(a)) || leavesAfter));
      // An Err arm stays: it does not leave, or it goes round on some path (`if n < max { sleep(d); continue; }`).
      const errStays = arms.some((a) => /^Err\b|^_$/.test(pattern(a)) && (!leaves(armValue(a)) || goesRound(armValue(a))));
      return okLeaves && errStays;
    }
    if (n.type === 'if_expression') {
      const condition = n.childForFieldName('condition');
      if (!condition || !/^let\s+Ok\b/.test(condition.text) || !cachedRegExp(`=\\s*${escapeRegExp(call.node.text)}(\\.await)?$`).test(condition.text)) return false;
      const consequence = n.childForFieldName('consequence');
      return !!consequence && alwaysLeaves(consequence) && !endsWithContinue(consequence);
    }
  }
  return false;
}

/** A `continue` inside the arm (not in a loop or closure nested in it). */
function goesRound(value: Node | null): boolean {
  if (!value) return false;
  const visit = (n: Node): boolean => {
    if (n.type === 'continue_expression') return true;
    if (/^(loop_expression|for_expression|while_expression|closure_expression)$/.test(n.type)) return false;
    return n.namedChildren.some((c) => c !== null && visit(c));
  };
  return visit(value);
}

/**
 * The functions of the file that are retry helpers by their shape, read once per file: the function running the
 * handed operation, and the decorator or factory around it whose parameter the operation is.
 */
export function retryHelperNames(flow: FileFlow): ReadonlySet<string> {
  let names = helperCache.get(flow);
  if (names) return names;
  names = new Set();
  for (const call of flow.calls) {
    if (!call.fn || !handedRetryCall(flow, call)) continue;
    for (const owner of ownersOf(call)) if (owner.name) names.add(owner.name);
  }
  helperCache.set(flow, names);
  return names;
}

const helperCache = new WeakMap<FileFlow, Set<string>>();

/**
 * The functions callers reach the helper through: the one whose parameter the operation is (the running function, or
 * the decorator around it), and a factory returning that decorator (`def retry_on(n): def deco(f): … return deco`).
 */
function ownersOf(call: CallInfo): FnInfo[] {
  const callee = call.receiver ?? (PHP_CALLABLE_RUNNERS.test(call.name) ? firstArgumentName(call) : call.name);
  const owner = handedNames(call.fn!).owners.find((f) => parameterWords(f).includes(callee));
  if (!owner) return [];
  const factory = owner.parent;
  return factory && owner.name && cachedRegExp(`\\breturn\\s+${owner.name}\\b`).test(factory.node.text) ? [owner, factory] : [owner];
}

function firstArgumentName(call: CallInfo): string {
  return /\(\s*([\w$]+)/.exec(call.node.text.slice(call.node.text.indexOf(call.name) + call.name.length))?.[1] ?? '';
}

/** The call runs an operation its function is handed, in a loop that retries it or by calling itself again on failure. */
export function handedRetryCall(flow: FileFlow, call: CallInfo): boolean {
  if (!runsHandedOperation(flow, call)) return false;
  return (call.loops.length > 0 && !!handedRetryLoop(flow, call)) || recursesOnFailure(flow, call);
}

/**
 * The function calls itself again, handing the operation on, where the operation failed: in a catch of the try around
 * it (`catch (e) { if (left <= 0) throw e; await sleep(1000); return task(fn, left - 1) }`), or Go's `err != nil` branch.
 */
export function recursesOnFailure(flow: FileFlow, call: CallInfo): boolean {
  const fn = call.fn;
  if (!fn?.name || !parameterWords(fn).includes(call.receiver ?? call.name)) return false;
  let failure: Node[] = [];
  if (flow.grammarName === 'go') {
    const statement = call.node.parent?.parent;
    const next = statement?.nextNamedSibling;
    if (next?.type === 'if_statement' && /^err\w* != nil$/.test(next.childForFieldName('condition')?.text.replace(/\s+/g, ' ') ?? '')) failure = [next.childForFieldName('consequence')!].filter(Boolean);
  } else {
    for (let n = call.node.parent; n && n.id !== fn.node.id; n = n.parent) {
      if (flow.grammar.functions.has(n.type)) return false;
      if (/^try(_with_resources)?_statement$/.test(n.type) || (flow.grammarName === 'kotlin' && n.type === 'try_expression')) {
        const block = tryBlock(n);
        if (!block || call.start < block.startIndex || call.end > block.endIndex) return false;
        failure = n.namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
        break;
      }
    }
  }
  const handed = call.receiver ?? call.name;
  return failure.some((part) =>
    flow.calls.some((c) => c.fn === fn && c.name === fn.name && c.start >= part.startIndex && c.end <= part.endIndex && flow.adapter.callArguments(c.node).some((a) => a.text === handed)),
  );
}

/**
 * The client library of the operation a helper is handed, read from the type it declares for it: Go's
 * `fn func() (*http.Response, error)` is net/http's — its error is a transport failure, a status comes back as a
 * response, so a helper going round on the error alone does not retry a 429 or a 404. Undefined when the declaration
 * does not say.
 */
export function handedOperationLibrary(flow: FileFlow, call: CallInfo): 'net/http' | undefined {
  const fn = call.fn;
  if (!fn || call.receiver || flow.grammarName !== 'go') return undefined;
  const body = fn.node.childForFieldName('body');
  const header = fn.node.text.slice(0, body ? body.startIndex - fn.node.startIndex : undefined);
  return cachedRegExp(`\\b${call.name}\\s+func\\s*\\([^)]*\\)\\s*\\(\\s*\\*http\\.Response\\s*,\\s*error\\s*\\)`).test(header) ? 'net/http' : undefined;
}
