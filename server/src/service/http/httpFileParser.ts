/**
 * Hand-written, linear-time parser for .http / .rest request files (REST Client, httpYac,
 * JetBrains HTTP Client). Never throws: unknown lines are skipped or kept as body text.
 */
import type {
  HttpBody,
  HttpFile,
  HttpRequestBlock,
  HttpResponseBlock,
  HttpScript,
  HttpVariable,
} from './httpFileTypes';
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
import { indentOf, lineRange, lineSpan, multiLineSpan, pos, SourceLine, splitLines, trimmedEnd } from './httpLines';

type State = 'preamble' | 'headers' | 'body' | 'response-headers' | 'response-body' | 'after';

const SCRIPT_START = /^([<>])[ \t]*\{%/;
/** httpYac script markers: `{{` (with an optional `+`/`@` modifier and event name) and `}}`, alone on their lines. */
const YAC_START = /^\{\{([+@]?)([\w-]*)[ \t]*$/;
const YAC_END = /^[ \t]*\}\}[ \t]*$/;
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

/** Body lines being collected for a request or a response. */
interface OpenBody {
  first: number;
  last: number;
  body: HttpBody;
}

class BlockParser {
  private state: State = 'preamble';
  private readonly block: HttpRequestBlock = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    metadata: [], variables: [], comments: [], headers: [], scripts: [], asserts: [], responseRefs: [], responses: [],
  };
  private firstContent = -1;
  private lastContent = -1;
  private openBody: OpenBody | undefined;
  private response: HttpResponseBlock | undefined;
  private responseLast = -1;

  constructor(
    private readonly lines: SourceLine[],
    private readonly separatorLine: number,
    private readonly from: number,
    private readonly to: number,
  ) {}

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

  private touch(line: number): void {
    if (this.firstContent < 0) this.firstContent = line;
    this.lastContent = line;
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

  private bodyLine(l: SourceLine, at: number, isInclude: boolean): void {
    if (!this.openBody) this.openBody = { first: l.line, last: l.line, body: { content: lineSpan(l, 0, 0), includes: [] } };
    this.openBody.last = l.line;
    if (isInclude) {
      const pathStart = at + 1 + indentOf(l.text.slice(at + 1));
      const end = trimmedEnd(l.text);
      this.openBody.body.includes.push({ range: lineRange(l, at, end), path: lineSpan(l, pathStart, end) });
    }
  }

  private blankLine(): void {
    if (this.state === 'headers') this.state = 'body';
    else if (this.state === 'response-headers') this.state = 'response-body';
  }

  private closeBody(): void {
    const open = this.openBody;
    if (!open) return;
    this.openBody = undefined;
    const last = this.lines[open.last];
    open.body.content = multiLineSpan(this.lines, open.first, 0, open.last, trimmedEnd(last.text));
    if (this.response) this.response.body = open.body;
    else this.block.body = open.body;
  }

  private closeResponse(): void {
    const r = this.response;
    if (!r) return;
    this.closeBody();
    const last = this.lines[this.responseLast];
    r.range = { start: r.range.start, end: pos(last, trimmedEnd(last.text)) };
    this.block.responses.push(r);
    this.response = undefined;
  }

  private enter(state: State, k: number): number {
    this.closeBody();
    this.closeResponse();
    this.state = state;
    return k;
  }

  private readFileRef(l: SourceLine, at: number, pathOffset: number, marker: string): number {
    const end = trimmedEnd(l.text);
    const path = lineSpan(l, at + pathOffset, end);
    if (marker === '<>') this.block.responseRefs.push({ range: lineRange(l, at, end), path });
    else this.block.scripts.push({ range: lineRange(l, at, end), phase: 'response-handler', dialect: 'jetbrains', file: path, terminated: true });
    return this.enter('after', l.line);
  }

  /** `> {% … %}` / `< {% … %}`, single- or multi-line; stops at the block end when unterminated. */
  private readScript(k: number, at: number, phase: HttpScript['phase']): number {
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
  private readYacScript(k: number, at: number, event: string): number {
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
