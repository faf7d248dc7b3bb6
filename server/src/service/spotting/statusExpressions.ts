import type { Node } from 'web-tree-sitter';
import { COLLECTION_CONSTRUCTORS, DEFAULT_OPERATORS, STATUS_SETTERS } from './names';
import { ExpressionReader } from './expressionReader';
import { namedChildren } from './syntaxAdapter';

/** What sort of value a literal is being compared with or passed as. */
export type ValueKind = 'status' | 'error-code';

/** Types a number is cast to when it is a status: C# `(HttpStatusCode)429`. */
const STATUS_TYPE = /^(HttpStatusCode|HttpStatus|StatusCode)$/;
/** Calls that give a status's reason phrase: http-status-codes `getReasonPhrase`/`getStatusText`, Go `http.StatusText`. */
const REASON_PHRASE_CALL = /^(getReasonPhrase|getStatusText|StatusText)$/;
/** Names of a failure's text: its message, the error itself, a text made of it (`errorMessage`, `errText`, `String(err)`). */
const FAILURE_TEXT = /^(message|msg|err|error|e|ex|reason|errorMessage|error_message|errMsg|errText|errorText|errStr|errorString|String|toString|stderr|text|body|details?)$/i;

/**
 * Reads the expressions around a status: its symbolic or cast form, a plain value, a message, a default, a collection
 * constructor, a reason-phrase call, a delegation to an error class's base constructor, a search of a failure's text.
 */
export class StatusExpressions extends ExpressionReader {
  /** A status written as a cast to a status type: C# `(HttpStatusCode)429`. */
  isStatusCast(literal: Node): boolean {
    let up = literal.parent;
    // A few parentheses at most: each `parent` walks from the root, and files nest thousands deep.
    for (let depth = 0; up && up.type === 'parenthesized_expression' && depth < 4; depth++) up = up.parent;
    if (!up || up.type !== 'cast_expression') return false;
    return STATUS_TYPE.test(this.lastName(up.childForFieldName('type')) ?? '');
  }

  /** A status written by name (`http.StatusTooManyRequests`, a statically imported `CONFLICT`), not as a number. */
  protected isSymbolic(literal: Node): boolean {
    return this.syntax.members.has(literal.type) || /identifier/.test(literal.type) || this.isStatusCast(literal);
  }

  /** A literal value or another symbolic constant: nothing that is read at run time. */
  protected isPlainValue(expr: Node): boolean {
    const node = this.unwrap(expr);
    if (!node) return true;
    if (/integer|number|int_literal|decimal|float|string|null|nil|none|true|false|boolean/i.test(node.type)) return true;
    return this.syntax.members.has(node.type) && /^[A-Z]/.test(this.syntax.memberParts(node)?.property ?? '') && /^(http|HttpStatus|HttpStatusCode|HTTPStatus|status|StatusCodes)$/.test(this.lastName(this.syntax.memberParts(node)?.object ?? null) ?? '');
  }

  /** True for a call to a status setter: `@ResponseStatus(...)`, `res.status(...)`. */
  protected isStatusSetterCall(node: Node | null): boolean {
    return node !== null && this.syntax.calls.has(node.type) && STATUS_SETTERS.has(this.lastName(this.syntax.callee(node)) ?? '');
  }

  /** A message handed as an argument: a string or template literal, or a local named for one (`message`, `errorMsg`). */
  protected isMessage(node: Node | undefined): boolean {
    const arg = this.unwrap(node ?? null);
    if (!arg) return false;
    if (this.syntax.strings.has(arg.type) || arg.type === 'template_string') return true;
    return /identifier/.test(arg.type) && /^(message|msg|\w*(Message|Msg|_message|_msg))$/.test(arg.text);
  }

  /** The name of the named argument of `call` that holds `node`, when the adapter reads through named arguments. */
  protected namedArgumentOf(node: Node, call: Node): string | undefined {
    for (let up = node.parent; up && up.id !== call.id; up = up.parent) {
      if (this.syntax.pairs.has(up.type) && this.syntax.transparent.has(up.type)) return this.syntax.pairName(up);
    }
    return undefined;
  }

