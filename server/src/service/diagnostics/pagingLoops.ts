import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { type LoopInfo, within } from './flow/flowModel';
import { branchOutcome } from './branches';
import type { RequestInfo } from './requests';
import { escapeRegExp } from './regexText';
import { goErrorPath } from './goErrorRetries';
import { cachedRegExp } from '../regexCache';

/*
 * Loops that walk pages rather than retry: the counter is a page, an offset or a cursor, the loop goes on while more
 * pages come, or the request reads a name the loop sets again after it. A pager whose failure goes round before the
 * page moves on asks for the same page again: that round is a retry (Go's `if err != nil { log(err); continue }`).
 */

const PAGING_CONDITION = /more_?items|has_?more|more_?pages|has_?next|next_?(page|url|link|token|cursor)|page_?token|has_?data|cursor|continuation_?token/i;
const RETRY_CONDITION = /retr|attempt|tries|status|error|fail|success|done|ok\b/i;

/** A loop that walks pages (its counter is a page, an offset or a cursor, or it goes on while more pages come): no retry. */
export function walksPages(loop: LoopInfo): boolean {
  return /^(page|pages|page_?(no|num|number|index)|offset|cursor|skip|start)$/i.test(loop.counterVar ?? '') || goesOnWhileMorePages(loop);
}

/** The loop's condition asks whether there are more pages (`while self.more_items:`, `while (nextPageToken)`). */
export function goesOnWhileMorePages(loop: LoopInfo): boolean {
  const condition = loop.kind === 'conditional' ? loop.node.childForFieldName('condition')?.text ?? '' : '';
  return PAGING_CONDITION.test(condition) && !RETRY_CONDITION.test(condition);
}

/**
 * The value assigned from `at` on: to the end of its statement — a `;`, or a line end outside brackets that no
 * continuation follows (a builder chain's `.uri(uri)` line, a `+ "&page=" + page` line).
 */
function assignedValue(text: string, at: number): string {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) return text.slice(at, i);
    else if (c === '\n' && depth === 0 && !/^\s*[.+]/.test(text.slice(i + 1, i + 200))) return text.slice(at, i);
  }
  return text.slice(at);
}

/**
 * Go: the call's `err` branch goes round without moving the page on (`if err != nil { log(err); continue }`, a wait and
 * a failure count): the loop asks for the same page again.
 */
export function stalledFailure(ctx: DiagContext, loop: LoopInfo, request: RequestInfo): Node | undefined {
  if (ctx.flow.grammarName !== 'go') return stalledStatus(ctx, loop, request);
  const path = goErrorPath(request.call, loop);
  // (Or, the error given up, a status branch that goes round: `if resp.StatusCode == 429 { sleep; continue }`.)
  if (!path?.stays) return stalledStatus(ctx, loop, request);
  // (What the request is sent with stays as it was: no argument of it, nor a field of one, is assigned on the way.)
  const sent = new Set(ctx.flow.adapter.callArguments(request.call.node).flatMap((a) => a.text.match(/[A-Za-z_]\w*/g) ?? []));
  const moves = path.failure.some((s) => [...sent].some((name) => new RegExp(`(^|[^\\w.])${name}(\\.\\w+)*\\s*([-+*]?=(?!=)|\\+\\+|--)`).test(s.text)));
  return moves ? undefined : path.check;
}

/**
 * A status test after the request whose branch goes round before the page moves on (Go too, where its error is given up) (`if status_code
 * == 429: time.sleep(…); continue` above `url = r.json()['next']`): the loop asks for the same page again.
 */
function stalledStatus(ctx: DiagContext, loop: LoopInfo, request: RequestInfo): Node | undefined {
  const sent = new Set(ctx.flow.adapter.callArguments(request.call.node).flatMap((a) => a.text.match(/[A-Za-z_$][\w$]*/g) ?? []));
  for (const test of ctx.clientTests()) {
    if (!test.branch || !test.guard || !test.positive || test.negated || test.test.startIndex < request.call.end || !within(test.test, loop.node)) continue;
    if (!ctx.flow.grammar.ifs.has(test.guard.type) || !/^[45]\d\d$/.test(test.occ.code)) continue;
    if (!branchOutcome(ctx, test.branch, loop.fn?.name, request.responseVar).continues || !loop.continues.some((c) => within(c, test.branch!))) continue;
    // (What the request is sent with stays as it was: no argument of it is assigned on the way round.)
    const moves = [...sent].some((name) => cachedRegExp(`(^|[^\\w$.])${escapeRegExp(name)}(\\.[\\w$]+)*\\s*([-+*]?=(?!=)|\\+\\+|--)`).test(test.branch!.text));
    if (!moves) return test.guard;
  }
  return undefined;
}

