/**
 * Completion of HTTP status codes and error codes where code compares, sets or configures them.
 * Outside those contexts it offers nothing. Items carry the catalog's phrase and a short doc.
 */
import httpConstants from '../../data/http-constants.json';
import { isExceptionCatalog, type CatalogRegistry, type ConstantFamily, type ResolvedEntry } from './catalog/catalogRegistry';
import type { CatalogEntry, HttpConstantsTable } from './catalog/schema';
import { completionContextAt, CompletionContextKind } from './conveniences/completionContext';
import type { ParsedDocument } from './parsing/documentTrees';
import { grammarFor } from './parsing/grammars';
import { GRAMMAR_SUPPORT } from './spotting/adapters';
import { CONSTANT_FALLBACK } from './spotting/constants';
import type { Position, Range } from './types';

export interface CompletionEntry {
  label: string;
  kind: 'status' | 'constant' | 'error-code';
  /** Reason phrase or short name shown beside the label. */
  detail: string;
  /** Markdown. */
  documentation: string;
  /** Sorts the items as offered: most common status codes first. */
  sortText: string;
  insertText: string;
  /** The text the item replaces (the prefix typed so far) and whose text it is filtered by. */
  range: Range;
}

/** Offered first, in this order; the other status codes follow by number. */
export const COMMON_STATUS_CODES = ['200', '201', '204', '400', '401', '403', '404', '409', '422', '429', '500', '502', '503', '504'];

/** Catalogs whose codes are class names in code, never strings compared with `err.code`: the `*-exceptions` catalogs. */
const LOOKBACK_LINES = 20;
const CONSTANTS = httpConstants as HttpConstantsTable;

export function computeCompletions(doc: ParsedDocument, position: Position, registry: CatalogRegistry): CompletionEntry[] {
  const offset = doc.lines.offsetAt(position);
  const fromLine = Math.max(0, position.line - LOOKBACK_LINES);
  const before = doc.text.slice(doc.lines.offsetAt({ line: fromLine, character: 0 }), offset);
  const context = completionContextAt(before, doc.languageId === 'http');
  if (!context || insideCommentOrForeignString(doc, offset, context.kind)) return [];
  const range: Range = { start: { line: position.line, character: position.character - context.prefix.length }, end: position };
  if (context.kind === 'error-code') return errorCodeItems(registry, range);
  return statusItems(doc, registry, range, context.kind, context.prefix);
}

/** A comment never completes; a string only completes error codes. Needs a tree, so .http is exempt. */
function insideCommentOrForeignString(doc: ParsedDocument, offset: number, kind: CompletionContextKind): boolean {
  const grammar = grammarFor(doc.languageId);
  if (!grammar || !doc.tree) return false;
  const strings = GRAMMAR_SUPPORT[grammar].adapter.strings;
  const at = Math.max(0, offset - 1);
  for (let node = doc.tree.rootNode.descendantForIndex(at, at); node; node = node.parent) {
    if (node.type.includes('comment') && node.startIndex < offset) return true;
    if (kind !== 'error-code' && strings.has(node.type) && node.startIndex < offset && offset < node.endIndex) return true;
  }
  return false;
}

function statusItems(doc: ParsedDocument, registry: CatalogRegistry, range: Range, kind: CompletionContextKind, prefix: string): CompletionEntry[] {
  const codes = orderedStatusCodes(registry).filter((code) => !/^\d+$/.test(prefix) || code.startsWith(prefix));
  const constants = kind === 'status' ? constantsInUse(doc) : [];
  const items: CompletionEntry[] = [];
  codes.forEach((code, rank) => {
    const entry = registry.httpStatus(code)[0].entry;
    const documentation = statusDoc(entry);
    for (const constant of constants) {
      const member = memberFor(constant, Number(code));
      if (!member) continue;
      const label = `${constant.receiver}.${member}`;
      items.push({ label, kind: 'constant', detail: `${code} ${entry.name}`, documentation, sortText: `0${pad(rank)}`, insertText: label, range });
    }
    const insertText = kind === 'http-status-line' ? `${code} ${entry.name}` : code;
    items.push({ label: code, kind: 'status', detail: entry.name, documentation, sortText: `1${pad(rank)}`, insertText, range });
  });
  return items;
}

