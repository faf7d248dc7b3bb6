import type { LanguageId } from '../types';

/** The tree-sitter grammar that parses each source language (`http` has its own parser). */
export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx' | 'go' | 'java' | 'c-sharp' | 'ruby' | 'php' | 'rust' | 'kotlin';

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
  rust: 'rust',
  kotlin: 'kotlin',
};

export function grammarFor(languageId: LanguageId): GrammarName | undefined {
  return languageId === 'http' ? undefined : GRAMMAR_OF[languageId];
}

export function wasmFileName(grammar: GrammarName): string {
  return `tree-sitter-${grammar}.wasm`;
}

/** Grammars that come in a package of their own rather than in @vscode/tree-sitter-wasm (scripts/build.mjs copies them too). */
const OWN_PACKAGE: Partial<Record<GrammarName, string>> = { kotlin: '@tree-sitter-grammars/tree-sitter-kotlin' };

/** The module path of a grammar's wasm in node_modules, for require.resolve. */
export function wasmModulePath(grammar: GrammarName): string {
  return `${OWN_PACKAGE[grammar] ?? '@vscode/tree-sitter-wasm/wasm'}/${wasmFileName(grammar)}`;
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
    case 'rs':
      return 'rust';
    case 'kt':
    case 'kts':
      return 'kotlin';
    case 'http':
    case 'rest':
      return 'http';
    default:
      return undefined;
  }
}
