import type { GrammarName } from '../../parsing/grammars';
import type { ConstantFamily } from '../../catalog/catalogRegistry';
import type { SyntaxAdapter } from '../syntaxAdapter';
import { csharpAdapter } from './csharp';
import { goAdapter } from './go';
import { javaAdapter } from './java';
import { javascriptAdapter } from './javascript';
import { kotlinAdapter } from './kotlin';
import { phpAdapter } from './php';
import { rustAdapter } from './rust';
import { pythonAdapter } from './python';
import { rubyAdapter } from './ruby';

export interface GrammarSupport {
  adapter: SyntaxAdapter;
  /** Which table of symbolic HTTP constants applies. */
  constants: ConstantFamily;
}

export const GRAMMAR_SUPPORT: Record<GrammarName, GrammarSupport> = {
  python: { adapter: pythonAdapter, constants: 'python' },
  javascript: { adapter: javascriptAdapter, constants: 'javascript' },
  typescript: { adapter: javascriptAdapter, constants: 'javascript' },
  tsx: { adapter: javascriptAdapter, constants: 'javascript' },
  go: { adapter: goAdapter, constants: 'go' },
  java: { adapter: javaAdapter, constants: 'java' },
  'c-sharp': { adapter: csharpAdapter, constants: 'csharp' },
  ruby: { adapter: rubyAdapter, constants: 'ruby' },
  php: { adapter: phpAdapter, constants: 'php' },
  rust: { adapter: rustAdapter, constants: 'rust' },
  kotlin: { adapter: kotlinAdapter, constants: 'kotlin' },
};
