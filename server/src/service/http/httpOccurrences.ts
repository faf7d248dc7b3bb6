/**
 * Status and error-code occurrences in .http / .rest files, and header lookup for hovers.
 */
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { Occurrence, Position, Range } from '../types';
import { bodyCodes } from './httpBodyCodes';
import { parseHttpFile } from './httpFileParser';
import type { HttpBody, HttpHeader, HttpRequestBlock } from './httpFileTypes';
import { errorCodeStrings } from './httpJsonCodes';
import { comparePositions } from './httpLines';
import { isStatusExpression, statusNumbersInAssertValue } from './httpAssertStatus';
import { type ScriptParser, spotScript } from './httpScriptSpotting';

/** What spotting the JavaScript of handler scripts needs; without it scripts are not looked into. */
export interface ScriptSpotting {
  parse: ScriptParser;
  registry: CatalogRegistry;
}

function status(text: string, range: Range): Occurrence {
  return { code: text, kind: 'http-status', role: 'http-file', range, text };
}

function bodyOccurrences(body: HttpBody, out: Occurrence[]): void {
  for (const c of bodyCodes(body.content)) {
    out.push(c.family === 'http-status' ? status(c.code, c.range) : { code: c.code, kind: 'error-code', role: 'http-file', range: c.range, text: c.code });
  }
}

function blockOccurrences(block: HttpRequestBlock, out: Occurrence[], scripts: ScriptSpotting | undefined): void {
  if (block.body) bodyOccurrences(block.body, out);
  for (const response of block.responses) {
    out.push(status(response.status.text, response.status.range));
    if (response.body) {
      for (const s of errorCodeStrings(response.body.content)) {
        out.push({ code: s.code, kind: 'error-code', role: 'http-file', range: s.range, text: s.text });
      }
      bodyOccurrences(response.body, out);
    }
  }
  for (const assert of block.asserts) {
    const onStatus =
      assert.subject?.text === 'status' ||
      (assert.subject?.text === 'js' && assert.target !== undefined && isStatusExpression(assert.target.text));
    if (!onStatus || !assert.value) continue;
    for (const n of statusNumbersInAssertValue(assert.value)) out.push(status(n.text, n.range));
  }
  for (const script of block.scripts) {
    if (!script.script || !scripts) continue;
    out.push(...spotScript(script.script, scripts.parse, scripts.registry));
  }
}

/**
 * Every status / error-code occurrence of an .http file, sorted by position. Handler scripts are spotted
 * only with `scripts` (a JavaScript parser and the catalogs).
 */
export function spotHttpFile(text: string, scripts?: ScriptSpotting): Occurrence[] {
  const out: Occurrence[] = [];
  for (const block of parseHttpFile(text).blocks) blockOccurrences(block, out, scripts);
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

export interface HttpHeaderHit {
  name: string;
  value: string;
  /** The whole `Name: value` line content. */
  range: Range;
  nameRange: Range;
  valueRange: Range;
  location: 'request' | 'response';
}

function contains(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

function hit(h: HttpHeader, location: HttpHeaderHit['location']): HttpHeaderHit {
  return {
    name: h.name.text,
    value: h.value.text,
    range: h.range,
    nameRange: h.name.range,
    valueRange: h.value.range,
    location,
  };
}

/** The request or response header under `position`, if any. */
export function httpHeaderAt(text: string, position: Position): HttpHeaderHit | undefined {
  for (const block of parseHttpFile(text).blocks) {
    if (!contains(block.range, position)) continue;
    const request = block.headers.find((h) => contains(h.range, position));
    if (request) return hit(request, 'request');
    for (const response of block.responses) {
      const h = response.headers.find((x) => contains(x.range, position));
      if (h) return hit(h, 'response');
    }
  }
  return undefined;
}
