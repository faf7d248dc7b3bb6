/** `text` as a literal inside a regular expression (names read from code, matched in code's text). */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
