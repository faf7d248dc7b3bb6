import type { LanguageId } from '../types';

/** The tree-sitter grammar that parses each source language (`http` has its own parser). */
export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx' | 'go' | 'java' | 'c-sharp' | 'ruby' | 'php';

const GRAMMAR_OF: Record<Exclude<LanguageId, 'http'>, GrammarName> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  go: 'go',
  java: 'java',
  csharp: 'c-sharp',
  ruby: 'ruby',
  php: 'php',
};

export function grammarFor(languageId: LanguageId): GrammarName | undefined {
  return languageId === 'http' ? undefined : GRAMMAR_OF[languageId];
}

export function wasmFileName(grammar: GrammarName): string {
  return `tree-sitter-${grammar}.wasm`;
}

/** Maps a file name to the language the service analyses, or undefined when unsupported. */
export function languageForPath(path: string): LanguageId | undefined {
  const lower = path.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const ext = dot >= 0 ? lower.slice(dot + 1) : '';
  switch (ext) {
    case 'py':
    case 'pyi':
      return 'python';
    case 'js':
    case 'mjs':
    case 'cjs':
      return 'javascript';
    case 'jsx':
      return 'javascriptreact';
    case 'ts':
    case 'mts':
    case 'cts':
      return 'typescript';
    case 'tsx':
      return 'typescriptreact';
    case 'go':
      return 'go';
    case 'java':
      return 'java';
    case 'cs':
      return 'csharp';
    case 'rb':
    case 'rake':
    case 'ru':
      return 'ruby';
    case 'php':
      return 'php';
    case 'http':
    case 'rest':
      return 'http';
    default:
      return undefined;
  }
}
