import type { ResolvedEntry } from './catalog/catalogRegistry';
import type { CatalogEntry } from './catalog/schema';
import type { Occurrence } from './types';

const VERDICT_TEXT: Record<CatalogEntry['retry']['verdict'], string> = {
  yes: '**Retryable** — with backoff',
  conditional: '**Retryable only if:**',
  no: '**Not retryable**',
};

/** Markdown for a hover on an occurrence: the newest catalog entry first, then what other catalogs add. */
export function renderHover(occurrence: Occurrence, entries: readonly ResolvedEntry[]): string {
  const [top, ...rest] = entries;
  const e = top.entry;
  const lines: string[] = [];
  const title = e.kind === 'http-status' ? `**HTTP ${e.code} ${e.name}**` : `**${e.code}** — ${e.name}`;
  const facts = [e.class, e.kind === 'error-code' && e.httpStatus ? `HTTP ${e.httpStatus}` : undefined, e.unofficial ? `unofficial (${e.unofficial.origin})` : undefined]
    .filter(Boolean)
    .join(' · ');
  lines.push(`${title}${facts ? ` · ${facts}` : ''}`);
  // A class digit (`status // 100 == 5`) stands for the whole class; the entry shown is its first code's.
  if (occurrence.symbolic && /^[1-5]$/.test(occurrence.text)) lines.push('', `\`${occurrence.text}\` is the ${occurrence.text}xx class of statuses; shown here: its first code, ${e.code}.`);
  else if (occurrence.symbolic && occurrence.text !== e.code) lines.push('', `\`${occurrence.text}\` = \`${e.code}\``);
  lines.push('', e.summary);
  if (e.meaning) lines.push('', e.meaning);
  lines.push('', retryLine(e));
  if (e.retry.retryAfter) lines.push('', '`Retry-After` applies: wait the seconds (or until the HTTP-date) it gives before retrying; cap the wait.');
  if (e.retry.idempotentOnly && e.retry.verdict !== 'no') {
    lines.push('', 'Retry automatically only idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE) or ones carrying an `Idempotency-Key`.');
  }
  if (e.advice) lines.push('', `**Handling:** ${e.advice}`);
  if (e.libraries?.length) {
    lines.push('', '**Library defaults:**');
    for (const lib of e.libraries) lines.push(`- ${lib.name}: ${lib.behaviour}`);
  }
  if (e.disagreement) lines.push('', `**Sources disagree:** ${e.disagreement}`);
  for (const other of rest) lines.push('', otherCatalogLine(other));
  lines.push('', `_${catalogLabel(top)}_${sourcesText(e)}`);
  return httpLinksOnly(lines.join('\n'));
}

/**
 * Catalog prose is workspace data rendered as Markdown: a link there may only point to http(s).
 * `[x](command:…)`, `file:`, `javascript:`, `vscode:` links and autolinks keep their text and lose the target.
 */
function httpLinksOnly(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\(\s*<?\s*(?!https?:\/\/)[a-z][\w+.-]*:[^)]*\)/gi, '$1')
    .replace(/<(?!https?:\/\/)[a-z][\w+.-]*:[^>\s]*>/gi, '');
}

function retryLine(e: CatalogEntry): string {
  const verdict = VERDICT_TEXT[e.retry.verdict];
  return e.retry.verdict === 'conditional' ? `${verdict} ${e.retry.condition ?? ''}` : verdict;
}

function otherCatalogLine(other: ResolvedEntry): string {
  const e = other.entry;
  return `**Also in ${other.catalog.name}:** ${e.name} — ${e.summary} (${e.retry.verdict === 'no' ? 'not retryable' : e.retry.verdict === 'yes' ? 'retryable' : 'conditionally retryable'})`;
}

function catalogLabel(resolved: ResolvedEntry): string {
  const where = resolved.origin.kind === 'workspace' ? `workspace catalog ${resolved.origin.location ?? ''}`.trim() : 'built-in catalog';
  return `From ${resolved.catalog.name} (${where})`;
}

/** Standards and references first (RFC, MDN, IANA, vendor pages), library sources after; at most a few shown. */
const MAX_SOURCES = 4;

function sourcesText(e: CatalogEntry): string {
  if (!e.sources.length) return '';
  const primary = (s: { title: string; url?: string }) => /\b(RFC|MDN|IANA|AIP|draft|docs?|documentation|page)\b/i.test(s.title) || /rfc-editor|developer\.mozilla|iana\.org|aip\.dev/.test(s.url ?? '');
  const ordered = [...e.sources.filter(primary), ...e.sources.filter((s) => !primary(s))];
  const links = ordered.slice(0, MAX_SOURCES).map((s) => (s.url ? `[${s.title}](${s.url})` : s.title));
  const more = ordered.length > MAX_SOURCES ? ` (+${ordered.length - MAX_SOURCES} library sources in the catalog)` : '';
  return ` · Sources: ${links.join(', ')}${more}`;
}
