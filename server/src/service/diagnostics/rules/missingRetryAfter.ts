import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { MissingRetryAfterData } from '../findingData';
import { enclosingFn } from '../flow/flowModel';
import { statementOf } from '../requests';
import { fillMessage, ruleInfo } from '../rules';

const RULE = 'missing-retry-after';

/** Server code that sends 429 or 503 with no Retry-After anywhere in the same handler. */
export function missingRetryAfter(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const occ of ctx.occurrences) {
    if (occ.role !== 'server-sets' || (occ.code !== '429' && occ.code !== '503')) continue;
    const node = ctx.nodeOf(occ);
    if (!node) continue;
    const fn = enclosingFn(ctx.flow, node);
    if (fn ? fn.readsRetryAfter : ctx.flow.fileReadsRetryAfter) continue;
    const setter = setterOf(ctx, node);
    const data: MissingRetryAfterData = {
      ...ctx.base(setter),
      code: occ.code,
      setRange: ctx.range(setter),
      setText: setter.text,
      ...(fn ? { handlerRange: ctx.range(fn.node) } : {}),
      statementRange: ctx.range(statementOf(setter)),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { code: occ.code }),
      range: ctx.headRange(setter),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/** The nearest call holding the code (`abort(429)`, `res.status(503)`), else the code itself. */
function setterOf(ctx: DiagContext, node: Node): Node {
  for (let n: Node | null = node.parent, depth = 0; n && depth < 5; n = n.parent, depth++) {
    if (ctx.flow.adapter.calls.has(n.type)) return n;
    if (/statement$/.test(n.type)) break;
  }
  return node;
}
