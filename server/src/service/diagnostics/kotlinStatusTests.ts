import type { Node } from 'web-tree-sitter';
import kotlinStatuses from '../../../data/kotlin-statuses.json';

/**
 * Kotlin's success flags (data: server/data/kotlin-statuses.json, successFlags): OkHttp/Retrofit
 * `response.isSuccessful` (a property, or `isSuccessful()` as in Java) and Ktor `response.status.isSuccess()` hold for
 * 2xx only. tree-sitter-kotlin 1.1.0 hangs a prefix `!` on the receiver (`!response.isSuccessful` is read as
 * `(!response).isSuccessful`), so the negation is looked for at the start of the chain.
 */
const READS = (kotlinStatuses as unknown as { successFlags: { flags: Array<{ read: string }> } }).successFlags.flags.map((f) => f.read);

/** 'ok' when `n` reads the success flag of `root`, 'not-ok' when it negates it, undefined otherwise. */
export function kotlinSuccessFlag(n: Node, root: string): 'ok' | 'not-ok' | undefined {
  let text = n.text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!!/g, '');
  let negated = false;
  if (text.startsWith('!')) {
    // `!response.isSuccessful` (the grammar's shape) or `!(response.isSuccessful)`
    negated = n.type === 'navigation_expression' || n.type === 'call_expression' ? startsWithBang(n) : false;
    if (!negated) return undefined;
    text = text.slice(1);
  }
  text = text.replace(/^\((.*)\)$/, '$1').replace(/\(\)$/, '');
  if (!text.startsWith(`${root}.`)) return undefined;
  const read = text.slice(root.length + 1);
  if (!READS.includes(read)) return undefined;
  return negated ? 'not-ok' : 'ok';
}

/** The leftmost operand of a member/call chain is a `!` unary. */
function startsWithBang(n: Node): boolean {
  let head: Node | null = n;
  while (head && (head.type === 'navigation_expression' || head.type === 'call_expression')) head = head.namedChild(0);
  return head?.type === 'unary_expression' && head.childForFieldName('operator')?.type === '!';
}
