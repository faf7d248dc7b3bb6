import type { Node } from 'web-tree-sitter';
import { tellsPerson } from '../personFacing';
import type { Finding } from '../../types';
import { retriedByCallers } from '../callerRetries';
import type { DiagContext } from '../context';
import type { NoRetryOnRequestData } from '../findingData';
import { enclosingLoops, type FnInfo } from '../flow/flowModel';
import { statementOf } from '../requestStatements';
import { judgedAsRead, signalsLiveness } from '../requestPurpose';
import { fillMessage, ruleInfo } from '../rules';
import { crossFileGiveUps } from '../../workspace/crossFileGiveUps';
import { catchRetryOf } from '../catchRetries';
import { requestThroughWrapper } from '../wrappedRequests';
import { runsInFrontEnd } from '../browserContext';
import { isProbe } from '../probes';
import { swallowedWrites } from './swallowedFailures';
import { runsPerScrape } from '../scrapeContext';
import { polledByHomeAssistant, reconciledByFramework } from '../reconcilerContext';
import { answersUser } from '../userCommands';
import { unseenMethodPurpose } from '../unseenMethods';
import { findCheck, handedCheck, handlesRetryableCode, isWrite } from '../successOrFailChecks';
import { oneFindingPerDecision } from './oneDecisionFindings';

const RULE = 'no-retry-on-request';
/** Languages whose files run statements at top level as scripts. */
const SCRIPT_LANGUAGES = new Set(['python', 'javascript', 'typescript', 'ruby', 'php']);

/**
 * A request whose failure is only checked as success-or-fail (raise_for_status, !res.ok → throw,
 * status != 200 → raise/return err, >= 400 → throw, EnsureSuccessStatusCode) with no retry
 * mechanism in scope and no explicit handling of a retryable code in the function.
 */
