import type { Finding, Occurrence, Range } from '../service/types';
import type { FileReport } from './checkFiles';

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based lines and columns, as the JSON format promises. */
function span(range: Range): Span {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** The stable `--format json` document (version 1). */
export function toJson(reports: readonly FileReport[], notices: readonly string[]): string {
  const files = reports.map((r) => ({
    path: r.path,
    language: r.language,
    occurrences: r.occurrences.map((o: Occurrence) => ({ ...span(o.range), code: o.code, kind: o.kind, role: o.role, text: o.text })),
    diagnostics: r.findings.map((f: Finding) => ({ ...span(f.range), rule: f.rule, severity: f.severity, message: f.message })),
  }));
  return JSON.stringify({ version: 1, files, notices }, null, 2);
}

/** Human-readable output: one line a finding, then a summary. */
export function toText(reports: readonly FileReport[], notices: readonly string[]): string {
  const lines: string[] = [];
  let occurrences = 0;
  let findings = 0;
  for (const r of reports) {
    occurrences += r.occurrences.length;
    findings += r.findings.length;
    for (const o of r.occurrences) {
      const s = span(o.range);
      lines.push(`${r.path}:${s.line}:${s.column}: ${o.kind} ${o.code} (${o.role}) ${o.text}`);
    }
    for (const f of r.findings) {
      const s = span(f.range);
      lines.push(`${r.path}:${s.line}:${s.column}: ${f.severity} ${f.rule}: ${f.message}`);
    }
  }
  for (const notice of notices) lines.push(`notice: ${notice}`);
  lines.push(`${reports.length} files checked, ${occurrences} codes found, ${findings} findings`);
  return lines.join('\n');
}
