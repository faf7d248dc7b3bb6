import type { HttpBody, HttpRequestBlock, HttpResponseBlock } from './httpFileTypes';
import { indentOf, lineRange, lineSpan, multiLineSpan, pos, SourceLine, trimmedEnd } from './httpLines';

/** Where the parser is in a request block: before the request line, in its headers or body, in a response, after both. */
export type State = 'preamble' | 'headers' | 'body' | 'response-headers' | 'response-body' | 'after';

/** Body lines being collected for a request or a response. */
interface OpenBody {
  first: number;
  last: number;
  body: HttpBody;
}

/**
 * What the parser of one request block (httpFileParser.ts) keeps while it reads: the block built so far, the state,
 * the first and last lines with content, and the request or response body being collected; closing a body or a
 * response puts it in the block.
 */
export abstract class BlockState {
  protected state: State = 'preamble';
  protected readonly block: HttpRequestBlock = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    metadata: [], variables: [], comments: [], headers: [], scripts: [], asserts: [], responseRefs: [], responses: [],
  };
  protected firstContent = -1;
  protected lastContent = -1;
  protected openBody: OpenBody | undefined;
  protected response: HttpResponseBlock | undefined;
  protected responseLast = -1;

  constructor(
    protected readonly lines: SourceLine[],
    protected readonly separatorLine: number,
    protected readonly from: number,
    protected readonly to: number,
  ) {}

  protected touch(line: number): void {
    if (this.firstContent < 0) this.firstContent = line;
    this.lastContent = line;
  }

  protected bodyLine(l: SourceLine, at: number, isInclude: boolean): void {
    if (!this.openBody) this.openBody = { first: l.line, last: l.line, body: { content: lineSpan(l, 0, 0), includes: [] } };
    this.openBody.last = l.line;
    if (isInclude) {
      const pathStart = at + 1 + indentOf(l.text.slice(at + 1));
      const end = trimmedEnd(l.text);
      this.openBody.body.includes.push({ range: lineRange(l, at, end), path: lineSpan(l, pathStart, end) });
    }
  }

  protected blankLine(): void {
    if (this.state === 'headers') this.state = 'body';
    else if (this.state === 'response-headers') this.state = 'response-body';
  }

  protected closeBody(): void {
    const open = this.openBody;
    if (!open) return;
    this.openBody = undefined;
    const last = this.lines[open.last];
    open.body.content = multiLineSpan(this.lines, open.first, 0, open.last, trimmedEnd(last.text));
    if (this.response) this.response.body = open.body;
    else this.block.body = open.body;
  }

  protected closeResponse(): void {
    const r = this.response;
    if (!r) return;
    this.closeBody();
    const last = this.lines[this.responseLast];
    r.range = { start: r.range.start, end: pos(last, trimmedEnd(last.text)) };
    this.block.responses.push(r);
    this.response = undefined;
  }

  protected enter(state: State, k: number): number {
    this.closeBody();
    this.closeResponse();
    this.state = state;
    return k;
  }
}
