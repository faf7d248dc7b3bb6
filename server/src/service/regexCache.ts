/**
 * Compiled regular expressions per pattern text, for patterns built from a name at run time
 * (`(?<![\w$])${name}(?![\w$])`) and asked for once per call, per request or per loop. V8 compiles a
 * `new RegExp` on its first use every time, so the same pattern asked for thousands of times in a file
 * was compiled as often. The cache is bounded: past `LIMIT` patterns it starts again.
 *
 * Only for patterns used statelessly: `test`/`exec` without the `g` or `y` flag, `matchAll`/`replace`
 * (which never read `lastIndex` of the object handed in, beyond resetting it). A caller looping with
 * `exec` on a `g` pattern must set `lastIndex = 0` before the loop.
 */

const LIMIT = 4000;
const compiled = new Map<string, RegExp>();

/** The compiled `new RegExp(source, flags)`, shared by every caller asking for the same text and flags. */
export function cachedRegExp(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (re === undefined) {
    if (compiled.size >= LIMIT) compiled.clear();
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  return re;
}
