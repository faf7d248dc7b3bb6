/**
 * In-process measurements of the analysis service against tree-sitter floors measured in the same
 * run: full analysis vs full parse, keystroke (edit → fresh diagnostics) vs incremental re-parse,
 * hover and code-action latency with the tree cached.
 */
import { ErrorCodeLanguageService } from '../server/src/service/languageService';
import { TreeSitterHost } from '../server/src/service/parsing/treeSitter';
import { TextLines } from '../server/src/service/parsing/textLines';
import type { Range } from '../server/src/service/types';
import { generateSource, LANGUAGE_ID } from './generate';
import { Figure, figure, stat, time } from './stats';

type Lang = 'python' | 'typescript' | 'go' | 'java';
const GRAMMAR: Record<Lang, 'python' | 'typescript' | 'go' | 'java'> = { python: 'python', typescript: 'typescript', go: 'go', java: 'java' };

/**
 * A one-character edit inside a function body in the middle of the file, as typing is: append a
 * space to an indented line, then delete it next time.
 */
function keystrokes(text: string): Array<{ range: Range; text: string }> {
  const lines = new TextLines(text);
  let line = Math.floor(lines.lineCount / 2);
  while (line < lines.lineCount - 1 && !/^\s+\S/.test(lines.lineText(line))) line++;
  const end = lines.lineText(line).replace(/\r?\n$/, '').length;
  const at = { line, character: end };
  return [
    { range: { start: at, end: at }, text: ' ' },
    { range: { start: at, end: { line, character: end + 1 } }, text: '' },
  ];
}

export async function serviceFigures(runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const host = new TreeSitterHost();
  const service = new ErrorCodeLanguageService();
  const analyse = (uri: string) => {
    service.occurrences(uri);
    service.diagnostics(uri);
  };

  for (const [lang, lines] of [['python', 300], ['python', 10000], ['typescript', 10000], ['go', 10000], ['java', 10000]] as Array<[Lang, number]>) {
    const text = generateSource(lang, lines);
    const parser = await host.newParser(GRAMMAR[lang]);
    const uri = `bench://${lang}-${lines}`;

    // Full analysis (parse + spot + rules) vs full parse.
    let version = 1;
    const full = await time(async () => {
      await service.open({ uri, languageId: LANGUAGE_ID[lang], version: version++, text });
      analyse(uri);
    }, Math.max(5, Math.floor(runs / 4)));
    const parseOnly = await time(() => parser.parse(text)?.delete(), Math.max(5, Math.floor(runs / 4)));
    if (lines >= 10000) {
      figures.push(figure({ name: `full analysis, ${lang} ${lines} lines`, unit: 'ms', value: stat(full), baseline: { name: 'tree-sitter full parse', value: stat(parseOnly) }, budget: { max: 1.5, of: 'ratio', text: '≤ 1.5× full parse' } }));
    }

    // Keystroke: incremental edit → fresh diagnostics, vs incremental re-parse alone.
    const edits = keystrokes(text);
    let k = 0;
    const keystroke = await time(() => {
      const edit = edits[k++ % 2];
      service.update(uri, version++, [edit]);
      analyse(uri);
    }, runs);
    let baseTree = parser.parse(text)!;
    let baseText = text;
    let b = 0;
    // The two edits toggle one space on one line: their offsets never change, so the floor is the re-parse alone.
    const textLines = new TextLines(text);
    const offsets = edits.map((e) => [textLines.offsetAt(e.range.start), textLines.offsetAt(e.range.end)]);
    const reparse = await time(() => {
      const edit = edits[b % 2];
      const [start, oldEnd] = offsets[b++ % 2];
      baseText = baseText.slice(0, start) + edit.text + baseText.slice(oldEnd);
      const newEnd = start + edit.text.length;
      const row = edit.range.start.line;
      baseTree.edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: { row, column: 0 }, oldEndPosition: { row, column: oldEnd - start }, newEndPosition: { row, column: newEnd - start } } as never);
      const next = parser.parse(baseText, baseTree)!;
      baseTree.delete();
      baseTree = next;
    }, runs);
    baseTree.delete();
    const budgetMs = lines <= 300 ? 2 : 15;
    figures.push(figure({ name: `keystroke → diagnostics, ${lang} ${lines} lines`, unit: 'ms', value: stat(keystroke), baseline: { name: 'tree-sitter incremental re-parse', value: stat(reparse) }, budget: { max: budgetMs, of: 'median', text: `≤ ${budgetMs} ms (and ≤ 1.3× the re-parse floor)` } }));

    if (lang === 'python' && lines >= 10000) {
      const occurrences = service.occurrences(uri);
      const positions = occurrences.map((o) => o.range.start);
      let h = 0;
      const hover = await time(() => service.hover(uri, positions[h++ % positions.length]), runs * 4);
      figures.push(figure({ name: 'hover, python 10000 lines (tree cached)', unit: 'ms', value: stat(hover), budget: { max: 1, of: 'p95', text: 'p95 ≤ 1 ms' } }));
      const findings = service.diagnostics(uri);
      const facade = service as unknown as { codeActions?: (uri: string, range: Range, findings: unknown[]) => unknown[] };
      if (facade.codeActions && findings.length) {
        let c = 0;
        const actions = await time(() => {
          const f = findings[c++ % findings.length];
          facade.codeActions!(uri, f.range, [f]);
        }, runs * 2);
        figures.push(figure({ name: 'code actions, python 10000 lines', unit: 'ms', value: stat(actions), budget: { max: 5, of: 'p95', text: 'p95 ≤ 5 ms' } }));
      }
    }
    service.close(uri);
  }
  return figures;
}
