/**
 * Every retry template, rendered plainly with its imports, parses without ERROR/MISSING nodes in
 * the tree-sitter grammar of each language it is offered for.
 */
import * as assert from 'assert';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { ALL_TEMPLATES, renderTemplate, type RetryTemplate } from '../../server/src/service/templates';
import { grammarFor, wasmModulePath } from '../../server/src/service/parsing/grammars';
import { type LanguageId, SUPPORTED_LANGUAGES } from '../../server/src/service/types';


/** A compilable-shaped file: imports + helper (class members wrapped in a class). */
export function sourceFile(template: RetryTemplate, language: LanguageId): string {
  const helper = renderTemplate(template.helper, { snippet: false });
  const imports = template.imports.join('\n');
  switch (language) {
    case 'go':
      return `package main\n\n${imports}\n\n${helper}\n`;
    case 'php':
      return `<?php\n${imports}\n\n${helper}\n`;
    case 'java':
    case 'csharp':
      return /^(final |static )?class /m.test(helper)
        ? `${imports}\n\n${helper}\n`
        : `${imports}\n\nclass Holder {\n${helper}\n}\n`;
    default:
      return `${imports}\n\n${helper}\n`;
  }
}

function firstProblem(node: Node): string | undefined {
  if (node.isError || node.isMissing) {
    return `${node.isMissing ? 'MISSING' : 'ERROR'} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.text.slice(0, 60)}`;
  }
  for (const child of node.children) {
    if (child) {
      const problem = firstProblem(child);
      if (problem) return problem;
    }
  }
  return undefined;
}

describe('retry templates parse with tree-sitter', function () {
  const parsers = new Map<string, Parser>();

  before(async () => {
    await Parser.init();
    for (const grammar of new Set(SUPPORTED_LANGUAGES.map(grammarFor).filter((g) => g !== undefined))) {
      const language = await Language.load(require.resolve(wasmModulePath(grammar)));
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(grammar, parser);
    }
  });

  for (const template of ALL_TEMPLATES) {
    for (const language of template.languages) {
      const grammar = grammarFor(language);
      it(`${template.id} as ${language} (${grammar})`, () => {
        assert.ok(grammar, `no grammar for ${language}`);
        const tree = parsers.get(grammar)!.parse(sourceFile(template, language));
        assert.ok(tree, 'parser returned no tree');
        assert.strictEqual(tree.rootNode.hasError, false, firstProblem(tree.rootNode) ?? 'hasError');
        assert.ok(tree.rootNode.namedChildCount > 1);
      });
    }
  }

  it('detects a broken template (the check can fail)', () => {
    const tree = parsers.get('python')!.parse('def broken(:\n    return\n');
    assert.strictEqual(tree!.rootNode.hasError, true);
  });
});
