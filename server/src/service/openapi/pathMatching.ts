/**
 * Matches a request URL or path found in code (`https://api.x.com/v1/users/42`, `{{host}}/users/{{id}}`,
 * `f"{BASE}/users/{uid}"`, `/users/:id`) against OpenAPI path templates (`/users/{id}`) by suffix,
 * so a base path or server prefix in the URL does not matter.
 */

/** A URL segment whose text is not known (a variable or interpolation): it matches any template segment. */
export const WILDCARD = '\u0001';

/** The path segments of a URL, placeholders turned into WILDCARD; undefined when it is not URL-like. */
export function urlPathSegments(url: string): string[] | undefined {
  let text = url.trim();
  if (text.length === 0 || text.length > 2048) return undefined;
  text = text
    .replace(/\{\{[^{}]*\}\}/g, WILDCARD) // {{var}} (.http)
    .replace(/\$\{[^{}]*\}/g, WILDCARD) // ${expr} (JS template)
    .replace(/\{[^{}/]*\}/g, WILDCARD) // {expr} (f-string, C# interpolation)
    .replace(/%[sdvfxqw]/g, WILDCARD) // fmt/printf verbs
    .replace(/(^|\/):[A-Za-z_]\w*/g, `$1${WILDCARD}`); // express-style /:id
  text = text.replace(/[?#].*$/s, '');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(text);
  if (scheme) text = text.slice(scheme[0].length);
  else if (!text.startsWith('/')) {
    // `{{host}}/users` or `%s/users`: drop a leading base before the first slash.
    const slash = text.indexOf('/');
    if (slash < 0 || !text.slice(0, slash).includes(WILDCARD)) return undefined;
    text = text.slice(slash);
  }
  if (/\s/.test(text)) return undefined;
  return text.split('/').filter((s) => s.length > 0);
}

export interface CompiledTemplate {
  template: string;
  segments: Array<{ literal: string } | { pattern: RegExp }>;
}

export function compileTemplate(template: string): CompiledTemplate {
  const segments = template
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      if (!s.includes('{')) return { literal: s };
      const source = s
        .split(/(\{[^{}]*\})/)
        .map((part) => (/^\{[^{}]*\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { pattern: new RegExp(`^${source}$`) };
    });
  return { template, segments };
}

/**
 * How well the URL's last segments match the template: undefined for no match, higher is better.
 * An exact literal segment counts most; a template with literal segments must match one of them
 * literally, so `/{id}` alone does not claim every URL.
 */
export function matchScore(url: readonly string[], compiled: CompiledTemplate): number | undefined {
  const n = compiled.segments.length;
  if (n === 0 || url.length < n) return undefined;
  const tail = url.slice(url.length - n);
  let score = 0;
  let literalHits = 0;
  let literals = 0;
  for (let i = 0; i < n; i++) {
    const seg = compiled.segments[i];
    const part = tail[i];
    const unknown = part.includes(WILDCARD);
    if ('literal' in seg) {
      literals++;
      if (unknown) continue;
      if (part !== seg.literal) return undefined;
      score += 3;
      literalHits++;
    } else if (unknown) score += 1;
    else if (seg.pattern.test(part)) score += 2;
    else return undefined;
  }
  if (literals > 0 && literalHits === 0) return undefined;
  if (literals === 0 && url.length !== n) return undefined;
  return score + (url.length === n ? 1 : 0);
}
