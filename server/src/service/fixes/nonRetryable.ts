/**
 * `non-retryable-retried`: "Stop retrying 400, 404": deletes the offending codes from the status list
 * (with their separators; a Python tuple left with one element keeps its trailing comma), or turns a
 * range test (`status >= 400`) into a test of exactly the retryable statuses (Go: a disjunction of
 * `==` tests over the subject, which must be a plain name or field selector).
 */
import type { NonRetryableRetriedData } from '../diagnostics/findingData';
import { RETRYABLE_STATUSES } from '../templates/templateTypes';
import type { CodeActionResult, Finding, TextEdit } from '../types';
import { Doc, edit, nodeAt, offsetsOf } from './text';

export function nonRetryableFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as NonRetryableRetriedData | undefined;
  if (!data) return undefined;
  const title = `Stop retrying ${data.codes.join(', ')}`;
  const edits = data.codeRanges?.length ? deleteCodes(doc, data) : rangeTest(doc, data);
  if (!edits?.length) return undefined;
  return { title, kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits };
}

function deleteCodes(doc: Doc, data: NonRetryableRetriedData): TextEdit[] | undefined {
  const text = doc.text;
  // Only codes that are items of a list can be deleted: one in a comparison (`status == 404`) cannot.
  if (data.codeRanges.some((r) => !inList(nodeAt(doc, r)))) return undefined;
  const spans: Array<[number, number]> = [];
  for (const range of data.codeRanges) {
    let [start, end] = offsetsOf(doc, range);
    const after = /^\s*,[ \t]*/.exec(text.slice(end));
    const before = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
    if (after) end += after[0].length;
    else if (before) start -= before[0].length;
    spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  const edits = merged.map(([s, e]) => edit(doc, s, e, ''));
  // Python: `(400, 429)` minus 400 would be `(429)`, an int; keep it a tuple.
  const first = data.codeRanges[0];
  const list = first ? nodeAt(doc, first)?.parent : undefined;
  if (doc.languageId === 'python' && list?.type === 'tuple') {
    const removed = new Set(data.codeRanges.map((r) => offsetsOf(doc, r)[0]));
    const left = list.namedChildren.filter((n) => n && n.type !== 'comment' && !removed.has(n.startIndex));
    if (left.length === 1 && !/,\s*\)$/.test(list.text)) {
      const keep = left[0]!;
      const covered = merged.some(([s, e]) => s <= keep.endIndex && keep.endIndex < e);
      if (!covered) edits.push(edit(doc, keep.endIndex, keep.endIndex, ','));
    }
  }
  return edits;
}

/** `subject >= 400` (or `> 399`, `>= 400 && < 600`) → a membership test of the retryable statuses. */
function rangeTest(doc: Doc, data: NonRetryableRetriedData): TextEdit[] | undefined {
  if (!data.checkRange) return undefined;
  const node = nodeAt(doc, data.checkRange);
  if (!node) return undefined;
  const m = /^([\s\S]+?)\s*(>=|>)\s*\d{3}$/.exec(node.text);
  if (!m) return undefined;
  const subject = m[1].trim();
  const list = RETRYABLE_STATUSES.join(', ');
  const replacements: Record<string, string> = {
    python: `${subject} in (${list})`,
    javascript: `[${list}].includes(${subject})`,
    typescript: `[${list}].includes(${subject})`,
    javascriptreact: `[${list}].includes(${subject})`,
    typescriptreact: `[${list}].includes(${subject})`,
    java: `java.util.Set.of(${list}).contains(${subject})`,
    csharp: `${subject} is ${RETRYABLE_STATUSES.join(' or ')}`,
  };
  // Go has no set expression: a disjunction, only over a side-effect-free subject (read once per term).
  if (/^[A-Za-z_][\w.]*$/.test(subject)) {
    const terms = RETRYABLE_STATUSES.map((s) => `${subject} == ${s}`).join(' || ');
    const wholeCondition = node.parent?.type === 'if_statement' && node.parent.childForFieldName('condition')?.startIndex === node.startIndex;
    replacements.go = wholeCondition ? terms : `(${terms})`;
  }
  const text = replacements[doc.languageId];
  if (!text) return undefined;
  return [edit(doc, node.startIndex, node.endIndex, text)];
}

/** The code is an item of a list, tuple, array, set or argument list (climbing through member accesses). */
function inList(node: ReturnType<typeof nodeAt>): boolean {
  for (let n = node?.parent ?? null, depth = 0; n && depth < 4; n = n.parent, depth++) {
    if (/^(list|tuple|set|array|array_literal|collection_expression|initializer_expression|array_initializer|composite_literal|literal_value|argument_list|arguments|expression_list)$/.test(n.type)) return true;
    if (!/^(member_access_expression|member_expression|field_access|attribute|selector_expression|qualified_name|scoped_identifier|parenthesized_expression|argument|element_binding_expression)$/.test(n.type)) return false;
  }
  return false;
}
