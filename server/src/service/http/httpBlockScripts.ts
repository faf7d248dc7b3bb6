import type { HttpScript } from './httpFileTypes';
import { indentOf, lineRange, lineSpan, multiLineSpan, pos, SourceLine, trimmedEnd } from './httpLines';
import { BlockState } from './httpBlockState';

/** httpYac's script closing: `}}`, alone on its line. */
const YAC_END = /^[ \t]*\}\}[ \t]*$/;

/** The scripts and file references of a request block: JetBrains `> {% … %}` / `< {% … %}`, `> file.js`, `<> ref`, httpYac `{{ … }}`. */
export abstract class BlockScripts extends BlockState {
  protected readFileRef(l: SourceLine, at: number, pathOffset: number, marker: string): number {
    const end = trimmedEnd(l.text);
    const path = lineSpan(l, at + pathOffset, end);
    if (marker === '<>') this.block.responseRefs.push({ range: lineRange(l, at, end), path });
    else this.block.scripts.push({ range: lineRange(l, at, end), phase: 'response-handler', dialect: 'jetbrains', file: path, terminated: true });
    return this.enter('after', l.line);
  }

  /** `> {% … %}` / `< {% … %}`, single- or multi-line; stops at the block end when unterminated. */
  protected readScript(k: number, at: number, phase: HttpScript['phase']): number {
    const first = this.lines[k];
    const open = first.text.indexOf('{%', at) + 2;
    let endLine = k;
    let close = first.text.indexOf('%}', open);
    while (close < 0 && endLine + 1 < this.to) {
      endLine++;
      close = this.lines[endLine].text.indexOf('%}');
    }
    const terminated = close >= 0;
    while (!terminated && endLine > k && indentOf(this.lines[endLine].text) >= this.lines[endLine].text.length) endLine--;
    const last = this.lines[endLine];
    const scriptEnd = terminated ? close : last.text.length;
    const script = multiLineSpan(this.lines, k, open, endLine, scriptEnd);
    const rangeEnd = terminated ? close + 2 : trimmedEnd(last.text);
    this.block.scripts.push({ range: { start: pos(first, at), end: pos(last, rangeEnd) }, phase, dialect: 'jetbrains', script, terminated });
    if (trimmedEnd(last.text) > 0) this.touch(endLine);
    if (phase === 'pre-request' && this.state === 'preamble') return endLine;
    return this.enter('after', endLine);
  }
  /**
   * httpYac `{{ … }}`: the script is the lines between the markers; unterminated, it runs to the block end.
   * Before the request line it runs before the request, after it once the response is in (`event` overrides).
   */
  protected readYacScript(k: number, at: number, event: string): number {
    let endLine = k + 1;
    while (endLine < this.to && !YAC_END.test(this.lines[endLine].text)) endLine++;
    const terminated = endLine < this.to;
    let lastScriptLine = endLine - 1;
    if (!terminated) while (lastScriptLine > k && indentOf(this.lines[lastScriptLine].text) >= this.lines[lastScriptLine].text.length) lastScriptLine--;
    const first = this.lines[k];
    const before = this.state === 'preamble';
    const phase: HttpScript['phase'] =
      event === 'request' ? 'pre-request' : event === 'response' || event === 'after' ? 'response-handler' : before ? 'pre-request' : 'response-handler';
    const script =
      lastScriptLine > k
        ? multiLineSpan(this.lines, k + 1, 0, lastScriptLine, this.lines[lastScriptLine].text.length)
        : lineSpan(first, first.text.length, first.text.length);
    const lastLine = this.lines[terminated ? endLine : lastScriptLine];
    const range = { start: pos(first, at), end: pos(lastLine, trimmedEnd(lastLine.text)) };
    this.block.scripts.push({ range, phase, dialect: 'httpyac', script, terminated });
    this.touch(lastLine.line);
    if (before) return lastLine.line;
    return this.enter('after', lastLine.line);
  }
}
