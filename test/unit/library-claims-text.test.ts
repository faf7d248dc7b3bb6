import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { LibraryBehaviour, LibrarySource } from '../../server/src/service/catalog/schema';

/**
 * Library behaviour stated in prose (an entry's `disagreement` or `retry.condition`, a header hover's
 * summary) must rest on a sourced claim: the same entry has a `libraries` claim, or the header a
 * `librarySources` entry, naming the library, version and file it was read from. Otherwise prose can
 * repeat a library fact that no one checked (issue 20). See docs/library-claims.md.
 */

const root = path.resolve(__dirname, '..', '..');
const dataDir = path.join(root, 'server/data');

/** How prose names a library, and which `source.library` values back it. */
const LIBRARY_WORDS: { word: RegExp; libraries: (string | RegExp)[] }[] = [
  { word: /\burllib3\b/, libraries: ['urllib3'] },
  // "got" is also an English verb: only its uses as a name in a list or as a subject.
  { word: /\bgot(?=,| and\b| or\b| retr| list| do\b| does\b)/, libraries: ['got'] },
  { word: /\bky\b/, libraries: ['ky'] },
  { word: /axios-retry/, libraries: ['axios-retry'] },
  { word: /\bundici\b/, libraries: ['undici'] },
  { word: /is-retry-allowed/, libraries: ['is-retry-allowed'] },
  { word: /\bOpenAI\b(?! API)/, libraries: ['openai'] },
  { word: /\bAnthropic (?:SDK|Python SDK)|OpenAI\/Anthropic|OpenAI and Anthropic/, libraries: ['anthropic'] },
  { word: /stripe-python/, libraries: ['stripe'] },
  { word: /\bOctokit\b/, libraries: ['@octokit/plugin-retry', '@octokit/plugin-throttling'] },
  { word: /go-retryablehttp/, libraries: ['github.com/hashicorp/go-retryablehttp'] },
  { word: /google-api-core/, libraries: ['google-api-core'] },
  { word: /\bazure-core\b/, libraries: ['azure-core'] },
  { word: /core-rest-pipeline/, libraries: ['@azure/core-rest-pipeline'] },
  { word: /\bbotocore\b/, libraries: ['botocore'] },
  { word: /aws-sdk-go-v2/, libraries: ['github.com/aws/aws-sdk-go-v2'] },
  { word: /\.NET (?:HTTP )?resilience/, libraries: ['Microsoft.Extensions.Http.Resilience'] },
  { word: /\bOkHttp\b/, libraries: ['com.squareup.okhttp3:okhttp'] },
  { word: /\bcurl\b/, libraries: ['curl'] },
  { word: /Rust SDK|SDK for Rust/, libraries: [/Rust/] },
];

/** Libraries named in `text` that none of `sources` backs. */
function unbackedLibraries(text: string, sources: LibrarySource[]): string[] {
  const read = sources.map((s) => s.library);
  return LIBRARY_WORDS.filter(({ word }) => word.test(text))
    .filter(({ libraries }) => !libraries.some((want) => read.some((lib) => (typeof want === 'string' ? lib === want : want.test(lib)))))
    .map(({ word }) => word.source);
}

function claimSources(claims: LibraryBehaviour[] | undefined): LibrarySource[] {
  return (claims ?? []).flatMap((c) => c.sources ?? (c.source ? [c.source] : []));
}

interface CatalogEntryText {
  code: string;
  disagreement?: string;
  retry?: { condition?: string };
  libraries?: LibraryBehaviour[];
}

const catalogFiles = fs.readdirSync(path.join(dataDir, 'catalogs')).filter((f) => f.endsWith('.json'));

describe('library behaviour stated in prose rests on a sourced claim', () => {
  it('flags a library named in prose without a claim (the check can fail)', () => {
    assert.deepEqual(unbackedLibraries('urllib3 and got, like undici, retry it.', []), [
      /\burllib3\b/.source,
      /\bgot(?=,| and\b| or\b| retr| list| do\b| does\b)/.source,
      /\bundici\b/.source,
    ]);
    assert.deepEqual(unbackedLibraries('The proxy got an invalid response.', []), []);
    assert.deepEqual(unbackedLibraries('urllib3 retries it.', [{ library: 'urllib3', version: '2.7.0', file: 'src/urllib3/util/retry.py' }]), []);
  });

  it('catalog disagreement and retry-condition lines name only libraries the entry has a sourced claim for', () => {
    const problems: string[] = [];
    for (const file of catalogFiles) {
      const json = JSON.parse(fs.readFileSync(path.join(dataDir, 'catalogs', file), 'utf8')) as { codes: CatalogEntryText[] };
      for (const entry of json.codes) {
        const sources = claimSources(entry.libraries);
        for (const [field, text] of [['disagreement', entry.disagreement], ['retry.condition', entry.retry?.condition]] as const) {
          if (!text) continue;
          for (const word of unbackedLibraries(text, sources)) problems.push(`${file} ${entry.code} ${field}: names /${word}/ without a sourced claim`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('each self-retrying SDK import in retry-mechanisms.json has a source read, or is listed as unchecked', () => {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, 'retry-mechanisms.json'), 'utf8')) as {
      mechanisms: { id: string; kind: string; imports?: string[]; sources?: (LibrarySource & { import: string })[]; unchecked?: string[] }[];
    };
    const problems: string[] = [];
    const sdks = data.mechanisms.filter((m) => m.kind === 'sdk');
    assert.ok(sdks.length >= 5, `${sdks.length} sdk mechanisms`);
    for (const m of sdks) {
      const sourced = (m.sources ?? []).map((s) => s.import);
      const unchecked = m.unchecked ?? [];
      for (const imp of m.imports ?? []) {
        const n = sourced.filter((s) => s === imp).length + unchecked.filter((u) => u === imp).length;
        if (n === 0) problems.push(`${m.id}: import ${imp} has neither a source nor an unchecked mark`);
        if (unchecked.includes(imp) && sourced.includes(imp)) problems.push(`${m.id}: import ${imp} is both sourced and unchecked`);
      }
      for (const extra of [...sourced, ...unchecked].filter((s) => !(m.imports ?? []).includes(s))) problems.push(`${m.id}: ${extra} is not one of its imports`);
      for (const s of m.sources ?? []) {
        for (const key of ['library', 'version', 'file'] as const) if (!s[key]?.trim()) problems.push(`${m.id} ${s.import}: no ${key}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  describe('server/data/http-headers.json', () => {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, 'http-headers.json'), 'utf8')) as {
      headers: { name: string; summary: string; librarySources?: LibrarySource[] }[];
    };

    it('is valid against schemas/http-headers.schema.json', () => {
      const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/http-headers.schema.json'), 'utf8')) as object;
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
    });

    it('backs every library a header summary names with a library source', () => {
      const problems = data.headers.flatMap((h) =>
        unbackedLibraries(h.summary, h.librarySources ?? []).map((word) => `${h.name}: names /${word}/ without librarySources`),
      );
      assert.deepEqual(problems, []);
      assert.ok(data.headers.filter((h) => h.librarySources).length >= 8, 'the headers that state library behaviour carry librarySources');
    });

    it('gives each library source a version and a repository path or https page', () => {
      for (const h of data.headers) {
        for (const s of h.librarySources ?? []) {
          assert.ok(s.version.trim() !== '', `${h.name} ${s.library}: version`);
          assert.ok(/^https:\/\/\S+$/.test(s.file) || (!s.file.startsWith('/') && !/\s/.test(s.file)), `${h.name} ${s.library}: ${s.file}`);
        }
      }
    });
  });
});