  /** `parent` is a call that turns its one argument, `child`, into the status's reason phrase. */
  protected isReasonPhraseOf(parent: Node, child: Node): boolean {
    const s = this.syntax;
    if (!s.calls.has(parent.type)) return false;
    const callee = s.callee(parent);
    if (!callee || (callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex)) return false;
    const args = s.callArguments(parent);
    return args.length === 1 && REASON_PHRASE_CALL.test(this.lastName(callee) ?? '');
  }

  protected isCollectionConstructor(call: Node, child: Node): boolean {
    const s = this.syntax;
    if (!s.calls.has(call.type)) return false;
    const callee = s.callee(call);
    if (!callee || callee.id === child.id || (callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex)) return false;
    return COLLECTION_CONSTRUCTORS.test(this.lastName(callee) ?? '');
  }

  protected isDefaultOperator(binary: Node): boolean {
    const s = this.syntax;
    return (s.binaries.has(binary.type) || binary.type === 'boolean_operator') && DEFAULT_OPERATORS.has(s.operatorOf(binary).trim());
  }

  protected isStatusDefault(binary: Node, child: Node, kind: ValueKind): boolean {
    const s = this.syntax;
    if (kind !== 'status' || !(s.binaries.has(binary.type) || binary.type === 'boolean_operator')) return false;
    if (!DEFAULT_OPERATORS.has(s.operatorOf(binary).trim())) return false;
    return namedChildren(binary).some((n) => n.id !== child.id && this.isStatusLike(n));
  }

  /**
   * `invocation` hands its arguments to the base constructor of an error class: JavaScript/Ruby/Java `super(…)`, Java and
   * Kotlin `this(…)`, Python `super().__init__(…)`, PHP `parent::__construct(…)`, C# `: base(…)`, Kotlin's
   * `: ApiException(message, 401)` in the class header — in a class named for an error, or deriving from one.
   */
  protected handedToErrorBase(invocation: Node): boolean {
    const head = invocation.text.replace(/^:\s*/, '').split('(')[0].trim();
    const delegates = /^(super|this|base|parent::__construct|super\.__init__)$/.test(head.replace(/^super\(\s*[^)]*\)\.__init__$/, 'super.__init__'))
      || (invocation.type === 'constructor_invocation' && invocation.parent?.type === 'delegation_specifier');
    if (!delegates) return false;
    const cls = this.classAround(invocation, 12);
    if (!cls) return false;
    const body = cls.childForFieldName('body');
    const header = body ? cls.text.slice(0, body.startIndex - cls.startIndex) : cls.text.split('{')[0];
    return /(Error|Exception)\b/.test(header);
  }

  /** The name of the class around a node (asked of Java's `this(…)` constructor calls). */
  protected enclosingClassName(node: Node): string | undefined {
    return this.classAround(node)?.childForFieldName('name')?.text;
  }

  /**
   * A regex literal (`regex`, the pattern's parent) tested against a failure's text: `/503|server error/i.test(msg)`,
   * `err.message.match(/429|rate limit/)`, `String(error).search(/5\d\d/)`.
   */
  searchesFailureText(regex: Node | null): boolean {
    const s = this.syntax;
    if (!regex || regex.type !== 'regex') return false;
    const member = regex.parent;
    // `/…/.test(text)`
    if (member && s.members.has(member.type) && s.memberParts(member)?.property === 'test' && member.parent && s.calls.has(member.parent.type)) {
      const text = s.callArguments(member.parent)[0];
      return !!text && FAILURE_TEXT.test(this.lastName(text) ?? text.text);
    }
    // `text.match(/…/)`, `text.search(/…/)`
    const call = regex.parent?.type === 'arguments' ? regex.parent.parent : undefined;
    if (call && s.calls.has(call.type) && /^(match|search|matchAll)$/.test(this.lastName(s.callee(call)) ?? '')) {
      const receiver = this.receiverOf(call);
      return !!receiver && FAILURE_TEXT.test(this.lastName(receiver) ?? receiver.text);
    }
    return false;
  }
}
