import type { Node } from 'web-tree-sitter';
import { CODE_NAME, DEFAULT_OPERATORS, ERROR_CODE_FIELD, PREFIXED_STATUS_NAME, RESPONSE_OR_ERROR_OBJECT, STATUS_NAME } from './names';
import { namedChildren, SyntaxAdapter } from './syntaxAdapter';
import { SPY_STATUS_ARGUMENT } from './spyAssertions';

/** Function nodes (and Python's module-free bodies) a local belongs to. */
const FUNCTION_BODY =
  /^(function_declaration|function_definition|function_expression|function|method_declaration|method_definition|arrow_function|func_literal|local_function_statement|lambda_expression|constructor_declaration|anonymous_function|method|function_item|closure_expression)$/;
const MAX_DEPTH = 64;

/** The value of a one-name assignment or declaration (`c := r.StatusCode`, `int c = r.getStatus();`). */
function assignedValue(assignment: Node): Node | null {
  const value = assignment.childForFieldName('right') ?? assignment.childForFieldName('value');
  if (value && value.type === 'expression_list') {
    const values = namedChildren(value);
    return values.length === 1 ? values[0] : null;
  }
  if (value) return value;
  // C# `var c = (int)r.StatusCode;` puts the value after `=` without a field name
  const children = namedChildren(assignment);
  return children.length === 2 ? children[1] : null;
}

/**
 * Reads expressions the way the status classifier needs them: does this read a response's status or an
 * error's code, what is the last name of a callee or member, what is a call's receiver.
 */
/** Lists named for statuses: `statusCodes`, `statuses`, `status_codes`. */
const STATUS_LIST_NAME = /^(status_?codes|statuses|http_?status_?codes)$/i;

export class ExpressionReader {
  constructor(protected readonly syntax: SyntaxAdapter) {}

