import type { GrammarName } from '../../parsing/grammars';
import { csharpFlow } from './csharpFlow';
import type { FlowGrammar } from './flowGrammar';
import { goFlow } from './goFlow';
import { javaFlow } from './javaFlow';
import { javascriptFlow } from './javascriptFlow';
import { kotlinFlow } from './kotlinFlow';
import { phpFlow } from './phpFlow';
import { rustFlow } from './rustFlow';
import { pythonFlow } from './pythonFlow';
import { rubyFlow } from './rubyFlow';

export const FLOW_GRAMMARS: Record<GrammarName, FlowGrammar> = {
  python: pythonFlow,
  javascript: javascriptFlow,
  typescript: javascriptFlow,
  tsx: javascriptFlow,
  go: goFlow,
  java: javaFlow,
  'c-sharp': csharpFlow,
  ruby: rubyFlow,
  php: phpFlow,
  rust: rustFlow,
  kotlin: kotlinFlow,
};
