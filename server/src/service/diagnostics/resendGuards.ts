import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { calleeOf, type FnInfo, within } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { testsWithin } from './statusSets';
import { DELAY } from './waitCalls';
import { ancestorWithin, CATCH_CLAUSE, tryBlock } from './chainSyntax';

/*
 * The branches a re-send sits in (resends.ts): the innermost one that runs on a condition, whether a condition only
 * counts attempts, and whether a branch sits in a catch of the request's own failures.
 */

/** A condition that counts attempts and reads no status: `attempts < 2`, `retries > 0`, `count <= self.max`. */
export function isCounterTest(ctx: DiagContext, condition: Node): boolean {
  return COUNTER_TEST.test(condition.text) && testsWithin(ctx, condition, undefined).length === 0 && !/status|code|\.ok\b|err|fail/i.test(condition.text);
}

const COUNTER_TEST = /^\(?\s*[\w.]*(attempt|retr|tries|count|left|remaining)\w*\s*(<=|>=|<|>|!=)\s*[\w.]+\s*\)?$|^\(?\s*[\w.]+\s*(<=|>=|<|>)\s*[\w.]*(attempt|retr|tries|count|max)\w*\s*\)?$/i;

/** The innermost branch between `node` and its function that only runs on some condition. */
export function guardOf(ctx: DiagContext, node: Node, fn: FnInfo): { guard: Node; condition: Node | null } | undefined {
  const { grammar, adapter } = ctx.flow;
  for (let child = node, n = node.parent; n && n.id !== fn.node.id; child = n, n = n.parent) {
    if (grammar.functions.has(n.type)) {
      // `setTimeout(() => this.send(req), ms)`: a timer callback re-sends later; its guard is outside.
      const host = n.parent?.parent;
      const timer = host && adapter.calls.has(host.type) ? calleeOf(host, adapter).name : '';
      if (DELAY.test(timer)) continue;
      return undefined; // another callback: not this function's branch
    }
    if (/^(except_clause|catch_clause)$/.test(n.type)) return { guard: n, condition: null };
    if (n.type === 'elif_clause') return { guard: n, condition: n.childForFieldName('condition') };
    if (grammar.ifs.has(n.type)) {
      // (Each grammar names its arms its own way: Kotlin's if-expression has no `consequence` field.)
      const consequence = grammar.ifConsequence(n) ?? n.childForFieldName('consequence');
      if (consequence && consequence.id === child.id) return { guard: n, condition: grammar.ifCondition(n) ?? n.childForFieldName('condition') };
      return undefined; // the else arm: the condition that leads there is not read
    }
    if (grammar.cases.has(n.type) || adapter.cases.has(n.type)) return { guard: n, condition: null };
  }
  return undefined;
}

/**
 * `from` is in a catch clause whose try sends the request: whatever the request raises (a network error at least)
 * gets there, so a counter test there (`catch (e) { if (tries < max) return again() }`) guards a retry.
 */
export function inCatchOf(from: Node, fn: FnInfo, request: RequestInfo): boolean {
  const body = tryBlock(ancestorWithin(from, fn.node, CATCH_CLAUSE)?.parent);
  return !!body && within(request.call.node, body);
}
