import { functionBodyOf } from './flow/flowModel';
import type { Node } from 'web-tree-sitter';
import { blockStatements, ifClauses } from './chainSyntax';
import type { DiagContext } from './context';
import { functionsByName } from './statusChains';

/**
 * What a failure branch (an `if !ok` arm, a catch clause, Go's `if err != nil`) does when it neither raises nor
 * retries: it only logs, or it answers with nothing (`return []`, `return None`, `return nil, nil`). Read by
 * no-retry-on-request (a write only logged) and by the failures a catch lets go (rules/swallowedFailures.ts).
 */

/** A branch whose statements only log (a logger, print, console): the failure is noted and the function goes on. */
export function onlyLogs(ctx: DiagContext, branch: Node, depth = 0): boolean {
  const { grammar } = ctx.flow;
  const statements = branch.namedChildren.filter((c): c is Node => c !== null && !grammar.comments.has(c.type));
  let logs = false;
  for (const s of statements) {
    const text = s.text.trim();
    if (LOG_CALL.test(text)) logs = true;
    // The message put together first (`err_msg = f'… {r.status_code}'`, `msg += …`), or told apart (`if status // 100 == 4:
    // err_msg += params`): still only a log line in the making.
    else if (BUILDS_MESSAGE.test(text)) continue;
    else if (depth < 2 && grammar.ifs.has(s.type) && ifClauses(s).every((c) => onlyLogs(ctx, c.body, depth + 1))) continue;
    else return false;
  }
  // (A nested arm may only add to the message the outer branch logs.)
  return logs || (depth > 0 && statements.length > 0);
}

/** A statement assigning a message, as a log line is put together: `err_msg = …`, `message += …`, `const text = …`. */
const BUILDS_MESSAGE = /^(?:(?:const|let|var|val|final|String|string|auto)\s+)?(?:\$?\w*(?:msg|message|text|details?|reason|description)\w*)\s*(?:\+=|:=|\.=|=(?!=))/i;

const LOG_CALL = /^(?:await\s+)?(?:[\w$.]*\b(?:log|logger|logging|_logger|\w+_logger|console|Log|LOG|LOGGER)\s*\.\s*\w+|print|println|puts|warn|error_log|fmt\.(?:Print|Fprint)\w*|System\.(?:out|err)\.print\w*|Console\.Write\w*|logError|logWarn\w*)\s*\(/;

/** An error reporter's capture (`Sentry.captureException(e)`, `sentry_sdk.capture_exception(e)`, `e.printStackTrace()`): a log line too. */
const REPORTS = /^(?:await\s+)?(?:[\w$.]*\b(?:captureException|capture_exception|captureMessage|capture_message|notify_exception|printStackTrace|report_exception|reportError)|Rails\.logger\.\w+|logger\.\w+|Log\.\w+)\b/;

/** A value that says "nothing there": none, an empty collection or string, false, zero. */
const EMPTY_VALUE = /^(?:nil|null|None|undefined|false|False|0|-1|''|""|``|\[\s*\]|\{\s*\}|\(\s*\)|list\(\)|dict\(\)|set\(\)|array\(\s*\)|\[\]\w+\{\s*\}|map\[[^\]]+\]\w+\{\s*\}|\w+\{\s*\}|new\s+(?:[\w.]+\.)?(?:List|ArrayList|LinkedList|HashMap|Dictionary|HashSet|Map|Set|Array|JSONArray|JSONObject)\b[\w.<>, ]*\(\s*\)|Collections\.empty\w*\(\)|List\.of\(\)|Map\.of\(\)|emptyList\(\)|emptyMap\(\)|listOf\(\)|mapOf\(\)|Array\.Empty<[\w.<>]+>\(\)|Enumerable\.Empty<[\w.<>]+>\(\)|Vec::new\(\)|Default::default\(\)|Ok\(\s*(?:None|Vec::new\(\)|\(\))\s*\)|default|default\([\w.<>]*\))$/;

/** Grammars whose blocks hand back their last expression. */
const IMPLICIT_VALUE = new Set(['ruby', 'kotlin']);

/** How a failure branch lets the failure go without raising it or trying again; undefined when it does something else. */
export type Swallow = 'logged' | 'empty' | 'ignored';

/**
 * The branch lets the failure go: every statement logs, builds a message, or ends the branch with an empty answer
 * (`return []`, a bare `return`, Python's `pass`). Skipping to the next item of a loop is not read as letting go: a
 * loop over many items often means to do what it can. A branch that raises, retries, sets state, calls anything else
 * or returns a value with content does something about the failure and is not swallowing.
 */
export function swallows(ctx: DiagContext, branch: Node): Swallow | undefined {
  const { grammar } = ctx.flow;
  const statements = blockStatements(branch);
  if (statements.length === 0) return 'ignored';
  let logged = false;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const text = s.text.trim().replace(/;$/, '');
    const last = i === statements.length - 1;
    if (LOG_CALL.test(text) || REPORTS.test(text) || callsLoggingHelper(ctx, text)) logged = true;
    else if (BUILDS_MESSAGE.test(text)) continue;
    else if (s.type === 'pass_statement') continue;
    // `if (error.response) { console.error(error.response.status) }`: what is logged told apart, still only logging.
    else if (!last && grammar.ifs.has(s.type) && ifClauses(s).every((c) => onlyLogs(ctx, c.body, 1))) logged = true;
    else if (last && grammar.returns.has(s.type)) {
      const values = s.namedChildren.filter((c): c is Node => c !== null && !grammar.comments.has(c.type));
      const flat = values.flatMap((v) => (v.type === 'expression_list' ? v.namedChildren.filter((x): x is Node => x !== null) : [v]));
      if (!flat.every((v) => EMPTY_VALUE.test(v.text.trim()))) return undefined;
      return 'empty';
    }
    // Ruby and Kotlin hand back a block's last value (`rescue => e … []`, `catch (e: Exception) { null }`).
    else if (last && IMPLICIT_VALUE.has(ctx.flow.grammarName) && EMPTY_VALUE.test(text)) return 'empty';
    else return undefined;
  }
  return logged ? 'logged' : 'ignored';
}

/** A call of a function of this file that only logs (`this.#errorHandler(error)`, `self._log_failure(e)`). */
function callsLoggingHelper(ctx: DiagContext, text: string): boolean {
  const name = OWN_CALL.exec(text)?.[1];
  if (!name) return false;
  const fns = functionsByName(ctx).get(name) ?? functionsByName(ctx).get(`#${name}`) ?? [];
  return fns.length > 0 && fns.every((fn) => {
    const body = functionBodyOf(fn.node);
    // (Its logging may all sit in arms: `if (error.response) log(…) else log(…)`.)
    return !!body && onlyLogs(ctx, body, 1);
  });
}

const OWN_CALL = /^(?:await\s+)?(?:(?:this|self|\$this)(?:\.|->)#?)?(\w+)\s*\([^;]*\)$/s;

/** An expression that stands for nothing (an arrow function's body `() => []`, `() => null`). */
export function isEmptyValue(text: string): boolean {
  return EMPTY_VALUE.test(text.trim().replace(/^\((.*)\)$/s, '$1').trim());
}

/** A call that only logs (`console.error(e)`), as an arrow function's whole body. */
export function isLogCall(text: string): boolean {
  return LOG_CALL.test(text.trim()) || REPORTS.test(text.trim());
}
