import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG_LIMITS, type CatalogProblem, validateCatalogText } from '../../server/src/service/catalog/catalogValidation';
import { loadWorkspaceCatalogs } from '../../server/src/service/catalog/workspaceCatalogs';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { LanguageId, Position } from '../../server/src/service/types';
import { cursor } from '../support/serviceHarness';

const FIXTURES = path.join(__dirname, '../fixtures/catalogs');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** A valid entry as JSON text, with fields replaced or added. */
function entry(fields: Record<string, unknown> = {}): string {
  const base = { code: 'E_OK', kind: 'error-code', name: 'Ok', summary: 'Fine.', retry: { verdict: 'no' }, sources: [{ title: 't' }] };
  return JSON.stringify({ ...base, ...fields });
}
const catalog = (...entries: string[]): string => `{"catalog": {"id": "t", "name": "T"}, "codes": [\n${entries.join(',\n')}\n]}`;

/** `‸` marks where the problem must start; returns the text without it and that position. */
function marked(text: string): { text: string; at: Position } {
  const offset = text.indexOf('‸');
  assert.ok(offset >= 0, 'fixture needs a ‸ marker');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const before = clean.slice(0, offset).split('\n');
  return { text: clean, at: { line: before.length - 1, character: before[before.length - 1].length } };
}

function problemAt(problems: readonly CatalogProblem[], at: Position, pattern: RegExp): CatalogProblem {
  const hit = problems.find((p) => p.range.start.line === at.line && p.range.start.character === at.character && pattern.test(p.message));
  assert.ok(hit, `expected ${pattern} at ${at.line}:${at.character}, got ${JSON.stringify(problems.map((p) => [p.message, p.range.start]))}`);
  return hit;
}

interface BadCase {
  name: string;
  text: string;
  message: RegExp;
  /** Codes still loaded, or undefined when the file must load nothing. */
  loads?: string[];
  severity?: CatalogProblem['severity'];
}

const BAD: BadCase[] = [
  { name: 'broken JSON (missing comma)', text: '{"catalog": {"id": "t", "name": "T"}\n ‸"codes": []}', message: /Invalid JSON: comma expected/ },
  { name: 'trailing comma', text: '{"catalog": {"id": "t", "name": "T"}, "codes": [],‸}', message: /Invalid JSON/ },
  { name: 'comment', text: '{‸// hi\n"catalog": {"id": "t", "name": "T"}, "codes": []}', message: /Invalid JSON/ },
  { name: 'empty file', text: '‸', message: /Invalid JSON|empty/ },
  { name: 'root is an array', text: '‸[1, 2]', message: /Wrong type at the catalog file: expected object/ },
  { name: 'missing catalog header', text: '‸{"codes": []}', message: /Missing required property "catalog"/ },
  { name: 'catalog id breaks the pattern', text: '{"catalog": {"id": ‸"Bad Id!", "name": "T"}, "codes": []}', message: /catalog\.id must match pattern/ },
  { name: 'unknown retry verdict', text: catalog(entry({ code: 'A' }), `{"code": "B", "kind": "error-code", "name": "B", "summary": "s", "retry": {"verdict": ‸"maybe"}, "sources": [{"title": "t"}]}`), message: /Unknown retry verdict "maybe".*yes.*conditional.*no/, loads: ['A'] },
  { name: 'wrong type (summary is a number)', text: catalog(`{"code": "B", "kind": "error-code", "name": "B", "summary": ‸42, "retry": {"verdict": "no"}, "sources": [{"title": "t"}]}`, entry({ code: 'C' })), message: /Wrong type at codes\[0\]\.summary: expected string, found number/, loads: ['C'] },
  { name: 'wrong type (code is a number)', text: catalog(`{"code": ‸429, "kind": "http-status", "name": "B", "summary": "s", "retry": {"verdict": "no"}, "sources": [{"title": "t"}]}`), message: /Wrong type at codes\[0\]\.code/, loads: [] },
  { name: 'entry without sources', text: catalog(entry({ code: 'A' }), `‸{"code": "B", "kind": "error-code", "name": "B", "summary": "s", "retry": {"verdict": "no"}}`), message: /Missing required property "sources" in codes\[1\]/, loads: ['A'] },
  { name: 'conditional verdict without condition', text: catalog(`{"code": "B", "kind": "error-code", "name": "B", "summary": "s", ‸"retry": {"verdict": "conditional"}, "sources": [{"title": "t"}]}`), message: /Missing required property "condition"/, loads: [] },
  { name: 'unknown property in an entry', text: catalog(`{"code": "B", "kind": "error-code", "name": "B", ‸"sumary": "typo", "summary": "s", "retry": {"verdict": "no"}, "sources": [{"title": "t"}]}`), message: /Unknown property "sumary"/, loads: [] },
  { name: 'unknown kind', text: catalog(`{"code": "B", "kind": ‸"grpc", "name": "B", "summary": "s", "retry": {"verdict": "no"}, "sources": [{"title": "t"}]}`), message: /kind must be one of "http-status", "error-code"/, loads: [] },
  { name: 'source URL not http(s)', text: catalog(`{"code": "B", "kind": "error-code", "name": "B", "summary": "s", "retry": {"verdict": "no"}, "sources": [{"title": "t", "url": ‸"javascript:alert(1)"}]}`), message: /url must match pattern/, loads: [] },
  { name: 'duplicate code and kind', text: catalog(entry({ code: 'DUP', name: 'first' }), `{"code": ‸"DUP", "kind": "error-code", "name": "second", "summary": "s", "retry": {"verdict": "no"}, "sources": [{"title": "t"}]}`), message: /Duplicate error-code "DUP".*ignored/, loads: ['DUP'], severity: 'warning' },
  { name: 'http-status that is not a status', text: catalog(`{"code": ‸"4x9", "kind": "http-status", "name": "B", "summary": "s", "retry": {"verdict": "no"}, "sources": [{"title": "t"}]}`), message: /not a number from 100 to 599/, loads: [] },
  { name: 'nested too deep', text: `{"catalog": {"id": "t", "name": "T", "bodyShape": {"example": ${'['.repeat(CATALOG_LIMITS.maxDepth - 3)}‸[[]]${']'.repeat(CATALOG_LIMITS.maxDepth - 3)}}}, "codes": []}`, message: /nested deeper than/ },
  { name: 'too large', text: `‸${' '.repeat(CATALOG_LIMITS.maxSize)}{}`, message: /over the limit/ },
];

