import type { Node, Tree } from 'web-tree-sitter';
import type { GrammarName } from '../../parsing/grammars';
import { GRAMMAR_SUPPORT } from '../../spotting/adapters';
import type { SyntaxAdapter } from '../../spotting/syntaxAdapter';
import type { FlowGrammar, LoopKind } from './flowGrammar';
import { FLOW_GRAMMARS } from './index';

export interface FnInfo {
  node: Node;
  name?: string;
  decorators: string[];
  parent?: FnInfo;
  /** Mentions Retry-After (or retry-after-ms, x-ratelimit-reset…) anywhere inside. */
  readsRetryAfter: boolean;
  /** Mentions an Idempotency-Key header anywhere inside. */
  idempotencyKey: boolean;
  /** Mentions rate-limit headers (x-ratelimit-remaining…), which make a 403 a rate-limit case. */
  rateLimit: boolean;
}

export interface LoopInfo {
  node: Node;
  fn?: FnInfo;
  kind: LoopKind;
  counterVar?: string;
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
  /** Last name of the callee: `get` in `requests.get(...)`, `Do` in `client.Do(req)`. */
  name: string;
  /** The receiver's source text, when the call is a method call (`requests`, `self.session`). */
  receiver?: string;
  fn?: FnInfo;
  /** Enclosing loops in the same function, innermost first. */
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
  fileReadsRetryAfter: boolean;
  fileRateLimit: boolean;
  /** Mentions an Idempotency-Key header anywhere in the file. */
  fileIdempotencyKey: boolean;
}

const RETRY_AFTER = /retry[-_]?after|ratelimit[-_]?reset|rate[-_]limit[-_]reset|retryafter/i;
const IDEMPOTENCY = /idempotency[-_]?key|idempotencykey/i;
const RATE_LIMIT = /ratelimit|rate[-_]limit/i;

export function buildFlow(tree: Tree, text: string, grammarName: GrammarName): FileFlow {
  const grammar = FLOW_GRAMMARS[grammarName];
  const adapter = GRAMMAR_SUPPORT[grammarName].adapter;
  const flow: FileFlow = {
    grammarName, grammar, adapter, text, fns: [], loops: [], calls: [], imports: [], comments: [],
    fnByNode: new Map(), loopByNode: new Map(), callByNode: new Map(), fileReadsRetryAfter: false, fileRateLimit: false, fileIdempotencyKey: false,
  };
  const cursor = tree.rootNode.walk();
  const visit = (fn: FnInfo | undefined, loops: LoopInfo[]): void => {
    const type = cursor.nodeType;
    let innerFn = fn;
    let innerLoops = loops;
    if (grammar.comments.has(type)) {
      flow.comments.push({ start: cursor.startIndex, end: cursor.endIndex, text: text.slice(cursor.startIndex, cursor.endIndex) });
      return;
    }
    if (grammar.strings.has(type)) {
      const leaf = text.slice(cursor.startIndex, cursor.endIndex);
      if (leaf.length < 200) {
        if (RETRY_AFTER.test(leaf)) {
          flow.fileReadsRetryAfter = true;
          for (let f = fn; f; f = f.parent) f.readsRetryAfter = true;
        }
        if (IDEMPOTENCY.test(leaf)) {
          flow.fileIdempotencyKey = true;
          for (let f = fn; f; f = f.parent) f.idempotencyKey = true;
        }
        if (RATE_LIMIT.test(leaf)) {
          flow.fileRateLimit = true;
          for (let f = fn; f; f = f.parent) f.rateLimit = true;
        }
      }
    }
    if (grammar.functions.has(type)) {
      const node = cursor.currentNode;
      innerFn = {
        node, name: grammar.functionName(node), decorators: grammar.decorators(node), parent: fn,
        readsRetryAfter: false, idempotencyKey: false, rateLimit: false,
      };
      innerLoops = [];
      flow.fns.push(innerFn);
      flow.fnByNode.set(node.id, innerFn);
    } else if (grammar.loops.has(type)) {
      const node = cursor.currentNode;
      const kind = grammar.loopKind(node);
      const loop: LoopInfo = {
        node, fn, kind: kind.kind, counterVar: kind.counterVar, body: grammar.loopBody(node),
        calls: [], continues: [], exits: [], increments: [],
      };
      flow.loops.push(loop);
      flow.loopByNode.set(node.id, loop);
      innerLoops = [loop, ...loops];
    } else if (adapter.calls.has(type)) {
      const node = cursor.currentNode;
      const call: CallInfo = { node, ...calleeOf(node, adapter), fn, loops };
      flow.calls.push(call);
      flow.callByNode.set(node.id, call);
      for (const loop of loops) loop.calls.push(call);
    } else if (grammar.continues.has(type)) {
      if (loops[0]) loops[0].continues.push(cursor.currentNode);
    } else if (grammar.breaks.has(type) || grammar.returns.has(type) || grammar.raises.has(type)) {
      if (loops[0]) loops[0].exits.push(cursor.currentNode);
    } else if (grammar.increments.has(type)) {
      for (const loop of loops) loop.increments.push(cursor.currentNode);
    } else if (grammar.imports.has(type)) {
      flow.imports.push(...grammar.importModules(cursor.currentNode));
    }
    if (cursor.gotoFirstChild()) {
      do visit(innerFn, innerLoops);
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
  };
  visit(undefined, []);
  cursor.delete();
  return flow;
}

/** Callee name and receiver of a call, for every grammar (Java keeps them in `name`/`object`). */
export function calleeOf(call: Node, adapter: SyntaxAdapter): { name: string; receiver?: string } {
  if (call.type === 'method_invocation') {
    return { name: call.childForFieldName('name')?.text ?? '', receiver: call.childForFieldName('object')?.text };
  }
  const callee = adapter.callee(call);
  if (!callee) return { name: '' };
  if (adapter.members.has(callee.type)) {
    const parts = adapter.memberParts(callee);
    return { name: parts?.property ?? '', receiver: parts?.object?.text };
  }
  const text = callee.text.replace(/<[^]*$/, '');
  const dot = Math.max(text.lastIndexOf('.'), text.lastIndexOf('::'));
  return dot >= 0 ? { name: text.slice(dot + 1).replace(/^:/, ''), receiver: text.slice(0, dot) } : { name: text };
}

/** The innermost function holding a node. */
export function enclosingFn(flow: FileFlow, node: Node): FnInfo | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    const fn = flow.fnByNode.get(n.id);
    if (fn) return fn;
  }
  return undefined;
}

/** Enclosing loops of a node inside its own function, innermost first. */
export function enclosingLoops(flow: FileFlow, node: Node): LoopInfo[] {
  const result: LoopInfo[] = [];
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (flow.fnByNode.has(n.id)) break;
    const loop = flow.loopByNode.get(n.id);
    if (loop) result.push(loop);
  }
  return result;
}

/** True when `inner` lies within `outer`. */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
