/** `text` as a literal inside a regular expression (names read from code, matched in code's text). Not `escape`: that name is
 * also a global of JavaScript (URL escaping) that a missing import would silently fall back to. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
