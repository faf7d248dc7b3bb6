import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { ParsedDocument } from '../parsing/documentTrees';
import { grammarFor } from '../parsing/grammars';
import type { Settings } from '../settings';
import type { Finding, Occurrence } from '../types';
import { DiagContext } from './context';
import { buildFlow, type FileFlow } from './flow/flowModel';
import { type DiagState, detachedMechanisms, reanalyseEdit } from './incremental';
import { missingRetryAfter } from './rules/missingRetryAfter';
import { nonRetryableRetried } from './rules/nonRetryableRetried';
import { noRetryOnRequest } from './rules/noRetryOnRequest';
import { requestWithoutTimeout } from './rules/requestWithoutTimeout';
import { grpcRetryPolicy } from './rules/grpcRetryPolicy';
import { retryAmplification } from './rules/retryAmplification';
import { retryDelayUnit } from './rules/retryDelayUnit';
import { retryableTreatedAsFinal } from './rules/retryableTreatedAsFinal';
import { retryIgnoresRetryAfter } from './rules/retryIgnoresRetryAfter';
import { retryWithoutBackoff } from './rules/retryWithoutBackoff';
import { unsafeRetry } from './rules/unsafeRetry';
import { isSuppressed, readSuppressions } from './suppression';
import { applyTestPolicy, importsTestModule, inlineTestSpans } from './testContext';
import { unitSpans } from '../parsing/units';
import { crossFunctionFacts } from './crossFunction';
import { collapseGenerated, isGeneratedCode } from './generatedCode';
import type { WorkspaceView } from '../workspace/workspaceView';

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
  'request-without-timeout': requestWithoutTimeout,
  'retry-delay-unit': retryDelayUnit,
  'retry-amplification': retryAmplification,
  'grpc-retry-policy': grpcRetryPolicy,
};

interface CacheEntry {
  settings: Settings;
  registry: CatalogRegistry;
  occurrences: readonly Occurrence[];
  findings: Finding[];
  state: DiagState;
  /** The workspace facts the analysis read (WorkspaceView.key; '' for a file on its own). */
  workspaceKey: string;
}

/** Parsed documents are replaced on every edit, so a weak map keyed by the document caches per version. */
const cache = new WeakMap<ParsedDocument, CacheEntry>();

/**
 * The whole-file flow of the last full analysis of a document version, kept until the workspace summary
 * takes it. A flow holds syntax-node wrappers (and the child lists web-tree-sitter caches on them), about
 * 1.5 MB for a 1,000-line file, so it is not kept for the life of the version.
 */
const flows = new WeakMap<ParsedDocument, FileFlow>();

/** The flow of the document's last full analysis, if not yet taken (read-only uses: hover). */
export function analysedFlow(doc: ParsedDocument): FileFlow | undefined {
  return flows.get(doc);
}

/** The flow of the document's last full analysis, released from the cache (the summary's one use). */
export function takeAnalysedFlow(doc: ParsedDocument): FileFlow | undefined {
  const flow = flows.get(doc);
  flows.delete(doc);
  contexts.delete(doc);
  return flow;
}

/**
 * The context of the document's last full analysis when it read no workspace view (the CLI's first pass, a file
 * nothing else bears on), kept beside its flow until the summary takes both: the summary's own context would be
 * built from the same inputs (requests, retry mechanisms, loops), so it is not built again.
 */
const contexts = new WeakMap<ParsedDocument, { ctx: DiagContext; occurrences: readonly Occurrence[] }>();

/** That context when it was built from these occurrences, registry and settings; released from the cache either way. */
export function takeAnalysedContext(doc: ParsedDocument, occurrences: readonly Occurrence[], registry: CatalogRegistry, settings: Settings): DiagContext | undefined {
  const kept = contexts.get(doc);
  contexts.delete(doc);
  if (!kept || kept.occurrences !== occurrences || kept.ctx.registry !== registry || kept.ctx.settings !== settings || flows.get(doc) !== kept.ctx.flow) return undefined;
  takeAnalysedFlow(doc);
  return kept.ctx;
}

