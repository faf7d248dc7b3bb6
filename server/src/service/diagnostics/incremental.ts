import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { ParsedDocument } from '../parsing/documentTrees';
import type { GrammarName } from '../parsing/grammars';
import type { Settings } from '../settings';
import type { Finding, Occurrence, Position } from '../types';
import { DiagContext } from './context';
import { type CrossFunctionFacts, editCrossesFunctions } from './crossFunction';
import { buildFlow, CommentInfo, type FileFlow } from './flow/flowModel';
import { FLOW_GRAMMARS } from './flow/index';
import type { MechanismScope } from './mechanisms';
import { unitAround } from '../parsing/units';
import { isOneDecision, SAME_DECISION_LIMIT } from './rules/oneDecisionFindings';

/** What a document version's analysis keeps so the next version can redo only the edited function. */
export interface DiagState {
  /** Findings of the enabled rules, before settings and suppression comments. */
  raw: Finding[];
  comments: CommentInfo[];
  /** File-wide facts: retry mechanisms in scope, imports and header mentions. */
  mechanisms: MechanismScope;
  imports: string[];
  flags: { retryAfter: boolean; rateLimit: boolean; idempotency: boolean };
  occurrences: readonly Occurrence[];
  /** Offsets of the units (see units.ts). */
  units: Array<[number, number]>;
  /** What ties functions of the file together (an edit in a function that takes part is analysed whole). */
  cross: CrossFunctionFacts;
}

/**
 * The file-wide retry facts without the flow they were computed from: a kept state must not hold the
 * flow model's syntax nodes, calls and maps (about 1 MB per 1,000-line file) for as long as the
 * document stays open. Re-analysis only rebases the facts onto the edited function's flow.
 */
export function detachedMechanisms(mechanisms: MechanismScope, flow: FileFlow): MechanismScope {
  const empty: FileFlow = {
    ...flow, fns: [], loops: [], calls: [], comments: [],
    fnByNode: new Map(), loopByNode: new Map(), callByNode: new Map(), callsByFn: new Map(), loopsByFn: new Map(),
  };
  return mechanisms.rebase(empty);
}

/** How often an edit was re-analysed in place (for tests and the benchmark). */
export const incrementalStats = { reanalysed: 0 };

const MENTIONS = [/retry[-_]?after|ratelimit[-_]?reset|rate[-_]limit[-_]reset/gi, /ratelimit|rate[-_]limit/gi, /idempotency[-_]?key/gi];
const IMPORTS = /\b(import|using|require|include|package)\b/;

/**
 * Re-analyses only the function an edit fell in, reusing the previous version's other findings (moved
 * by the edit's length). Returns undefined, meaning "do a full analysis", whenever the edit could reach
 * past that function: not strictly inside a unit, a unit the previous version did not have, a change to
 * imports, retry wrappers or header mentions, or codes outside the function spotted differently.
 */
export function reanalyseEdit(
  doc: ParsedDocument,
  grammarName: GrammarName,
  prev: DiagState,
  occurrences: readonly Occurrence[],
  registry: CatalogRegistry,
  settings: Settings,
  runRules: (ctx: DiagContext, settings: Settings) => Finding[],
): DiagState | undefined {
  const edit = doc.edit!;
  const before = edit.previous;
  const grammar = FLOW_GRAMMARS[grammarName];
  const unit = unitAround(doc.tree!, grammar, edit.start, edit.newEnd);
  if (!unit) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const start = unit.startIndex;
  const end = unit.endIndex;
  const oldEnd = end - delta;
  const unitIndex = findUnit(prev.units, start, oldEnd);
  if (unitIndex < 0) return undefined;
  const oldText = before.text.slice(start, oldEnd);
  const newText = doc.text.slice(start, end);
  const names = globalNamesPattern(prev.mechanisms, settings);
  if (IMPORTS.test(oldText) || IMPORTS.test(newText) || (names && (names.test(oldText) || names.test(newText)))) return undefined;

  const flow = buildFlow(doc.tree!, doc.text, grammarName, unit);
  if (editCrossesFunctions(prev.cross, flow, oldText)) return undefined;
  const oldComments = prev.comments.filter((c) => c.start >= start && c.end <= oldEnd);
  if (mentionKey(before.text, start, oldEnd, oldComments) !== mentionKey(doc.text, start, end, flow.comments)) return undefined;

  // Codes outside the function must be the same codes, moved.
  const startPos = before.lines.positionAt(start);
  const oldEndPos = before.lines.positionAt(oldEnd);
  const newEndPos = doc.lines.positionAt(end);
  const lineDelta = newEndPos.line - oldEndPos.line;
  const move = (p: Position): Position | undefined => movePosition(p, startPos, oldEndPos, newEndPos);
  const inside: Occurrence[] = [];
  const outside: Occurrence[] = [];
  for (const o of occurrences) {
    const at = doc.lines.offsetAt(o.range.start);
    (at >= start && at < end ? inside : outside).push(o);
  }
  const oldOutside = prev.occurrences.filter((o) => {
    const at = before.lines.offsetAt(o.range.start);
    return !(at >= start && at < oldEnd);
  });
  if (oldOutside.length !== outside.length) return undefined;
  for (let i = 0; i < outside.length; i++) {
    const a = oldOutside[i];
    const b = outside[i];
    if (a === b) continue; // kept as is by incremental spotting
    const s = move(a.range.start);
    const e = move(a.range.end);
    if (!s || !e || !samePos(s, b.range.start) || !samePos(e, b.range.end)) return undefined;
    if (a.code !== b.code || a.kind !== b.kind || a.role !== b.role || a.text !== b.text || a.symbolic !== b.symbolic) return undefined;
  }

  // Findings elsewhere, moved; a kept finding that points into the function means a full pass.
  const raw: Finding[] = [];
  for (const finding of prev.raw) {
    const at = before.lines.offsetAt(finding.range.start);
    if (at >= start && at < oldEnd) continue;
    // Most findings lie wholly before the function, or after it on lines the edit did not shift.
    const [minLine, maxLine] = lineSpan(finding);
    if (maxLine < startPos.line || (lineDelta === 0 && minLine > oldEndPos.line)) {
      raw.push(finding);
      continue;
    }
    const moved = moveDeep(finding, move);
    if (moved === undefined) return undefined;
    raw.push(moved as Finding);
  }

  flow.imports = prev.imports;
  flow.fileReadsRetryAfter = prev.flags.retryAfter;
  flow.fileRateLimit = prev.flags.rateLimit;
  flow.fileIdempotencyKey = prev.flags.idempotency;
  const ctx = new DiagContext(doc, flow, inside, registry, settings, prev.mechanisms.rebase(flow));
  raw.push(...runRules(ctx, settings));
  // More than a few unretried requests are reported as one decision over the whole file (noRetryOnRequest.ts).
  if (raw.filter((f) => f.rule === 'no-retry-on-request').length > SAME_DECISION_LIMIT || raw.some(isOneDecision)) return undefined;
  // A session's requests without a timeout are one finding at the session (pythonTimeouts.ts), over the whole file.
  if (raw.some(isSessionTimeout)) return undefined;

  const comments: CommentInfo[] = [];
  for (const c of prev.comments) {
    if (c.end <= start) comments.push(c);
    else if (c.start >= oldEnd) comments.push({ start: c.start + delta, end: c.end + delta, text: c.text });
  }
  comments.push(...flow.comments);
  comments.sort((a, b) => a.start - b.start);
  incrementalStats.reanalysed++;
  const units = prev.units.map(([s, e], i): [number, number] => (i < unitIndex ? [s, e] : i === unitIndex ? [start, end] : [s + delta, e + delta]));
  return { raw, comments, mechanisms: prev.mechanisms, imports: prev.imports, flags: prev.flags, occurrences, units, cross: prev.cross };
}

