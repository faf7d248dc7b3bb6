import type { ServerCapabilities } from 'vscode-languageserver/node';
import type { ServerContext } from '../server';

/**
 * One LSP feature: the capabilities it announces and the handlers it registers. Each lives in its own
 * file under ./features and is listed once in ./index.ts.
 */
export interface Feature {
  readonly name: string;
  readonly capabilities: ServerCapabilities;
  register(context: ServerContext): void;
}
