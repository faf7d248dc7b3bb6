/**
 * Service tier: the workspace index (#16). Every fixture under test/fixtures/workspace/<language>/ that
 * names its expectations (`expect-single:` analysed on its own, `expect-workspace:` with the other files
 * of its folder summarised into the index) is checked both ways, so each one shows a finding that a file
 * on its own gets wrong (or, for the negatives, one that the index must not take away).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';
import type { FileSummary } from '../../server/src/service/workspace/summaryTypes';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';
import { incrementalStats } from '../../server/src/service/diagnostics/incremental';
import { READS_REPORTED } from '../support/serviceHarness';

const ROOT = path.join(__dirname, '..', 'fixtures', 'workspace');
const LANGUAGE: Record<string, LanguageId> = { '.py': 'python', '.ts': 'typescript', '.js': 'javascript', '.go': 'go', '.java': 'java', '.cs': 'csharp', '.kt': 'kotlin', '.php': 'php', '.rb': 'ruby', '.rs': 'rust' };

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function expected(text: string, key: 'single' | 'workspace'): string[] | undefined {
  const m = new RegExp(`expect-${key}: \\[([^\\]]*)\\]`).exec(text);
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean).sort() : undefined;
}

describe('workspace index: cross-file fixtures', function () {
  this.timeout(60_000);
  for (const language of ['python', 'typescript', 'go', 'java', 'csharp', 'kotlin', 'php', 'ruby', 'rust']) {
    it(`${language}: helpers, base classes, wrappers and re-exports in other files count`, async () => {
      const service = new ErrorCodeLanguageService({ settings: READS_REPORTED });
      const files = filesUnder(path.join(ROOT, language));
      for (const f of files.filter((f) => /tsconfig\.json$/.test(f))) {
        service.workspace.setPathAliases(pathToFileURL(f).toString(), JSON.parse(fs.readFileSync(f, 'utf8')).compilerOptions);
      }
      const sources = files.filter((f) => LANGUAGE[path.extname(f)]);
      for (const f of sources) await service.open({ uri: pathToFileURL(f).toString(), languageId: LANGUAGE[path.extname(f)], version: 1, text: fs.readFileSync(f, 'utf8') });
      const rules = (f: string) => service.diagnostics(pathToFileURL(f).toString()).map((d) => d.rule).sort();
      const single = new Map(sources.map((f) => [f, rules(f)]));
      for (const f of sources) service.indexDocument(pathToFileURL(f).toString());
      let checked = 0;
      for (const f of sources) {
        const text = fs.readFileSync(f, 'utf8');
        const alone = expected(text, 'single');
        const together = expected(text, 'workspace');
        if (!alone || !together) continue;
        checked++;
        const name = path.relative(ROOT, f);
        assert.deepEqual(single.get(f), alone, `${name} on its own`);
        assert.deepEqual(rules(f), together, `${name} in the workspace`);
      }
      assert.ok(checked >= 3, `only ${checked} fixtures with expectations in ${language}`);
    });
  }
});

describe('workspace index: hover on a helper of another file', function () {
  this.timeout(30_000);
  it('shows what the helper does for its callers', async () => {
    const service = new ErrorCodeLanguageService({ settings: READS_REPORTED });
    const dir = path.join(ROOT, 'python', 'handed_up');
    for (const name of ['transport.py', 'notify.py']) {
      const uri = pathToFileURL(path.join(dir, name)).toString();
      await service.open({ uri, languageId: 'python', version: 1, text: fs.readFileSync(path.join(dir, name), 'utf8') });
      service.indexDocument(uri);
    }
    const uri = pathToFileURL(path.join(dir, 'notify.py')).toString();
    const text = fs.readFileSync(path.join(dir, 'notify.py'), 'utf8');
    const before = text.slice(0, text.lastIndexOf('post_event(') + 3).split('\n');
    const hover = service.hover(uri, { line: before.length - 1, character: before[before.length - 1].length });
    assert.ok(hover, 'no hover');
    assert.match(hover.contents, /\*\*post_event\*\* — handed_up\/transport\.py:12/);
    assert.match(hover.contents, /sends POST \(requests\); fails on error statuses, no retry in its file/);
  });
});

describe('workspace index: storage', () => {
  const summary = (uri: string, extra: Partial<FileSummary> = {}): FileSummary => ({ uri, language: 'python', imports: [], functions: [], classes: [], calls: [], ...extra });

  it('reports a changed summary once and an unchanged one never', () => {
    const index = new WorkspaceIndex();
    assert.equal(index.set(summary('file:///w/a.py')), true);
    assert.equal(index.set(summary('file:///w/a.py')), false);
    assert.equal(index.set(summary('file:///w/a.py', { functions: [{ name: 'f', line: 0, retriesCallback: true }] })), true);
  });

  it('never indexes library folders', () => {
    const index = new WorkspaceIndex();
    assert.equal(index.set(summary('file:///w/.venv/lib/python3.12/site-packages/requests/api.py')), false);
    assert.equal(index.set(summary('file:///w/node_modules/axios/index.js', { language: 'javascript' })), false);
    assert.equal(index.size, 0);
  });

  it('keeps at most its limit of files, dropping the oldest first', () => {
    const index = new WorkspaceIndex(3);
    for (const n of [1, 2, 3, 4, 5]) index.set(summary(`file:///w/m${n}.py`));
    assert.equal(index.size, 3);
    assert.equal(index.has('file:///w/m1.py'), false);
    assert.equal(index.has('file:///w/m5.py'), true);
  });

  it('finds the dependants of a file through relative and absolute Python imports', () => {
    const index = new WorkspaceIndex();
    index.set(summary('file:///w/pkg/helpers.py'));
    index.set(summary('file:///w/pkg/job.py', { imports: [{ local: 'fetch', module: '.helpers', member: 'fetch' }] }));
    index.set(summary('file:///w/app/main.py', { imports: [{ local: 'helpers', module: 'pkg', member: 'helpers' }] }));
    index.set(summary('file:///w/app/other.py', { imports: [{ local: 'x', module: 'elsewhere', member: 'x' }] }));
    assert.deepEqual(index.dependants('file:///w/pkg/helpers.py').sort(), ['file:///w/app/main.py', 'file:///w/pkg/job.py']);
  });

  it('resolves ES modules with extensions and index files, and Go packages by their import path', () => {
    const index = new WorkspaceIndex();
    const js = (uri: string, module: string): FileSummary => summary(uri, { language: 'javascript', imports: [{ local: 'x', module, member: 'x' }] });
    index.set(summary('file:///w/src/lib/index.ts', { language: 'javascript' }));
    index.set(summary('file:///w/src/util.js', { language: 'javascript' }));
    index.set(js('file:///w/src/a.ts', './lib'));
    index.set(js('file:///w/src/b.ts', './util.js'));
    assert.deepEqual(index.dependants('file:///w/src/lib/index.ts'), ['file:///w/src/a.ts']);
    assert.deepEqual(index.dependants('file:///w/src/util.js'), ['file:///w/src/b.ts']);
    index.set(summary('file:///w/shop/quotes/q.go', { language: 'go', packageName: 'quotes' }));
    index.set(summary('file:///w/shop/cmd/main.go', { language: 'go', packageName: 'main', imports: [{ local: 'quotes', module: 'example.com/shop/quotes', member: '*' }] }));
    index.set(summary('file:///w/shop/cmd/std.go', { language: 'go', packageName: 'main', imports: [{ local: 'http', module: 'net/http', member: '*' }] }));
    assert.deepEqual(index.dependants('file:///w/shop/quotes/q.go'), ['file:///w/shop/cmd/main.go']);
  });
});

describe('workspace index: callers in other files', function () {
  this.timeout(30_000);
  const open = async (service: ErrorCodeLanguageService, uri: string, text: string) => {
    await service.open({ uri, languageId: 'python', version: 1, text });
  };
  const HELPER = 'import requests\n\n\ndef get(url):\n    r = requests.get(url, timeout=5)\n    if r.status_code != 200:\n        raise RuntimeError("failed")\n    return r.json()\n';

  it('a retried call of the same name through another module does not cover the helper', async () => {
    const service = new ErrorCodeLanguageService({ settings: READS_REPORTED });
    await open(service, 'file:///ws/app/fetch.py', HELPER);
    // Imports the helper's module but calls requests.get, not fetch.get, in its retry loop.
    await open(service, 'file:///ws/app/job.py', 'import time\nimport requests\n\nfrom . import fetch\n\n\ndef job(u):\n    for i in range(3):\n        try:\n            return requests.get(u, timeout=5)\n        except requests.RequestException:\n            time.sleep(2 ** i)\n    return fetch.__name__\n');
    for (const uri of ['file:///ws/app/fetch.py', 'file:///ws/app/job.py']) service.indexDocument(uri);
    assert.deepEqual(service.diagnostics('file:///ws/app/fetch.py').map((d) => d.rule), ['no-retry-on-request']);
  });

  it('a retried call through the module binding covers the helper', async () => {
    const service = new ErrorCodeLanguageService({ settings: READS_REPORTED });
    await open(service, 'file:///ws/app/fetch.py', HELPER);
    await open(service, 'file:///ws/app/job.py', 'import time\nimport requests\n\nfrom . import fetch\n\n\ndef job(u):\n    for i in range(3):\n        try:\n            return fetch.get(u)\n        except requests.RequestException:\n            time.sleep(2 ** i)\n    return None\n');
    for (const uri of ['file:///ws/app/fetch.py', 'file:///ws/app/job.py']) service.indexDocument(uri);
    assert.deepEqual(service.diagnostics('file:///ws/app/fetch.py').map((d) => d.rule), []);
  });
});

describe('workspace index: a helper of another file read or written', function () {
  this.timeout(30_000);
  // An SDK-style client: each helper raises a typed error that keeps the response, for its callers to decide.
  const CLIENT = [
    'class ApiError(Exception):',
    '    def __init__(self, response):',
    '        super().__init__(f"API answered {response.status_code}")',
    '        self.response = response',
    '',
    '',
    'def load(session, url):',
    '    resp = session.get(url, timeout=5)',
    '    if resp.status_code >= 400:',
    '        raise ApiError(resp)',
    '    return resp.json()',
    '',
    '',
    'def store(session, url, doc):',
    '    resp = session.put(url, json=doc, timeout=5)',
    '    if resp.status_code >= 400:',
    '        raise ApiError(resp)',
    '    return resp.json()',
    '',
  ].join('\n');
  // (A token asked for is judged as a read is: whoever needs it asks again.)
  const CALLER = 'from .client import load, store\n\n\ndef sync(session, u):\n    doc = load(session, u)\n    store(session, u, doc)\n    return doc\n\n\ndef refresh_token(session, u):\n    return store(session, u, {"grant": "refresh"})\n';
  const run = async (settings?: typeof READS_REPORTED) => {
    const service = new ErrorCodeLanguageService(settings ? { settings } : {});
    await service.open({ uri: 'file:///ws/app/client.py', languageId: 'python', version: 1, text: CLIENT });
    await service.open({ uri: 'file:///ws/app/sync.py', languageId: 'python', version: 1, text: CALLER });
    for (let round = 0; round < 2; round++) for (const uri of ['file:///ws/app/client.py', 'file:///ws/app/sync.py']) service.indexDocument(uri);
    return service.diagnostics('file:///ws/app/sync.py').filter((d) => d.rule === 'no-retry-on-request').map((d) => d.range.start.line);
  };

  it('reports the call of the writing helper only, by default', async () => {
    assert.deepEqual(await run(), [5]);
  });

  it('reports the reading helper too with reportReadsWithoutRetry', async () => {
    assert.deepEqual(await run(READS_REPORTED), [4, 5, 10]);
  });
});

describe('workspace index: the keystroke path', function () {
  this.timeout(30_000);
  it('an edit inside a function re-analyses it in place while the workspace view stays the same', async () => {
    const service = new ErrorCodeLanguageService({ settings: READS_REPORTED });
    const dir = path.join(ROOT, 'python', 'base_session');
    const uris: string[] = [];
    for (const name of ['base.py', 'tickets.py']) {
      const uri = pathToFileURL(path.join(dir, name)).toString();
      await service.open({ uri, languageId: 'python', version: 1, text: fs.readFileSync(path.join(dir, name), 'utf8') });
      uris.push(uri);
    }
    // Twice: a first summary is taken before the file has a view (its findings, hence `givesUp`, may then change once).
    for (let round = 0; round < 2; round++) for (const uri of uris) service.indexDocument(uri);
    const tickets = uris[1];
    assert.deepEqual(service.diagnostics(tickets), []);
    const key = service.workspace.viewFor(tickets)?.key;
    assert.ok(key, 'no view for the subclass');
    const text = fs.readFileSync(path.join(dir, 'tickets.py'), 'utf8');
    const lines = text.slice(0, text.indexOf('state=open') + 'state='.length).split('\n');
    const at = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const before = incrementalStats.reanalysed;
    service.update(tickets, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 4 } }, text: 'shut' }]);
    assert.deepEqual(service.diagnostics(tickets), []);
    assert.equal(incrementalStats.reanalysed, before + 1, 'the edit was not re-analysed in place');
    // The summary did not change, so nothing else is re-checked and the view is the same.
    assert.equal(service.indexDocument(tickets), false);
    assert.equal(service.workspace.viewFor(tickets)?.key, key);
  });
});
