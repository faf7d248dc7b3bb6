/**
 * The names that carry a status's number (`HTTP_429`, `STATUS_503`, `HttpStatus503`, `SC_404`, `STATUS_CODE_500`): the
 * pattern numberedStatusNames.ts finds their uses with, and the number one such name carries.
 */
export const NUMBERED_NAME = String.raw`(?:HTTP_?STATUS_?CODE|HTTP_?STATUS|STATUS_?CODE|HTTP_?CODE|RESPONSE_?CODE|HTTP|STATUS|SC)_?([1-5]\d\d)(?![\w$])`;

/** NUMBERED_NAME anchored at the start of a name (built once: namesReasonPhrase asks for every declaration classified). */
const WHOLE_NAME = new RegExp(`^${NUMBERED_NAME}`, 'i');

/** The status a constant's name carries (`HTTP_429` → `429`), or undefined. */
export function numberInName(name: string): string | undefined {
  if (!/^[A-Z]/.test(name)) return undefined;
  const match = WHOLE_NAME.exec(name);
  return match && match[0].length === name.length ? match[1] : undefined;
}
