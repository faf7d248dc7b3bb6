/**
 * Files passed over by their content rather than their name: binary files, and minified or bundled
 * output, which no one edits and which would only repeat findings of the sources it was built from.
 * (Code whose header says it is generated is analysed, folded to one finding per rule, or skipped with
 * the `skipGenerated` setting: see docs/rules.md.)
 */

/** Bytes looked at for a NUL, as git and grep do to call a file binary. */
const BINARY_PROBE = 1024;
/** Minified: at least this many bytes, with lines this long on average. Hand-written code averages 30–60. */
const MINIFIED_MIN_BYTES = 2048;
const MINIFIED_MEAN_LINE = 300;

/** Why the content should not be analysed, or undefined when it should. */
export function contentSkipReason(bytes: Uint8Array): string | undefined {
  return binaryReason(bytes) ?? minifiedReason(bytes);
}

/** A NUL byte in the first KB, as git and grep decide: looks at no more than that. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  const probe = Math.min(bytes.length, BINARY_PROBE);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return 'binary content (a NUL byte in the first KB)';
  return undefined;
}

/** Long lines on average (counts line breaks over the whole file, so the CLI asks only for files it would analyse). */
export function minifiedReason(bytes: Uint8Array): string | undefined {
  if (bytes.length < MINIFIED_MIN_BYTES) return undefined;
  let lines = 1;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  const mean = Math.round(bytes.length / lines);
  return mean > MINIFIED_MEAN_LINE ? `minified or bundled (lines of ${mean} characters on average)` : undefined;
}
