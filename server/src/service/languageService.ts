import { createBuiltinRegistry } from './catalog/builtinCatalogs';
import type { CatalogRegistry, ResolvedEntry } from './catalog/catalogRegistry';
import { type CatalogFileReport, type CatalogSource, loadWorkspaceCatalogs } from './catalog/workspaceCatalogs';
import type { CatalogInfo } from './catalog/schema';
import { applyEdits, errorCount } from './fixes/text';
import { headerHover } from './headerHover';
import { renderTemplate } from './templates/renderTemplate';
import { renderHover } from './hover';
import { isProjectPythonModule } from './spotting/apiErrorClasses';
import { vendorCodeHover } from './spotting/vendorCodeHover';
import { spotHttpFile } from './http/httpOccurrences';
import type { ScriptParser } from './http/httpScriptSpotting';
import { type CompletionEntry, computeCompletions } from './completion';
import { computeInlayHints, type InlayHintResult } from './inlayHints';
import { inlineTestSpans, isTestPath } from './diagnostics/testContext';
import { computeDiagnostics } from './diagnostics/runDiagnostics';
import { type CodeActionOptions, computeCodeActions } from './fixes/codeActions';
import { type OpenApiFileReport, OpenApiIndex, type OpenApiSource } from './openapi/openApiIndex';
import { DocumentTrees, ParsedDocument, TextChange } from './parsing/documentTrees';
import { grammarFor } from './parsing/grammars';
import { TreeSitterHost } from './parsing/treeSitter';
import { DEFAULT_SETTINGS, Settings } from './settings';
import { GRAMMAR_SUPPORT } from './spotting/adapters';
import { spotAfterEdit } from './spotting/incrementalSpot';
import { type SpotResult, spotFile } from './spotting/spotCodes';
import type { ForeignCodes } from './spotting/foreignCodeUses';
import { FLOW_GRAMMARS } from './diagnostics/flow/index';
import { summariseDocument } from './workspace/summariseDocument';
import { helperHover } from './workspace/helperHover';
import type { FileSummary } from './workspace/summaryTypes';
import { WorkspaceIndex } from './workspace/workspaceIndex';
import type { CodeActionResult, DocumentInput, Finding, HoverResult, Occurrence, Position, Range } from './types';

export interface LanguageServiceOptions {
  /** Folders holding the tree-sitter wasm files (defaults: next to the bundle, then node_modules). */
  wasmDirs?: string[];
  registry?: CatalogRegistry;
  settings?: Settings;
}

/**
 * The analysis library's facade. Documents are opened, edited and closed through it; every feature
 * answers for an open document by URI. It never touches the LSP transport or the file system
 * beyond loading its own grammars.
 */
export class ErrorCodeLanguageService {
  readonly registry: CatalogRegistry;
  readonly documents: DocumentTrees;
  private settings: Settings;
  /** Per document: the last computed version's codes (with what re-spotting after an edit needs). */
  private readonly occurrenceCache = new Map<string, { version: number; foreign: string; occurrences: Occurrence[]; spot?: SpotResult }>();
  private readonly openApi = new OpenApiIndex();
  /** Summaries of the workspace's files, so helpers, base classes and wrappers in other files count (docs/workspace.md). */
  readonly workspace = new WorkspaceIndex();

  constructor(options: LanguageServiceOptions = {}) {
    this.registry = options.registry ?? createBuiltinRegistry();
    this.documents = new DocumentTrees(new TreeSitterHost(options.wasmDirs));
    this.settings = options.settings ?? DEFAULT_SETTINGS;
  }

  configure(settings: Settings): void {
    this.settings = settings;
    this.occurrenceCache.clear();
  }

  getSettings(): Settings {
    return this.settings;
  }

  async open(input: DocumentInput): Promise<ParsedDocument> {
    return this.documents.open(input);
  }

  update(uri: string, version: number, changes: readonly TextChange[]): ParsedDocument | undefined {
    return this.documents.update(uri, version, changes);
  }