describe('workspace catalogs: validation', () => {
  for (const c of BAD) {
    it(`reports ${c.name} at the offending place`, () => {
      const { text, at } = marked(c.text);
      const result = validateCatalogText(text);
      const p = problemAt(result.problems, at, c.message);
      assert.equal(p.severity, c.severity ?? 'error');
      if (c.loads === undefined) assert.equal(result.file, undefined, 'nothing of this file should load');
      else assert.deepEqual(result.file?.codes.map((e) => e.code), c.loads);
    });
  }

  it('keeps the first maxEntries entries and warns once', () => {
    const text = catalog(...Array.from({ length: 5 }, (_, i) => entry({ code: `E${i}` })));
    const result = validateCatalogText(text, { ...CATALOG_LIMITS, maxEntries: 3 });
    assert.deepEqual(result.file?.codes.map((e) => e.code), ['E0', 'E1', 'E2']);
    assert.equal(result.problems.filter((p) => /More than 3 entries/.test(p.message)).length, 1);
    assert.equal(result.problems[0].range.start.line, 4);
  });

  it('accepts an http-status 429 next to error codes sent with HTTP 429 (seed usage-plan catalog)', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../examples/catalogs/usage-plan-api.errorcodes.json'), 'utf8');
    const result = validateCatalogText(text);
    assert.deepEqual(result.problems, []);
    const codes = result.file!.codes;
    assert.ok(codes.some((e) => e.kind === 'http-status' && e.code === '429'));
    assert.ok(codes.some((e) => e.kind === 'error-code' && e.httpStatus === 429));
  });

  it('same code with different kinds is not a duplicate', () => {
    const result = validateCatalogText(catalog(entry({ code: '503', kind: 'http-status' }), entry({ code: '503' })));
    assert.deepEqual(result.problems, []);
    assert.equal(result.file?.codes.length, 2);
  });
});

