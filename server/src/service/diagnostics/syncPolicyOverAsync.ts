import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { inScope } from './decoratorPolicies';
import { fillMessage, ruleInfo } from './rules';

/**
 * A synchronous retry policy running a Task-returning delegate (C#): `return retryPolicy.Execute(() => SendAsync(…))`
 * in a method that returns `Task`, or `await policy.Execute(() => client.GetAsync(url))`. The delegate returns its
 * Task at once, so the sync policy sees success; the failure surfaces only when the caller awaits the Task, after
 * the policy has returned — nothing is retried (Polly's sync and async policies are separate types for this reason:
 * `ExecuteAsync` on an async policy awaits the delegate). Reported as `retryable-treated-as-final` on the method.
 */
const RULE = 'retryable-treated-as-final';
const POLICY_RECEIVER = /(policy|pipeline|retry|resilience)\w*$/i;
const TASK_TYPE = /^(System\.Threading\.Tasks\.)?(Task|ValueTask)(<.*>)?$/s;

export function syncPolicyOverAsyncFindings(ctx: DiagContext): Finding[] {
  if (ctx.flow.grammarName !== 'c-sharp' || !ctx.doc.tree || !/\.Execute\s*\(/.test(ctx.flow.text)) return [];
  const findings: Finding[] = [];
  for (const call of ctx.doc.tree.rootNode.descendantsOfType('invocation_expression')) {
    if (!call) continue;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_access_expression' || fn.childForFieldName('name')?.text !== 'Execute') continue;
    const receiver = fn.childForFieldName('expression')?.text ?? '';
    if (!POLICY_RECEIVER.test(receiver.split('.').pop() ?? '')) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a?.type === 'argument') ?? [];
    if (!args.some((a) => a.namedChildren.some((c) => c?.type === 'lambda_expression'))) continue;
    const method = enclosingMethod(call);
    if (!method || !inScope(ctx, method.startIndex)) continue;
    const awaited = call.parent?.type === 'await_expression';
    const returned = call.parent?.type === 'return_statement' || call.parent?.type === 'arrow_expression_clause';
    const returnType = method.childForFieldName('returns') ?? method.childForFieldName('type');
    const asyncMethod = method.children.some((c) => c?.type === 'modifier' && c.text === 'async');
    if (!awaited && !(returned && !asyncMethod && returnType && TASK_TYPE.test(returnType.text))) continue;
    const detail = `the synchronous ${receiver}.Execute runs a Task-returning delegate: the failure surfaces when the Task is awaited, after the policy has returned, so it is never retried — use an async policy's ExecuteAsync`;
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes: ['429', '503'], detail }),
      range: ctx.headRange(method, method.childForFieldName('parameters')),
      data: { ...ctx.base(call), codes: ['429', '503'], declarative: 'sync policy over a Task', checkRange: ctx.range(call), checkText: call.text.slice(0, 120), branchRange: ctx.range(call), finalRange: ctx.range(call), finalKind: 'return' },
    });
  }
  return findings;
}

function enclosingMethod(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'method_declaration' || n.type === 'local_function_statement') return n;
    if (n.type === 'lambda_expression' || n.type === 'anonymous_method_expression') return undefined;
  }
  return undefined;
}
