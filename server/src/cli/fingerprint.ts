import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Finding } from '../service/types';

/**
 * Line-independent identities for findings, shared by SARIF `partialFingerprints` and baselines.
 *
 * A fingerprint hashes the rule, the codes the finding is about and the source text of the
 * finding's first line with all whitespace removed — never its line or column — so a finding keeps
 * its identity when lines above it are added or removed, or when it is re-indented. Two findings
 * with the same hash in one file are told apart by their order (`:1`, `:2`, …), which is also what
 * code scanning does with `primaryLocationLineHash`.
 */
export const FINGERPRINT_KEY = 'eciFindingHash/v1';

/** The codes a finding names (`data.codes` or `data.code`), sorted, or none. */
export function findingCodes(finding: Finding): string[] {
  const data = finding.data ?? {};
  const codes = Array.isArray(data.codes) ? data.codes : typeof data.code === 'string' ? [data.code] : [];
  return codes.filter((c): c is string => typeof c === 'string').sort();
}

/** The first line of the finding with whitespace removed: survives re-indenting and reformatting of spaces. */
export function normalisedSnippet(lines: readonly string[], finding: Finding): string {
  return (lines[finding.range.start.line] ?? '').replace(/\s+/g, '');
}

/** Fingerprints for every finding of one file, in the findings' order (ordinals count in source order). */
export function fingerprintFindings(text: string, findings: readonly Finding[]): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  const result: string[] = new Array(findings.length);
  const order = findings.map((_, i) => i).sort((a, b) => comparePosition(findings[a], findings[b]) || a - b);
  for (const i of order) {
    const finding = findings[i];
    const hash = createHash('sha256')
      .update(`${finding.rule}\0${findingCodes(finding).join(',')}\0${normalisedSnippet(lines, finding)}`)
      .digest('hex')
      .slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    result[i] = `${hash}:${n}`;
  }
  return result;
}

/** The text a file was checked with, when it was not the file on disk (`--staged`: the index's copy). */
export type SourceReader = (path: string) => string | undefined;

/** Fingerprints of a checked file's findings, reading the file again (only files with findings are read). */
export function fingerprintsOfFile(path: string, findings: readonly Finding[], read?: SourceReader): string[] {
  if (findings.length === 0) return [];
  let text = read?.(path);
  if (text === undefined) {
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch {
      // Gone since it was checked: the snippet is empty and the rule and codes still identify the finding.
      text = '';
    }
  }
  return fingerprintFindings(text, findings);
}

function comparePosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}
