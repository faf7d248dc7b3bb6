import type { Node } from 'web-tree-sitter';
import { branchOutcome, returnValues, subjectRoot } from '../diagnostics/branches';
import { CATCH_CLAUSE, catchBody, caughtClassNames, tryBlock } from '../diagnostics/chainSyntax';
import type { DiagContext } from '../diagnostics/context';
import type { FnInfo } from '../diagnostics/flow/flowModel';

/*
 * Which functions of a file fail on error statuses for their callers in other files (the workspace summary's
 * `failsOnStatus` and `raisesOnParam`): they send a request, or are handed a response, and turn a failure status
 * into an error with no retry.
 */

const ERROR_VALUE = /(Error|Exception)\b|\berrors\.New\(|\bfmt\.Errorf\(|^err$|Err\w*$|reject\(/;
const OK_FLAG = /(!|\bnot\s+)\(?\s*([\w.]+)\.(ok|IsSuccessStatusCode|is_success|isSuccessful\(\))\b/;

/**
 * Functions that send a request, themselves or through functions of the file, and turn a failure status
 * into an error: a success check (`raise_for_status()`, `!res.ok`, `!= 200`, `>= 400`) in the function
 * or in a function of the file it hands the response to. None when the file retries anything itself; not one whose
 * requests a mechanism retries where they are sent, nor a function reaching requests only through it.
 */
export function failingFunctions(ctx: DiagContext): Set<FnInfo> {
  const failing = new Set<FnInfo>();
  if (ctx.mechanisms.fileMechanism || ctx.requests.some((r) => r.call.loops.some((l) => l.kind !== 'collection'))) return failing;
  const named = ctx.flow.fns.filter((f) => f.name);
  const checks = new Set<FnInfo>();
  for (const fn of named) if (failureRoots(ctx, fn).size > 0) checks.add(fn);
  const byName = new Map<string, FnInfo[]>();
  for (const fn of named) byName.set(fn.name!, [...(byName.get(fn.name!) ?? []), fn]);
  const callees = (fn: FnInfo) => (ctx.flow.callsByFn.get(fn) ?? []).flatMap((c) => (byName.get(c.name) ?? []).filter((g) => g !== fn));
  for (const fn of named) {
    const requests = ctx.requestsIn(fn);
    if (requests.length === 0) continue;
    // Its requests are retried where they are sent (a retry decorator on it, a retrying wrapper around them): what it
    // raises has been through the retries, and a function of the file calling it hands on a retried failure.
    if (requests.every((r) => ctx.mechanisms.covering(r.call.node, r.call.receiver, r.library, true))) continue;
    // It sends again by calling itself (`catch (err) { …; return resendingFetch(url, init, tries - 1); }`): a retry by
    // recursion, so what it finally raises has been through its retries.
    if ((ctx.flow.callsByFn.get(fn) ?? []).some((c) => c.name === fn.name && !c.receiver?.includes('super'))) continue;
    if (checks.has(fn) || callees(fn).some((g) => checks.has(g) && ctx.requestsIn(g).length === 0)) failing.add(fn);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const fn of named) if (!failing.has(fn) && callees(fn).some((g) => failing.has(g))) changed = !!failing.add(fn);
  }
  return failing;
}

/**
 * What a function's failure checks test (the root of the subject: `resp` in `resp.status_code >= 400`,
 * `raise_for_status()` on `resp`, `if (!res.ok) throw`), when the failure branch raises or returns an
 * error (not `return false`, not a logged drop). '' when the root is not known.
 */
function failureRoots(ctx: DiagContext, fn: FnInfo): Set<string> {
  const roots = new Set<string>();
  const { grammar } = ctx.flow;
  const fails = (branch: Node | null): boolean => {
    if (!branch) return false;
    const outcome = branchOutcome(ctx, branch, fn.name, undefined);
    if (!outcome.final || outcome.continues || outcome.retries) return false;
    if (outcome.final.kind === 'raise') return true;
    const values = outcome.final.kind === 'return' ? returnValues(ctx, outcome.final.node) : [];
    return values.length > 0 && ERROR_VALUE.test(values[values.length - 1].text.trim());
  };
  for (const o of ctx.clientChecksIn(fn)) {
    const test = ctx.testOf(o);
    const code = Number(o.code);
    if (test && ((test.op.startsWith('!=') && code >= 200 && code < 300) || (/^>=?$/.test(test.op) && code >= 299 && code <= 500)) && fails(test.branch)) roots.add(subjectRoot(test.subject) ?? '');
  }
  for (const c of ctx.flow.callsByFn.get(fn) ?? []) if ((c.name === 'raise_for_status' || c.name === 'EnsureSuccessStatusCode') && !caughtHere(ctx, c.node, fn)) roots.add(c.receiver?.split(/[.(]/)[0] ?? '');
  if (OK_FLAG.test(fn.node.text)) {
    const visit = (n: Node): void => {
      if (n.id !== fn.node.id && grammar.functions.has(n.type)) return;
      if (grammar.ifs.has(n.type)) {
        const m = OK_FLAG.exec(grammar.ifCondition(n)?.text ?? '');
        if (m && fails(grammar.ifConsequence(n))) roots.add(m[2].split('.')[0]);
      }
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(fn.node);
  }
  return roots;
}

/** Functions that send nothing and fail on the statuses of a response they are handed: which parameter. */
export function responseCheckers(ctx: DiagContext): Map<FnInfo, number> {
  const found = new Map<FnInfo, number>();
  for (const fn of ctx.flow.fns) {
    if (!fn.name || fn.parent || ctx.requestsIn(fn).length > 0) continue;
    const roots = failureRoots(ctx, fn);
    if (roots.size === 0) continue;
    const index = orderedParameters(fn).findIndex((p) => roots.has(p));
    if (index >= 0) found.set(fn, index);
  }
  return found;
}

/** Parameter names in order, without Python's `self`/`cls`. */
function orderedParameters(fn: FnInfo): string[] {
  // (Kotlin's function_value_parameters is no field)
  const list = fn.node.childForFieldName('parameters') ?? fn.node.namedChildren.find((c) => c?.type === 'function_value_parameters') ?? null;
  const names: string[] = [];
  for (const p of list?.namedChildren ?? []) {
    if (!p) continue;
    const name = p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.namedChildren.find((c) => c?.type === 'identifier'))?.text;
    if (name && name !== 'self' && name !== 'cls') names.push(name);
  }
  return names;
}

/** Errors a client's success check raises, or a base class of them (a catch of one takes the status error). */
const STATUS_ERROR = /^(HTTPError|HTTPStatusError|ClientResponseError|RequestException|HttpRequestException|Exception|BaseException)$/;

/**
 * The success check sits in a try of the same function whose handler takes the status error it raises and does not
 * raise again (`try: r.raise_for_status() … except requests.HTTPError as e: print(e)`): the function keeps the failure
 * to itself, its callers never see it raised.
 */
function caughtHere(ctx: DiagContext, check: Node, fn: FnInfo): boolean {
  for (let n = check.parent; n && n.id !== fn.node.id; n = n.parent) {
    if (!/^(try_statement|try_expression)$/.test(n.type)) continue;
    const body = tryBlock(n);
    if (!body || check.startIndex < body.startIndex || check.endIndex > body.endIndex) continue;
    for (const clause of n.namedChildren) {
      if (!clause || !CATCH_CLAUSE.test(clause.type)) continue;
      const types = caughtClassNames(ctx.flow.text, clause);
      const handler = catchBody(clause);
      if ((types.length === 0 || types.some((t) => STATUS_ERROR.test(t))) && handler && !/\b(raise|throw)\b/.test(handler.text)) return true;
    }
  }
  return false;
}

