/**
 * `unsafe-retry` raised on a retry library's configuration (`Retry(allowed_methods=[..., "POST"])`,
 * got's `retry: { methods: [..., 'POST'] }`): "Stop retrying POST automatically". A configured retry
 * re-sends the same request object, so it cannot generate one Idempotency-Key per logical request
 * (a key fixed in the configuration would be shared by every request of the client, which is worse
 * than none); the correct fix is to take POST/PATCH out of the retried methods. When the option
 * retries every method (`allowed_methods=False`/`None`), it becomes the list of idempotent methods.
 * Code that must retry a POST should use the retry helper, which sends a key per logical request.
 */
import type { Node } from 'web-tree-sitter';
import type { UnsafeRetryData } from '../diagnostics/findingData';
import { IDEMPOTENT_METHODS } from '../templates/templateTypes';
import type { CodeActionResult, Finding, TextEdit } from '../types';
import { Doc, edit, nodeAt } from './text';

const PAIR_TYPES = ['keyword_argument', 'pair'];
const UNSAFE = /^(POST|PATCH)$/i;

const stringValue = (n: Node): string | undefined =>
  n.type === 'string' && !n.namedChildren.some((c) => c?.type === 'interpolation' || c?.type === 'template_substitution')
    ? n.text.replace(/^[a-zA-Z]*(['"])(.*)\1$/s, '$2')
    : undefined;

export function unsafeConfigFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as UnsafeRetryData | undefined;
  if (!data || data.via !== 'config' || !data.configRange) return undefined;
  let pair = nodeAt(doc, data.configRange);
  while (pair && !PAIR_TYPES.includes(pair.type)) pair = pair.parent ?? undefined;
  const value = pair?.childForFieldName('value');
  if (!pair || !value) return undefined;
  const edits = value.type === 'list' || value.type === 'tuple' || value.type === 'array' || value.type === 'set' ? dropUnsafe(doc, value) : retryAllToIdempotent(doc, value);
  if (!edits?.length) return undefined;
  return { title: `Stop retrying ${data.method} automatically (a configured retry cannot send a per-request Idempotency-Key)`, kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits };
}

/** Deletes the "POST"/"PATCH" elements of a method list with their separators. */
function dropUnsafe(doc: Doc, list: Node): TextEdit[] | undefined {
  if (list.namedChildren.some((n) => n?.type === 'comment')) return undefined; // rebuilding would drop it
  const elements = list.namedChildren.filter((n): n is Node => !!n);
  if (elements.some((n) => stringValue(n) === undefined)) return undefined; // computed lists are not guessed
  const keep = elements.filter((n) => !UNSAFE.test(stringValue(n)!));
  if (keep.length === elements.length) return undefined;
  const open = list.text[0];
  const close = list.text[list.text.length - 1];
  if (!/[[({]/.test(open)) return undefined;
  let inner = keep.map((n) => n.text).join(', ');
  if (list.type === 'tuple' && keep.length === 1) inner += ',';
  if (list.type === 'set' && keep.length === 0) return [edit(doc, list.startIndex, list.endIndex, 'set()')];
  return [edit(doc, list.startIndex, list.endIndex, `${open}${inner}${close}`)];
}

/** `allowed_methods=False` / `None` (retry every method) → the idempotent methods only. */
function retryAllToIdempotent(doc: Doc, value: Node): TextEdit[] | undefined {
  if (doc.languageId !== 'python' || !/^(False|None)$/.test(value.text)) return undefined;
  const list = IDEMPOTENT_METHODS.map((m) => `"${m}"`).join(', ');
  return [edit(doc, value.startIndex, value.endIndex, `frozenset({${list}})`)];
}
