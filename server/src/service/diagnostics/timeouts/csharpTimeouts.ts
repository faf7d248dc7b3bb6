import type { DiagContext } from '../context';
import { inScope, type UnboundedRequest } from './unbounded';

/**
 * C#: HttpClient gives up after 100 s by default, so only a client told to wait for ever is unbounded:
 * `client.Timeout = Timeout.InfiniteTimeSpan` (or in an object initializer).
 */
export function csharpUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const out: UnboundedRequest[] = [];
  const re = /\bTimeout\s*=\s*((?:System\.Threading\.)?Timeout\.InfiniteTimeSpan)\b/g;
  const root = ctx.doc.tree!.rootNode;
  for (let m = re.exec(flow.text); m; m = re.exec(flow.text)) {
    const valueStart = m.index + m[0].length - m[1].length;
    const node = root.descendantForIndex(valueStart, valueStart + m[1].length);
    if (!node || !inScope(flow, node)) continue;
    let assignment = node;
    while (assignment.parent && !/assignment_expression/.test(assignment.type)) assignment = assignment.parent;
    if (!/assignment_expression/.test(assignment.type)) continue;
    out.push({ node: assignment, library: 'HttpClient', where: 'client', explicit: true, edit: { start: valueStart, end: valueStart + m[1].length, text: 'TimeSpan.FromSeconds({seconds})' } });
  }
  return out;
}
