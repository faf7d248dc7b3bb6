import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';

/**
 * The data a `retryable-treated-as-final` finding carries for the quick fixes: the codes given up, the check that
 * names them, the branch (or clause, or arm) that gives them up and its final statement.
 */
export function giveUpData(
  ctx: DiagContext,
  g: { anchor: Node; check: Node; branch: Node; final: Node; finalKind: RetryableTreatedAsFinalData['finalKind']; codes: string[] },
): RetryableTreatedAsFinalData {
  return {
    ...ctx.base(g.anchor),
    codes: g.codes,
    checkRange: ctx.range(g.check),
    checkText: g.check.text,
    branchRange: ctx.range(g.branch),
    finalRange: ctx.range(g.final),
    finalKind: g.finalKind,
  };
}
