import type { LanguageId } from '../types';

/**
 * Syntax newer than a bundled grammar, blanked out before parsing so that the rest of the file parses as it
 * should. Each span is replaced by spaces of the same length (line breaks kept), so every offset and position in the
 * tree is still the document's own; the document's text is never changed.
 *
 * - Kotlin 2.2 context parameters: `context(session: UserSession)` before a declaration. tree-sitter-kotlin reads
 *   it as a call and loses the declaration after it (a whole Ktor module then parses as errors).
 */
const KOTLIN_CONTEXT = /(^|[\n;{}])([ \t]*)context[ \t]*\((?:[^()\n]|\([^()\n]*\))*\)(?=\s*(?:@|fun\b|val\b|var\b|class\b|object\b|interface\b|internal\b|public\b|private\b|protected\b|suspend\b|inline\b|override\b|operator\b|infix\b|tailrec\b|abstract\b|open\b|data\b|sealed\b|enum\b|value\b|context\b))/g;

export function grammarCompatText(languageId: LanguageId, text: string): string {
  if (languageId === 'kotlin' && text.includes('context')) {
    return text.replace(KOTLIN_CONTEXT, (match, before: string) => before + match.slice(before.length).replace(/[^\n]/g, ' '));
  }
  return text;
}