/** Findings of every enabled rule, before settings and suppression comments. */
export function runRules(ctx: DiagContext, settings: Settings): Finding[] {
  const raw: Finding[] = [];
  for (const [id, run] of Object.entries(RULE_FUNCTIONS)) {
    if (settings.rules[id]?.enabled === false) continue;
    raw.push(...run(ctx));
  }
  return applyTestPolicy(ctx.doc.uri, raw, inlineTestSpans(ctx.doc.tree?.rootNode, ctx.flow.grammarName), importsTestModule(ctx.flow.grammarName, ctx.flow.imports));
}

/**
 * All findings for one document after settings (on/off, severity) and suppression comments. After a
 * single edit inside one function, only that function is re-analysed (see incremental.ts); the result
 * equals a full analysis.
 */
export function computeDiagnostics(doc: ParsedDocument, occurrences: readonly Occurrence[], registry: CatalogRegistry, settings: Settings, workspace?: WorkspaceView): Finding[] {
  const workspaceKey = workspace?.key ?? '';
  const cached = cache.get(doc);
  if (cached && cached.settings === settings && cached.registry === registry && cached.occurrences === occurrences && cached.workspaceKey === workspaceKey) return cached.findings;
  const grammar = grammarFor(doc.languageId);
  if (!grammar || !doc.tree) return [];
  const previous = doc.edit ? cache.get(doc.edit.previous) : undefined;
  // An edit is re-analysed in place only while the workspace facts the file reads stay the same.
  const state =
    (previous && previous.settings === settings && previous.registry === registry && previous.workspaceKey === workspaceKey
      ? reanalyseEdit(doc, grammar, previous.state, occurrences, registry, settings, runRules)
      : undefined) ?? fullState(doc, grammar, occurrences, registry, settings, workspace);
  const findings = finish(state, doc, settings);
  cache.set(doc, { settings, registry, occurrences, findings, state, workspaceKey });
  return findings;
}

function fullState(doc: ParsedDocument, grammar: NonNullable<ReturnType<typeof grammarFor>>, occurrences: readonly Occurrence[], registry: CatalogRegistry, settings: Settings, workspace?: WorkspaceView): DiagState {
  const flow = buildFlow(doc.tree!, doc.text, grammar);
  flows.set(doc, flow);
  const ctx = new DiagContext(doc, flow, occurrences, registry, settings, undefined, workspace);
  if (workspace) contexts.delete(doc);
  else contexts.set(doc, { ctx, occurrences });
  return {
    raw: runRules(ctx, settings),
    comments: flow.comments,
    mechanisms: detachedMechanisms(ctx.mechanisms, flow),
    imports: flow.imports,
    flags: { retryAfter: flow.fileReadsRetryAfter, rateLimit: flow.fileRateLimit, idempotency: flow.fileIdempotencyKey },
    occurrences,
    units: unitSpans(doc.tree!, flow.grammar),
    cross: crossFunctionFacts(ctx),
  };
}

function finish(state: DiagState, doc: ParsedDocument, settings: Settings): Finding[] {
  const suppressions = readSuppressions(state.comments, doc.lines);
  const findings: Finding[] = [];
  // Two readings of one problem by the same rule (a chain's leftover and the caught status it re-raises) are one
  // finding where they start at the same place: the first.
  const at = new Set<string>();
  for (const finding of [...suppressions.unknown, ...state.raw]) {
    const config = settings.rules[finding.rule];
    if (config?.enabled === false) continue;
    const key = `${finding.rule}@${finding.range.start.line}:${finding.range.start.character}`;
    if (at.has(key)) continue;
    at.add(key);
    if (finding.rule !== 'unknown-rule-in-suppression' && isSuppressed(finding, suppressions)) continue;
    findings.push(config?.severity ? { ...finding, severity: config.severity } : finding);
  }
  const shown = isGeneratedCode(doc.uri, doc.text) ? (settings.skipGenerated ? [] : collapseGenerated(findings)) : findings;
  shown.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return shown;
}
