/**
 * Shared fast-check generators for the fuzz tier: arbitrary text, mutated real fixtures (deleted,
 * duplicated and inserted tokens, unbalanced brackets, unterminated strings, truncation) and random
 * edit sequences expressed as LSP ranges over the text they apply to.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { languageForPath } from '../../server/src/service/parsing/grammars';
import type { LanguageId, Position, Range } from '../../server/src/service/types';

const ROOT = path.resolve(__dirname, '..', '..');

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Every fixture under test/fixtures/** per language (plus .http/.rest), read once. */
export const FIXTURES: Record<LanguageId, string[]> = (() => {
  const out = {} as Record<LanguageId, string[]>;
  for (const file of walk(path.join(ROOT, 'test', 'fixtures'))) {
    const lang = /\.(http|rest)$/i.test(file) ? 'http' : languageForPath(file);
    if (!lang) continue;
    (out[lang] ??= []).push(fs.readFileSync(file, 'utf8'));
  }
  return out;
})();

/** JSON/YAML fixtures (catalogs, OpenAPI documents) by extension. */
export function dataFixtures(pattern: RegExp, ...dirs: string[]): string[] {
  return dirs.flatMap((d) => walk(path.join(ROOT, d))).filter((f) => pattern.test(f)).map((f) => fs.readFileSync(f, 'utf8'));
}

/** Tokens worth splicing in: brackets, quotes, comments, line breaks, odd code points, codes and code-ish names. */
export const TOKENS = [
  '(', ')', '[', ']', '{', '}', '<', '>', '"', "'", '`', '"""', "'''", '/*', '*/', '//', '#', '\\', '${', '\n', '\r\n', '\r',
  '\t', ' ', ';', ':', ',', '.', '=', '==', '===', '!=', '||', '&&', '=>', '->', '@', '%}', '> {%', '###', '?? status == 503',
  '429', '503', '500', '200', '404', '599', '1000', '42', 'status_code', '.status', 'StatusCode', 'ECONNRESET', "'ECONNRESET'",
  '"ETIMEDOUT"', 'HTTPStatus.TOO_MANY_REQUESTS', 'http.StatusTooManyRequests', 'HttpStatusCode.ServiceUnavailable',
  'codes.Unavailable', 'UNAVAILABLE', 'r.status_code == 429', 'res.status(503)', 'if', 'else', 'for', 'while', 'try', 'except',
  'catch', 'retry', 'raise', 'throw', 'return', 'HTTP/1.1 429 Too Many Requests', 'GET https://api.test/x', 'Retry-After: 5',
  '😀', '👩‍👩‍👧', 'é', 'Ω', '名前', '\u0000', '\uFEFF', '\u2028', '\uD800', '\uDC00', '\u200B',
];

export const arbToken = fc.constantFrom(...TOKENS);

/** Text of random characters: ASCII-heavy, with any UTF-16 code unit (lone surrogates too) now and then. */
export const arbRandomText = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength }).map((b) => Buffer.from(b).toString('latin1')) },
  );

/** A soup of tokens: syntax fragments glued together. */
export const arbTokenSoup = (maxTokens = 60): fc.Arbitrary<string> => fc.array(arbToken, { maxLength: maxTokens }).map((t) => t.join(''));

