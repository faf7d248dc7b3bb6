/**
 * Error-code candidates in (possibly invalid) JSON response bodies: string values of keys named
 * code / error / error_code / errorCode / type. A tolerant linear scan, not a JSON parser.
 */
import type { Range } from '../types';
import type { TextSpan } from './httpFileTypes';
import { SpanMapper } from './httpLines';

export const ERROR_CODE_KEYS: ReadonlySet<string> = new Set(['code', 'error', 'error_code', 'errorCode', 'type']);

export interface JsonCodeString {
  /** Decoded string value. */
  code: string;
  /** Raw source between the quotes. */
  text: string;
  /** Range of the raw content, quotes excluded. */
  range: Range;
}

interface StringToken {
  start: number;
  end: number;
  terminated: boolean;
}

function readString(t: string, quote: number): StringToken {
  let i = quote + 1;
  while (i < t.length && t[i] !== '"' && t[i] !== '\n') i += t[i] === '\\' ? 2 : 1;
  const terminated = i < t.length && t[i] === '"';
  return { start: quote + 1, end: Math.min(i, t.length), terminated };
}

function skipSpace(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  return i;
}

function decode(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    const value: unknown = JSON.parse(`"${raw}"`);
    return typeof value === 'string' ? value : raw;
  } catch {
    return raw;
  }
}

export function errorCodeStrings(body: TextSpan): JsonCodeString[] {
  const t = body.text;
  const mapper = new SpanMapper(body);
  const found: JsonCodeString[] = [];
  let i = 0;
  while (i < t.length) {
    if (t[i] !== '"') {
      i++;
      continue;
    }
    const key = readString(t, i);
    if (!key.terminated) {
      i = key.end + 1;
      continue;
    }
    const colon = skipSpace(t, key.end + 1);
    if (t[colon] !== ':') {
      i = colon;
      continue;
    }
    const valueAt = skipSpace(t, colon + 1);
    i = valueAt;
    if (t[valueAt] !== '"' || !ERROR_CODE_KEYS.has(t.slice(key.start, key.end))) continue;
    const value = readString(t, valueAt);
    i = value.end + 1;
    const raw = t.slice(value.start, value.end);
    if (!value.terminated || raw.trim() === '') continue;
    found.push({ code: decode(raw), text: raw, range: mapper.range(value.start, value.end) });
  }
  return found;
}
