import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSource } from '../../bench/generate';
import { incrementalStats } from '../../server/src/service/diagnostics/incremental';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { spotStats } from '../../server/src/service/spotting/incrementalSpot';
import type { LanguageId } from '../../server/src/service/types';

/**
 * Incremental analysis must be invisible: after every random edit, occurrences and diagnostics of the
 * edited document equal those of a fresh open of the same text.
 */
const SNIPPETS = ['x', ' ', '\n', '\n    ', '429', '503', '404', 'retry', '}', '{', '(', ')', '"', "'", ';', 'return', 'continue', ' == 429', 'Retry-After', '# note\n', '// note\n', 'r', '.',
  // codes by name, strings and comments that may swallow later code, static imports, CR LF line breaks
  'HTTPStatus.TOO_MANY_REQUESTS', 'http.StatusServiceUnavailable', '"ECONNRESET"', '"""', '`', '/*', '*/', '\r\n',
  'from starlette.status import HTTP_429_TOO_MANY_REQUESTS\n', 'import static org.springframework.http.HttpStatus.CONFLICT;\n', 'CONFLICT', 'HTTP_429_TOO_MANY_REQUESTS'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function fixtureTexts(language: string, ext: string[]): string[] {
  const dir = path.join(__dirname, '..', 'fixtures', 'diagnostics', language);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => ext.some((e) => f.endsWith(e))).slice(0, 6).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

const CASES: Array<{ languageId: LanguageId; texts: () => string[] }> = [
  { languageId: 'python', texts: () => [generateSource('python', 160), fixtureTexts('python', ['.py']).join('\n')] },
  { languageId: 'typescript', texts: () => [generateSource('typescript', 160), fixtureTexts('typescript', ['.ts']).join('\n')] },
  { languageId: 'go', texts: () => [generateSource('go', 160), ...fixtureTexts('go', ['.go']).slice(0, 2)] },
  { languageId: 'java', texts: () => [generateSource('java', 160), ...fixtureTexts('java', ['.java']).slice(0, 2)] },
  { languageId: 'csharp', texts: () => fixtureTexts('csharp', ['.cs']).slice(0, 2) },
  { languageId: 'python', texts: () => [generateSource('python', 120).replace(/\n/g, '\r\n')] },
  { languageId: 'java', texts: () => [generateSource('java', 120).replace(/\n/g, '\r\n')] },
];

/** An LSP position: lines end at CR LF, CR or LF. */
function offsetToPosition(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const breaks = before.match(/\r\n|\r|\n/g) ?? [];
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line: breaks.length, character: offset - lineStart };
}

/** LSP positions cannot point between CR and LF. */
function notInsideCrLf(text: string, offset: number): number {
  return text[offset - 1] === '\r' && text[offset] === '\n' ? offset + 1 : offset;
}

describe('incremental analysis equals a fresh analysis', function () {
  this.timeout(120_000);
  const service = new ErrorCodeLanguageService();
  const fresh = new ErrorCodeLanguageService();
  const reanalysedBefore = incrementalStats.reanalysed;
  const respottedBefore = spotStats.reused;

  for (const { languageId, texts } of CASES) {
    it(`${languageId}: random edits${texts()[0]?.includes('\r\n') ? ' (CR LF)' : ''}`, async () => {
      let seed = 7;
      for (const initial of texts()) {
        if (!initial.trim()) continue;
        const random = rng(seed++ * 7919);
        const uri = `mem://inc/${languageId}/${seed}`;
        let text = initial;
        let version = 1;
        await service.open({ uri, languageId, version, text });
        service.diagnostics(uri);
        for (let step = 0; step < 60; step++) {
          const start = notInsideCrLf(text, Math.floor(random() * text.length));
          const kind = random();
          const removed = kind < 0.3 ? Math.floor(random() * 12) : 0;
          const inserted = kind < 0.15 ? '' : SNIPPETS[Math.floor(random() * SNIPPETS.length)];
          const end = notInsideCrLf(text, Math.min(text.length, start + removed));
          const range = { start: offsetToPosition(text, start), end: offsetToPosition(text, end) };
          text = text.slice(0, start) + inserted + text.slice(end);
          service.update(uri, ++version, [{ range, text: inserted }]);
          const freshUri = `${uri}/fresh${step}`;
          await fresh.open({ uri: freshUri, languageId, version: 1, text });
          const context = `${languageId} step ${step}: ${JSON.stringify(inserted)} at ${range.start.line}:${range.start.character}`;
          assert.deepEqual(service.occurrences(uri), fresh.occurrences(freshUri), `occurrences after ${context}`);
          assert.deepEqual(service.diagnostics(uri), fresh.diagnostics(freshUri), `diagnostics after ${context}`);
          fresh.close(freshUri);
        }
        service.close(uri);
      }
    });
  }

  it('a constant named for no status: removing its only status use drops its declaration too', async () => {
    const text = 'SLOW_DOWN = 429\n\n\ndef f(resp):\n    return resp.status_code == SLOW_DOWN\n';
    const uri = 'mem://inc/python/by-use';
    await service.open({ uri, languageId: 'python', version: 1, text });
    assert.deepEqual(service.occurrences(uri).map((o) => `${o.code} ${o.role}`), ['429 constant', '429 client-check']);
    // `resp.status_code == SLOW_DOWN` becomes `resp.status_code == 0`, an edit inside the function only.
    const at = text.lastIndexOf('SLOW_DOWN');
    service.update(uri, 2, [{ range: { start: offsetToPosition(text, at), end: offsetToPosition(text, at + 'SLOW_DOWN'.length) }, text: '0' }]);
    assert.deepEqual(service.occurrences(uri), []);
    service.close(uri);
  });

  it("an import added above makes a library's error class a code where it is caught", async () => {
    const body = 'def f(c):\n    try:\n        c.pause()\n    except NotFound404Error:\n        return None\n';
    const text = `${generateSource('python', 40)}\n\n${body}`;
    const uri = 'mem://inc/python/library-import';
    await service.open({ uri, languageId: 'python', version: 1, text });
    service.diagnostics(uri);
    assert.ok(!service.occurrences(uri).some((o) => o.code === 'NotFound404Error'));
    service.update(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'from torrentlib import NotFound404Error\n' }]);
    assert.ok(service.occurrences(uri).some((o) => o.code === 'NotFound404Error'));
    service.close(uri);
  });

  it('re-analysed edits in place rather than redoing whole files', () => {
    assert.ok(incrementalStats.reanalysed - reanalysedBefore > 50, `only ${incrementalStats.reanalysed - reanalysedBefore} in-place re-analyses`);
  });

  it('re-spotted codes only inside the edited function', () => {
    assert.ok(spotStats.reused - respottedBefore > 50, `only ${spotStats.reused - respottedBefore} in-place re-spots`);
  });
});
