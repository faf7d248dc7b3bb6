import type { Language, Node, Query, Tree } from 'web-tree-sitter';
import { treeSitter } from '../../parsing/webTreeSitter';
import type { GrammarName } from '../../parsing/grammars';
import { GRAMMAR_SUPPORT } from '../../spotting/adapters';
import type { SyntaxAdapter } from '../../spotting/syntaxAdapter';
import type { FlowGrammar, LoopKind } from './flowGrammar';
import { FLOW_GRAMMARS } from './index';

export interface FnInfo {
  node: Node;
  /** node.startIndex / node.endIndex, read once (node accessors cross into wasm). */
  start: number;
  end: number;
  name?: string;
  decorators: string[];
  parent?: FnInfo;
  /** Mentions Retry-After (or retry-after-ms, x-ratelimit-reset…) anywhere inside. */
  readsRetryAfter: boolean;
  /** Mentions an Idempotency-Key header anywhere inside. */
  idempotencyKey: boolean;
  /**
   * Mentions rate-limit headers (x-ratelimit-remaining…), or calls GitHub's API, which answers a rate limit with 403
   * (server/data/catalogs/http-status.json, 403): either makes a 403 a rate-limit case.
   */
  rateLimit: boolean;
  /**
   * Called where it is written (`func() { … }()`, `(async () => { … })()`): a request inside runs in the
   * enclosing loops of its caller, so those loops count for it.
   */
  immediate: boolean;
}

export interface LoopInfo {
  node: Node;
  start: number;
  end: number;
  fn?: FnInfo;
  kind: LoopKind;
  counterVar?: string;
  /** How many times a counted loop runs, when its bounds are literals. */
  attempts?: number;
  body: Node | null;
  /** Calls directly in this loop (not inside a nested function). */
  calls: CallInfo[];
  continues: Node[];
  /** break / return / raise statements directly in this loop. */
  exits: Node[];
  increments: Node[];
}

export interface CallInfo {
  node: Node;
  start: number;
  end: number;
  /** Last name of the callee: `get` in `requests.get(...)`, `Do` in `client.Do(req)`. */
  name: string;
  /** The receiver's source text, when the call is a method call (`requests`, `self.session`). */
  receiver?: string;
  fn?: FnInfo;
  /** Enclosing loops, innermost first: in the same function, and through functions called where written. */
  loops: LoopInfo[];
}

export interface CommentInfo {
  start: number;
  end: number;
  text: string;
}

/** Everything the rules need from one syntax tree, gathered in a single walk. */
export interface FileFlow {
  grammarName: GrammarName;
  grammar: FlowGrammar;
  adapter: SyntaxAdapter;
  text: string;
  fns: FnInfo[];
  loops: LoopInfo[];
  calls: CallInfo[];
  imports: string[];
  comments: CommentInfo[];
  fnByNode: Map<number, FnInfo>;
  loopByNode: Map<number, LoopInfo>;
  callByNode: Map<number, CallInfo>;
  /** Calls and loops per innermost enclosing function (undefined: top level), in start order. */
  callsByFn: Map<FnInfo | undefined, CallInfo[]>;
  loopsByFn: Map<FnInfo | undefined, LoopInfo[]>;
  /** Set when the flow covers one re-analysed unit only (incremental.ts): whole-file readers report inside it alone. */
  scope?: { start: number; end: number };
  fileReadsRetryAfter: boolean;
  fileRateLimit: boolean;
  /** Mentions an Idempotency-Key header anywhere in the file. */
  fileIdempotencyKey: boolean;
}

export const RETRY_AFTER = /retry[-_]?after|ratelimit[-_]?reset|rate[-_]limit[-_]reset/gi;
const IDEMPOTENCY = /idempotency[-_]?key/gi;
/** Rate-limit headers and names, and the host of an API that sends 403 for a rate limit (GitHub's). */
const RATE_LIMIT = /ratelimit|rate[-_]limit|api\.github\.com/gi;

type Role = 'fn' | 'loop' | 'call' | 'continue' | 'exit' | 'increment' | 'import' | 'comment';

/** One compiled query per grammar: every node type the flow model needs, captured by role. */
const QUERIES = new Map<GrammarName, Query>();