function errorCodeItems(registry: CatalogRegistry, range: Range): CompletionEntry[] {
  const seen = new Set<string>();
  const candidates: ResolvedEntry[] = [];
  // Workspace catalogs first: a team's own codes are the likeliest ones.
  const all = registry.allEntries();
  for (const resolved of [...all.filter((r) => r.origin.kind === 'workspace').reverse(), ...all.filter((r) => r.origin.kind === 'built-in')]) {
    const e = resolved.entry;
    // Numbers of `context` catalogs (JSON-RPC, WebSocket close codes) are never written as strings.
    if (e.kind !== 'error-code' || seen.has(e.code) || isExceptionCatalog(resolved.catalog.id) || resolved.catalog.matching === 'context') continue;
    seen.add(e.code);
    candidates.push(resolved);
  }
  const verdictRank = { yes: 0, conditional: 1, no: 2 } as const;
  return candidates.map((resolved, index) => {
    const e = resolved.entry;
    return {
      label: e.code,
      kind: 'error-code' as const,
      detail: `${e.name} · ${resolved.catalog.name}`,
      documentation: `**${e.code}** — ${e.name}\n\n${e.summary}\n\n${retryText(e)}\n\n_${resolved.catalog.name}_`,
      sortText: `${verdictRank[e.retry.verdict]}${pad(index)}`,
      insertText: e.code,
      range,
    };
  });
}

function orderedStatusCodes(registry: CatalogRegistry): string[] {
  const all = new Set(registry.allEntries().filter((r) => r.entry.kind === 'http-status').map((r) => r.entry.code));
  const rest = [...all].filter((c) => !COMMON_STATUS_CODES.includes(c)).sort((a, b) => Number(a) - Number(b));
  return [...COMMON_STATUS_CODES.filter((c) => all.has(c)), ...rest];
}

function statusDoc(e: CatalogEntry): string {
  const head = `**HTTP ${e.code} ${e.name}**${e.class ? ` · ${e.class}` : ''}`;
  return `${head}\n\n${e.summary}\n\n${retryText(e)}`;
}

function retryText(e: CatalogEntry): string {
  if (e.retry.verdict === 'yes') return `**Retryable** — with backoff${e.retry.retryAfter ? '; honour `Retry-After`' : ''}`;
  if (e.retry.verdict === 'conditional') return `**Retryable only if:** ${e.retry.condition ?? ''}`;
  return '**Not retryable**';
}

interface ConstantReceiver {
  family: ConstantFamily;
  receiver: string;
}

/** Receivers of symbolic status constants the document already uses (`http.StatusOK`) or imports (`HTTPStatus`). */
export function constantsInUse(doc: Pick<ParsedDocument, 'languageId' | 'text'>): ConstantReceiver[] {
  const grammar = grammarFor(doc.languageId);
  if (!grammar) return [];
  const own = GRAMMAR_SUPPORT[grammar].constants;
  const found: ConstantReceiver[] = [];
  const fallback = CONSTANT_FALLBACK[own];
  for (const family of fallback ? [own, fallback] : [own]) for (const [receiver, members] of Object.entries(CONSTANTS[family] ?? {})) {
    if (Object.keys(members).length === 0) continue;
    const name = receiver.replace(/[$]/g, '\\$');
    const use = new RegExp(`(?<![\\w$.])${name}\\s*\\.\\s*([A-Za-z_]\\w*)`, 'g');
    let used = false;
    for (const m of doc.text.matchAll(use)) {
      if (members[m[1]] !== undefined) {
        used = true;
        break;
      }
    }
    if (!used) used = new RegExp(`\\bimport\\b[^\\n;]*\\b${name}\\b`).test(doc.text);
    if (used) found.push({ family, receiver });
  }
  return found;
}

function memberFor(constant: ConstantReceiver, code: number): string | undefined {
  const members = CONSTANTS[constant.family]?.[constant.receiver] ?? {};
  return Object.keys(members).find((m) => members[m] === code);
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}