export function noRetryOnRequest(ctx: DiagContext): Finding[] {
  // A Prometheus exporter's requests run per scrape: the next scrape is the retry.
  if (runsPerScrape(ctx.flow, ctx.workspace?.inMetricsExporter)) return [];
  const findings: Finding[] = [];
  for (const written of ctx.requests) {
    // `await pRetry(() => fetch(u))`: the wrapper retries throws only; the response it hands back is checked after it.
    const wrapped = requestThroughWrapper(ctx, written);
    const request = wrapped ?? written;
    const { call } = request;
    // Sent through the project's own client (known only by the status read on its result): whether that
    // client retries is written elsewhere, so "nothing retries it" cannot be said from here.
    if (request.inferred === 'status-read' || request.inferred === 'callback' || request.inferred === 'sdk') continue;
    // A read: whether its failure matters (a page's optional extra, a cached avatar, a scrape the next run repeats, or
    // data a job cannot do without) is not in the code, and reviewers marked few of them; a failed read loses nothing
    // the caller cannot ask for again. A write, or a request whose method is not known, is lost (RESULTS.md, round 13).
    // A POST that only asks (a search with its criteria in the body) and a login, session or token asked for count as
    // reads. `reportReadsWithoutRetry` brings them all back.
    if (!ctx.settings.reportReadsWithoutRetry && judgedAsRead(request.method, call.fn?.name, call.fn?.node.text, () => statementOf(call.node).text)) continue;
    // A request whose method is not written where it is sent (`client.SendAsync(request)`, `http.DefaultClient.Do(req)`)
    // is judged by what the file shows of it: a write only with evidence (unseenMethods.ts).
    if (!ctx.settings.reportReadsWithoutRetry && request.method === 'UNKNOWN' && unseenMethodPurpose(ctx, request) !== 'write') continue;
    // A heartbeat's loss is what raises the alarm.
    if (signalsLiveness(call.fn?.name)) continue;
    // A user's command (a bot's `!gif`, a CLI subcommand): whoever typed it sees the failure and asks again.
    if (answersUser(ctx, call.fn)) continue;
    if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection')) continue;
    // Front-end code (a browser, a mobile app; a query library's mutation hook among it): the failure is shown to the
    // user, who acts again.
    if (runsInFrontEnd(ctx.flow, ctx.doc.uri, call.node)) continue;
    if (!wrapped && (ctx.mechanisms.covering(call.node, call.receiver, request.library, true) || ctx.mechanisms.isRetryingCall(call))) continue;
    // A .NET client handed out by IHttpClientFactory (`factory.CreateClient("huts")`): its message handlers — a Polly or
    // resilience retry among them, usually — are registered with the factory at start-up, in another file.
    if (fromClientFactory(ctx, call.receiver)) continue;
    // The function's callers in the file retry what it raises.
    if (retriedByCallers(ctx, call.fn)) continue;
    const check = findCheck(ctx, request) ?? handedCheck(ctx, request);
    if (!check) continue;
    // The failure is shown to a person (a message box, the player who typed the command), who decides whether to try again.
    if (check.guard && tellsPerson(ctx, check.guard)) continue;
    // An error handed back to a reconciling framework (external-dns, controller-runtime, cert-manager) is retried by it.
    if ((check.final === 'return' || check.final === 'raise') && (reconciledByFramework(ctx.flow) || polledByHomeAssistant(ctx.flow, ctx.doc.uri))) continue;
    // Its own catch sends it again (`catch (err) { if (left > 0) return getJson(url, left - 1) }`, `self.retry(exc=exc)`):
    // what the check raises in the try reaches that catch; a failure only logged, returned or raised after the try
    // never does, and is retryable-treated-as-final's (statusPastCatchRetry.ts): something here does retry.
    if (catchRetryOf(ctx, request)) continue;
    // A program run by hand: top-level statements of a script, or a failure that ends the process
    // (`exit(1)`, `process.exit(1)`, `log.Fatal`): whoever ran it sees the failure and runs it again.
    if (check.final === 'exit' || (!call.fn && SCRIPT_LANGUAGES.has(ctx.language))) continue;
    // A probe (`supports(url) bool`) answers a question; a failed request is a "no", not a lost operation.
    // A write that reports success as a boolean (`sendMessage(…): Promise<boolean>`) is no probe: a false is a lost write.
    if (!isWrite(request) && (isPredicate(ctx, call.fn) || isProbe(call.fn))) continue;
    if (handlesRetryableCode(ctx, request)) continue;
    const data: NoRetryOnRequestData = {
      ...ctx.base(check.node),
      ...ctx.requestData(request),
      checkKind: check.kind,
      checkRange: ctx.range(check.node),
      checkText: check.node.text,
      ...(check.guard ? { branchRange: ctx.range(check.guard) } : {}),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: check.kind === 'ignored'
        ? `Nothing looks at this ${request.method} request's response and nothing retries it: a 429 or 503 loses it without a trace.`
        : fillMessage(RULE, { detail: check.detail }),
      range: ctx.range(check.node),
      related: ctx.related(request),
      data: data as unknown as Record<string, unknown>,
    });
  }
  // Helpers of other files that fail on error statuses, called here with no retry (workspace index only).
  findings.push(...crossFileGiveUps(ctx, findings));
  // A write whose every failure a catch lets go (`except Exception: log.error(e)`).
  findings.push(...swallowedWrites(ctx, findings));
  return oneFindingPerDecision(findings);
}

/** The receiver is a C# HttpClient the file takes from `IHttpClientFactory.CreateClient(…)`. */
function fromClientFactory(ctx: DiagContext, receiver: string | undefined): boolean {
  if (ctx.flow.grammarName !== 'c-sharp' || !receiver || !/^[A-Za-z_]\w*$/.test(receiver.replace(/^this\./, ''))) return false;
  const name = receiver.replace(/^this\./, '');
  return new RegExp(`\\b${name}\\s*=\\s*(?:await\\s+)?[\\w.]*\\.CreateClient\\s*\\(`).test(ctx.flow.text);
}

/** Every return of the function hands back a boolean literal (and there is at least one). */
function isPredicate(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (!fn) return false;
  const { grammar } = ctx.flow;
  let returns = 0;
  let allBoolean = true;
  const visit = (n: Node): void => {
    if (!allBoolean) return;
    if (n.id !== fn.node.id && grammar.functions.has(n.type)) return;
    if (grammar.returns.has(n.type)) {
      returns++;
      if (!/^return\s+(true|false|True|False)\s*;?$/.test(n.text.trim())) allBoolean = false;
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(fn.node);
  return returns > 0 && allBoolean;
}