  close(uri: string): void {
    this.documents.close(uri);
    this.occurrenceCache.delete(uri);
  }

  /** Status codes and error codes in an open document, cached per version. */
  occurrences(uri: string): Occurrence[] {
    const doc = this.documents.get(uri);
    if (!doc) return [];
    // The codes other files declare that this one reads (the workspace index): a change there re-spots it.
    const foreign = this.workspace.foreignCodesFor(uri);
    const foreignKey = foreign?.key ?? '';
    const cached = this.occurrenceCache.get(uri);
    if (cached && cached.version === doc.version && cached.foreign === foreignKey) return cached.occurrences;
    const previous = doc.edit && cached?.version === doc.edit.previous.version ? cached.spot : undefined;
    const entry = this.computeOccurrences(doc, previous, foreign);
    this.occurrenceCache.set(uri, { version: doc.version, foreign: foreignKey, ...entry });
    return entry.occurrences;
  }

  /**
   * Why analysis of a document is incomplete, for a visible notice: the parse or the code search ran
   * past its time budget (grammars go superlinear on some odd inputs). Undefined when it is complete.
   */
  analysisNotice(uri: string): string | undefined {
    const doc = this.documents.get(uri);
    if (!doc || doc.languageId === 'http' || !grammarFor(doc.languageId) || doc.text.length === 0) return undefined;
    if (!doc.tree) {
      return 'Error Code Insight could not analyse this file: parsing it took longer than the time budget. Hovers and warnings come back once an edit makes it parse in time.';
    }
    this.occurrences(uri);
    const spot = this.occurrenceCache.get(uri)?.spot;
    return spot && !spot.complete
      ? 'Error Code Insight analysed this file only partly: looking for codes took longer than the time budget, so some codes (and the warnings about them) may be missing.'
      : undefined;
  }

  /** Rule findings (diagnostics) for an open document, after settings and suppression comments; cached per version. */
  diagnostics(uri: string): Finding[] {
    const doc = this.documents.get(uri);
    return doc ? computeDiagnostics(doc, this.occurrences(uri), this.registry, this.settings, this.workspace.viewFor(uri)) : [];
  }

