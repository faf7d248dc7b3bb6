/**
 * Renders template text either as an LSP snippet (tab stops kept, literal `$`, `\` and `}`
 * escaped as the snippet grammar requires) or as plain code (each tab stop replaced by its default).
 *
 * In template text a tab stop is exactly `${<digits>:<default>}`; the default may not contain `}`
 * or `$`. Anything else — a JS template literal's `${name}`, Go's `$` in a string — is literal code.
 */

export interface RenderOptions {
  snippet: boolean;
}

const TAB_STOP = /\$\{(\d+):([^$}]*)\}/g;

/**
 * Escapes literal text for the LSP snippet grammar, where `\`, `$` and `}` are escapable. Outside a
 * placeholder a `}` is plain text, so it is escaped only inside one (`inPlaceholder`), keeping the
 * snippet bodies readable.
 */
export function escapeSnippetText(text: string, inPlaceholder = false): string {
  return text.replace(inPlaceholder ? /[\\$}]/g : /[\\$]/g, (ch) => '\\' + ch);
}

export function renderTemplate(text: string, options: RenderOptions): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TAB_STOP)) {
    const index = match.index ?? 0;
    const literal = text.slice(last, index);
    const [, stop, value] = match;
    out += options.snippet
      ? `${escapeSnippetText(literal)}\${${stop}:${escapeSnippetText(value, true)}}`
      : literal + value;
    last = index + match[0].length;
  }
  const rest = text.slice(last);
  return out + (options.snippet ? escapeSnippetText(rest) : rest);
}

/** The tab stops a template text declares, in order of appearance: [number, default]. */
export function tabStops(text: string): Array<[number, string]> {
  return [...text.matchAll(TAB_STOP)].map((m) => [Number(m[1]), m[2]]);
}
