/**
 * Finds status numbers in JetBrains handler scripts (`> {% … %}`): only numbers compared with,
 * or tested against, `response.status` / `status` — never other numbers in the script.
 */
import type { TextSpan } from './httpFileTypes';
import { SpanMapper } from './httpLines';
import type { Range } from '../types';

export interface ScriptNumber {
  text: string;
  range: Range;
}

const STATUS = String.raw`(?:(?<![\w$.])(?:response|resp|res)\s*\.\s*status(?:Code)?|(?<![\w$.])status)(?![\w$])`;
const OP = String.raw`(?:===|!==|==|!=|<=|>=|<|>)`;
const NUM = String.raw`(?<![\w$.])(\d{3})(?![\w$.])`;
const STATUS_THEN_NUMBER = new RegExp(`${STATUS}\\s*${OP}\\s*${NUM}`, 'g');
const NUMBER_THEN_STATUS = new RegExp(`${NUM}\\s*${OP}\\s*${STATUS}`, 'g');
const INCLUDES = new RegExp(String.raw`\[([\d\s,]*)\]\s*\.\s*includes\s*\(\s*${STATUS}\s*\)`, 'g');
const SWITCH = new RegExp(String.raw`\bswitch\s*\(\s*${STATUS}\s*\)\s*\{`, 'g');
const CASE = /\bcase\s+(\d{3})\s*:/g;
const THREE_DIGITS = /(?<![\w.])\d{3}(?![\w.])/g;

/** Blanks out comments and string/template literals, keeping length and line breaks. */
export function maskJsLiterals(src: string): string {
  const out = src.split('');
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      let e = src.indexOf('\n', i);
      if (e < 0) e = src.length;
      blank(i, e);
      i = e;
    } else if (c === '/' && src[i + 1] === '*') {
      let e = src.indexOf('*/', i + 2);
      e = e < 0 ? src.length : e + 2;
      blank(i, e);
      i = e;
    } else if (c === '"' || c === "'" || c === '`') {
      let e = i + 1;
      while (e < src.length && src[e] !== c && (c === '`' || src[e] !== '\n')) e += src[e] === '\\' ? 2 : 1;
      e = Math.min(e + 1, src.length);
      blank(i + 1, e - 1);
      i = e;
    } else {
      i++;
    }
  }
  return out.join('');
}

export function statusNumbersInScript(script: TextSpan): ScriptNumber[] {
  const code = maskJsLiterals(script.text);
  const mapper = new SpanMapper(script);
  const found = new Map<number, ScriptNumber>();
  const add = (offset: number, text: string) => {
    if (!found.has(offset)) found.set(offset, { text, range: mapper.range(offset, offset + text.length) });
  };
  for (const m of code.matchAll(STATUS_THEN_NUMBER)) add(m.index + m[0].length - 3, m[1]);
  for (const m of code.matchAll(NUMBER_THEN_STATUS)) add(m.index + m[0].indexOf(m[1]), m[1]);
  for (const m of code.matchAll(INCLUDES)) {
    const listStart = m.index + 1;
    for (const n of m[1].matchAll(THREE_DIGITS)) add(listStart + n.index, n[0]);
  }
  let scannedTo = 0;
  for (const m of code.matchAll(SWITCH)) {
    if (m.index < scannedTo) continue;
    const bodyStart = m.index + m[0].length;
    scannedTo = matchingBrace(code, bodyStart);
    const body = code.slice(bodyStart, scannedTo);
    for (const c of body.matchAll(CASE)) add(bodyStart + c.index + c[0].indexOf(c[1], 4), c[1]);
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

/** Index of the `}` closing a block whose body starts at `from`, or the end of the text. */
function matchingBrace(code: string, from: number): number {
  let depth = 1;
  for (let i = from; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i;
  }
  return code.length;
}

/** Three-digit numbers in the value of a `??` assert on the status. */
export function statusNumbersInAssertValue(value: TextSpan): ScriptNumber[] {
  const mapper = new SpanMapper(value);
  return [...value.text.matchAll(THREE_DIGITS)].map((m) => ({
    text: m[0],
    range: mapper.range(m.index, m.index + 3),
  }));
}

/** True when an assert's js target is the response status (`?? js response.status == 429`). */
export function isStatusExpression(text: string): boolean {
  return new RegExp(`^${STATUS}$`).test(text.trim());
}
