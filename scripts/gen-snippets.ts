/**
 * Generates the VS Code snippet files in snippets/ from the retry templates
 * (server/src/service/templates), so quick fixes and snippets share one source.
 *
 *   npx tsx scripts/gen-snippets.ts          write snippets/*.json
 *   npx tsx scripts/gen-snippets.ts --check  exit 1 when the committed files are out of date
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_TEMPLATES, renderTemplate, type RetryTemplate } from '../server/src/service/templates';
import type { LanguageId } from '../server/src/service/types';

export const SNIPPETS_DIR = path.resolve(__dirname, '..', 'snippets');

/** Snippet file → the languages whose templates it holds (javascript.json serves JS and TS). */
export const SNIPPET_FILES: Record<string, LanguageId[]> = {
  'python.json': ['python'],
  'javascript.json': ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
  'go.json': ['go'],
  'java.json': ['java'],
  'csharp.json': ['csharp'],
  'ruby.json': ['ruby'],
  'php.json': ['php'],
  'rust.json': ['rust'],
  'kotlin.json': ['kotlin'],
};

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

function toSnippet(template: RetryTemplate): Snippet {
  return {
    prefix: template.id,
    body: renderTemplate(template.helper, { snippet: true }).split('\n'),
    description: `${template.description} Needs: ${template.imports.join(' ') || 'no imports'}`,
  };
}

/** File name → exact file content. */
export function generateSnippetFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, languages] of Object.entries(SNIPPET_FILES)) {
    const snippets: Record<string, Snippet> = {};
    for (const template of ALL_TEMPLATES) {
      if (template.languages.some((l) => languages.includes(l))) {
        snippets[template.id] = toSnippet(template);
      }
    }
    files[file] = JSON.stringify(snippets, null, 2) + '\n';
  }
  return files;
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of Object.entries(generateSnippetFiles())) {
    const target = path.join(SNIPPETS_DIR, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    if (check) {
      stale.push(file);
    } else {
      fs.mkdirSync(SNIPPETS_DIR, { recursive: true });
      fs.writeFileSync(target, content);
      console.log(`wrote snippets/${file}`);
    }
  }
  if (stale.length > 0) {
    console.error(`snippets out of date: ${stale.join(', ')} — run: npx tsx scripts/gen-snippets.ts`);
    process.exit(1);
  }
  if (check) console.log('snippets up to date');
}

if (require.main === module) main();
