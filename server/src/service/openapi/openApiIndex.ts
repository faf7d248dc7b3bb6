/**
 * All OpenAPI documents of the workspace, indexed by path template, and what a hover on a status code
 * can add from them: the operation the surrounding request targets and what it declares for that code.
 */
import type { ParsedDocument } from '../parsing/documentTrees';
import { parseHttpFile } from '../http/httpFileParser';
import type { Occurrence } from '../types';
import { type OpenApiOperation, type OpenApiProblem, type OpenApiResponse, OPENAPI_LIMITS, readOpenApiDocument } from './openApiDocument';
import { type CompiledTemplate, compileTemplate, matchScore, urlPathSegments } from './pathMatching';

export interface OpenApiSource {
  location: string;
  text: string;
}

export interface OpenApiFileReport {
  location: string;
  operations: number;
  problems: OpenApiProblem[];
}

export const MAX_OPENAPI_FILES = 50;
const MAX_HOVER_OPERATIONS = 3;

export class OpenApiIndex {
  private entries: Array<{ operation: OpenApiOperation; compiled: CompiledTemplate }> = [];

  /** Replaces every document at once; returns one report per file given. */
  set(files: readonly OpenApiSource[]): OpenApiFileReport[] {
    const reports: OpenApiFileReport[] = [];
    const entries: typeof this.entries = [];
    const compiled = new Map<string, CompiledTemplate>();
    files.forEach((file, index) => {
      if (index >= MAX_OPENAPI_FILES) {
        reports.push({ location: file.location, operations: 0, problems: [] });
        return;
      }
      let spec;
      try {
        spec = readOpenApiDocument(file.location, typeof file.text === 'string' ? file.text : '', OPENAPI_LIMITS);
      } catch (error) {
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        reports.push({ location: file.location, operations: 0, problems: [{ message: `OpenAPI document not read: ${String(error)}`, range, severity: 'warning', code: 'openapi-not-read' }] });
        return;
      }
      for (const operation of spec.operations) {
        let c = compiled.get(operation.path);
        if (!c) compiled.set(operation.path, (c = compileTemplate(operation.path)));
        entries.push({ operation, compiled: c });
      }
      reports.push({ location: file.location, operations: spec.operations.length, problems: spec.problems });
    });
    this.entries = entries;
    return reports;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The operations whose path template best matches the URL (and the method, when known). */
  match(url: string, method?: string): OpenApiOperation[] {
    const segments = urlPathSegments(url);
    if (!segments) return [];
    let best = 0;
    let hits: OpenApiOperation[] = [];
    for (const { operation, compiled } of this.entries) {
      if (method && operation.method !== method.toUpperCase()) continue;
      const score = matchScore(segments, compiled);
      if (score === undefined || score < best) continue;
      if (score > best) hits = [];
      best = score;
      hits.push(operation);
    }
    return hits;
  }

  /** Markdown to append to a hover on an HTTP status, or undefined when no spec operation applies. */
  hoverSection(doc: ParsedDocument, occurrence: Occurrence): string | undefined {
    if (this.entries.length === 0 || occurrence.kind !== 'http-status') return undefined;
    const operations = this.operationsFor(doc, occurrence);
    if (operations.length === 0) return undefined;
    const lines = operations.slice(0, MAX_HOVER_OPERATIONS).map((op) => describeOperation(op, occurrence.code));
    if (operations.length > MAX_HOVER_OPERATIONS) lines.push(`- …and ${operations.length - MAX_HOVER_OPERATIONS} more operations`);
    return ['**OpenAPI:**', ...lines].join('\n');
  }

  private operationsFor(doc: ParsedDocument, occurrence: Occurrence): OpenApiOperation[] {
    if (doc.languageId === 'http') {
      const line = occurrence.range.start.line;
      const block = parseHttpFile(doc.text).blocks.find((b) => b.range.start.line <= line && line <= b.range.end.line);
      const request = block?.requestLine;
      return request ? this.match(request.url, request.method.text) : [];
    }
    const seen = new Set<OpenApiOperation>();
    for (const text of enclosingTexts(doc, occurrence)) {
      for (const { url, method } of urlLiterals(text)) {
        const byMethod = method ? this.match(url, method) : [];
        for (const op of byMethod.length ? byMethod : this.match(url)) seen.add(op);
      }
      if (seen.size > 0) break;
    }
    return [...seen];
  }
}

function describeOperation(op: OpenApiOperation, code: string): string {
  const where = `\`${op.method} ${op.path}\`${op.operationId ? ` (${op.operationId})` : ''} in ${baseName(op.location)}`;
  const exact = op.responses.find((r) => r.status === code);
  const range = op.responses.find((r) => r.status === `${code[0]}XX`);
  const fallback = op.responses.find((r) => r.status === 'default');
  const declared = exact ?? range ?? fallback;
  if (!declared) {
    const list = op.responses.map((r) => r.status).join(', ');
    return `- ${where} declares no ${code} response${list ? ` (declared: ${list})` : ''}`;
  }
  const via = declared === exact ? '' : ` (via \`${declared.status}\`)`;
  return `- ${where}: **${code}**${via} — ${declared.description?.trim() || 'no description'}${headerText(declared)}`;
}

function headerText(r: OpenApiResponse): string {
  return r.headers.length ? ` · headers: ${r.headers.map((h) => `\`${h}\``).join(', ')}` : '';
}

function baseName(location: string): string {
  const clean = location.replace(/[?#].*$/, '');
  return decodeURIComponentSafe(clean.slice(clean.lastIndexOf('/') + 1));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const FUNCTION_TYPES = new Set([
  'function_definition', // Python
  'function_declaration', // JS/TS, Go
  'function_expression',
  'function',
  'generator_function_declaration',
  'arrow_function',
  'method_definition',
  'method_declaration', // Go, Java, C#
  'func_literal',
  'constructor_declaration',
  'local_function_statement',
  'lambda_expression',
]);

/** The texts of the functions enclosing the occurrence, innermost first, then a window of nearby lines. */
function enclosingTexts(doc: ParsedDocument, occurrence: Occurrence): string[] {
  const texts: string[] = [];
  const start = doc.lines.offsetAt(occurrence.range.start);
  let node = doc.tree?.rootNode.descendantForIndex(start, start) ?? null;
  for (; node && texts.length < 4; node = node.parent) {
    if (FUNCTION_TYPES.has(node.type) && node.endIndex - node.startIndex < 200_000) texts.push(doc.text.slice(node.startIndex, node.endIndex));
  }
  if (texts.length === 0) {
    const from = doc.lines.offsetAt({ line: Math.max(0, occurrence.range.start.line - 20), character: 0 });
    const to = doc.lines.offsetAt({ line: occurrence.range.start.line + 5, character: 0 });
    texts.push(doc.text.slice(from, Math.max(to, start)));
  }
  return texts;
}

/** String literals in source text that look like a URL or a path, with the HTTP method the call names, if any. */
export function urlLiterals(text: string): Array<{ url: string; method?: string }> {
  const out: Array<{ url: string; method?: string }> = [];
  const literal = /(["'`])((?:(?!\1)[^\n\\]|\\.){1,500}?)\1/g;
  for (let m = literal.exec(text); m && out.length < 50; m = literal.exec(text)) {
    const value = m[2];
    if (!/^(?:https?:\/\/|\/|\$?\{[^}]*\}\/|%s\/)/i.test(value) || !value.includes('/')) continue;
    // `requests.get(f"…`, `axios.post('…`, `client.GetAsync($"…`, `http.Get("…` just before; `method: 'POST'` just after.
    const before = /\b(get|put|post|delete|patch|head|options)(?:async)?\s*(?:<[^>]*>)?\s*\(\s*[a-z$@]{0,2}$/i.exec(text.slice(Math.max(0, m.index - 40), m.index));
    const after = /\bmethod\s*[:=]\s*["'`](\w+)["'`]/i.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 200));
    out.push({ url: value, method: (before?.[1] ?? after?.[1])?.toUpperCase() });
  }
  return out;
}
