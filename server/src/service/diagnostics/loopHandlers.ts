import type { Node } from 'web-tree-sitter';
import { alwaysLeaves, blockStatements, catchBody, CATCH_CLAUSE } from './chainSyntax';

/** A try statement (or expression) whose handlers may catch what its body raises. */
const TRY = /^try_statement$|^try_with_resources_statement$|^try_expression$/;
/** The last statement of a handler that goes round again rather than leaving the loop. */
const GOES_ROUND = /^(continue_statement|continue|next|retry|redo)$/;

/**
 * A raise inside a try block within the retry loop, where one of the try's handlers goes on with the loop: the loop's
 * own handler catches it and goes round again. A try whose handlers all leave (`except ClientError as e: raise
 * ApiError(…) from e`, `catch (IOException e) { throw … }`) or that has none (`try … finally`) catches nothing for the
 * loop: a raise in its body leaves the loop as it would without the try.
 */
export function caughtInLoop(final: { node: Node; kind: 'raise' | 'return' | 'exit' }, loop: Node): boolean {
  // A return (or an exit) inside a try's body leaves the function whatever the try catches: only a raise is caught.
  if (final.kind !== 'raise') return false;
  let from: Node = final.node;
  for (let n: Node | null = final.node.parent; n && n.id !== loop.id; from = n, n = n.parent) {
    // (Raised from the try's own handler — `except HTTPError: … raise X` — it leaves that try.)
    if (TRY.test(n.type) && !/catch|except|finally|else|rescue|ensure/.test(from.type) && handlersGoOn(n)) return true;
  }
  return false;
}

/** Some handler of the try lets the loop go on: it does not always leave, or it leaves by going round. */
function handlersGoOn(tryNode: Node): boolean {
  const handlers = tryNode.namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
  // (A grammar whose handlers this does not name — kept as catching, as before.)
  if (handlers.length === 0) return !tryNode.namedChildren.some((c) => c !== null && /finally/.test(c.type));
  return handlers.some((clause) => {
    const body = catchBody(clause);
    if (!body || !alwaysLeaves(body)) return true;
    const statements = blockStatements(body);
    const last = statements[statements.length - 1];
    return !!last && GOES_ROUND.test(last.type === 'expression_statement' && last.namedChildren[0] ? last.namedChildren[0].type : last.type);
  });
}
