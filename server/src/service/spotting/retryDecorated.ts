import type { Node } from 'web-tree-sitter';
import { namedChildren } from './syntaxAdapter';

/**
 * Python functions a retry decorator wraps (tenacity `@retry(…)`, `@backoff.on_exception(backoff.expo, X)`): a status
 * test whose branch raises an exception the decorator retries on — tenacity's `TryAgain`, a type its
 * `retry_if_exception_type(…)` / `on_exception(…)` lists, or any exception when it lists none — decides which calls go
 * round, as a retry predicate does (https://tenacity.readthedocs.io/en/latest/#retrying-code-block, "TryAgain";
 * https://github.com/litl/backoff#on_exception).
 */

/** Decorators that retry the function they wrap. */
const RETRY_DECORATOR = /^@\s*(?:[\w.]+\.)?(retry|retrying|on_exception|retry_on_exception|with_retries|retry_\w+|\w+_retry)\b/;
/** The exception types a decorator retries on, where it lists them. */
const RETRIED_TYPES = /\b(?:retry_if_exception_type|on_exception)\s*\(([^)]*)\)/;
/** An `if` (or its `elif`) whose condition the test stands in. */
const IF = /^(if_statement|elif_clause)$/;
/** Exceptions tenacity always retries. */
const ALWAYS_RETRIED = /^(tenacity\.)?TryAgain$/;

/** The retry decorator on `fn` (its text), if one wraps it. */
function retryDecorator(fn: Node): string | undefined {
  const decorated = fn.parent;
  if (decorated?.type !== 'decorated_definition') return undefined;
  return namedChildren(decorated).find((d) => d.type === 'decorator' && RETRY_DECORATOR.test(d.text))?.text;
}

/** tenacity's list of the types it does not retry. */
const SPARED_TYPES = /\bretry_if_not_exception_type\s*\(([^)]*)\)/;
/** Any other way of choosing what is retried (`retry=retry_if_exception(is_retryable)`, `giveup=`): the decorator says, not the raise. */
const OTHER_CHOICE = /\b(retry|giveup|give_up)\s*=/;

function typeNames(listed: string): string[] {
  return listed
    .split(',')
    .map((t) => t.replace(/[()\s]/g, '').split('.').pop() ?? '')
    .filter((t) => /^[A-Z]\w*$/.test(t));
}

/**
 * Which raised types the decorator retries: those it lists (`only`), all but those it spares (`except`), or any when it
 * says nothing of them; undefined when a predicate of its own decides.
 */
function retriedTypes(decorator: string): { only?: string[]; except?: string[] } | undefined {
  const listed = RETRIED_TYPES.exec(decorator)?.[1];
  if (listed !== undefined) return { only: typeNames(listed) };
  const spared = SPARED_TYPES.exec(decorator)?.[1];
  if (spared !== undefined) return { except: typeNames(spared) };
  return OTHER_CHOICE.test(decorator) ? undefined : {};
}

/** `node` is in the condition of an `if` of `fn` whose branch raises an exception the decorator on `fn` retries. */
export function raisesForRetryDecorator(node: Node, fn: Node): boolean {
  const decorator = retryDecorator(fn);
  if (!decorator) return false;
  let test: Node = node;
  let up = node.parent;
  for (let depth = 0; up && up.id !== fn.id && depth < 8 && !IF.test(up.type); depth++) {
    test = up;
    up = up.parent;
  }
  if (!up || !IF.test(up.type) || up.childForFieldName('condition')?.id !== test.id) return false;
  const branch = up.childForFieldName('consequence');
  if (!branch) return false;
  const types = retriedTypes(decorator);
  return namedChildren(branch).some((statement) => {
    if (statement.type !== 'raise_statement') return false;
    const raised = /^raise\s+([\w.]+)/.exec(statement.text)?.[1].split('.').pop();
    if (raised && ALWAYS_RETRIED.test(raised)) return true;
    if (!types) return false;
    const named = raised !== undefined && /^[A-Z]/.test(raised) ? raised : undefined;
    if (types.only) return named !== undefined && types.only.includes(named);
    // (A bare `raise` or `raise e` re-raises what was caught: retried when the decorator retries any exception.)
    return !types.except || named === undefined || !types.except.includes(named);
  });
}
