/**
 * Decides from the text before the cursor whether a completion should offer HTTP status codes or
 * error codes. The tree at the cursor is often incomplete (`if r.status_code == |`), so the test is
 * textual and deliberately narrow: every pattern ends at the cursor and names what it completes.
 */
import { CODE_NAME, RETRY_CONFIG_NAME, STATUS_ARGUMENT_INDEX, STATUS_NAME, STATUS_SETTERS } from '../spotting/names';

export type CompletionContextKind = 'status' | 'error-code' | 'http-status-line';

export interface CompletionContext {
  kind: CompletionContextKind;
  /** Characters before the cursor that the chosen item replaces (`42`, `http.Stat`, `ECONN`). */
  prefix: string;
}

const MAX_LOOKBACK = 2000;

/** An expression that reads something: `r.status_code`, `(int)resp.StatusCode`, `e.getCode()`, `x['status']`. */
const EXPR = String.raw`((?:\(\s*int\s*\)\s*)?[\w$]+(?:\s*(?:\.|\?\.|->)\s*[\w$]+(?:\(\s*\))?|\[\s*['"][\w-]+['"]\s*\])*)`;
const COMPARE = String.raw`(?:===|!==|==|!=|>=|<=|>|<)`;
const STATUS_COMPARE = new RegExp(`${EXPR}\\s*${COMPARE}\\s*$`);
const STATUS_IN_LIST = new RegExp(String.raw`${EXPR}\s+(?:not\s+)?in\s*[\[({]\s*(?:[\w.]+\s*,\s*)*$`);
const STRING_COMPARE = new RegExp(`${EXPR}\\s*(?:===|!==|==|!=)\\s*$`);
const STRING_EQUALS = new RegExp(String.raw`${EXPR}\s*\.\s*(?:equals|Equals|equalsIgnoreCase)\s*\(\s*$`);
const STRING_IN_LIST = new RegExp(String.raw`${EXPR}\s+(?:not\s+)?in\s*[\[({]\s*(?:(?:'[^'\n]*'|"[^"\n]*")\s*,\s*)*$`);
/** `callee(arg, arg, |`: the callee and the finished arguments, which hold no brackets of their own. */
const CALL = /(?:^|[^\w$.])(?:new\s+)?([\w$]+(?:\s*\.\s*[\w$]+)*)\s*\(([^()[\]{}\n]*)$/;
/** `status_code=`, `statusCode: `, `res.statusCode = `, `StatusCode = ` (not `==`). */
const STATUS_KEY = /(?:^|[^\w$])(status|status_?code|statusCode|StatusCode|http_?status|httpStatus)\s*(?:(?<![=!<>])=(?!=)|:(?!:))\s*$/i;
/** `status_forcelist=[429, `, `statusCodes: [`, `retryable := []int{`, `RETRY_ON = frozenset({`. */
const LIST_OPEN = String.raw`(?:new\s+)?[\w$.<>\[\]]*\s*[\[({]+\s*`;
const NAMED_LIST = new RegExp(String.raw`(?:^|[^\w$])([\w$]+)\s*(?::=|=|:)\s*${LIST_OPEN}(?:[\w$.]+\s*,\s*)*$`);
const NAMED_STRING_LIST = new RegExp(String.raw`(?:^|[^\w$])([\w$]+)\s*(?::=|=|:)\s*${LIST_OPEN}(?:(?:'[^'\n]*'|"[^"\n]*")\s*,\s*)*$`);
const CASE_NUMBERS = /^\s*case\s+(?:[\w.]+\s*(?:,|\|)\s*)*$/;
const CASE_STRINGS = /^\s*case\s+(?:(?:'[^'\n]*'|"[^"\n]*")\s*(?:,|\|)\s*)*$/;

/** Error fields read on any object, and fields that are an error code only on something named like an error. */
const ERROR_FIELD_ANY = /^(code|errno|error_?code|errorCode|ErrorCode|err_?code|syscall|sqlstate|SqlState|pgcode|getCode|getErrorCode|Code)$/;
const ERROR_FIELD_ON_ERROR = /^(type|name|reason|kind|error_?type|errorType|error|getName)$/;
const ERROR_OBJECT = /^(e|ex|exc|err|error|exception|\w*error|\w*exception|\w*err)$/i;
const RESPONSE_OBJECT = /^(r|res|resp|rsp|response|result|reply|\w*response|\w*resp|e|err|error|ex|exc|exception|\w*error|\w*exception|rec|recorder|rr)$/i;
/** Generic setter names that mean a status only on a receiver (`c.JSON(`, `http.Error(`), never bare (`String(`). */
const SETTER_NEEDS_RECEIVER = /^(Error|String|JSON|valueOf|throw|code|status|Status|redirect|StatusCode|Problem|NoContent|SendStatus)$/;
const SETTER_RECEIVER: Record<string, RegExp> = { Error: /^http$/, valueOf: /^(HttpStatus|HttpStatusCode)$/, throw: /^ctx$/ };

/** The parts of an expression: the last name (without `()`/`get`), the object before it, and a subscript key. */
function shape(expr: string): { last: string; object?: string; key?: string } {
  const cleaned = expr.replace(/^\(\s*int\s*\)\s*/, '').replace(/\s+/g, '');
  const key = /\[['"]([\w-]+)['"]\]$/.exec(cleaned)?.[1];
  const parts = cleaned.replace(/\[['"][\w-]+['"]\]/g, '.[]').replace(/\(\)/g, '').split(/\?\.|\.|->/);
  const last = parts[parts.length - 1];
  return { last: key ?? last, object: parts.length > 1 ? parts[parts.length - 2] : undefined, key };
}

export function isStatusExpression(expr: string): boolean {
  const { last, object, key } = shape(expr);
  if (key) return /^(status|status_?code|statusCode)$/.test(key);
  if (last === '[]') return false;
  if (STATUS_NAME.test(last)) return true;
  // Rust `resp.status().as_u16()`
  if (last === 'as_u16' && object !== undefined && STATUS_NAME.test(object)) return true;
  // Ktor `response.status.value`, Spring `getStatusCode().value()`
  if (last === 'value' && object !== undefined && STATUS_NAME.test(object)) return true;
  return CODE_NAME.test(last) && object !== undefined && RESPONSE_OBJECT.test(object);
}

export function isErrorCodeExpression(expr: string): boolean {
  const { last, object, key } = shape(expr);
  const name = key ?? last;
  if (object === undefined && key === undefined) return /^(code|error_?code|errorCode|err_?code|errno)$/.test(name);
  if (ERROR_FIELD_ANY.test(name)) return true;
  return ERROR_FIELD_ON_ERROR.test(name) && object !== undefined && ERROR_OBJECT.test(object);
}

/** Finds the subject of the switch/match a `case` line belongs to, by indentation, within 200 lines. */
export function switchSubject(lines: readonly string[]): string | undefined {
  const indent = (s: string) => /^\s*/.exec(s)![0].replace(/\t/g, '    ').length;
  const caseLine = lines[lines.length - 1];
  const caseIndent = indent(caseLine);
  for (let i = lines.length - 2, seen = 0; i >= 0 && seen < 200; i--, seen++) {
    const line = lines[i];
    if (line.trim() === '' || /^\s*(\/\/|#|\*|\/\*)/.test(line)) continue;
    const own = indent(line);
    const m = /\bswitch\s*(.*?)\s*\{?\s*$/.exec(line) ?? /^\s*match\s+(.+?)\s*:\s*$/.exec(line);
    if (m && own <= caseIndent) {
      const subject = m[1].trim().replace(/^\((.*)\)$/, '$1').trim();
      return subject || undefined;
    }
    if (own < caseIndent || (own === caseIndent && /^\s*\}/.test(line))) return undefined;
  }
  return undefined;
}

function setterTakesStatusHere(callee: string, args: string): boolean {
  const names = callee.replace(/\s+/g, '').split('.');
  const name = names[names.length - 1];
  const receiver = names.length > 1 ? names[names.length - 2] : undefined;
  if (!STATUS_SETTERS.has(name)) return false;
  if (SETTER_NEEDS_RECEIVER.test(name)) {
    if (!receiver) return false;
    const wanted = SETTER_RECEIVER[name];
    if (wanted && !wanted.test(receiver)) return false;
  }
  const index = args.trim() === '' ? 0 : args.split(',').length - 1;
  const expected = STATUS_ARGUMENT_INDEX[name] ?? 0;
  return typeof expected === 'number' && index === expected;
}

/**
 * The completion context at the cursor. `before` is the document text before the cursor (a few
 * lines are enough); `http` selects the .http/.rest request-file rules.
 */
export function completionContextAt(fullBefore: string, http: boolean): CompletionContext | undefined {
  // Bounded: the patterns only ever need the end of the text, and a minified line must not cost time.
  const before = fullBefore.length > MAX_LOOKBACK ? fullBefore.slice(-MAX_LOOKBACK) : fullBefore;
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(lineStart);

  // Inside a string literal that has just been opened: only error codes.
  const quoted = /(['"`])([\w.-]*)$/.exec(line);
  if (quoted && !http) {
    const rest = before.slice(0, before.length - quoted[0].length);
    const restLine = line.slice(0, line.length - quoted[0].length);
    if (openQuotes(restLine, quoted[1]) % 2 !== 0) return undefined; // the quote closes a string
    const prefix = quoted[2];
    const compare = STRING_COMPARE.exec(restLine) ?? STRING_EQUALS.exec(restLine) ?? STRING_IN_LIST.exec(rest);
    if (compare && isErrorCodeExpression(compare[1])) return { kind: 'error-code', prefix };
    const list = NAMED_STRING_LIST.exec(rest);
    if (list && RETRY_CONFIG_NAME.test(list[1]) && /err|code/i.test(list[1])) return { kind: 'error-code', prefix };
    if (CASE_STRINGS.test(restLine)) {
      const subject = switchSubject(before.split('\n').slice(-201));
      if (subject && isErrorCodeExpression(subject)) return { kind: 'error-code', prefix };
    }
    return undefined;
  }

  const token = /[\w$.]*$/.exec(line)![0];
  if (token !== '' && !/^(\d{1,3}|[A-Za-z_$][\w$]*(\.[\w$]*)*)$/.test(token)) return undefined;
  const restLine = line.slice(0, line.length - token.length);
  const rest = before.slice(0, before.length - token.length);

  if (http) {
    if (/^\s*HTTP\/\d+(?:\.\d+)?[ \t]+$/.test(restLine) && /^\d*$/.test(token)) return { kind: 'http-status-line', prefix: token };
    const assert = /^\s*\?\?\s*(status|js\s+(\S+))\s+(?:==|!=|===|!==|<|<=|>|>=)\s*$/.exec(restLine);
    if (assert && (assert[1] === 'status' || isStatusExpression(assert[2]))) return { kind: 'status', prefix: token };
    const compare = STATUS_COMPARE.exec(restLine);
    if (compare && /^(?:response|resp|res)\s*\.\s*status(?:Code)?$|^status$/.test(compare[1].trim())) return { kind: 'status', prefix: token };
    return undefined;
  }

  const compare = STATUS_COMPARE.exec(restLine) ?? STATUS_IN_LIST.exec(rest);
  if (compare && isStatusExpression(compare[1])) return { kind: 'status', prefix: token };
  if (STATUS_KEY.test(restLine)) return { kind: 'status', prefix: token };
  const call = CALL.exec(restLine);
  if (call && setterTakesStatusHere(call[1], call[2])) return { kind: 'status', prefix: token };
  const list = NAMED_LIST.exec(rest);
  if (list && RETRY_CONFIG_NAME.test(list[1]) && !/err/i.test(list[1])) return { kind: 'status', prefix: token };
  if (CASE_NUMBERS.test(restLine)) {
    const subject = switchSubject(before.split('\n').slice(-201));
    if (subject && isStatusExpression(subject)) return { kind: 'status', prefix: token };
  }
  return undefined;
}

/** How many unescaped `quote` characters a line holds (odd: a string is open). */
function openQuotes(line: string, quote: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) count++;
  }
  return count;
}