/** More parentheses are open than closed before `at` (strings not counted): `at` sits in a call's arguments. */
function insideParentheses(text: string, at: number): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

/**
 * Paging, not retrying: the request reads a variable the loop assigns after it (`nextOffset = page.Offset +
 * page.Limit`, `cursor = body["next"]`), so each round asks for something else.
 */
export function pages(ctx: DiagContext, loop: LoopInfo, request: RequestInfo): boolean {
  const body = loop.body;
  if (!body) return false;
  // The loop goes on while there are more pages (`while self.more_items_in_collection:`, `while stream.has_data()`,
  // `while (nextPageToken)`), however the next page is asked for.
  if (goesOnWhileMorePages(loop)) return true;
  const before = ctx.flow.text.slice(body.startIndex, request.call.start);
  const after = ctx.flow.text.slice(request.statement.endIndex, body.endIndex);
  // Words inside a plain string (`"https://maps.example.com/entities"`) are not variables; interpolations are.
  // Keys of an object literal or keyword arguments (`{ properties: schema }`, `params=params`) name no variable either.
  const code = request.call.node.text.replace(/(["'])(?:\\.|(?!\1)[^\\{\n])*\1/g, '""').replace(/([A-Za-z_$][\w$]*)\s*(?::(?!:)|=(?![=>]))/g, ' ');
  const names = new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
  names.delete(request.call.name);
  if (request.responseVar) names.delete(request.responseVar);
  // Back through the assignments before it in the loop (three hops): `checksUrl := fmt.Sprintf("?page=%d", pageNo)`,
  // `client := http.CreateHttpClient(checksUrl)`, then the request on `client` reads `pageNo`.
  let frontier = [...names];
  for (let hop = 0; hop < 3 && frontier.length > 0; hop++) {
    const found: string[] = [];
    for (const name of frontier) {
      // (`req, err := http.NewRequest(…, fmt.Sprintf("?offset=%d", offset), nil)`: the first of several names assigned)
      // (Or a field of it set for this round: `opt.ListOptions.Page = i` then the request on `opt`.)
      const m = cachedRegExp(`(?:^|[^\\w$.])${escapeRegExp(name)}(?:\\.[\\w$]+)*\\s*(?:,\\s*[\\w$]+\\s*)*(?::=|=(?!=))`).exec(before);
      const value = m ? assignedValue(before, m.index + m[0].length) : undefined;
      for (const id of value?.match(/[A-Za-z_$][\w$]*/g) ?? []) if (!names.has(id)) found.push(id), names.add(id);
    }
    frontier = found;
  }
  for (const name of names) {
    // A request object rebuilt for the next attempt (`request, err = http.NewRequest(…)`) is a retry's, not a page's.
    if (/req(uest)?$|^(self|this|ctx|context|http|err|nil|None|null|true|false)$/i.test(name)) continue;
    // (An attempt counter read by the request — a timeout growing with it — steps like a page number and is no page.)
    if (/attempt|retr|tries|^try|backoff|delay|wait/i.test(name)) continue;
    // Assigned (`cursor = body["next"]`, `offset += limit`) or stepped (`page++`, `++page`) after the request. (A
    // one-letter name only when stepped, `n += limit`: `r = …` after a request is its response read again.)
    const n = escapeRegExp(name);
    const assigned = name.length < 2 ? `\\+=|\\+\\+` : `=(?!=)|:=|\\+=|\\+\\+`;
    // (Outside any call: `model=self.model` handed to another call is a keyword argument, not the page moving on.)
    const stepped = cachedRegExp(`(^|[^\\w$.])${n}\\s*(,\\s*[\\w$]+\\s*)*(${assigned})|\\+\\+\\s*${n}\\b`, 'g');
    stepped.lastIndex = 0;
    for (let m = stepped.exec(after); m; m = stepped.exec(after)) if (!insideParentheses(after, m.index)) return true;
    // A field of the options it sends set for the next page (`opts.Page = resp.NextPage`).
    if (name.length > 1 && cachedRegExp(`(^|[^\\w$.])${n}(\\.[\\w$]+)*\\.(Page|page|PageToken|pageToken|Cursor|cursor|Offset|offset|After|after|Marker|marker|StartingAfter|NextToken|ContinuationToken)\\s*=(?!=)`).test(after)) return true;
  }
  return false;
}