function queryFor(grammarName: GrammarName, language: Language): Query {
  let query = QUERIES.get(grammarName);
  if (!query) {
    const grammar = FLOW_GRAMMARS[grammarName];
    const adapter = GRAMMAR_SUPPORT[grammarName].adapter;
    const groups: Array<[Role, Iterable<string>]> = [
      ['fn', grammar.functions], ['loop', grammar.loops], ['call', adapter.calls], ['continue', grammar.continues],
      ['exit', [...grammar.breaks, ...grammar.returns, ...grammar.raises]], ['increment', grammar.increments],
      ['import', grammar.imports], ['comment', grammar.comments],
    ];
    const source = groups
      .map(([role, types]) => {
        const valid = [...types].filter((t) => language.idForNodeType(t, true));
        return valid.length ? `[${valid.map((t) => `(${t})`).join(' ')}] @${role}` : '';
      })
      .join('\n');
    // Kotlin: `break` / `continue` are names in the tree; only those names are jumps.
    const words = grammar.jumpWords;
    const jumps = words ? `\n((${words.node}) @continue (#eq? @continue "${words.continues}"))\n((${words.node}) @exit (#eq? @exit "${words.breaks}"))` : '';
    query = new treeSitter.Query(language, source + jumps);
    QUERIES.set(grammarName, query);
  }
  return query;
}

/**
 * Builds the flow model from one query over the tree (the matching runs inside tree-sitter, so only
 * the interesting nodes cross into JavaScript), then nests functions and loops by their ranges.
 */
export function buildFlow(tree: Tree, text: string, grammarName: GrammarName, scope?: Node): FileFlow {
  const range = scope ? { start: scope.startIndex, end: scope.endIndex } : undefined;
  const grammar = FLOW_GRAMMARS[grammarName];
  const adapter = GRAMMAR_SUPPORT[grammarName].adapter;
  const flow: FileFlow = {
    grammarName, grammar, adapter, text, fns: [], loops: [], calls: [], imports: [], comments: [],
    fnByNode: new Map(), loopByNode: new Map(), callByNode: new Map(), callsByFn: new Map(), loopsByFn: new Map(),
    fileReadsRetryAfter: false, fileRateLimit: false, fileIdempotencyKey: false, scope: range,
  };
  const captures = queryFor(grammarName, tree.language).captures(scope ?? tree.rootNode);
  let items = captures.map((c) => ({ node: c.node, role: c.name as Role, start: c.node.startIndex, end: c.node.endIndex }));
  // Only `scope` and what lies inside it (a query from a node may also report its ancestors).
  if (range) items = items.filter((i) => i.start >= range.start && i.end <= range.end);
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  type Open = { end: number; fn?: FnInfo; loop?: LoopInfo };
  const stack: Open[] = [];
  for (const item of items) {
    while (stack.length && stack[stack.length - 1].end <= item.start) stack.pop();
    let fn: FnInfo | undefined;
    // `loops` crosses immediately-invoked functions; `ownLoops` (what a continue or break leaves) does not.
    const loops: LoopInfo[] = [];
    let ownLoops: LoopInfo[] | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const open = stack[i];
      if (open.fn) {
        fn ??= open.fn;
        ownLoops ??= [...loops];
        if (!open.fn.immediate) break;
      } else if (open.loop) loops.push(open.loop);
    }
    ownLoops ??= loops;
    const node = item.node;
    switch (item.role) {
      case 'fn': {
        const info: FnInfo = {
          node, start: item.start, end: item.end, name: grammar.functionName(node), decorators: grammar.decorators(node), parent: fn,
          readsRetryAfter: false, idempotencyKey: false, rateLimit: false, immediate: isCalledWhereWritten(node),
        };
        flow.fns.push(info);
        flow.fnByNode.set(node.id, info);
        stack.push({ end: item.end, fn: info });
        break;
      }
      case 'loop': {
        if (grammar.isLoop && !grammar.isLoop(node)) break;
        const kind = grammar.loopKind(node);
        const loop: LoopInfo = {
          node, start: item.start, end: item.end, fn, kind: kind.kind, counterVar: kind.counterVar, ...(kind.attempts ? { attempts: kind.attempts } : {}), body: grammar.loopBody(node),
          calls: [], continues: [], exits: [], increments: [],
        };
        flow.loops.push(loop);
        flow.loopByNode.set(node.id, loop);
        push(flow.loopsByFn, fn, loop);
        stack.push({ end: item.end, loop });
        break;
      }
      case 'call': {
        const call: CallInfo = { node, start: item.start, end: item.end, ...calleeOf(node, adapter), fn, loops };
        flow.calls.push(call);
        flow.callByNode.set(node.id, call);
        push(flow.callsByFn, fn, call);
        for (const loop of loops) loop.calls.push(call);
        if (grammar.raiseCalls?.has(call.name)) ownLoops[0]?.exits.push(node);
        break;
      }
      case 'continue':
        ownLoops[0]?.continues.push(node);
        break;
      case 'exit':
        // Kotlin `return@repeat` ends this round only: the loop goes on.
        if (grammar.jumpKind?.(node) === 'continue') ownLoops[0]?.continues.push(node);
        // Go `break sel` where `sel:` labels a select or switch inside the loop leaves that statement, not the loop.
        else if (ownLoops[0] && breaksInnerLabel(node, ownLoops[0].node)) break;
        else ownLoops[0]?.exits.push(node);
        break;
      case 'increment':
        for (const loop of loops) loop.increments.push(node);
        break;
      case 'import':
        flow.imports.push(...grammar.importModules(node));
        break;
      case 'comment':
        flow.comments.push({ start: item.start, end: item.end, text: text.slice(item.start, item.end) });
        break;
    }
  }
  markMentions(flow, range);
  return flow;
}