describe('workspace catalogs: loading and the service', () => {
  let service: ErrorCodeLanguageService;
  let counter = 0;
  before(() => (service = new ErrorCodeLanguageService()));

  async function hover(languageId: LanguageId, markedText: string): Promise<string | undefined> {
    const { text, position } = cursor(markedText);
    const uri = `memory://ws-catalogs/${++counter}`;
    await service.open({ uri, languageId, version: 1, text });
    try {
      return service.hover(uri, position)?.contents;
    } finally {
      service.close(uri);
    }
  }

  it('loads the good files when others are broken, with problems per file', () => {
    const result = loadWorkspaceCatalogs([
      { location: 'a.errorcodes.json', text: '{ not json' },
      { location: 'team.errorcodes.json', text: fixture('team.errorcodes.json') },
      { location: 'b.errorcodes.json', text: '' },
      { location: 'c.errorcodes.json', text: undefined as unknown as string },
    ]);
    assert.deepEqual(result.loaded.map((l) => l.location), ['team.errorcodes.json']);
    assert.deepEqual(result.reports.map((r) => [r.location, r.loaded, r.problems.length > 0]), [
      ['a.errorcodes.json', false, true],
      ['team.errorcodes.json', true, false],
      ['b.errorcodes.json', false, true],
      ['c.errorcodes.json', false, true],
    ]);
  });

  it('a workspace catalog overrides a built-in code, the hover names it, and reloads change the next hover', async () => {
    const builtin = await hover('python', 'r = session.get(url)\nif r.status_code == 4|29:\n    pass\n');
    assert.match(builtin!, /HTTP 429 Too Many Requests/);

    const reports = service.setWorkspaceCatalogs([
      { location: 'broken.errorcodes.json', text: '{"catalog": 1}' },
      { location: 'team.errorcodes.json', text: fixture('team.errorcodes.json') },
    ]);
    assert.equal(reports[0].loaded, false);
    assert.ok(reports[0].problems.length > 0);
    const overridden = await hover('python', 'r = session.get(url)\nif r.status_code == 4|29:\n    pass\n');
    assert.match(overridden!, /HTTP 429 Team Quota Exhausted/);
    assert.match(overridden!, /From Team API \(workspace catalog team\.errorcodes\.json\)/);
    assert.match(overridden!, /Also in .*Too Many Requests/);
    const added = await hover('javascript', "if (err.code === 'TEAM_|BUSY') retry();\n");
    assert.match(added!, /TEAM_BUSY/);

    service.setWorkspaceCatalogs([{ location: 'team.errorcodes.json', text: fixture('team.errorcodes.json').replace('Team Quota Exhausted', 'Team Quota Spent') }]);
    assert.match((await hover('python', 'if r.status_code == 4|29:\n    pass\n'))!, /Team Quota Spent/);

    service.setWorkspaceCatalogs([]);
    const back = await hover('python', 'if r.status_code == 4|29:\n    pass\n');
    assert.match(back!, /HTTP 429 Too Many Requests/);
    assert.doesNotMatch(back!, /Team/);
    // Without the catalog the code is only an API's own code read from its context: no catalog names it.
    const unknown = await hover('javascript', "if (err.code === 'TEAM_|BUSY') retry();\n");
    assert.match(unknown ?? '', /an API's own error code/);
    assert.doesNotMatch(unknown ?? '', /Team API|team\.errorcodes\.json/);
  });

  it('script-like strings, __proto__ and constructor keys are inert data', async () => {
    const marker = '/tmp/eci-pwned';
    fs.rmSync(marker, { force: true });
    const reports = service.setWorkspaceCatalogs([{ location: 'hostile.errorcodes.json', text: fixture('hostile.errorcodes.json') }]);
    try {
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
      assert.equal(fs.existsSync(marker), false);
      // The __proto__ key is reported as an unknown property and its entry dropped; the rest loads.
      assert.ok(reports[0].problems.some((p) => /Unknown property "__proto__"/.test(p.message)));
      const codes = service.registry.allEntries().filter((e) => e.origin.kind === 'workspace').map((e) => e.entry.code);
      assert.deepEqual(codes.sort(), ['EVIL', '__proto__'].sort());
      const evil = await hover('javascript', "if (err.code === 'EV|IL') throw err;\n");
      assert.match(evil!, /require\('child_process'\)\.exec\('rm -rf \/'\)/);
      assert.equal(typeof service.registry.errorCode('__proto__')[0]?.entry.summary, 'string');
      assert.deepEqual(service.registry.errorCode('constructor'), []);
    } finally {
      service.setWorkspaceCatalogs([]);
    }
  });
});