type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number; span: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'unbalance'; at: number; token: string }
  | { kind: 'unterminate'; at: number; quote: string }
  | { kind: 'truncate'; at: number };

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat(), span: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: arbToken }),
  fc.record({ kind: fc.constant('unbalance' as const), at: fc.nat(), token: fc.constantFrom('(', ')', '[', ']', '{', '}', '((((', '}}}}') }),
  fc.record({ kind: fc.constant('unterminate' as const), at: fc.nat(), quote: fc.constantFrom('"', "'", '`', '"""', '/*') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const TOKEN_RE = /\w+|\s+|[^\w\s]/gu;

/** Applies token-level mutations to a text. Token indexes wrap around the token count. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let tokens: string[] = text.match(TOKEN_RE) ?? [];
  for (const m of mutations) {
    const n = tokens.length;
    const i = n === 0 ? 0 : m.at % (n + 1);
    switch (m.kind) {
      case 'delete':
        tokens.splice(i, m.span);
        break;
      case 'duplicate':
        tokens.splice(i, 0, ...tokens.slice(i, i + m.span));
        break;
      case 'insert':
      case 'unbalance':
        tokens.splice(i, 0, m.token);
        break;
      case 'unterminate':
        // An opening quote with no closing one: everything after it becomes string or comment.
        tokens.splice(i, 0, m.quote);
        break;
      case 'truncate':
        tokens = tokens.slice(0, i);
        break;
    }
  }
  return tokens.join('');
}

/** A window of a real fixture (at most `maxWindow` characters), mutated a few times. */
export function arbMutatedFixture(sources: readonly string[], maxWindow = 1500): fc.Arbitrary<string> {
  if (sources.length === 0) return arbTokenSoup();
  return fc
    .record({
      source: fc.constantFrom(...sources),
      from: fc.nat(),
      length: fc.integer({ min: 0, max: maxWindow }),
      mutations: fc.array(arbMutation, { maxLength: 6 }),
    })
    .map(({ source, from, length, mutations }) => {
      const start = source.length === 0 ? 0 : from % source.length;
      return mutate(source.slice(start, start + length), mutations);
    });
}

/** Document text for a language: mostly small mutated fixtures, some token soup and random text. */
export function arbDocumentText(lang: LanguageId, maxWindow = 1500): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: arbMutatedFixture(FIXTURES[lang] ?? [], maxWindow) },
    { weight: 2, arbitrary: arbTokenSoup() },
    { weight: 2, arbitrary: arbRandomText() },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** One edit, in fractions of the current text so it always lands somewhere meaningful. */
export interface EditSpec {
  at: number;
  /** How many characters to replace (may run past the end; clamped). */
  remove: number;
  text: string;
  /** Give the end as a position past the line end / past the last line (clients should not, but may). */
  sloppy: boolean;
}

export const arbEdit: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 200 })),
  text: fc.oneof(fc.constant(''), arbToken, arbTokenSoup(6), fc.string({ maxLength: 12 })),
  sloppy: fc.boolean(),
});

/** Edit batches: each inner array is one didChange (its edits apply one after the other). */
export const arbEditBatches: fc.Arbitrary<EditSpec[][]> = fc.array(fc.array(arbEdit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 });

/** Line starts per LSP: `\r\n`, `\r` and `\n` all end a line. Independent of the service's TextLines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The content of each line, without its line break. */
export function linesOf(text: string): string[] {
  const starts = lineStarts(text);
  return starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length).replace(/\r?\n$|\r$/, ''));
}

/** The offset an LSP position stands for, clamped like editors do, and the position actually meant. */
export function offsetOf(text: string, p: Position): number {
  const starts = lineStarts(text);
  if (p.line >= starts.length) return text.length;
  const content = linesOf(text)[p.line];
  return starts[p.line] + Math.min(p.character, content.length);
}

export function positionOf(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  const content = linesOf(text)[line];
  return { line, character: Math.min(offset - starts[line], content.length) };
}

/** Turns an EditSpec into an LSP change over `text`, and the text after it (computed here, not by the service). */
export function concreteEdit(text: string, e: EditSpec): { range: Range; text: string; after: string } {
  const startPos = positionOf(text, Math.floor(e.at * (text.length + 1)));
  const start = offsetOf(text, startPos);
  const endOffset = Math.min(text.length, start + e.remove);
  let endPos = positionOf(text, endOffset);
  if (e.sloppy && endOffset === text.length) endPos = { line: endPos.line + 3, character: endPos.character + 5 };
  else if (e.sloppy && linesOf(text)[endPos.line].length === endPos.character) endPos = { line: endPos.line, character: endPos.character + 7 };
  const end = offsetOf(text, endPos);
  return { range: { start: startPos, end: endPos }, text: e.text, after: text.slice(0, start) + e.text + text.slice(end) };
}

/** Random positions in (and just past) a document. */
export function arbPositions(count = 4): fc.Arbitrary<Array<{ line: number; character: number }>> {
  return fc.array(fc.record({ line: fc.double({ min: 0, max: 1.05, noNaN: true }), character: fc.nat(120) }), { maxLength: count }).map((ps) => ps.map((p) => ({ line: p.line, character: p.character })));
}
