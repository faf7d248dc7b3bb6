import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language, Parser } from 'web-tree-sitter';
import { GrammarName, wasmFileName } from './grammars';
import { speedUpTransfers } from './wasmTransfers';
import { treeSitter } from './webTreeSitter';

/**
 * Loads web-tree-sitter once and each grammar the first time a document of its language needs it.
 * The wasm files are looked up next to the bundle (`out/wasm/`) or in node_modules when run from source.
 */
export class TreeSitterHost {
  private init: Promise<void> | undefined;
  private readonly languages = new Map<GrammarName, Promise<Language>>();

  constructor(private readonly wasmDirs: readonly string[] = defaultWasmDirs()) {}

  async language(grammar: GrammarName): Promise<Language> {
    let loading = this.languages.get(grammar);
    if (!loading) {
      loading = this.initialize().then(() => treeSitter.Language.load(this.readWasm(wasmFileName(grammar))));
      this.languages.set(grammar, loading);
      loading.catch(() => this.languages.delete(grammar));
    }
    return loading;
  }

  /** A grammar that is already loaded, without waiting; undefined when it is not (yet). */
  loadedGrammars(): GrammarName[] {
    return [...this.languages.keys()];
  }

  async newParser(grammar: GrammarName): Promise<Parser> {
    const language = await this.language(grammar);
    const parser = new treeSitter.Parser();
    parser.setLanguage(language);
    return parser;
  }

  private initialize(): Promise<void> {
    if (!this.init) {
      const wasmBinary = this.readWasm('web-tree-sitter.wasm');
      const options: Record<string, unknown> = { wasmBinary };
      this.init = treeSitter.Parser.init(options).then(() => speedUpTransfers(options));
    }
    return this.init;
  }

  private readWasm(file: string): Uint8Array {
    for (const dir of this.wasmDirs) {
      const candidate = path.join(dir, file);
      if (fs.existsSync(candidate)) {
        return fs.readFileSync(candidate);
      }
    }
    throw new Error(`Error Code Insight: cannot find ${file} (looked in ${this.wasmDirs.join(', ')})`);
  }
}

function defaultWasmDirs(): string[] {
  const dirs = [path.join(__dirname, 'wasm'), path.join(__dirname, '..', 'wasm')];
  for (const pkg of ['web-tree-sitter', '@vscode/tree-sitter-wasm/package.json', '@tree-sitter-grammars/tree-sitter-kotlin/package.json']) {
    try {
      const root = path.dirname(require.resolve(pkg));
      dirs.push(root, path.join(root, 'wasm'));
    } catch {
      // Not installed: running from a bundle that carries its own wasm folder.
    }
  }
  return dirs;
}
