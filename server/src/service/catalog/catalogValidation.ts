/**
 * Validates the text of a workspace catalog (`*.errorcodes.json`) and reports every problem at its place
 * in the file. The text is data: it is parsed with jsonc-parser (for positions) and checked against
 * schemas/errorcodes.schema.json; nothing in it is ever evaluated. A bad entry is dropped and the rest
 * of the file still loads; a file whose JSON or catalog header is broken loads nothing.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { type Node, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import schema from '../../../../schemas/errorcodes.schema.json';
import type { Range, Severity } from '../types';
import type { CatalogEntry, CatalogFile } from './schema';

/** A problem in one catalog file, Finding-like, at the offending place. */
export interface CatalogProblem {
  message: string;
  range: Range;
  severity: Severity;
}

export interface CatalogLimits {
  /** Largest catalog text, in characters. */
  maxSize: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most entries in `codes`; the rest are ignored. */
  maxEntries: number;
}

export const CATALOG_LIMITS: CatalogLimits = { maxSize: 1024 * 1024, maxDepth: 32, maxEntries: 5000 };

export interface ValidatedCatalog {
  /** The loadable part of the file, or undefined when nothing could be loaded safely. */
  file?: CatalogFile;
  problems: CatalogProblem[];
  /** How many entries were dropped. */
  dropped: number;
}

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);
  return compiled;
}

export function validateCatalogText(text: string, limits: CatalogLimits = CATALOG_LIMITS): ValidatedCatalog {
  const positions = new TextPositions(text);
  const problems: CatalogProblem[] = [];
  const at = (offset: number, length: number, message: string, severity: Severity = 'error'): void => {
    problems.push({ message, range: positions.range(offset, length), severity });
  };
  if (text.length > limits.maxSize) {
    at(0, 0, `Catalog not loaded: ${text.length} characters is over the limit of ${limits.maxSize}.`);
    return { problems, dropped: 0 };
  }
  const deep = jsonDepthExceeds(text, limits.maxDepth);
  if (deep !== undefined) {
    at(deep, 1, `Catalog not loaded: nested deeper than ${limits.maxDepth} levels.`);
    return { problems, dropped: 0 };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  for (const e of errors) at(e.offset, e.length, `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}.`);
  if (errors.length > 0 || !root) {
    if (!errors.length) at(0, 0, 'Invalid JSON: the file is empty.');
    return { problems, dropped: 0 };
  }
  const value = nodeValue(root);
  const dropEntries = new Set<number>();
  let fatal = false;
  const validate = validator();
  if (!validate(value)) {
    for (const error of relevantErrors(validate.errors ?? [])) {
      const path = pointerPath(error.instancePath);
      const place = placeOf(root, path, error);
      at(place.offset, place.length, messageFor(error, path, value));
      if (path[0] === 'codes' && typeof path[1] === 'number') dropEntries.add(path[1]);
      else fatal = true;
    }
  }
  if (fatal || !isObject(value) || !Array.isArray(value.codes)) return { problems, dropped: 0 };
  const codesNode = findNodeAtLocation(root, ['codes']);
  const file = value as unknown as CatalogFile;
  const kept: CatalogEntry[] = [];
  const seen = new Map<string, number>();
  let tooMany = false;
  file.codes.forEach((entry, index) => {
    if (dropEntries.has(index)) return;
    const codeNode = findNodeAtLocation(root, ['codes', index, 'code']) ?? codesNode?.children?.[index];
    const place = (message: string, severity: Severity): void => at(codeNode?.offset ?? 0, codeNode?.length ?? 0, message, severity);
    if (entry.kind === 'http-status' && !/^[1-5]\d\d$/.test(entry.code)) {
      place(`HTTP status "${entry.code}" is not a number from 100 to 599; entry ignored.`, 'error');
      dropEntries.add(index);
      return;
    }
    const key = `${entry.kind}\u0000${entry.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      place(`Duplicate ${entry.kind} "${entry.code}" (also entry ${first + 1} of this file); this later entry is ignored.`, 'warning');
      dropEntries.add(index);
      return;
    }
    if (kept.length >= limits.maxEntries) {
      if (!tooMany) place(`More than ${limits.maxEntries} entries: the rest of this catalog is ignored.`, 'warning');
      tooMany = true;
      dropEntries.add(index);
      return;
    }
    seen.set(key, index);
    kept.push(entry);
  });
  return { file: { ...file, codes: kept }, problems, dropped: dropEntries.size };
}

/** Builds the JSON value from the tree with own data properties only, so `__proto__` stays an ordinary key. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, val] = prop.children ?? [];
        if (!key || !val) continue;
        Object.defineProperty(out, String(key.value), { value: nodeValue(val), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // `if`/`then` reports the failed `required` itself plus a vague "must match then schema": keep the first.
  return errors.filter((e) => e.keyword !== 'if');
}

function pointerPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function placeOf(root: Node, path: Array<string | number>, error: ErrorObject): { offset: number; length: number } {
  const node = findNodeAtLocation(root, path) ?? root;
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
    const prop = node.children?.find((p) => p.children?.[0]?.value === extra);
    if (prop?.children?.[0]) return { offset: prop.children[0].offset, length: prop.children[0].length };
  }
  if (error.keyword === 'required' || node.type === 'object' || node.type === 'array') {
    // Point at the key that holds the object (or its opening bracket), not the whole object.
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
  }
  return { offset: node.offset, length: node.length };
}

function messageFor(error: ErrorObject, path: Array<string | number>, value: unknown): string {
  const where = describePath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      if (path[path.length - 1] === 'verdict') {
        return `Unknown retry verdict ${JSON.stringify(valueAt(value, path))} at ${where}: use "yes", "conditional" or "no"; entry ignored.`;
      }
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${entrySuffix(path)}`;
    case 'type':
      return `Wrong type at ${where}: expected ${String(params.type)}, found ${typeName(valueAt(value, path))}${entrySuffix(path)}`;
    case 'required':
      return `Missing required property "${String(params.missingProperty)}" in ${where}${entrySuffix(path)}`;
    case 'additionalProperties':
      return `Unknown property "${String(params.additionalProperty)}" in ${where}${entrySuffix(path)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}${entrySuffix(path)}`;
  }
}

function entrySuffix(path: Array<string | number>): string {
  return path[0] === 'codes' && typeof path[1] === 'number' ? '; entry ignored.' : '; catalog not loaded.';
}

function describePath(path: Array<string | number>): string {
  if (path.length === 0) return 'the catalog file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(value: unknown, path: Array<string | number>): unknown {
  let cur = value;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Offset → LSP position (0-based line, UTF-16 character) for one text. */
export class TextPositions {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // Line breaks as LSP counts them: `\n`, `\r\n` and a lone `\r`.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 13 || c === 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between `\r` and `\n` stands for the end of the line's content.
    const inCrLf = o > this.starts[lo] && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13;
    return { line: lo, character: o - this.starts[lo] - (inCrLf ? 1 : 0) };
  }

  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + Math.max(0, length)) };
  }
}

/**
 * The offset of the first bracket nesting deeper than `maxDepth` in JSON(-like) text, skipping strings;
 * undefined when the text stays within the limit. Linear, no recursion.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92) i++; // backslash escape
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 34) quote = c;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return undefined;
}