  /** True when the expression reads a response's status (`r.status_code`, `resp.StatusCode`, `(int)x.StatusCode`). */
  isStatusLike(expr: Node | null): boolean {
    const node = this.unwrap(expr);
    if (!node) return false;
    const s = this.syntax;
    // A setter spy's recorded status: `res.status.mock.calls[0][0]`, `res.status.firstCall.args[0]` (spyAssertions.ts).
    if (node.endIndex - node.startIndex < 120 && SPY_STATUS_ARGUMENT.test(node.text)) return true;
    if (s.calls.has(node.type)) {
      const callee = s.callee(node);
      const name = this.lastName(callee);
      const args = s.callArguments(node);
      if (args.length === 0) {
        // (Gson's `getAsInt()`, Jackson's `asInt()` on a JSON field read: `obj.get("status").getAsInt()`)
        // (and a status turned to text to be compared with a string: `r.status.toString() === "503"`)
        if (name === 'value' || name === 'intValue' || name === 'to_i' || name === 'as_u16' || name === 'getAsInt' || name === 'asInt' || name === 'toString' || name === 'to_s') return this.isStatusLike(this.receiverOf(node));
        const receiver = this.receiverOf(node);
        // (A bare `code()` in a Kotlin extension of a response or an error type, `fun HttpException.toError() =
        // when (code()) { … }`, is called on that implicit receiver.)
        // (node-mocks-http reads what a handler set with `res._getStatusCode()`: a private accessor named for the status.)
        return name !== undefined && (STATUS_NAME.test(name.replace(/^_(?=[a-zA-Z])/, '')) || (CODE_NAME.test(name) && (receiver ? this.objectLooksLikeResponse(receiver) : this.extendsResponseType(node))));
      }
      // (`str(r.status_code)`, `String(res.status)`, `strconv.Itoa(resp.StatusCode)`: the status as text)
      if (name && /^(int|Number|parseInt|Int|toInt|Integer|intval|str|String|Itoa|strval)$/i.test(name) && args.length === 1) return this.isStatusLike(args[0]);
      // (Flink's `row.getField("statusCode")`, Ruby's `hash.fetch("status")` / `dig(:status)` read the same way.)
      if (name && /^(getattr|get|Get|getOrDefault|GetValueOrDefault|getField|getProperty|fetch|dig)$/.test(name)) {
        // `getattr(exc, "status_code", None)`, `data.get("status")`, `context.get("response_status")`
        // lodash `_.get(err, "response.statusCode")` reads a path
        return args.some((a) => {
          const key = /^['"](?:[\w$]+\.)*([\w$]+)['"]$/.exec(a.text)?.[1];
          return key !== undefined && (STATUS_NAME.test(key) || /^(response|http)_?status$/i.test(key));
        });
      }
      // A function that reads a response's status: WordPress `wp_remote_retrieve_response_code($response)`,
      // `get_status_code(resp)`, `responseCode(r)`.
      if (name && args.length === 1 && /(retrieve|get)_?(response_?code|status_?code|http_?code)$|^(get_?)?(response_?code|status_?code)$/i.test(name)) return true;
      return false;
    }
    if (s.members.has(node.type)) {
      const parts = s.memberParts(node);
      if (!parts) return false;
      if (STATUS_NAME.test(parts.property.replace(/^_(?=[a-zA-Z])/, '')) || PREFIXED_STATUS_NAME.test(parts.property)) return true;
      if (parts.property === 'value' || parts.property === 'Value') return this.isStatusLike(parts.object);
      return CODE_NAME.test(parts.property) && this.objectLooksLikeResponse(parts.object);
    }
    if (node.type === 'subscript' || node.type === 'subscript_expression' || node.type === 'element_reference') {
      // `r["status"]`, Ruby `response[:status]` / `env[:status]`, `result['status']`
      // (PHP's subscript names no field: its key is the last child, as Ruby's.)
      const key = node.childForFieldName('subscript') ?? node.childForFieldName('index') ?? node.lastNamedChild;
      // (PHP API wrappers answer arrays: `$result['code'] == 200`)
      // (Ruby `e.info[:response_status]`: a key named for the response's status.)
      // (Any key a member would be read by: boto's `["ResponseMetadata"]["HTTPStatusCode"]`, `["statusCode"]`.)
      const keyName = key !== null ? /^(?:['"]([\w-]+)['"]|:(\w+))$/.exec(key.text) : null;
      const named = keyName ? keyName[1] ?? keyName[2] : undefined;
      if (named && (named === 'code' || STATUS_NAME.test(named) || PREFIXED_STATUS_NAME.test(named))) return true;
      // `statusCodes[i]`, `statuses[0]`: an element of a list named for statuses (a batch's per-item statuses).
      const list = node.childForFieldName('object') ?? node.childForFieldName('value') ?? node.namedChild(0);
      return key !== null && list !== null && list.id !== key.id && !/^['":]/.test(key.text) && STATUS_LIST_NAME.test(this.lastName(list) ?? '');
    }
    if (node.type === 'identifier' || node.type === 'variable_name') {
      // PHP locals carry their `$`: `$status`, `$code`; a numbered local reads the same (`code1`, `status_2`)
      const name = node.text.replace(/^\$/, '').replace(/_?\d$/, '');
      // (C# properties are capitalised: `(int)Code >= 200`)
      // (`rcode`: the response code a transport hands its response-interpreting helper, as openai-python's did.)
      if (node.text === 'it') {
        // Kotlin `response.status.value.let { it == 429 }`: the implicit parameter of a scope function is its receiver.
        const subject = this.scopeSubject(node);
        if (subject) return this.isStatusLike(subject);
      }
      return STATUS_NAME.test(name) || PREFIXED_STATUS_NAME.test(name) || name === 'code' || name === 'Code' || name === 'rcode' || this.localHoldsStatus(node);
    }
    if ((s.binaries.has(node.type) || node.type === 'boolean_operator') && DEFAULT_OPERATORS.has(s.operatorOf(node).trim())) {
      return namedChildren(node).some((n) => this.isStatusLike(n));
    }
    return false;
  }

  /** True when the expression reads an error's code (`err.code`, `e.response.data.error.type`, `ex.ErrorCode`). */
  isErrorCodeLike(expr: Node | null): boolean {
    const node = this.unwrap(expr);
    if (!node) return false;
    const s = this.syntax;
    if (s.members.has(node.type)) {
      const parts = s.memberParts(node);
      return parts !== undefined && ERROR_CODE_FIELD.test(parts.property);
    }
    if (s.calls.has(node.type)) {
      const name = this.lastName(s.callee(node));
      const args = s.callArguments(node).length;
      // `err.code()`, `e.getErrorCode()`; gRPC `status.Code(err)`; a helper reading it (`getRecallErrorCode(err)`, `errorCodeOf(e)`)
      return name !== undefined && (args === 0 ? ERROR_CODE_FIELD.test(name) : args === 1 && (/^(code|Code|CodeOf|FromError|Convert|curl_errno|curl_multi_errno)$/.test(name) || /^(get_?)?\w*error_?code(_?of)?$/i.test(name)));
    }
    // (Ruby reads a hash with `element_reference`: `error_body["error_code"]`.)
    if (node.type === 'subscript' || node.type === 'subscript_expression' || node.type === 'element_access_expression' || node.type === 'element_reference') {
      const key = node.childForFieldName('subscript') ?? node.childForFieldName('index') ?? node.lastNamedChild;
      const content = key ? /^['"]([\w-]+)['"]$/.exec(key.text) : null;
      return content !== null && ERROR_CODE_FIELD.test(content[1]);
    }
    // (PHP's `$errno`: a variable_name with its sigil)
    if (node.type === 'identifier' || node.type === 'variable_name') return /^\$?(code|error_?code|errorCode|err_?code|errno|curl_?errno|reason|error_?type|status)$/i.test(node.text);
    return false;
  }

  private readonly locals = new Map<string, boolean>();
  private readonly assignmentsIn = new Map<number, Node[]>();

  /**
   * A local the function reads a status into: `c := r.StatusCode; if 200 <= c && c <= 299`, `sc = resp.status_code`.
   * Every assignment to the name in the function before the use must read a status; the answer is cached per
   * function and name, so a file's sites cost one walk of each function at most.
   */
  private localHoldsStatus(id: Node): boolean {
    const fn = this.functionOf(id);
    if (!fn) return false;
    const key = `${fn.id}:${id.text}`;
    const known = this.locals.get(key);
    if (known !== undefined) return known;
    this.locals.set(key, false); // no recursion through `a = b; b = a`
    const values = this.assignedBefore(id) ?? [];
    const result = values.length > 0 && values.every((value) => value !== null && this.isStatusLike(value));
    this.locals.set(key, result);
    return result;
  }

  /**
   * The values given to the local `id` names by the one-name assignments of its function before `id` (null where an
   * assignment's value cannot be read), in source order; undefined outside a function. The function's assignments are
   * collected once and cached.
   */
  assignedBefore(id: Node): Array<Node | null> | undefined {
    const fn = this.functionOf(id);
    if (!fn) return undefined;
    let assignments = this.assignmentsIn.get(fn.id);
    if (!assignments) {
      assignments = fn.descendantsOfType([...this.syntax.assignments]).filter((n): n is Node => n !== null);
      this.assignmentsIn.set(fn.id, assignments);
    }
    const values: Array<Node | null> = [];
    for (const assignment of assignments) {
      if (assignment.startIndex > id.startIndex) break;
      const target = this.syntax.assignTarget(assignment);
      const names = target ? (target.type === 'expression_list' ? namedChildren(target) : [target]) : [];
      if (names.length !== 1 || names[0].text !== id.text) continue;
      values.push(assignedValue(assignment));
    }
    return values;
  }

  private functionOf(id: Node): Node | null {
    let fn: Node | null = id.parent;
    for (let depth = 0; fn && !FUNCTION_BODY.test(fn.type); depth++) fn = depth > MAX_DEPTH ? null : fn.parent;
    return fn;
  }

  /** The object a call is made on: `a` in `a.b()`. */
  receiverOf(call: Node): Node | null {
    const callee = this.syntax.callee(call);
    if (callee && this.syntax.members.has(callee.type)) return this.syntax.memberParts(callee)?.object ?? null;
    return call.childForFieldName('object') ?? call.childForFieldName('receiver'); // Java method_invocation, Ruby call
  }

  protected objectLooksLikeResponse(object: Node | null): boolean {
    if (object && object.text === 'it') {
      // Kotlin `e.takeIf { it.code() == 404 }`, `call.execute().let { it.code >= 500 }`: `it` is the scope function's receiver.
      const subject = this.scopeSubject(object);
      if (subject) return this.objectLooksLikeResponse(subject) || this.isExecutedCall(subject);
    }
    // Kotlin's smart cast: `this is HttpException && this.code() == 401`.
    if (object && this.castToResponse(object)) return true;
    const name = this.lastName(object);
    if (name !== undefined && RESPONSE_OR_ERROR_OBJECT.test(name)) return true;
    // pytest's `excinfo.value`: the exception `pytest.raises(…) as excinfo` caught (`excinfo.value.code == 404`).
    if (name === 'value' && object && this.syntax.members.has(object.type) && /^(exc_?info|excinfo|raised|exc|err|error|e)$/.test(this.lastName(this.syntax.memberParts(object)?.object ?? null) ?? '')) return true;
    // `self.code` / `this.code` in an error or response class of its own: the object is one.
    return !!object && /^(self|this|\$this)$/.test(object.text) && /(Error|Exception|Response)$/.test(this.classNameOf(object) ?? '');
  }

  /**
   * What Kotlin's implicit `it` stands for: the receiver of the scope function whose lambda holds it (`x.let { it … }`,
   * `also`, `takeIf`, `takeUnless`). Null for a lambda that names its parameters, or any other call's `it`.
   */
  private scopeSubject(it: Node): Node | null {
    for (let up = it.parent, depth = 0; up && depth < 16; up = up.parent, depth++) {
      if (up.type !== 'lambda_literal') continue;
      if (/^\{[^{}]*?->/.test(up.text)) return null;
      const call = up.parent?.type === 'annotated_lambda' ? up.parent.parent : null;
      if (!call || !this.syntax.calls.has(call.type)) return null;
      const callee = this.syntax.callee(call);
      const parts = callee && this.syntax.members.has(callee.type) ? this.syntax.memberParts(callee) : undefined;
      return parts && /^(let|also|takeIf|takeUnless)$/.test(parts.property) ? (parts.object ?? null) : null;
    }
    return null;
  }

  /** A blocking HTTP call's result: OkHttp's and Retrofit's `call.execute()`, which answer with the response. */
  private isExecutedCall(node: Node): boolean {
    return this.syntax.calls.has(node.type) && this.lastName(this.syntax.callee(node)) === 'execute' && this.syntax.callArguments(node).length === 0;
  }

  /** `x` was tested to be an exception or response type earlier in the same `&&` chain (Kotlin's smart cast). */
  private castToResponse(object: Node): boolean {
    let child = object;
    for (let up = object.parent, depth = 0; up && depth < 8; child = up, up = up.parent, depth++) {
      if (!this.syntax.binaries.has(up.type)) continue;
      if (this.syntax.operatorOf(up).trim() !== '&&') continue;
      const left = namedChildren(up)[0];
      if (!left || left.id === child.id || left.type !== 'is_expression') continue;
      const [subject, type] = namedChildren(left);
      if (subject?.text === object.text && /(Exception|Error|Response)$/.test(this.lastName(type ?? null) ?? '')) return true;
    }
    return false;
  }

  /** The node sits in a Kotlin extension function of an error or response type (`fun HttpException.toError()`). */
  private extendsResponseType(node: Node): boolean {
    for (let up = node.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
      if (up.type !== 'function_declaration') continue;
      const head = /^[^(={]*?\bfun\s+(?:<[^>]*>\s*)?([\w.]+)(?:<[^>]*>)?\??\.\w+\s*\(/.exec(up.text);
      return !!head && /(Exception|Error|Response)$/.test(head[1]);
    }
    return false;
  }

  /** The name of the class a node is written in, if any. */
  private classNameOf(node: Node): string | undefined {
    return this.classAround(node)?.childForFieldName('name')?.text;
  }

  /** The class declaration a node is written in (Python, Ruby, Java, C#, Kotlin, PHP, JavaScript), within `maxDepth` levels. */
  protected classAround(node: Node, maxDepth = 40): Node | undefined {
    for (let up = node.parent, depth = 0; up && depth < maxDepth; up = up.parent, depth++) {
      if (/^(class_declaration|class_definition|class|record_declaration)$/.test(up.type)) return up;
    }
    return undefined;
  }

  lastName(node: Node | null): string | undefined {
    const unwrapped = this.unwrap(node);
    if (!unwrapped) return undefined;
    if (this.syntax.members.has(unwrapped.type)) return this.syntax.memberParts(unwrapped)?.property;
    if (this.syntax.calls.has(unwrapped.type)) return this.lastName(this.syntax.callee(unwrapped));
    if (unwrapped.type === 'generic_type') return this.lastName(unwrapped.namedChild(0));
    // (Kotlin names a type as a `user_type`: `(this as? HttpException)` reads as the type it is cast to.)
    if (/identifier|type_identifier|user_type|generic_name|qualified_name|scoped_type_identifier|^constant$|^name$|^variable_name$/.test(unwrapped.type)) {
      const text = unwrapped.text.replace(/^\$/, '').replace(/\\/g, '.');
      return (text.replace(/<[^]*$/, '').split(/\.|::/).pop() ?? '').trim();
    }
    return undefined;
  }

  protected unwrap(node: Node | null): Node | null {
    let current = node;
    while (current && this.syntax.transparent.has(current.type) && current.type !== 'argument_list' && current.type !== 'arguments') {
      const inner = namedChildren(current);
      current = inner[inner.length - 1] ?? null;
    }
    return current;
  }
}
