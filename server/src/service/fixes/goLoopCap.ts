/**
 * Go half of "Cap the attempts…": `for { … }` → `for attempt := 0; attempt < N; attempt++ { … }`
 * followed by a give-up `return` that matches the enclosing function's results. Offered only when
 * those results end in `error` and every other result has a zero value that can be written without
 * knowing more types (pointers, slices, maps, channels, funcs, interfaces → nil; strings, numbers,
 * bools); the error wraps the loop's `lastErr` when the function keeps one. Not offered for a loop
 * left by `break`/`goto` (code after it would be skipped by the inserted return).
 */
import type { Node } from 'web-tree-sitter';
import type { RetryWithoutBackoffData } from '../diagnostics/findingData';
import type { TextEdit } from '../types';
import { ancestor, Doc, edit, eol, indentOfLine, insertAt, nodeAt } from './text';

const NIL_TYPES = new Set(['pointer_type', 'slice_type', 'map_type', 'channel_type', 'function_type', 'interface_type']);
const NUMBERS = /^(u?int(8|16|32|64)?|uintptr|byte|rune|float(32|64)|complex(64|128))$/;

function zeroValue(type: Node): string | undefined {
  if (NIL_TYPES.has(type.type)) return 'nil';
  if (type.type !== 'type_identifier') return undefined;
  if (type.text === 'string') return '""';
  if (type.text === 'bool') return 'false';
  if (type.text === 'error' || type.text === 'any') return 'nil';
  return NUMBERS.test(type.text) ? '0' : undefined;
}

/** The zero values for every result but the last, which must be `error`; undefined when not known. */
function resultZeros(fn: Node): string[] | undefined {
  const result = fn.childForFieldName('result');
  if (!result) return undefined; // nowhere to report giving up
  const types: Node[] = [];
  if (result.type === 'parameter_list') {
    for (const decl of result.namedChildren) {
      if (!decl || decl.type !== 'parameter_declaration') continue;
      const type = decl.childForFieldName('type');
      if (!type) return undefined;
      const names = decl.childrenForFieldName('name').filter(Boolean).length;
      for (let i = 0; i < Math.max(1, names); i++) types.push(type);
    }
  } else types.push(result);
  const last = types.pop();
  if (last?.text !== 'error') return undefined;
  const zeros = types.map(zeroValue);
  return zeros.every((z): z is string => z !== undefined) ? zeros : undefined;
}

export function goCapLoop(doc: Doc, data: RetryWithoutBackoffData, snippet: boolean): { edits: TextEdit[]; counter: string; imports: string[] } | undefined {
  const loop = nodeAt(doc, data.loopRange);
  if (loop?.type !== 'for_statement') return undefined;
  const body = loop.childForFieldName('body');
  if (!body || loop.namedChildren.some((c) => c && c.type !== 'block' && c.type !== 'comment')) return undefined; // `for {` only
  if (/\b(break|goto)\b/.test(body.text)) return undefined;
  const fn = ancestor(loop, ['function_declaration', 'method_declaration', 'func_literal']);
  const zeros = fn ? resultZeros(fn) : undefined;
  if (!fn || !zeros) return undefined;
  const counter = ['attempt', 'retryAttempt', 'attemptNo'].find((name) => !new RegExp(`\\b${name}\\b`).test(fn.text));
  if (!counter) return undefined;
  const n = snippet ? '${1:4}' : '4';
  const beforeLoop = doc.text.slice(fn.startIndex, loop.startIndex);
  const keepsLastErr = /\b(var\s+lastErr\s+error|lastErr\s*:=)/.test(beforeLoop);
  const err = keepsLastErr ? `fmt.Errorf("gave up after ${n} attempts: %w", lastErr)` : `errors.New("gave up after ${n} attempts")`;
  const imports = [keepsLastErr ? 'import "fmt"' : 'import "errors"'];
  const indent = indentOfLine(doc, data.loopRange.start.line);
  const nl = eol(doc);
  const header = edit(doc, loop.startIndex, body.startIndex, `for ${counter} := 0; ${counter} < ${n}; ${counter}++ `);
  const giveUp = insertAt(doc, loop.endIndex, `${nl}${indent}return ${[...zeros, err].join(', ')}`);
  return { edits: [header, giveUp], counter, imports };
}
