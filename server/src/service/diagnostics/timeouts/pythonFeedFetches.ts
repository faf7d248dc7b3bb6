import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import { inScope, type UnboundedRequest } from './unbounded';

/** An argument that names an address: `url`, `feed_url`, `self.rss_link`, `source.uri`. */
const ADDRESS_NAME = /(?:^|[._])(?:url|uri|link|href|address)s?$/i;
/** A string literal holding an http(s) address (plain or f-string). */
const ADDRESS_LITERAL = /^[rbuf]*["']{1,3}https?:\/\//i;

/**
 * feedparser: `feedparser.parse(url)` fetches the feed itself through urllib with no timeout, and feedparser has
 * none to set (server/data/request-timeouts.json, `feedparser`): a feed host that accepts the connection and never
 * answers holds the caller for ever. Only when the argument is an address — a literal `http(s)://…` or a name
 * that says so — not the text of a response fetched some other way (`feedparser.parse(resp.content)`).
 * (The caller skips files that set `socket.setdefaulttimeout`, which bounds urllib.) A one-off script's
 * module-level fetches (`oneOffScript`) are the operator's to watch, as for requests.
 */
export function feedparserFetches(ctx: DiagContext, oneOffScript: boolean): UnboundedRequest[] {
  const { flow } = ctx;
  if (!flow.imports.includes('feedparser')) return [];
  // `from feedparser import parse` / `parse as parse_feed`: the bare name parses too.
  const bare = /^from\s+feedparser\s+import\s+[^\n]*?\bparse\b(?:\s+as\s+(\w+))?/m.exec(flow.text);
  const bareName = bare ? bare[1] ?? 'parse' : undefined;
  const out: UnboundedRequest[] = [];
  for (const call of flow.calls) {
    const viaModule = call.receiver === 'feedparser' && call.name === 'parse';
    if (!viaModule && !(bareName && call.receiver === undefined && call.name === bareName)) continue;
    if (!inScope(flow, call.node) || (oneOffScript && !call.fn)) continue;
    const first = call.node.childForFieldName('arguments')?.namedChildren.find((a): a is Node => a !== null && a.type !== 'comment');
    if (!first || first.type === 'keyword_argument') continue;
    if (!ADDRESS_LITERAL.test(first.text) && !(/^[\w.]+$/.test(first.text) && ADDRESS_NAME.test(first.text))) continue;
    out.push({ node: call.node, library: 'feedparser', where: 'call' });
  }
  return out;
}
