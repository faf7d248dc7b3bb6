import type { Node } from 'web-tree-sitter';
import { catchBody } from '../chainSyntax';
import type { DiagContext } from '../context';
import type { CallInfo } from '../flow/flowModel';
import { goErrorPath } from '../goErrorRetries';
import { stayingClauses, tryAround } from '../wholesaleRetries';
import type { OuterRetry } from './outerRetries';

/*
 * Two layers multiply only when the outer one retries what the inner one gave up on: the failure of the call goes
 * round the outer loop. A loop that retries on a status answer while the call's exception (thrown after the inner
 * layer's own retries) leaves it, or whose catch re-raises unless the error is of some other kind (`Cannot allocate
 * memory`), re-sends nothing the inner layer already re-sent.
 */

/** A failure named in a catch's round-going branch: a transient status or a transport failure, or a retry test. */
const TRANSIENT = /\b(?:429|5\d\d)\b|time(?:d\s*)?out|connect|reset|refused|unavailable|throttl|rate.?limit|too.?many|overload|retr(?:y|iable)|transient|temporar|busy/i;

/** The call's failure goes round the outer retry (a decorator's or a wrapper's always reaches it). */
export function failsIntoRetry(ctx: DiagContext, outer: OuterRetry, call: CallInfo): boolean {
  if (outer.kind !== 'loop') return true;
  const loop = ctx.flow.loops.find((l) => l.node.id === outer.anchor.id);
  if (!loop) return true;
  const grammar = ctx.flow.grammarName;
  // Go: the call's error path stays in the loop (`if err == nil { return }` … round again).
  if (grammar === 'go') return call.loops[0] === loop && !!goErrorPath(call, loop)?.stays;
  // (Rust's Result matched arm by arm, or handed on with `?`, is not read here.)
  if (grammar === 'rust') return false;
  const tryNode = tryAround(ctx, call.node, loop.node);
  if (!tryNode) return false;
  const staying = stayingClauses(ctx, tryNode);
  return staying.some((clause) => !narrow(clause));
}

/**
 * A catch that ends re-raising and goes round only on a test naming no transient failure: `except OSError as e: if
 * "Cannot allocate memory" in str(e): sleep(); continue` then `raise e`.
 */
function narrow(clause: Node): boolean {
  const body = catchBody(clause);
  if (!body) return false;
  const statements = body.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  const last = statements[statements.length - 1];
  if (!last || !/^(raise_statement|throw_statement|throw_expression|expression_statement)$/.test(last.type) || !/^(raise|throw)\b/.test(last.text)) return false;
  // (What the tests ask, not the names in the branches: `time.sleep(retry_delay)` says nothing of the failure.)
  const conditions = statements.slice(0, -1).filter((s) => /^if_statement$|^if$/.test(s.type)).map((s) => s.childForFieldName('condition')?.text ?? '');
  return !conditions.some((c) => TRANSIENT.test(c));
}
