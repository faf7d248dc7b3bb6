import { functionBodyOf } from './flow/flowModel';
import type { Node } from 'web-tree-sitter';
import { CATCH_CLAUSE, catchBody } from './chainSyntax';
import type { DiagContext } from './context';

/*
 * A retry annotation or decorator around a method that catches every failure itself:
 *
 *   @Retryable(maxAttempts = 5, backoff = @Backoff(delay = 2000))
 *   public Optional<Quote> quote(String id) {
 *       try { return Optional.of(client.fetch(id)); }
 *       catch (Exception e) { log.warn("quote failed", e); }
 *       return Optional.empty();
 *   }
 *
 * The retry only sees what the method throws, and it throws nothing: the first 429 or 503 ends in the catch, and
 * the retry's own settings (its delay, its cap) never come into play.
 */

/** Caught types that take every failure a call can raise. */
const CATCH_ALL = /^(Exception|Throwable|RuntimeException|BaseException|StandardError|Error|IOException|RequestException|RestClientException|\w+\.RequestException)$/;
const TRY = /^try(_with_resources)?_statement$/;
/** Statements around the try that neither send nor fail: logging, a plain return, a local without calls. */
const LOGGING = /^(log|logger|LOG|LOGGER|logging|print|println|console|System\.(out|err)|Timber|_logger|self\.(log|logger)|MDC|ThreadContext)\b/;
const EMPTY_VALUE = /^(null|None|nil|false|False|true|True|0|-1|""|''|\[\]|\{\}|Optional\.empty\(\)|Map\.of\(\)|List\.of\(\)|Set\.of\(\)|Collections\.\w+\(\)|emptyList\(\)|emptyMap\(\)|[A-Za-z_][\w.]*)$/;

/**
 * The catch clause of `fnNode` that swallows every failure, when the method's work is one try that nothing
 * around it can make fail; undefined otherwise.
 */
function swallowingCatch(ctx: DiagContext, fnNode: Node): Node | undefined {
  const body = functionBodyOf(fnNode);
  if (!body) return undefined;
  const statements = body.namedChildren.filter((c): c is Node => c !== null && !ctx.flow.grammar.comments.has(c.type) && !/comment/.test(c.type));
  const tries = statements.filter((s) => TRY.test(s.type));
  if (tries.length !== 1) return undefined;
  for (const s of statements) if (s !== tries[0] && !harmless(s)) return undefined;
  const clauses = tries[0].namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
  // (A finally clause runs after either: it neither throws nor catches here.)
  const swallowing = clauses.find((c) => catchesAll(c));
  if (!swallowing) return undefined;
  // Every clause ends the failure: none throws again, none goes round.
  for (const c of clauses) {
    const handler = catchBody(c);
    if (!handler || /\b(throw|raise|rethrow)\b/.test(handler.text)) return undefined;
  }
  return swallowing;
}

function harmless(statement: Node): boolean {
  const text = statement.text.trim().replace(/;$/, '');
  // A local set from values, not calls (`String url = BASE + id;`).
  if (/declaration|assignment|expression_statement/.test(statement.type) && !text.includes('(')) return true;
  if (/^return\b/.test(text)) return EMPTY_VALUE.test(text.replace(/^return\s*/, '').trim()) || text === 'return';
  if (/^(pass|continue|break)$/.test(text)) return true;
  return LOGGING.test(text);
}

/** The clause catches every failure: `catch (Exception e)`, `except Exception:`, a bare `except:`, `rescue => e`. */
function catchesAll(clause: Node): boolean {
  const handler = catchBody(clause);
  const head = (handler ? clause.text.slice(0, handler.startIndex - clause.startIndex) : clause.text).replace(/\s+/g, ' ');
  if (/^except\s*:/.test(head) || /^rescue\s*(=>|$)/.test(head)) return true;
  const types = head.replace(/^(catch|except|rescue)\s*\(?/, '').replace(/\)?\s*[:{]?\s*$/, '').replace(/\s+as\s+\w+$|\s+\w+$/, '');
  const names = types.split(/[|,()\s]+/).map((t) => t.split('.').pop() ?? '').filter((t) => /^[A-Z]/.test(t) && t !== 'final');
  return names.length > 0 && names.some((t) => CATCH_ALL.test(t));
}

/**
 * Java/Kotlin `@Retryable` annotations and Python retry decorators, with the function each one wraps and its
 * swallowing catch clause, if any. Read once per analysis: the policy readers and the rule all ask.
 */
export function retryWrappedFunctions(ctx: DiagContext): ReadonlyArray<{ marker: Node; fn: Node; swallowing?: Node }> {
  let list = wrappedCache.get(ctx);
  if (!list) wrappedCache.set(ctx, (list = readWrappedFunctions(ctx).map((w) => ({ ...w, swallowing: swallowingCatch(ctx, w.fn) }))));
  return list;
}

const wrappedCache = new WeakMap<DiagContext, ReadonlyArray<{ marker: Node; fn: Node; swallowing?: Node }>>();

function readWrappedFunctions(ctx: DiagContext): Array<{ marker: Node; fn: Node }> {
  const out: Array<{ marker: Node; fn: Node }> = [];
  const root = ctx.doc.tree?.rootNode;
  if (!root) return out;
  const { grammarName } = ctx.flow;
  if (grammarName === 'python') {
    if (!/\b(tenacity|backoff)\b/.test(ctx.flow.text)) return out;
    for (const decorator of root.descendantsOfType('decorator')) {
      if (!decorator || !PY_RETRY_DECORATOR.test(decorator.text)) continue;
      const fn = decorator.parent?.childForFieldName('definition');
      if (fn) out.push({ marker: decorator, fn });
    }
  } else if (grammarName === 'java' || grammarName === 'kotlin') {
    if (!ctx.flow.text.includes('Retryable')) return out;
    for (const annotation of root.descendantsOfType(['annotation', 'marker_annotation'])) {
      if (!annotation || !/^@?(\w+\.)*Retryable\b/.test(annotation.text)) continue;
      let fn: Node | null = annotation.parent;
      while (fn && !/^(method_declaration|function_declaration)$/.test(fn.type)) fn = fn.parent;
      if (fn && fn.startIndex <= annotation.startIndex) out.push({ marker: annotation, fn });
    }
  }
  return out;
}

/** `@retry(…)`, `@tenacity.retry(…)`, `@backoff.on_exception(…)`. */
const PY_RETRY_DECORATOR = /^@\s*(tenacity\.)?retry\b|^@\s*backoff\.on_exception\b/;

/** The retry wrapping `fnNode` never runs again: the function swallows every failure itself. */
export function wrapsSwallowingFunction(ctx: DiagContext, marker: Node): boolean {
  const wrapped = retryWrappedFunctions(ctx).find((w) => w.marker.id === marker.id || (marker.startIndex >= w.marker.startIndex && marker.endIndex <= w.marker.endIndex));
  return wrapped?.swallowing !== undefined;
}
