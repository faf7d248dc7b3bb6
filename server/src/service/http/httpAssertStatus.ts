/**
 * Status numbers in httpYac `??` asserts on the status (`?? status == 429`, `?? js response.status == 429`).
 * Handler scripts are JavaScript and are spotted on their syntax tree (httpScriptSpotting.ts).
 */
import type { TextSpan } from './httpFileTypes';
import { SpanMapper } from './httpLines';
import type { Range } from '../types';

export interface ScriptNumber {
  text: string;
  range: Range;
}

const STATUS = String.raw`(?:(?<![\w$.])(?:response|resp|res)\s*\.\s*status(?:Code)?|(?<![\w$.])status)(?![\w$])`;
const THREE_DIGITS = /(?<![\w.])\d{3}(?![\w.])/g;

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