  /**
   * The workspace summary of an open document (its functions, classes, imports and outgoing calls).
   * With `withFindings`, functions that give a retryable failure up are marked (this runs the rules).
   */
  summarise(uri: string, withFindings = true): FileSummary | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const occurrences = this.occurrences(uri);
    return summariseDocument(doc, occurrences, this.registry, this.settings, withFindings ? this.diagnostics(uri) : []);
  }

  /** Summarises an open document into the workspace index; returns whether its summary changed. */
  indexDocument(uri: string): boolean {
    const summary = this.summarise(uri);
    return summary ? this.workspace.set(summary) : false;
  }

  /**
   * Quick fixes for the given findings (the diagnostics the client sends back) and refactors on the
   * codes in `range`. Edits touch only this document; with `snippetSupport` they may hold tab stops.
   */
  codeActions(uri: string, range: Range, findings: Finding[], options: CodeActionOptions = {}): CodeActionResult[] {
    const doc = this.documents.get(uri);
    if (!doc) return [];
    const actions = computeCodeActions(doc, range, findings, this.occurrences(uri), options);
    if (!doc.tree?.rootNode.hasError) return actions;
    // In a file that is already broken, a fix could land inside the damage and make it worse: offer
    // only the actions whose result parses with no more errors than the file has now.
    const before = errorCount(doc.tree.rootNode);
    return actions.filter((action) => {
      const edits = action.snippet ? action.edits.map((e) => ({ ...e, newText: renderTemplate(e.newText, { snippet: false }) })) : action.edits;
      const after = this.documents.withScratchTree(doc.languageId, applyEdits(doc.text, edits), (tree) => errorCount(tree.rootNode));
      return after !== undefined && after <= before;
    });
  }

  hover(uri: string, position: Position): HoverResult | undefined {
    const occurrence = this.occurrenceAt(uri, position);
    if (!occurrence) {
      const doc = this.documents.get(uri);
      if (doc?.languageId === 'http') return headerHover(doc.text, position);
      // A call to a helper of another file that the workspace index summarises.
      const view = doc && this.workspace.viewFor(uri);
      return doc && view ? helperHover(doc, view, position) : undefined;
    }
    const entries = this.entriesFor(occurrence);
    // An API's own code no catalog knows: say what the code around it says.
    if (entries.length === 0) return occurrence.kind === 'error-code' ? { contents: vendorCodeHover(occurrence), range: occurrence.range } : undefined;
    const doc = this.documents.get(uri);
    const spec = doc ? this.openApi.hoverSection(doc, occurrence) : undefined;
    return { contents: renderHover(occurrence, entries) + (spec ? `\n\n${spec}` : ''), range: occurrence.range };
  }

  /** Replaces the workspace catalogs (layered over the built-ins); returns each file's problems. */
  setWorkspaceCatalogs(files: readonly CatalogSource[]): CatalogFileReport[] {
    const { loaded, reports } = loadWorkspaceCatalogs(files);
    this.registry.setWorkspaceCatalogs(loaded);
    this.occurrenceCache.clear();
    return reports;
  }

  /** Replaces the OpenAPI documents hovers consult; returns each file's problems (e.g. 429 without Retry-After). */
  setOpenApiDocuments(files: readonly OpenApiSource[]): OpenApiFileReport[] {
    return this.openApi.set(files);
  }

  /** Status codes or error codes to offer at the cursor; empty outside a status or error-code context. */
  completions(uri: string, position: Position): CompletionEntry[] {
    const doc = this.documents.get(uri);
    return doc ? computeCompletions(doc, position, this.registry) : [];
  }

  /** Reason phrases after bare numeric status codes in `range`; none when `inlayHints` is off. */
  inlayHints(uri: string, range: Range): InlayHintResult[] {
    const doc = this.documents.get(uri);
    if (!doc || !this.settings.inlayHints) return [];
    return computeInlayHints(this.occurrences(uri), range, this.registry, (line) => doc.lines.lineText(line));
  }

  occurrenceAt(uri: string, position: Position): Occurrence | undefined {
    return this.occurrences(uri).find((o) => contains(o.range, position));
  }

  /** Catalog entries for an occurrence, newest catalog first. */
  entriesFor(occurrence: Occurrence): ResolvedEntry[] {
    if (occurrence.kind === 'http-status') return this.registry.httpStatus(occurrence.code);
    const entries = this.registry.errorCode(occurrence.code).concat(occurrence.symbolic ? this.registry.errorConstant(occurrence.text) : []);
    // The entry the spotter resolved (Faraday's ClientError, not botocore's) first, and only entries of its catalog.
    const resolved = occurrence.catalog ? entries.filter((e) => e.catalog.id === occurrence.catalog) : [];
    return resolved.length ? resolved : entries;
  }

  /** Codes of a document version; after a single edit, only the edited function is spotted again. */
  private computeOccurrences(doc: ParsedDocument, previous: SpotResult | undefined, foreign: ForeignCodes | undefined): { occurrences: Occurrence[]; spot?: SpotResult } {
    if (doc.languageId === 'http') {
      const parse: ScriptParser = (source, use) => this.documents.withScratchTree('javascript', source, use);
      return { occurrences: spotHttpFile(doc.text, { parse, registry: this.registry }).filter((o) => this.entriesFor(o).length > 0) };
    }
    const grammar = grammarFor(doc.languageId);
    if (!grammar || !doc.tree) return { occurrences: [] };
    const support = GRAMMAR_SUPPORT[grammar];
    const spot =
      (previous && doc.edit ? spotAfterEdit(previous, doc.edit, doc.tree, doc.lines, support, FLOW_GRAMMARS[grammar], this.registry, foreign) : undefined) ??
      spotFile(doc.tree, doc.lines, support, this.registry, foreign);
    // In test code a status "sent" is a mock's or stub's answer (`nock(…).reply(429)`, `MockResponse(None, 503)`,
    // an httptest handler's `WriteHeader(503)`), and a named status is test data (`[InlineData(HttpStatusCode.GatewayTimeout)]`,
    // a table of cases): the test's own fixture, not a server's behaviour or a project constant.
    const asTestData = (o: Occurrence): Occurrence => (o.role === 'server-sets' || o.role === 'constant' ? { ...o, role: 'test-assert' } : o);
    // Outside tests, a code no catalog knows that the file only writes into an error it builds (`{ error: "unauthorized" }`
    // answered to its own client) is the project's own wording, not an API's code it must handle: the codes a file reads
    // (compares, lists, retries on) or declares are shown.
    // An error class named for an API failure counts when a library brings it (not a package of the project: see apiErrorClasses.ts).
    // (A test file imports the error classes of the package it tests: they are that package's own, not a library's.)
    const test = isTestPath(doc.uri);
    const fromLibrary = (o: Occurrence) => !o.library || (!test && (doc.languageId !== 'python' || !isProjectPythonModule(o.library, doc.uri)));
    const found = spot.occurrences.filter(fromLibrary);
    // Rust keeps its tests beside the code (`#[cfg(test)] mod tests`): there too a status is the test's own data.
    const inline = test ? [] : inlineTestSpans(doc.tree.rootNode, grammar);
    const inTest = (o: Occurrence) => inline.some((t) => o.range.start.line >= t.startLine && o.range.start.line <= t.endLine);
    // (A standard's code, OAuth's `invalid_grant`, is the standard's where the file writes the standard's error body.)
    const speaks = (catalog: CatalogInfo): boolean => !!catalog.standard && !!catalog.bodyShape?.messageField && wordIn(doc.text, catalog.bodyShape.messageField);
    // (A code set through a constant the file also reads, `ReasonAborted` set here and `case ReasonAborted:` there, is
    // an interface's code its clients are meant to tell apart: shown where it is set too.)
    const read = new Set(found.filter((o) => o.kind === 'error-code' && o.symbolic && o.role !== 'server-sets').map((o) => o.text));
    const own = (o: Occurrence): boolean => !(o.symbolic && read.has(o.text)) && this.ownErrorWording(o, speaks);
    const occurrences = test ? found.map(asTestData) : found.filter((o) => !own(o)).map((o) => (inline.length && inTest(o) ? asTestData(o) : o));
    return { occurrences, spot };
  }

  /**
   * A worded code no catalog knows — or one only a vendor's catalog knows as a common word (`unauthorized`,
   * `rate_limited`) — in the role of one the file sets in an error of its own making (numbered close or RPC codes stay).
   * A standard's code stays where the file `speaks` that standard's error body (`{ error: 'invalid_grant',
   * error_description: … }`): every OAuth server sends it, so it is no wording of the file's own.
   */
  private ownErrorWording(o: Occurrence, speaks: (catalog: CatalogInfo) => boolean): boolean {
    if (o.kind !== 'error-code' || o.role !== 'server-sets' || /^-?\d+$/.test(o.code)) return false;
    const entries = this.entriesFor(o);
    return entries.length === 0 || entries.every((e) => e.catalog.matching === 'context' && /^[a-z][a-z_]*$/.test(e.entry.code) && !speaks(e.catalog));
  }
}

/** `word` stands in `text` as a whole word (a key written, `'error_description' =>`, `error_description:`). */
function wordIn(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!/[\w$]/.test(text[at - 1] ?? '') && !/[\w$]/.test(text[at + word.length] ?? '')) return true;
  }
  return false;
}

function contains(range: { start: Position; end: Position }, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
