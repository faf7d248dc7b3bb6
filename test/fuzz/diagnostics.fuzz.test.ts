import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Tree } from 'web-tree-sitter';
import type { CodeActionResult, Finding, LanguageId, Range, TextEdit } from '../../server/src/service/types';
import { arbDocumentText, arbMutatedFixture, FIXTURES, linesOf, offsetOf } from './arbitraries';
import { assertRangeInside, freshUri, fuzz, fuzzService, method, notAvailable, report, withinBound } from './harness';

/** A whole fixture with blank lines added between lines: still the same program, so syntax stays as it was. */
function arbBlankLinesFixture(sources: readonly string[]): fc.Arbitrary<string> {
  return fc.record({ source: fc.constantFrom(...sources), at: fc.array(fc.nat(), { maxLength: 4 }) }).map(({ source, at }) => {
    const lines = source.split('\n');
    for (const a of at) lines.splice(a % (lines.length + 1), 0, '');
    return lines.join('\n');
  });
}

const LANGUAGES: LanguageId[] = ['python', 'javascript', 'typescript', 'typescriptreact', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'kotlin', 'http'];

/** Syntax errors in a tree: ERROR nodes plus MISSING tokens. */
export function errorNodes(tree: Tree | undefined): number {
  if (!tree) return 0;
  let count = 0;
  const cursor = tree.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) count++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return count;
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Applies non-overlapping edits as LSP does: all ranges refer to the original text, and inserts at the same
 * position appear in array order (so they are applied last one first).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((e, i) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText, i }));
  located.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  let limit = Infinity;
  for (const e of located) {
    assert.ok(e.end <= limit, `overlapping edits in one code action: ${JSON.stringify(edits)}`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** Snippet text (`${1:x}`, `$0`, `\\$`) as the editor would insert it. */
export function stripSnippet(text: string): string {
  let prev;
  do {
    prev = text;
    text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1');
  } while (text !== prev);
  return text.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** Diagnostics (rules engine) and the quick fixes offered for them. */
describe('fuzz: diagnostics and quick fixes', function () {
  this.timeout(0);
  let validCases = 0;
  after(() => {
    report('diagnostics', 'quick-fixes');
    console.log(`fuzz quick-fixes: ${validCases} cases started from a file without syntax errors, the rest from broken ones (all strictly checked)`);
  });
  const service = fuzzService();
  const diagnostics = method(service, 'diagnostics') as ((uri: string) => Finding[]) | undefined;
  const codeActions = method(service, 'codeActions') as
    | ((uri: string, range: Range, findings: Finding[], options?: { snippetSupport?: boolean }) => CodeActionResult[])
    | undefined;

  it('diagnostics: never throw, bounded time, ranges (and related ranges) inside the document', async function () {
    if (!diagnostics) {
      notAvailable('diagnostics', 'service.diagnostics is not a function');
      this.skip();
    }
    const arb = fc.constantFrom(...LANGUAGES).chain((lang) => fc.record({ lang: fc.constant(lang), text: arbDocumentText(lang, 2500) }));
    await fuzz('diagnostics', 1, arb, async ({ lang, text }) => {
      const uri = freshUri(lang);
      const lines = linesOf(text);
      try {
        await service.open({ uri, languageId: lang, version: 1, text });
        const findings = await withinBound(text.length, `${lang} diagnostics`, () => diagnostics!(uri));
        for (const f of findings) {
          assert.ok(typeof f.rule === 'string' && f.rule.length > 0 && f.message.length > 0, `bad finding ${JSON.stringify(f)}`);
          assertRangeInside(text, f.range, `${lang} ${f.rule}`, lines);
          for (const r of f.related ?? []) assertRangeInside(text, r.range, `${lang} ${f.rule} related`, lines);
        }
      } finally {
        service.close(uri);
      }
    });
  });

  it('quick fixes: edits inside the document, and applying one adds no syntax errors', async function () {
    if (!diagnostics || !codeActions) {
      notAvailable('quick-fixes', 'service.diagnostics/codeActions is not a function');
      this.skip();
    }
    const tree = LANGUAGES.filter((l) => l !== 'http');
    // Whole or lightly mutated fixtures: those are the files with findings to fix.
    const arb = fc.constantFrom(...tree).chain((lang) =>
      fc.record({
        lang: fc.constant(lang),
        text: fc.oneof(
          { weight: 3, arbitrary: arbBlankLinesFixture(FIXTURES[lang] ?? ['']) },
          { weight: 3, arbitrary: arbMutatedFixture(FIXTURES[lang] ?? [], 4000) },
          { weight: 1, arbitrary: arbDocumentText(lang) },
        ),
        snippet: fc.boolean(),
        pick: fc.nat(),
      }),
    );
    await fuzz('quick-fixes', 1, arb, async ({ lang, text, snippet, pick }) => {
      const uri = freshUri(lang);
      const fixedUri = freshUri(lang);
      const lines = linesOf(text);
      try {
        const doc = await service.open({ uri, languageId: lang, version: 1, text });
        const findings = diagnostics!(uri);
        if (findings.length === 0) return;
        const finding = findings[pick % findings.length];
        const actions = await withinBound(text.length, `${lang} codeActions`, () => codeActions!(uri, finding.range, [finding], { snippetSupport: snippet }));
        const before = errorNodes(doc.tree);
        if (before === 0) validCases++;
        for (const action of actions) {
          assert.ok(action.title.length > 0, 'untitled action');
          for (const e of action.edits) assertRangeInside(text, e.range, `${lang} ${action.title} edit`, lines);
          const edits = action.snippet ? action.edits.map((e) => ({ ...e, newText: stripSnippet(e.newText) })) : action.edits;
          const fixed = applyEdits(text, edits);
          const after = errorNodes((await service.open({ uri: fixedUri, languageId: lang, version: 1, text: fixed })).tree);
          // Holds on broken files too: the service only offers fixes that do not make the damage worse.
          assert.ok(after <= before, `"${action.title}" (${finding.rule}) raised syntax errors from ${before} to ${after}:\n${fixed}`);
        }
      } finally {
        service.close(uri);
        service.close(fixedUri);
      }
    });
  });
});
