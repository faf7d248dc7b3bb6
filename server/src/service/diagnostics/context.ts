import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry, ResolvedEntry } from '../catalog/catalogRegistry';
import type { ParsedDocument } from '../parsing/documentTrees';
import type { Settings } from '../settings';
import type { Finding, Occurrence, Range } from '../types';
import type { BaseFindingData, FindingLanguage } from './findingData';
import { CallInfo, enclosingFn, FileFlow, FnInfo } from './flow/flowModel';
import { MechanismScope } from './mechanisms';
import { findRequests, RequestInfo } from './requests';
import { responseVarOf } from './requestStatements';
import { statusTest, StatusTest } from './branches';
import { findRetryLoops, RetryLoop } from './retryLoops';
import type { WorkspaceView } from '../workspace/workspaceView';

/** Codes the catalogs call conditional that the rules still treat as retryable when tested for. */
const ALSO_RETRYABLE = new Set(['408', '529', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ESOCKETTIMEDOUT', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

/** What every rule gets: the document, its flow model, its spotted codes, and helpers. */
export class DiagContext {
  readonly occurrences: readonly Occurrence[];
  readonly requests: RequestInfo[];
  readonly mechanisms: MechanismScope;
  readonly language: FindingLanguage;
  private readonly extra: Set<string>;

  constructor(
    readonly doc: ParsedDocument,
    readonly flow: FileFlow,
    occurrences: readonly Occurrence[],
    readonly registry: CatalogRegistry,
    readonly settings: Settings,
    mechanisms?: MechanismScope,
    workspace?: WorkspaceView,
  ) {
    // A test inside a retry predicate is reported as retry-config; to the rules it is the client test it is.
    this.occurrences = occurrences.map((o) => (o.roleForRules ? { ...o, role: o.roleForRules } : o));
    this.requests = findRequests(flow);
    if (mechanisms) this.mechanisms = mechanisms;
    else {
      // Retry wrappers imported from other files count as the settings' retry function names do.
      this.mechanisms = new MechanismScope(flow, workspace ? [...settings.retryFunctionNames, ...workspace.wrapperNames] : settings.retryFunctionNames);
      if (workspace) this.mechanisms.workspace = workspace;
    }
    this.extra = new Set(settings.extraRetryableCodes.map((c) => c.trim()));
    const g = flow.grammarName;
    this.language = g === 'tsx' ? 'typescript' : g === 'c-sharp' ? 'csharp' : g;
  }

  /** What the rest of the workspace says about this file (kept on the mechanisms, so incremental passes keep it). */
  get workspace(): WorkspaceView | undefined {
    return this.mechanisms.workspace;
  }

  /** Retryable: catalog verdict `yes` (newest catalog first, so vendor catalogs speak), a few conditional ones, or the setting. */
  isRetryable(occ: Pick<Occurrence, 'code' | 'kind'> & { catalog?: string }): boolean {
    if (this.extra.has(occ.code)) return true;
    const entries = occ.kind === 'http-status' ? this.registry.httpStatus(occ.code) : vendorWordEntries(this.registry.errorCode(occ.code), occ);
    if (entries[0]?.entry.retry.verdict === 'yes') return true;
    return ALSO_RETRYABLE.has(occ.code) && entries.length > 0;
  }

  /** Must not be retried: a 4xx with catalog verdict `no` (403 only when nothing mentions rate limits), or 501. */
  isNonRetryable(code: string, scope: Node): boolean {
    if (this.extra.has(code)) return false;
    // 501 Not Implemented fails the same way every time (the catalog: exclude it from retry-all-5xx rules);
    // only a code named one by one reaches here, never a `>= 500` range.
    if (code === '501') return true;
    if (!/^4\d\d$/.test(code)) return false;
    if (code === '403') return !(enclosingFn(this.flow, scope)?.rateLimit ?? this.flow.fileRateLimit) && !this.flow.fileRateLimit;
    // Unofficial 4xx (nginx 499 "client closed request", 444…) describe one connection, not a request
    // that fails the same way every time.
    const entry = this.registry.httpStatus(code)[0]?.entry;
    return entry?.retry.verdict === 'no' && !entry.unofficial;
  }

  /** The syntax node of an occurrence (cached: rules ask for the same anchors repeatedly). */
  nodeOf(occ: Occurrence): Node | null {
    let node = this.nodes.get(occ);
    if (node === undefined) {
      const start = this.doc.lines.offsetAt(occ.range.start);
      const end = this.doc.lines.offsetAt(occ.range.end);
      node = this.doc.tree?.rootNode.descendantForIndex(start, end) ?? null;
      this.nodes.set(occ, node);
    }
    return node;
  }

  /** How an occurrence is tested (cached per occurrence). */
  testOf(occ: Occurrence): StatusTest | undefined {
    if (!this.tests.has(occ)) this.tests.set(occ, statusTest(this, occ));
    return this.tests.get(occ);
  }

  /** Client-side tests of codes, computed once. */
  clientTests(): StatusTest[] {
    this.allTests ??= this.occurrences.filter((o) => o.role === 'client-check').map((o) => this.testOf(o)).filter((t): t is StatusTest => t !== undefined);
    return this.allTests;
  }

  /** The hand-written retry loops of the file, computed once. */
  retryLoops(): RetryLoop[] {
    this.loops ??= findRetryLoops(this);
    return this.loops;
  }

  private readonly nodes = new Map<Occurrence, Node | null>();
  private readonly tests = new Map<Occurrence, StatusTest | undefined>();
  private allTests: StatusTest[] | undefined;
  private loops: RetryLoop[] | undefined;

  range(node: Node): Range {
    return this.doc.lines.rangeOf(node.startIndex, node.endIndex);
  }

  /** Range of a node's first line only (for loop headers and long calls). */
  headRange(node: Node, end?: Node | null): Range {
    const lineEnd = this.doc.lines.lineEnd(node.startPosition.row);
    const stop = end && end.startIndex > node.startIndex ? Math.min(end.startIndex, lineEnd) : lineEnd;
    const text = this.doc.text.slice(node.startIndex, stop).replace(/[\s{]+$/, '');
    return this.doc.lines.rangeOf(node.startIndex, node.startIndex + text.length);
  }

  base(node: Node): BaseFindingData {
    const fn = enclosingFn(this.flow, node);
    const line = this.doc.lines.lineText(node.startPosition.row);
    const data: BaseFindingData = { language: this.language, indent: /^\s*/.exec(line)?.[0] ?? '' };
    if (fn) {
      data.functionRange = this.range(fn.node);
      if (fn.name) data.functionName = fn.name;
    }
    return data;
  }

  requestData(request: RequestInfo) {
    return {
      library: request.library,
      method: request.method,
      requestRange: this.range(request.call.node),
      requestText: request.call.node.text,
      requestStatementRange: this.range(request.statement),
      ...(request.responseVar ? { responseVar: request.responseVar } : {}),
    };
  }

  related(request: RequestInfo | undefined): Finding['related'] {
    return request ? [{ range: this.range(request.call.node), message: `the ${request.method === 'UNKNOWN' ? '' : request.method + ' '}request this is about` }] : undefined;
  }

  /** The request a node is about: the nearest request before it in the same function using its variable, else the nearest before it. */
  requestFor(node: Node, responseVar?: string): RequestInfo | undefined {
    const fn = enclosingFn(this.flow, node);
    const start = node.startIndex;
    let best: RequestInfo | undefined;
    for (const r of this.requestsIn(fn)) {
      if (r.call.start > start) continue;
      if (responseVar && r.responseVar && r.responseVar !== responseVar) continue;
      if (!best || r.call.start > best.call.start) best = r;
    }
    return best;
  }

  /** The response tested at `node` came from a call that already retries (see MechanismScope.isRetryingCall). */
  responseFromRetryingCall(node: Node, responseVar: string | undefined): boolean {
    if (!responseVar) return false;
    const assigned = this.assignmentsIn(enclosingFn(this.flow, node)).get(responseVar);
    if (!assigned) return false;
    let source: CallInfo | undefined;
    for (const call of assigned) {
      if (call.start >= node.startIndex) break;
      source = call;
    }
    if (!source) return false;
    if (this.mechanisms.isRetryingCall(source)) return true;
    // Ruby: `res = Net::HTTP.start(host, port) { |http| request_with_retry(http, req) }` returns what its block
    // returns: the block's last call decides.
    const block = source.node.childForFieldName('block');
    if (!block) return false;
    let last: CallInfo | undefined;
    // The outermost call that ends last: `request_with_retry(http, Get.new(uri))`, not its argument.
    for (const call of this.flow.calls) {
      if (call.start < block.startIndex || call.end > block.endIndex) continue;
      if (!last || call.end > last.end || (call.end === last.end && call.start < last.start)) last = call;
    }
    return last !== undefined && this.mechanisms.isRetryingCall(last);
  }

  /** Calls whose result is assigned to a variable, by variable, per function, in source order (computed once). */
  private assignmentsIn(fn: FnInfo | undefined): Map<string, CallInfo[]> {
    let byVar = this.assignments.get(fn);
    if (!byVar) {
      byVar = new Map();
      for (const call of this.flow.callsByFn.get(fn) ?? []) {
        const name = responseVarOf(call.node);
        if (!name) continue;
        const list = byVar.get(name);
        if (list) list.push(call);
        else byVar.set(name, [call]);
      }
      this.assignments.set(fn, byVar);
    }
    return byVar;
  }

  private readonly assignments = new Map<FnInfo | undefined, Map<string, CallInfo[]>>();

  /** Requests whose innermost function is `fn` (undefined: top level), in source order. */
  requestsIn(fn: FnInfo | undefined): readonly RequestInfo[] {
    if (!this.requestsByFn) {
      this.requestsByFn = new Map();
      for (const r of this.requests) {
        const list = this.requestsByFn.get(r.call.fn);
        if (list) list.push(r);
        else this.requestsByFn.set(r.call.fn, [r]);
      }
    }
    return this.requestsByFn.get(fn) ?? [];
  }

  /** The innermost function holding an occurrence (cached). */
  fnOf(occ: Occurrence): FnInfo | undefined {
    if (!this.occFns.has(occ)) {
      const node = this.nodeOf(occ);
      this.occFns.set(occ, node ? enclosingFn(this.flow, node) : undefined);
    }
    return this.occFns.get(occ);
  }

  /** Client-side checks (role client-check) per innermost function, in source order. */
  clientChecksIn(fn: FnInfo | undefined): readonly Occurrence[] {
    if (!this.checksByFn) {
      this.checksByFn = new Map();
      for (const o of this.occurrences) {
        if (o.role !== 'client-check' || !this.nodeOf(o)) continue;
        const f = this.fnOf(o);
        const list = this.checksByFn.get(f);
        if (list) list.push(o);
        else this.checksByFn.set(f, [o]);
      }
    }
    return this.checksByFn.get(fn) ?? [];
  }

  /** Start offset of an occurrence (cached). */
  offsetOf(occ: Occurrence): number {
    let offset = this.offsets.get(occ);
    if (offset === undefined) this.offsets.set(occ, (offset = this.doc.lines.offsetAt(occ.range.start)));
    return offset;
  }

  private requestsByFn: Map<FnInfo | undefined, RequestInfo[]> | undefined;
  private checksByFn: Map<FnInfo | undefined, Occurrence[]> | undefined;
  private readonly occFns = new Map<Occurrence, FnInfo | undefined>();
  private readonly offsets = new Map<Occurrence, number>();
}

/**
 * A vendor's common word (`timeout`, `conflict` in Hetzner's codes) speaks for that vendor only where the code was
 * read through its SDK's constant (`hcloud.ErrorCodeTimeout`): elsewhere `"timeout" in error_type` is no Hetzner code.
 */
function vendorWordEntries(entries: ResolvedEntry[], occ: Pick<Occurrence, 'code' | 'kind'> & { catalog?: string }): ResolvedEntry[] {
  return entries.filter((e) => e.catalog.matching !== 'context' || !/^[a-z][a-z_]*$/.test(e.entry.code) || occ.catalog === e.catalog.id);
}
