/**
 * Hand-written, linear-time parser for .http / .rest request files (REST Client, httpYac,
 * JetBrains HTTP Client). Never throws: unknown lines are skipped or kept as body text.
 */
import type { HttpFile, HttpRequestBlock, HttpVariable } from './httpFileTypes';
import {
  isSeparator,
  parseAssert,
  parseComment,
  parseHeader,
  parseMetadata,
  parseRequestLine,
  parseStatusLine,
  parseVariable,
} from './httpLineKinds';
import { indentOf, lineRange, lineSpan, pos, SourceLine, splitLines, trimmedEnd } from './httpLines';
import { BlockScripts } from './httpBlockScripts';

const SCRIPT_START = /^([<>])[ \t]*\{%/;
/** httpYac's script opening: `{{` (with an optional `+`/`@` modifier and event name), alone on its line. */
const YAC_START = /^\{\{([+@]?)([\w-]*)[ \t]*$/;
const FILE_REF = /^(<>|<|>)[ \t]+(?=\S)/;

export function parseHttpFile(text: string): HttpFile {
  const lines = splitLines(text);
  const blocks: HttpRequestBlock[] = [];
  let start = 0;
  for (let k = 0; k <= lines.length; k++) {
    if (k < lines.length && !isSeparator(lines[k])) continue;
    if (k > start || start > 0) {
      const hasSeparator = start > 0 || isSeparator(lines[0]);
      const block = new BlockParser(lines, hasSeparator ? start : -1, hasSeparator ? start + 1 : start, k).parse();
      if (block) blocks.push(block);
    }
    start = k;
  }
  const variables: HttpVariable[] = [];
  for (const b of blocks) variables.push(...b.variables);
  return { blocks, variables };
}

/** One request block, read line by line: the request line and what stands before and after it. */
class BlockParser extends BlockScripts {
  parse(): HttpRequestBlock | undefined {
    if (this.separatorLine >= 0) this.readSeparator(this.lines[this.separatorLine]);
    for (let k = this.from; k < this.to; k++) k = this.readLine(k);
    this.closeBody();
    this.closeResponse();
    if (this.firstContent < 0) return undefined;
    const first = this.lines[this.firstContent];
    const last = this.lines[this.lastContent];
    this.block.range = { start: pos(first, indentOf(first.text)), end: pos(last, trimmedEnd(last.text)) };
    return this.block;
  }

  private readSeparator(l: SourceLine): void {
    const at = indentOf(l.text);
    const end = trimmedEnd(l.text, at);
    this.block.separator = lineSpan(l, at, end);
    let t = at + 3;
    while (t < end && l.text[t] === '#') t++;
    t += indentOf(l.text.slice(t));
    if (t < end) this.block.title = lineSpan(l, t, end);
    this.touch(l.line);
  }

  /** Reads the line at k (and maybe following ones); returns the last line index consumed. */
  private readLine(k: number): number {
    const l = this.lines[k];
    const at = indentOf(l.text);
    if (at >= l.text.length) {
      this.blankLine();
      return k;
    }
    this.touch(k);
    const rest = l.text.slice(at);
    if (rest.startsWith('??')) {
      const assert = parseAssert(l, at);
      if (assert) this.block.asserts.push(assert);
      return this.enter('after', k);
    }
    const yac = YAC_START.exec(rest);
    if (yac) return this.readYacScript(k, at, yac[1] === '@' ? yac[2] : '');
    const script = SCRIPT_START.exec(rest);
    if (script) return this.readScript(k, at, script[1] === '<' ? 'pre-request' : 'response-handler');
    const ref = this.state === 'preamble' ? undefined : FILE_REF.exec(rest);
    if (ref && ref[1] !== '<') return this.readFileRef(l, at, ref[0].length, ref[1]);
    const status = parseStatusLine(l, at);
    if (status) {
      this.closeBody();
      this.closeResponse();
      this.response = { range: lineRange(l, at, trimmedEnd(l.text)), ...status, headers: [] };
      this.responseLast = k;
      this.state = 'response-headers';
      return k;
    }
    if (this.state === 'preamble') return this.readPreamble(l, at);
    this.readStateLine(l, at, ref !== null && ref !== undefined);
    return k;
  }

  private readStateLine(l: SourceLine, at: number, isInclude: boolean): void {
    switch (this.state) {
      case 'preamble': return;
      case 'headers': {
        const comment = parseComment(l, at);
        if (comment) { this.block.comments.push(comment); return; }
        const header = parseHeader(l, at);
        if (header && !isInclude) { this.block.headers.push(header); return; }
        this.state = 'body';
        return this.bodyLine(l, at, isInclude);
      }
      case 'response-headers': {
        const header = parseHeader(l, at);
        this.responseLast = l.line;
        if (header) { this.response?.headers.push(header); return; }
        this.state = 'response-body';
        return this.bodyLine(l, at, false);
      }
      case 'body': return this.bodyLine(l, at, isInclude);
      case 'response-body':
        this.responseLast = l.line;
        return this.bodyLine(l, at, false);
      case 'after': {
        const comment = parseComment(l, at);
        if (comment) this.block.comments.push(comment);
        return;
      }
    }
  }

  /** Metadata, comments and variables, up to the request line; returns the last line consumed. */
  private readPreamble(l: SourceLine, at: number): number {
    const metadata = parseMetadata(l, at);
    if (metadata) {
      this.block.metadata.push(metadata);
      if (metadata.key.text === 'name' && metadata.value) this.block.name = metadata.value;
      return l.line;
    }
    const comment = parseComment(l, at);
    if (comment) { this.block.comments.push(comment); return l.line; }
    const variable = parseVariable(l, at);
    if (variable) { this.block.variables.push(variable); return l.line; }
    const request = parseRequestLine(l, at);
    if (!request) return l.line;
    this.block.requestLine = {
      range: lineRange(l, at, trimmedEnd(l.text)),
      method: request.method,
      implicitMethod: request.implicitMethod,
      url: request.url.text,
      urlParts: [request.url],
      version: request.version,
    };
    this.state = 'headers';
    return this.readQueryContinuations(l.line);
  }

  /** `?a=1` / `&b=2` lines right after the request line extend the URL; returns the last one. */
  private readQueryContinuations(requestLine: number): number {
    const request = this.block.requestLine;
    let k = requestLine + 1;
    for (; request && k < this.to; k++) {
      const l = this.lines[k];
      const at = indentOf(l.text);
      const c = l.text[at];
      if ((c !== '?' && c !== '&') || l.text.startsWith('??', at)) break;
      const part = lineSpan(l, at, trimmedEnd(l.text));
      request.urlParts.push(part);
      request.url += part.text;
      request.range = { start: request.range.start, end: part.range.end };
      this.touch(k);
    }
    return k - 1;
  }
}
