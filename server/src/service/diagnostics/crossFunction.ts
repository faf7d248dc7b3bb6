import { constantSets } from './constantSets';
import type { DiagContext } from './context';
import type { FileFlow } from './flow/flowModel';

/**
 * What ties one function's findings to other functions of the file: calls between the file's own
 * functions (summaries of waits, predicates, helpers handed a response, callers that retry), named status
 * collections read by membership tests, and the one-decision grouping of no-retry-on-request. An edit
 * inside a function that takes part in any of these is analysed with the whole file (see incremental.ts).
 */
export interface CrossFunctionFacts {
  /** Names of the file's functions. */
  fnNames: ReadonlySet<string>;
  /** Names of the file's functions that some call in the file calls. */
  calledNames: ReadonlySet<string>;
  /** The file names status collections (`RETRIABLE = {500, 503}`). */
  namedSets: boolean;
}

export function crossFunctionFacts(ctx: DiagContext): CrossFunctionFacts {
  const fnNames = new Set<string>();
  for (const fn of ctx.flow.fns) if (fn.name) fnNames.add(fn.name);
  const calledNames = new Set<string>();
  for (const call of ctx.flow.calls) if (fnNames.has(call.name)) calledNames.add(call.name);
  return { fnNames, calledNames, namedSets: constantSets(ctx).size > 0 };
}

/**
 * The edited function (its flow) calls another function of the file, is called by one, or the file names status
 * sets. Its text before the edit counts too: an edit that renames a called function (or breaks its header, so the
 * new flow names no function) changes what its callers elsewhere see.
 */
export function editCrossesFunctions(facts: CrossFunctionFacts, unit: FileFlow, oldText = ''): boolean {
  if (facts.namedSets) return true;
  const own = new Set<string>();
  for (const fn of unit.fns) if (fn.name) own.add(fn.name);
  for (const name of own) if (facts.calledNames.has(name)) return true;
  // (Only names as written in code: on a half-typed line a callee can be any text.)
  for (const name of facts.calledNames) if (!own.has(name) && /^[A-Za-z_$][\w$]*$/.test(name) && new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(oldText)) return true;
  for (const call of unit.calls) if (facts.fnNames.has(call.name) && !own.has(call.name)) return true;
  return false;
}
