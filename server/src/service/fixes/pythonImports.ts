/**
 * Python import merging by group (PEP 8 / isort sections): a new standard-library import joins the
 * * file's standard-library block, a third-party one joins the first non-stdlib block; inside a block
 * it goes in sorted position when the block is sorted, else at the block's end. A missing group is
 * created as its own blank-line separated block (stdlib before third-party, after `__future__`).
 */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../types';
import { Doc, eol, insertAt } from './text';

const STDLIB = new Set(
  ('abc argparse array ast asyncio base64 binascii bisect builtins bz2 calendar cmath collections concurrent configparser ' +
    'contextlib contextvars copy csv ctypes dataclasses datetime decimal difflib email enum errno fnmatch fractions ' +
    'functools gc getpass glob gzip hashlib heapq hmac html http importlib inspect io ipaddress itertools json logging ' +
    'lzma math mimetypes multiprocessing numbers operator os pathlib pickle platform pprint queue random re sched ' +
    'secrets select selectors shlex shutil signal socket sqlite3 ssl stat statistics string struct subprocess sys ' +
    'tempfile textwrap threading time timeit tomllib traceback types typing unicodedata unittest urllib uuid warnings ' +
    'weakref xml zipfile zlib zoneinfo __future__').split(' '),
);

const moduleOf = (line: string) => /^\s*(?:from\s+(\.*[\w.]*)\s+import|import\s+([\w.]+))/.exec(line)?.slice(1).find(Boolean) ?? '';
const isStdlib = (line: string) => STDLIB.has(moduleOf(line).split('.')[0]);
const isFrom = (line: string) => /^\s*from\b/.test(line);
/** isort order: `import x` lines before `from x import` lines, then by module. */
const sortKey = (line: string) => `${isFrom(line) ? 1 : 0}${moduleOf(line).toLowerCase()}`;

/** Top-level import statements split into blocks at blank lines (or any other statement). */
function blocksOf(existing: Node[]): Node[][] {
  const blocks: Node[][] = [];
  for (const n of existing) {
    const last = blocks[blocks.length - 1]?.slice(-1)[0];
    const adjacent = last && n.startPosition.row === last.endPosition.row + 1 && last.nextNamedSibling?.startIndex === n.startIndex;
    if (adjacent) blocks[blocks.length - 1].push(n);
    else blocks.push([n]);
  }
  return blocks;
}

/** Edits inserting `missing` (already deduplicated) into the right blocks of `existing` (non-empty). */
export function pythonGroupedImports(doc: Doc, existing: Node[], missing: string[]): TextEdit[] {
  const nl = eol(doc);
  const blocks = blocksOf(existing);
  const isFuture = (b: Node[]) => b.every((n) => n.type === 'future_import_statement');
  const stdBlock = blocks.find((b) => !isFuture(b) && b.every((n) => isStdlib(n.text)));
  const thirdBlocks = blocks.filter((b) => !isFuture(b) && b !== stdBlock && !b.every((n) => isStdlib(n.text)));
  const thirdBlock = thirdBlocks[0]; // third-party precedes first-party (isort); names cannot tell them apart
  const edits: TextEdit[] = [];
  const std = missing.filter(isStdlib);
  const third = missing.filter((l) => !isStdlib(l));
  const firstAfterFuture = blocks.find((b) => !isFuture(b));
  if (std.length) {
    if (stdBlock) edits.push(...intoBlock(doc, stdBlock, std));
    else if (firstAfterFuture) edits.push(insertAt(doc, lineStart(firstAfterFuture[0]), std.join(nl) + nl + nl));
    else edits.push(insertAt(doc, blocks[blocks.length - 1].slice(-1)[0].endIndex, nl + nl + std.join(nl)));
  }
  if (third.length) {
    if (thirdBlock) edits.push(...intoBlock(doc, thirdBlock, third));
    else edits.push(insertAt(doc, blocks[blocks.length - 1].slice(-1)[0].endIndex, nl + nl + third.join(nl)));
  }
  return edits;
}

function lineStart(n: Node): number {
  return n.startIndex - n.startPosition.column;
}

/** Each line before the first statement of the block that sorts after it (block sorted), else at the end. */
function intoBlock(doc: Doc, block: Node[], lines: string[]): TextEdit[] {
  const nl = eol(doc);
  const keys = block.map((n) => sortKey(n.text));
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1] <= k) && block.every((n) => n.type !== 'future_import_statement');
  const end = block[block.length - 1].endIndex;
  return [...lines].sort((a, b) => sortKey(a).localeCompare(sortKey(b))).map((line) => {
    const next = sorted ? block.find((n) => sortKey(n.text) > sortKey(line)) : undefined;
    return next ? insertAt(doc, lineStart(next), line + nl) : insertAt(doc, end, nl + line);
  });
}