function isSessionTimeout(finding: Finding): boolean {
  return finding.rule === 'request-without-timeout' && (finding.data as { where?: string } | undefined)?.where === 'session';
}

function findUnit(units: ReadonlyArray<[number, number]>, start: number, end: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid][0] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < units.length && units[lo][0] === start && units[lo][1] === end ? lo : -1;
}

const namePatterns = new WeakMap<MechanismScope, { settings: Settings; pattern: RegExp | undefined }>();

/** Names of retry wrappers and configuration calls: their calls feed file-wide facts. */
function globalNamesPattern(mechanisms: MechanismScope, settings: Settings): RegExp | undefined {
  let entry = namePatterns.get(mechanisms);
  if (!entry || entry.settings !== settings) {
    const names = [...new Set([...mechanisms.globalNames(), ...settings.retryFunctionNames.map((n) => n.split('.').pop() ?? n)])].filter(Boolean);
    const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    entry = { settings, pattern: escaped.length ? new RegExp(`(?<![\\w$])(${escaped.join('|')})(?![\\w$])`) : undefined };
    namePatterns.set(mechanisms, entry);
  }
  return entry.pattern;
}

/** Which header-mention patterns occur in code (not comments) in [start, end). */
function mentionKey(text: string, start: number, end: number, comments: readonly CommentInfo[]): string {
  const slice = text.slice(start, end);
  return MENTIONS.map((pattern) => {
    for (const m of slice.matchAll(pattern)) {
      const at = m.index + start;
      if (!comments.some((c) => c.start <= at && at < c.end)) return '1';
    }
    return '0';
  }).join('');
}

/** A position of the previous version in this one: unchanged before the edited span, shifted after it, undefined inside. */
function movePosition(p: Position, start: Position, oldEnd: Position, newEnd: Position): Position | undefined {
  if (p.line < start.line || (p.line === start.line && p.character <= start.character)) return p;
  if (p.line > oldEnd.line) return { line: p.line + newEnd.line - oldEnd.line, character: p.character };
  if (p.line === oldEnd.line && p.character >= oldEnd.character) return { line: newEnd.line, character: p.character - oldEnd.character + newEnd.character };
  return undefined;
}

/** First and last line of any position in a finding (cached: findings are immutable). */
const spans = new WeakMap<Finding, [number, number]>();
function lineSpan(finding: Finding): [number, number] {
  let span = spans.get(finding);
  if (!span) {
    const found: [number, number] = [Infinity, -Infinity];
    visitPositions(finding, (p) => {
      if (p.line < found[0]) found[0] = p.line;
      if (p.line > found[1]) found[1] = p.line;
    });
    span = found;
    spans.set(finding, span);
  }
  return span;
}

function visitPositions(value: unknown, visit: (p: Position) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) visitPositions(v, visit);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) visit(record as unknown as Position);
    else for (const k in record) visitPositions(record[k], visit);
  }
}

function samePos(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** A copy of a finding with every position moved; undefined when one cannot be. */
function moveDeep(value: unknown, move: (p: Position) => Position | undefined): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const m = moveDeep(v, move);
      if (m === undefined && v !== undefined) return undefined;
      out.push(m);
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) return move(record as unknown as Position);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const m = moveDeep(v, move);
      if (m === undefined && v !== undefined) return undefined;
      out[k] = m;
    }
    return out;
  }
  return value;
}
