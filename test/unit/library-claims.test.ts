import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LibraryBehaviour, LibrarySource } from '../../server/src/service/catalog/schema';
import { openDoc, testService } from '../support/serviceHarness';

/**
 * Every "library claim" (an entry of a `libraries` array: what a retry library or SDK does with a code
 * by default) in the built-in data must name where it was checked: the library, the version read and
 * the file or doc page. See docs/library-claims.md for how claims are re-verified.
 */

const root = path.resolve(__dirname, '..', '..');
const dataDir = path.join(root, 'server/data');

interface Claim {
  where: string;
  claim: LibraryBehaviour;
}

/** Walks any JSON value and collects the objects found in `libraries` arrays. */
function collectClaims(value: unknown, where: string, out: Claim[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectClaims(v, `${where}[${i}]`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const label = typeof obj.code === 'string' ? `${where} (${obj.code})` : where;
  for (const [key, v] of Object.entries(obj)) {
    if (key === 'libraries' && Array.isArray(v)) {
      v.forEach((c, i) => out.push({ where: `${label}.libraries[${i}]`, claim: c as LibraryBehaviour }));
    } else {
      collectClaims(v, `${label}.${key}`, out);
    }
  }
}

const dataFiles = [
  ...fs
    .readdirSync(path.join(dataDir, 'catalogs'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `catalogs/${f}`),
  ...fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')),
];

const claims: Claim[] = [];
for (const rel of dataFiles) {
  const json = JSON.parse(fs.readFileSync(path.join(dataDir, rel), 'utf8')) as unknown;
  collectClaims(json, `server/data/${rel}`, claims);
}

function sourceProblems(s: LibrarySource | undefined): string[] {
  if (!s || typeof s !== 'object') return ['not an object'];
  const problems: string[] = [];
  for (const key of ['library', 'version', 'file'] as const) {
    if (typeof s[key] !== 'string' || s[key].trim() === '') problems.push(`no ${key}`);
  }
  if (typeof s.file === 'string' && s.file.trim() !== '') {
    const isUrl = /^https:\/\/\S+$/.test(s.file);
    const isRepoPath = !/^[/\\]/.test(s.file) && !s.file.split('/').includes('..') && !/\s/.test(s.file);
    if (!isUrl && !isRepoPath) problems.push(`file "${s.file}" is neither an https URL nor a path in the library's repository`);
  }
  return problems;
}

describe('library claims in server/data name their source', () => {
  it('finds the built-in library claims', () => {
    // About 280 claims at the time of writing; a sudden drop means the walk above stopped finding them.
    assert.ok(claims.length >= 250, `only ${claims.length} library claims found`);
  });

  it('every claim has a source (or sources) with library, version and file', () => {
    const missing: string[] = [];
    for (const { where, claim } of claims) {
      const label = `${where} ${claim.name}`;
      const hasOne = claim.source !== undefined;
      const hasMany = claim.sources !== undefined;
      if (!hasOne && !hasMany) {
        missing.push(`${label}: no source`);
        continue;
      }
      if (hasOne && hasMany) missing.push(`${label}: both source and sources (use one)`);
      const list = hasMany ? claim.sources : [claim.source];
      if (!Array.isArray(list) || list.length === 0) {
        missing.push(`${label}: sources must be a non-empty array`);
        continue;
      }
      list.forEach((s, i) => {
        for (const p of sourceProblems(s)) missing.push(`${label}: source ${i}: ${p}`);
      });
    }
    assert.deepStrictEqual(missing, []);
  });

  it('a claim naming several libraries lists a source per library', () => {
    const bad = claims
      .filter(({ claim }) => claim.name.includes(', '))
      .filter(({ claim }) => !Array.isArray(claim.sources) || claim.sources.length < 2)
      .map(({ where, claim }) => `${where} ${claim.name}`);
    assert.deepStrictEqual(bad, []);
  });
});

describe('Spring Framework 7 @Retryable (org.springframework.resilience) is a recognised retry mechanism', () => {
  it('is listed in server/data/retry-mechanisms.json as a java decorator mechanism', () => {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, 'retry-mechanisms.json'), 'utf8')) as {
      mechanisms: { id: string; language: string; kind: string; imports?: string[]; decorators?: string[] }[];
    };
    const found = data.mechanisms.find(
      (m) =>
        m.language === 'java' &&
        m.kind === 'decorator' &&
        (m.imports ?? []).includes('org.springframework.resilience') &&
        (m.decorators ?? []).includes('Retryable'),
    );
    assert.ok(found, 'no java decorator mechanism imports org.springframework.resilience with @Retryable');
  });

  it('silences no-retry-on-request', async () => {
    const text = [
      'import org.springframework.resilience.annotation.Retryable;',
      'class A {',
      '@Retryable',
      'String get(HttpRequest req) throws Exception {',
      '  HttpResponse<String> res = client.send(req, BodyHandlers.ofString());',
      '  if (res.statusCode() >= 400) { throw new RuntimeException(); }',
      '  return res.body();',
      '}',
      '}',
      '',
    ].join('\n');
    const service = testService();
    const uri = await openDoc('java', text, service);
    try {
      assert.deepStrictEqual(
        service.diagnostics(uri).map((f) => f.rule),
        [],
      );
    } finally {
      service.close(uri);
    }
  });
});
