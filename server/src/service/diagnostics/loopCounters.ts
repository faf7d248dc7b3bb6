import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { LoopInfo } from './flow/flowModel';
import { escapeRegExp } from './regexText';

/**
 * A counted loop whose counter picks what the request sends walks a collection by index: each round sends
 * something else, so going round is no retry. The counter reaches the request directly (`fetch(urls[i])`) or
 * through locals of the loop set from it, one after the other:
 *
 *     for i in range(0, len(names), BATCH):      for (let i = 0; i < ids.length; i += 50) {
 *         chunk = names[i:i + BATCH]                 const batch = ids.slice(i, i + 50);
 *         body = {"requests": chunk}                 await post('/bulk', { ids: batch });
 *         post(url, body)
 */
export function counterPicksRequest(ctx: DiagContext, loop: LoopInfo, call: Node): boolean {
  const counter = loop.counterVar;
  if (!counter || !/^[A-Za-z_$][\w$]*$/.test(counter)) return false;
  const names = [counter];
  const mentions = (text: string) => names.some((n) => new RegExp(`(?<![\\w$])${escapeRegExp(n)}(?![\\w$])`).test(text));
  if (mentions(call.text)) return true;
  const scope = loop.body;
  if (!scope) return false;
  const { adapter } = ctx.flow;
  // Locals set in the loop before the request, in source order: one set from the counter (or from such a local) joins it.
  for (const assignment of scope.descendantsOfType([...adapter.assignments])) {
    if (!assignment || assignment.startIndex >= call.startIndex) break;
    const target = adapter.assignTarget(assignment);
    const name = target?.text;
    if (!target || !name || !/^[A-Za-z_$][\w$]*$/.test(name) || names.includes(name)) continue;
    const value = assignment.text.slice(target.endIndex - assignment.startIndex);
    if (mentions(value)) names.push(name);
  }
  return names.length > 1 && mentions(call.text);
}
