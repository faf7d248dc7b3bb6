import type { DiagContext } from '../context';
import { csharpUnbounded } from './csharpTimeouts';
import { goUnbounded } from './goTimeouts';
import { javaUnbounded, springUnbounded } from './javaTimeouts';
import { jsUnbounded } from './jsTimeouts';
import { phpUnbounded } from './phpTimeouts';
import { pythonUnbounded } from './pythonTimeouts';
import { rustUnbounded } from './rustTimeouts';
import type { UnboundedRequest } from './unbounded';

export type { TimeoutLibrary, UnboundedRequest } from './unbounded';
export { timeoutFact, allTimeoutFacts } from './timeoutFacts';

/** The requests of a file that can wait for ever, per language (languages whose clients all time out by default have none). */
export function unboundedRequests(ctx: DiagContext): UnboundedRequest[] {
  switch (ctx.flow.grammarName) {
    case 'python': return pythonUnbounded(ctx);
    case 'javascript': case 'typescript': case 'tsx': return jsUnbounded(ctx);
    case 'go': return goUnbounded(ctx);
    case 'java': return javaUnbounded(ctx);
    case 'kotlin': return springUnbounded(ctx);
    case 'c-sharp': return csharpUnbounded(ctx);
    case 'php': return phpUnbounded(ctx);
    case 'rust': return rustUnbounded(ctx);
    default: return [];
  }
}
