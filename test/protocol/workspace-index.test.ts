/**
 * Protocol tier: the workspace index in the language server (#16), with two open documents and one
 * closed file. The closed base class reaches the index through workspace/didChangeWatchedFiles; the
 * open caller's summary reaches its callee's findings after an edit, both ways.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, LspClient } from './lspClient';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'workspace', 'python');
const noRetry = (d: Array<{ code?: string | number }>) => d.filter((x) => x.code === 'no-retry-on-request').length;

describe('language server: workspace index', function () {
  this.timeout(60_000);
  let client: LspClient;
  let dir: string;

  before(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-ws-lsp-'));
    fs.cpSync(FIXTURES, dir, { recursive: true });
    // The helpers here are reads: no-retry-on-request reports them with reportReadsWithoutRetry on (through the real settings path).
    client = await LspClient.start({ settings: { reportReadsWithoutRetry: true } });
  });

  after(async () => {
    await client?.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

  it('a closed base class with a retrying session, seen through a watched-file event, clears the subclass finding', async () => {
    const tickets = uri('base_session/tickets.py');
    await client.open(tickets, 'python', read('base_session/tickets.py'));
    await client.waitForDiagnostics(tickets, (d) => noRetry(d) === 1);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('base_session/base.py'), type: 1 }] });
    await client.waitForDiagnostics(tickets, (d) => noRetry(d) === 0);
  });

  it('an open caller that retries clears its callee\'s finding, and removing the retry brings it back', async () => {
    const weather = uri('callers/weather.py');
    const refresh = uri('callers/refresh.py');
    await client.open(weather, 'python', read('callers/weather.py'));
    await client.waitForDiagnostics(weather, (d) => noRetry(d) === 1);
    await client.open(refresh, 'python', read('callers/refresh.py'));
    await client.waitForDiagnostics(weather, (d) => noRetry(d) === 0);
    // Replace the retry loop with a single call: the caller's summary changes, the callee is re-checked.
    const text = client.text(refresh);
    const start = text.indexOf('    for attempt');
    const end = text.indexOf('    raise RuntimeError');
    const lines = (offset: number) => text.slice(0, offset).split('\n').length - 1;
    await client.change(refresh, { start: { line: lines(start), character: 0 }, end: { line: lines(end), character: 0 } }, '    return current_conditions(city)\n');
    await client.waitForDiagnostics(weather, (d) => noRetry(d) === 1);
  });

  it('a finding at a hand-over points at the helper in the other file, and hover on the call says what it does', async () => {
    const pull = uri('handed_check/pull.py');
    await client.open(uri('handed_check/checks.py'), 'python', read('handed_check/checks.py'));
    await client.open(pull, 'python', read('handed_check/pull.py'));
    const [finding] = await client.waitForDiagnostics(pull, (d) => noRetry(d) === 1);
    const related = (finding.relatedInformation ?? []).map((r) => r.location.uri);
    if (!related.some((u) => u.endsWith('/handed_check/checks.py'))) throw new Error(`no related location in checks.py: ${JSON.stringify(related)}`);
    const text = client.text(pull);
    const before = text.slice(0, text.indexOf('ensure_ok(r)') + 3).split('\n');
    const hover = await client.hover(pull, { line: before.length - 1, character: before[before.length - 1].length });
    const shown = JSON.stringify(hover?.contents ?? '');
    if (!/ensure_ok/.test(shown) || !/handed_check\/checks\.py:10/.test(shown) || !/response it is handed/.test(shown)) throw new Error(`hover: ${shown}`);
  });
});
