import type { TextLines } from '../parsing/textLines';
import type { Finding } from '../types';
import type { UnknownRuleData } from './findingData';
import type { CommentInfo } from './flow/flowModel';
import { fillMessage, isRuleId, RULES, ruleInfo } from './rules';

/**
 * Suppression comments, in each language's own comment syntax:
 * `eci-disable-next-line <rule>[, <rule>…]`, `eci-disable-line <rule>…`, `eci-disable <rule>…` (whole
 * file). No rule name means every rule. Text after ` -- ` is a free-form reason.
 */
export interface Suppressions {
  /** line → rule ids (`*` = all). */
  lines: Map<number, Set<string>>;
  file: Set<string>;
  unknown: Finding[];
}

const DIRECTIVE = /eci-disable(-next-line|-line)?(?![\w-])([^\n]*)/g;

export function readSuppressions(comments: readonly CommentInfo[], lines: TextLines): Suppressions {
  const result: Suppressions = { lines: new Map(), file: new Set(), unknown: [] };
  for (const comment of comments) {
    for (const match of comment.text.matchAll(DIRECTIVE)) {
      const kind = match[1] ?? '';
      const argsStart = comment.start + match.index + match[0].length - match[2].length;
      const args = match[2].split(/\s--\s|\*\/|-->|\s#|\s\/\//)[0];
      const names: Array<{ name: string; offset: number }> = [];
      for (const token of args.matchAll(/[A-Za-z][\w-]*/g)) names.push({ name: token[0], offset: argsStart + token.index });
      const ids = new Set<string>();
      for (const { name, offset } of names) {
        if (isRuleId(name)) ids.add(name);
        else result.unknown.push(unknownRule(name, lines.rangeOf(offset, offset + name.length)));
      }
      if (names.length === 0) ids.add('*');
      if (kind === '') {
        for (const id of ids) result.file.add(id);
        continue;
      }
      const line = kind === '-line' ? lines.positionAt(comment.start).line : lines.positionAt(comment.end).line + 1;
      const set = result.lines.get(line) ?? new Set<string>();
      for (const id of ids) set.add(id);
      result.lines.set(line, set);
    }
  }
  return result;
}

export function isSuppressed(finding: Finding, suppressions: Suppressions): boolean {
  if (suppressions.file.has('*') || suppressions.file.has(finding.rule)) return true;
  const set = suppressions.lines.get(finding.range.start.line);
  return set !== undefined && (set.has('*') || set.has(finding.rule));
}

function unknownRule(name: string, range: Finding['range']): Finding {
  const rule = 'unknown-rule-in-suppression';
  const data: UnknownRuleData = { name, nameRange: range, known: RULES.map((r) => r.id) };
  return {
    rule,
    severity: ruleInfo(rule)!.defaultSeverity,
    message: fillMessage(rule, { detail: name }),
    range,
    data: data as unknown as Record<string, unknown>,
  };
}
