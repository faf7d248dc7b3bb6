import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { inScope } from './decoratorPolicies';
import { enclosingFn, within } from './flow/flowModel';
import { policyDefaults } from './policyDefaults';
import { fillMessage, ruleInfo } from './rules';

/**
 * Celery's explicit retry: `raise self.retry(exc=exc)` in a bound task re-queues it after `countdown` seconds — and
 * without one, after the task's `default_retry_delay` (180 s unless set), the same wait every time: `retry_backoff`
 * only shapes the retries `autoretry_for` makes (server/data/retry-policies.json, celery-autoretry). Reported on the
 * call when a request of the same function is what failed (the try around it sends one) and neither `countdown` nor
 * `eta` is given.
 */
export function celeryRetryFindings(ctx: DiagContext): Finding[] {
  const { flow } = ctx;
  if (flow.grammarName !== 'python' || !/\bself\.retry\s*\(/.test(flow.text) || !CELERY.test(flow.text)) return [];
  const rule = 'retry-without-backoff';
  const delaySeconds = Math.round((policyDefaults('celery-autoretry').delayMs ?? 180000) / 1000);
  const findings: Finding[] = [];
  for (const call of flow.calls) {
    if (call.name !== 'retry' || call.receiver !== 'self' || !inScope(ctx, call.start)) continue;
    const args = call.node.childForFieldName('arguments');
    if (!args || /\b(countdown|eta)\s*=/.test(args.text)) continue;
    const tryNode = enclosingTry(call.node);
    const fn = enclosingFn(flow, call.node);
    if (!tryNode || !fn || !ctx.requests.some((r) => r.call.fn === fn && within(r.call.node, tryNode))) continue;
    const set = /\bdefault_retry_delay\s*=\s*([\w.]+)/.exec(flow.text)?.[1];
    const detail = `(Celery self.retry with no countdown) waits the task's default_retry_delay (${set ?? `${delaySeconds} s`}) before every attempt`;
    findings.push({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, { detail }),
      range: ctx.range(call.node),
      data: { ...ctx.base(call.node), problem: 'fixed-delay', declarative: 'celery' },
    });
  }
  return findings;
}

/** A Celery task file: it imports Celery, or declares a bound task. */
const CELERY = /^\s*(?:from\s+celery\b|import\s+celery\b)|\.task\s*\([^)]*\bbind\s*=\s*True|@shared_task\s*\(\s*bind\s*=\s*True/m;

/** The try statement whose body holds `node` (in its function). */
function enclosingTry(node: Node): Node | undefined {
  let child: Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'function_definition') return undefined;
    if (n.type === 'try_statement') return n.childForFieldName('body')?.id === child.id ? undefined : n;
  }
  return undefined;
}
