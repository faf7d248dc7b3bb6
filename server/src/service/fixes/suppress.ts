/** "Suppress <rule> for this line": an `eci-disable-next-line <rule>` comment above, indented like the line. */
import type { CodeActionResult, Finding } from '../types';
import { Doc, eol, indentOfLine, insertAt } from './text';

export function commentPrefix(doc: Doc): string {
  return doc.languageId === 'python' || doc.languageId === 'ruby' || doc.languageId === 'http' ? '#' : '//';
}

export function suppressFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const line = finding.range.start.line;
  const previous = line > 0 ? doc.lines.lineText(line - 1) : '';
  const directive = /eci-disable-next-line\s+([^\n]*)/.exec(previous);
  const title = `Suppress ${finding.rule} for this line`;
  if (directive) {
    // Extend an existing directive on the line above instead of stacking a second one.
    const args = directive[1].split(/\s--\s|\*\//)[0];
    const rules = args.split(/[\s,]+/).filter(Boolean);
    if (rules.length === 0 || rules.includes(finding.rule)) return undefined;
    const argsStart = directive.index + directive[0].length - directive[1].length;
    const start = doc.lines.offsetAt({ line: line - 1, character: 0 }) + argsStart + args.trimEnd().length;
    return { title, kind: 'quickfix', fixes: [finding.rule], edits: [insertAt(doc, start, `, ${finding.rule}`)] };
  }
  const indent = indentOfLine(doc, line);
  const start = doc.lines.offsetAt({ line, character: 0 });
  const text = `${indent}${commentPrefix(doc)} eci-disable-next-line ${finding.rule}${eol(doc)}`;
  return { title, kind: 'quickfix', fixes: [finding.rule], edits: [insertAt(doc, start, text)] };
}
