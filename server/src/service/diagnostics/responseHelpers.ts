import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { CallInfo, FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { parameterAt } from './statusSets';

/**
 * A response handed to a function of the same file that checks it: `validate(response)`, `self._check(resp)`,
 * `handleErrors(res)`. Whatever that function does with its parameter — `if not response.ok: raise …` — it does to
 * this request's response, so a rule that looks for the request's check looks in the helper too, with the parameter
 * standing for the response.
 */
export interface ResponseHelper {
  /** The call handing the response over, in the request's function. */
  call: CallInfo;
  /** The function of the file it calls. */
  helper: FnInfo;
  /** The helper's parameter that receives the response. */
  param: string;
  /** The request as the helper sees it: its response is the parameter, its function the helper. */
  seen: RequestInfo;
}

/** Receivers of a call to the file's own function or method (none: a plain function call). */
const OWN_RECEIVER = /^(self|this|cls|\$this|static|self::|static::|Self|base|super)$/;

/**
 * The calls after `request` (and before `limit`) in its function that hand its response, by name, to one function
 * of the file: the first argument that is the response variable decides which parameter receives it. A name that
 * the file defines more than once, or the request's own function (a recursion), is passed over.
 */
export function responseHelpers(ctx: DiagContext, request: RequestInfo, limit = Infinity): ResponseHelper[] {
  const { call, responseVar } = request;
  if (!responseVar || !call.fn) return [];
  const result: ResponseHelper[] = [];
  for (const c of ctx.flow.callsByFn.get(call.fn) ?? []) {
    if (c.start <= call.end || c.start >= limit) continue;
    if (c.receiver !== undefined && !OWN_RECEIVER.test(c.receiver.replace(/(->|::|\.)$/, ''))) continue;
    const defined = ctx.flow.fns.filter((f) => f.name === c.name);
    if (defined.length !== 1 || defined[0] === call.fn) continue;
    const helper = defined[0];
    const index = ctx.flow.adapter.callArguments(c.node).findIndex((a) => a.text.trim() === responseVar);
    if (index < 0) continue;
    const param = parameterAt(helper, index);
    const params = parameterList(helper.node);
    if (!param || !params) continue;
    // The helper's statements come after its parameter list: the request "ends" there, as seen from inside.
    const seen: RequestInfo = { ...request, responseVar: param, call: { ...call, node: params, start: params.startIndex, end: params.endIndex, fn: helper } };
    result.push({ call: c, helper, param, seen });
  }
  return result;
}

/** The node holding a function's parameters (Kotlin's `function_value_parameters` has no field name). */
function parameterList(fn: Node): Node | undefined {
  return fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter') ?? fn.namedChildren.find((c) => c?.type === 'function_value_parameters') ?? undefined;
}
