/**
 * Single-line recognisers for the .http format. Each takes a SourceLine and the index of its
 * first non-blank character and returns a model element, or undefined. No regex here can
 * backtrack more than linearly on one line.
 */
import type {
  HttpAssert,
  HttpComment,
  HttpHeader,
  HttpMetadata,
  HttpVariable,
  TextSpan,
} from './httpFileTypes';
import { indentOf, lineRange, lineSpan, SourceLine, trimmedEnd } from './httpLines';

export const REQUEST_METHODS: ReadonlySet<string> = new Set([
  'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'QUERY',
  'COPY', 'LOCK', 'UNLOCK', 'MKCOL', 'MOVE', 'PROPFIND', 'PROPPATCH', 'REPORT', 'SEARCH', 'PURGE',
  'LINK', 'UNLINK', 'GRAPHQL',
]);

const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:/;
const VARIABLE = /^@([A-Za-z0-9_.$-]+)[ \t]*=/;
const METADATA = /^(#|\/\/)[ \t]*@([A-Za-z0-9_.-]+)/;
const STATUS_LINE = /^(HTTP\/\d+(?:\.\d+)?)[ \t]+(\d{3})(?![^ \t])/;
const HTTP_VERSION = /^HTTP\/\d+(?:\.\d+)?$/;
const METHOD = /^([A-Z][A-Z-]*)[ \t]+/;

export function isSeparator(l: SourceLine): boolean {
  return l.text.startsWith('###', indentOf(l.text));
}

export function parseComment(l: SourceLine, at: number): HttpComment | undefined {
  const t = l.text;
  const marker = t[at] === '#' ? '#' : t.startsWith('//', at) ? '//' : undefined;
  if (!marker) return undefined;
  const end = trimmedEnd(t, at);
  return { marker, range: lineRange(l, at, end), text: t.slice(at + marker.length, end).trim() };
}

export function parseMetadata(l: SourceLine, at: number): HttpMetadata | undefined {
  const m = METADATA.exec(l.text.slice(at));
  if (!m) return undefined;
  const keyEnd = at + m[0].length;
  const key = lineSpan(l, keyEnd - m[2].length, keyEnd);
  const end = trimmedEnd(l.text, keyEnd);
  let v = keyEnd;
  while (v < end && /[ \t=]/.test(l.text[v])) v++;
  const value = v < end ? lineSpan(l, v, end) : undefined;
  return { range: lineRange(l, at, end), key, value };
}

export function parseVariable(l: SourceLine, at: number): HttpVariable | undefined {
  const m = VARIABLE.exec(l.text.slice(at));
  if (!m) return undefined;
  const end = trimmedEnd(l.text, at + m[0].length);
  const v = Math.min(end, at + m[0].length + indentOf(l.text.slice(at + m[0].length)));
  return {
    range: lineRange(l, at, end),
    name: lineSpan(l, at + 1, at + 1 + m[1].length),
    value: lineSpan(l, v, end),
  };
}

export function parseHeader(l: SourceLine, at: number): HttpHeader | undefined {
  const m = HEADER.exec(l.text.slice(at));
  if (!m) return undefined;
  const afterColon = at + m[0].length;
  const end = trimmedEnd(l.text, afterColon);
  const v = Math.min(end, afterColon + indentOf(l.text.slice(afterColon)));
  return {
    range: lineRange(l, at, end),
    name: lineSpan(l, at, at + m[1].length),
    value: lineSpan(l, v, end),
  };
}

export interface StatusLineParts {
  statusLine: TextSpan;
  version: TextSpan;
  status: TextSpan;
  reason?: TextSpan;
}

export function parseStatusLine(l: SourceLine, at: number): StatusLineParts | undefined {
  const m = STATUS_LINE.exec(l.text.slice(at));
  if (!m) return undefined;
  const statusStart = at + m[0].length - 3;
  const end = trimmedEnd(l.text, at + m[0].length);
  const reasonStart = at + m[0].length + indentOf(l.text.slice(at + m[0].length));
  return {
    statusLine: lineSpan(l, at, end),
    version: lineSpan(l, at, at + m[1].length),
    status: lineSpan(l, statusStart, statusStart + 3),
    reason: reasonStart < end ? lineSpan(l, reasonStart, end) : undefined,
  };
}

export interface RequestLineParts {
  method: TextSpan;
  implicitMethod: boolean;
  url: TextSpan;
  version?: TextSpan;
}

/** `METHOD URL [HTTP/x]` or a bare URL (GET). */
export function parseRequestLine(l: SourceLine, at: number): RequestLineParts | undefined {
  const t = l.text;
  const end = trimmedEnd(t, at);
  if (end <= at) return undefined;
  const m = METHOD.exec(t.slice(at, end));
  const explicit = m !== null && REQUEST_METHODS.has(m[1]);
  const urlStart = explicit && m ? at + m[0].length : at;
  let urlEnd = end;
  let version: TextSpan | undefined;
  let lastGap = end - 1;
  while (lastGap >= urlStart && t[lastGap] !== ' ' && t[lastGap] !== '\t') lastGap--;
  if (lastGap >= urlStart && HTTP_VERSION.test(t.slice(lastGap + 1, end))) {
    version = lineSpan(l, lastGap + 1, end);
    urlEnd = trimmedEnd(t.slice(0, lastGap), urlStart);
  }
  const method = explicit && m ? lineSpan(l, at, at + m[1].length) : { text: 'GET', range: lineRange(l, at, at) };
  return { method, implicitMethod: !explicit, url: lineSpan(l, urlStart, urlEnd), version };
}

const ASSERT_OPERATORS = new Set([
  '==', '!=', '===', '!==', '<', '<=', '>', '>=', 'exists', '!exists', 'isTrue', 'isFalse', 'isBoolean',
  'isString', 'isNumber', 'isArray', 'isNull', 'includes', '!includes', 'contains', '!contains',
  'startsWith', '!startsWith', 'endsWith', '!endsWith', 'matches', '!matches', 'sha256', 'sha512', 'md5',
]);
const SUBJECTS_WITH_TARGET = new Set(['header', 'js', 'xpath', 'jsonpath']);

/** httpYac `?? subject [target] operator [value]`. `at` points at `??`. */
export function parseAssert(l: SourceLine, at: number): HttpAssert | undefined {
  if (!l.text.startsWith('??', at)) return undefined;
  const end = trimmedEnd(l.text, at + 2);
  const exprStart = Math.min(end, at + 2 + indentOf(l.text.slice(at + 2)));
  const tokens: TextSpan[] = [];
  const word = /\S+/g;
  const expr = l.text.slice(exprStart, end);
  let m: RegExpExecArray | null;
  while ((m = word.exec(expr)) !== null) tokens.push(lineSpan(l, exprStart + m.index, exprStart + m.index + m[0].length));
  const result: HttpAssert = { range: lineRange(l, at, end), expression: lineSpan(l, exprStart, end) };
  if (tokens.length === 0) return result;
  result.subject = tokens[0];
  let opIndex = 1;
  if (SUBJECTS_WITH_TARGET.has(tokens[0].text) && tokens.length > 1) {
    opIndex = tokens.findIndex((tok, i) => i > 1 && ASSERT_OPERATORS.has(tok.text));
    if (opIndex < 0) opIndex = Math.min(2, tokens.length);
    const first = tokens[1];
    const last = tokens[opIndex - 1];
    result.target = lineSpan(l, first.range.start.character - l.base, last.range.end.character - l.base);
  }
  if (opIndex < tokens.length) result.operator = tokens[opIndex];
  if (opIndex + 1 < tokens.length) {
    result.value = lineSpan(l, tokens[opIndex + 1].range.start.character - l.base, end);
  }
  return result;
}
