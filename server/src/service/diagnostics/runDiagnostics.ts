import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { ParsedDocument } from '../parsing/documentTrees';
import { grammarFor } from '../parsing/grammars';
import type { Settings } from '../settings';
import type { Finding, Occurrence } from '../types';
import { DiagContext } from './context';
import { buildFlow } from './flow/flowModel';
import { missingRetryAfter } from './rules/missingRetryAfter';
import { nonRetryableRetried } from './rules/nonRetryableRetried';
import { noRetryOnRequest } from './rules/noRetryOnRequest';
import { retryableTreatedAsFinal } from './rules/retryableTreatedAsFinal';
import { retryIgnoresRetryAfter } from './rules/retryIgnoresRetryAfter';
import { retryWithoutBackoff } from './rules/retryWithoutBackoff';
import { unsafeRetry } from './rules/unsafeRetry';
import { isSuppressed, readSuppressions } from './suppression';

type RuleFn = (ctx: DiagContext) => Finding[];

/** Rule id → implementation (unknown-rule-in-suppression comes from the suppression reader). */
const RULE_FUNCTIONS: Record<string, RuleFn> = {
  'retryable-treated-as-final': retryableTreatedAsFinal,
  'no-retry-on-request': noRetryOnRequest,
  'retry-ignores-retry-after': retryIgnoresRetryAfter,
  'retry-without-backoff': retryWithoutBackoff,
  'unsafe-retry': unsafeRetry,
  'missing-retry-after': missingRetryAfter,
  'non-retryable-retried': nonRetryableRetried,
};

/** Parsed documents are replaced on every edit, so a weak map keyed by the document caches per version. */
const cache = new WeakMap<ParsedDocument, { settings: Settings; registry: CatalogRegistry; occurrences: readonly Occurrence[]; findings: Finding[] }>();

/** All findings for one document after settings (on/off, severity) and suppression comments. */
export function computeDiagnostics(doc: ParsedDocument, occurrences: readonly Occurrence[], registry: CatalogRegistry, settings: Settings): Finding[] {
  const cached = cache.get(doc);
  if (cached && cached.settings === settings && cached.registry === registry && cached.occurrences === occurrences) return cached.findings;
  const grammar = grammarFor(doc.languageId);
  if (!grammar || !doc.tree) return [];
  const flow = buildFlow(doc.tree, doc.text, grammar);
  const ctx = new DiagContext(doc, flow, occurrences, registry, settings);
  const suppressions = readSuppressions(flow.comments, doc.lines);
  const raw: Finding[] = [...suppressions.unknown];
  for (const [id, run] of Object.entries(RULE_FUNCTIONS)) {
    if (settings.rules[id]?.enabled === false) continue;
    raw.push(...run(ctx));
  }
  const findings: Finding[] = [];
  for (const finding of raw) {
    const config = settings.rules[finding.rule];
    if (config?.enabled === false) continue;
    if (finding.rule !== 'unknown-rule-in-suppression' && isSuppressed(finding, suppressions)) continue;
    findings.push(config?.severity ? { ...finding, severity: config.severity } : finding);
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  cache.set(doc, { settings, registry, occurrences, findings });
  return findings;
}