/** Header names mentioned in code (not in comments), attributed to every enclosing function. */
function markMentions(flow: FileFlow, range?: { start: number; end: number }): void {
  const from = range?.start ?? 0;
  const scanned = range ? flow.text.slice(range.start, range.end) : flow.text;
  const commentStarts = flow.comments.map((c) => c.start);
  const inComment = (at: number): boolean => {
    // Comments come in start order and never overlap: only the last one starting at or before `at` can hold it.
    let lo = 0;
    let hi = commentStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (commentStarts[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && at < flow.comments[lo - 1].end;
  };
  // Loop counters: a function handed only the attempt number computes a schedule, it reads no header.
  const counters = new Set(flow.loops.map((l) => l.counterVar).filter((v): v is string => !!v));
  const mark = (pattern: RegExp, onFile: () => void, onFn: (fn: FnInfo) => void, readOnly = false) => {
    for (const match of scanned.matchAll(pattern)) {
      const at = match.index + from;
      if (inComment(at)) continue;
      // A header is read through its name in a string, a field of a response/error (`.retry_after`,
      // `Headers.RetryAfter`) or a helper called with it (`retryAfterMillis(r)`); a local merely called
      // `retryAfter` reads nothing, nor does a backoff schedule named so (`c.RetryAfter(i)` with `i` the attempt).
      const after = flow.text.slice(at + match[0].length, at + match[0].length + 40);
      if (readOnly && !/["'`.\-:]/.test(flow.text.charAt(at - 1)) && !/^[\w$]*\s*\(/.test(after) && !headerNameArgument(flow.text, at, match[0].length)) continue;
      const attemptOnly = readOnly ? /^[\w$]*\s*\(\s*([A-Za-z_$][\w$]*)\s*\)/.exec(after)?.[1] : undefined;
      if (attemptOnly && counters.has(attemptOnly)) continue;
      onFile();
      // Functions nest, so the ones holding `at` are the innermost and its parents.
      for (let fn = fnAt(flow, at, at + 1, -1); fn; fn = fn.parent) onFn(fn);
    }
  };
  mark(RETRY_AFTER, () => (flow.fileReadsRetryAfter = true), (fn) => (fn.readsRetryAfter = true), true);
  mark(IDEMPOTENCY, () => (flow.fileIdempotencyKey = true), (fn) => (fn.idempotencyKey = true));
  mark(RATE_LIMIT, () => (flow.fileRateLimit = true), (fn) => (fn.rateLimit = true));
}

/**
 * The match is part of a name handed to a header lookup (`resp.Header.Get(headerRetryAfter)`,
 * `headers.get(RETRY_AFTER_HEADER)`, `response.getHeader(retryAfterHeader)`): a constant that holds the header's name.
 */
function headerNameArgument(text: string, at: number, length: number): boolean {
  let start = at;
  while (start > 0 && /[\w$]/.test(text.charAt(start - 1))) start--;
  let end = at + length;
  while (end < text.length && /[\w$]/.test(text.charAt(end))) end++;
  if (!/^\s*[),\]]/.test(text.slice(end, end + 4))) return false;
  return /(?:\b(?:get|Get|getHeader|GetHeader|header|getFirst|firstValue|getValues|GetValues|getHeaderString|getResponseHeader|get_header)\s*\(|\b[Hh]eaders?\s*\[)\s*$/.test(text.slice(Math.max(0, start - 40), start));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A function's body: its `body` field, or what Kotlin's unnamed `function_body` holds (a block, or the expression after
 * `=`). Null for a declaration without one (an interface or abstract method).
 */
export function functionBodyOf(fn: Node): Node | null {
  const body = fn.childForFieldName('body');
  if (body) return body;
  const kotlin = fn.namedChildren.find((c) => c?.type === 'function_body');
  return kotlin?.namedChildren.find((c) => c !== null && !/comment/.test(c.type)) ?? null;
}

/** Callee name and receiver of a call, for every grammar (Java keeps them in `name`/`object`). */
export function calleeOf(call: Node, adapter: SyntaxAdapter): { name: string; receiver?: string } {
  if (call.type === 'method_invocation') {
    return { name: call.childForFieldName('name')?.text ?? '', receiver: call.childForFieldName('object')?.text };
  }
  // Ruby `conn.get("/x")`, `Net::HTTP.get_response(uri)` (but `ApiError.new(…)` names the class, as the adapter does)
  const method = call.type === 'call' ? call.childForFieldName('method') : null;
  if (method && method.text !== 'new') return { name: method.text, receiver: call.childForFieldName('receiver')?.text };
  // PHP `$client->get($url)`, `Http::retry(3, 100)->post(…)`, `Http::get($url)`
  if (/^(member_call_expression|nullsafe_member_call_expression|scoped_call_expression)$/.test(call.type)) {
    return { name: call.childForFieldName('name')?.text ?? '', receiver: call.childForFieldName(call.type === 'scoped_call_expression' ? 'scope' : 'object')?.text };
  }
  let callee = adapter.callee(call);
  if (!callee) return { name: '' };
  // tree-sitter-typescript reads `await api.get<User>(u)` as `(await api.get)<User>(u)`: the callee is the awaited member.
  if (callee.type === 'await_expression') callee = callee.namedChild(0) ?? callee;
  if (adapter.members.has(callee.type)) {
    const parts = adapter.memberParts(callee);
    return { name: parts?.property ?? '', receiver: parts?.object?.text };
  }
  const text = callee.text.replace(/<[^]*$/, '');
  const dot = Math.max(text.lastIndexOf('.'), text.lastIndexOf('::'));
  return dot >= 0 ? { name: text.slice(dot + 1).replace(/^:/, ''), receiver: text.slice(0, dot) } : { name: text };
}

/** The innermost function holding a node (by offsets: no tree climbing). */
export function enclosingFn(flow: FileFlow, node: Node): FnInfo | undefined {
  return fnAt(flow, node.startIndex, node.endIndex, node.id);
}

/** Plain-number offsets of `flow.fns` (in start order) and the running maximum of their ends. */
const fnOffsets = new WeakMap<FileFlow, { starts: number[]; ends: number[]; maxEnd: number[] }>();

function fnAt(flow: FileFlow, start: number, end: number, exceptId: number): FnInfo | undefined {
  // Reading offsets off tree-sitter nodes crosses into wasm; a linear scan per call made big files quadratic.
  let index = fnOffsets.get(flow);
  if (!index) {
    const starts = flow.fns.map((f) => f.start);
    const ends = flow.fns.map((f) => f.end);
    const maxEnd: number[] = [];
    ends.forEach((e, i) => maxEnd.push(Math.max(e, i > 0 ? maxEnd[i - 1] : -1)));
    fnOffsets.set(flow, (index = { starts, ends, maxEnd }));
  }
  const { starts, ends, maxEnd } = index;
  let lo = 0;
  let hi = starts.length; // first index whose start is > start
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= start) lo = mid + 1;
    else hi = mid;
  }
  // The latest-starting function that still covers [start, end] (ties: the later one, as before).
  for (let i = lo - 1; i >= 0 && maxEnd[i] >= end; i--) {
    if (ends[i] >= end && flow.fns[i].node.id !== exceptId) return flow.fns[i];
  }
  return undefined;
}

/**
 * Enclosing loops of a node, innermost first (by offsets): in its own function, and through functions
 * called where they are written (a request in `func() { … }()` inside a loop runs in that loop).
 */
export function enclosingLoops(flow: FileFlow, node: Node): LoopInfo[] {
  const call = flow.callByNode.get(node.id);
  if (call) return call.loops;
  const start = node.startIndex;
  const end = node.endIndex;
  const result: LoopInfo[] = [];
  for (let fn = fnAt(flow, start, end, node.id); ; fn = fn.parent) {
    const own: LoopInfo[] = [];
    for (const loop of flow.loopsByFn.get(fn) ?? []) {
      if (loop.start > start) break;
      if (loop.end >= end && loop.node.id !== node.id) own.unshift(loop);
    }
    result.push(...own);
    if (!fn?.immediate) break;
  }
  return result;
}

/** A function literal invoked where it is written: `func() { … }()`, `(() => { … })()`, `(async function () { … })()`. */
function isCalledWhereWritten(fn: Node): boolean {
  let n: Node = fn;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const call = n.parent;
  if (!call || call.type !== 'call_expression') return false;
  return call.childForFieldName('function')?.id === n.id;
}

/** True when `inner` lies within `outer`. */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Index of the first of the file's calls (kept in start order) that starts at or after `offset`. */
export function firstCallFrom(flow: FileFlow, offset: number): number {
  const calls = flow.calls;
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A labelled break (`break sel`) whose label names a statement inside `loop` (a select, a switch), not the loop itself. */
function breaksInnerLabel(node: Node, loop: Node): boolean {
  const label = /^break\s+([A-Za-z_]\w*)\s*;?$/.exec(node.text)?.[1];
  if (!label) return false;
  for (let n: Node | null = node.parent; n && n.id !== loop.id; n = n.parent) {
    if (n.type === 'labeled_statement' && n.namedChildren[0]?.text === label) return true;
  }
  return false;
}
