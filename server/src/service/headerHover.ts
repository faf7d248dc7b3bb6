import headerData from '../../data/http-headers.json';
import { httpHeaderAt } from './http/httpOccurrences';
import type { HoverResult, Position } from './types';

interface HeaderInfo {
  name: string;
  summary: string;
  sources: Array<{ title: string; url?: string }>;
}

const HEADERS = new Map((headerData as { headers: HeaderInfo[] }).headers.map((h) => [h.name.toLowerCase(), h]));

/**
 * Hover on a retry-relevant header in a .http/.rest file (Retry-After, RateLimit-*, X-RateLimit-*,
 * Idempotency-Key…): what it means and, for Retry-After, what this value asks a client to do.
 */
export function headerHover(text: string, position: Position, now: Date = new Date()): HoverResult | undefined {
  const header = httpHeaderAt(text, position);
  if (!header) return undefined;
  const info = HEADERS.get(header.name.toLowerCase());
  if (!info) return undefined;
  const lines = [`**${info.name}** · ${header.location} header`, '', info.summary];
  const reading = info.name === 'Retry-After' ? readRetryAfter(header.value, now) : undefined;
  if (reading) lines.push('', `**This value:** ${reading}`);
  const links = info.sources.map((s) => (s.url ? `[${s.title}](${s.url})` : s.title));
  if (links.length) lines.push('', `_Sources: ${links.join(', ')}_`);
  return { contents: lines.join('\n'), range: header.range };
}

/** What a Retry-After value asks for: seconds, or the wait until an HTTP-date; or why it is not usable. */
export function readRetryAfter(value: string, now: Date): string {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return `wait ${seconds} s (${formatDuration(seconds)}) before retrying${seconds > 120 ? ' — longer than most clients honour (the OpenAI SDK does not retry above 120 s, undici waits at most 30 s); cap it or give up' : ''}.`;
  }
  const date = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed) ? new Date(trimmed) : undefined;
  if (date && !Number.isNaN(date.getTime())) {
    const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
    return seconds > 0 ? `an HTTP-date: retry after ${date.toUTCString()} (${formatDuration(seconds)} from now).` : `an HTTP-date in the past (${date.toUTCString()}): retry at once, with backoff.`;
  }
  return `\`${trimmed}\` is neither delay-seconds nor an IMF-fixdate HTTP-date (RFC 9110 §10.2.3); clients will ignore it and fall back to their own backoff.`;
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
