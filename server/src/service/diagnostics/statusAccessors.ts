/*
 * A response's status read through an accessor: a function named for the status that is handed the response alone
 * (WordPress `$code = wp_remote_retrieve_response_code($response);`, `status = status_of(resp)`, Go
 * `code := statusOf(resp)`). The local it is kept in is tested as the response's status.
 */

/**
 * `<local> = <callee>(<root>)` as a statement of its own (optionally declared: const/let/var/val); the callee a
 * name or a path of names (`a.b`, `A::b`, `$x->b`, `\\ns\\f`). Separators are required between the parts, so the
 * match stays linear on long text.
 */
const ACCESSOR_CALL = /^\s*(?:(?:const|let|var|val)\s+)?\$?([A-Za-z_]\w*)\s*(?::=|=(?!=))\s*\\?((?:\$?\w+(?:\.|::|->|\\))*\w+)\s*\(\s*\$?(\w+)\s*\)\s*;?\s*$/;
/** The accessor's own name says it reads the status (`wp_remote_retrieve_response_code`, `statusOf`, `get_status`). */
const STATUS_NAME = /status|code/i;
/** Longer statements hold more than one accessor read. */
const MAX_STATEMENT = 240;

/** The local a statement keeps `root`'s status in, read through a status accessor (PHP's `$` kept), or undefined. */
export function statusAccessorLocal(statement: string, root: string): string | undefined {
  if (statement.length > MAX_STATEMENT) return undefined;
  const name = root.replace(/^\$/, '');
  const m = ACCESSOR_CALL.exec(statement);
  if (!m || m[3] !== name || m[1] === name || !STATUS_NAME.test(m[2].split(/\.|::|->|\\/).pop() ?? '')) return undefined;
  return `${statement.trimStart().startsWith('$') ? '$' : ''}${m[1]}`;
}
