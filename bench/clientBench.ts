/**
 * Client activation cost, measured as the time to load the bundled client (what VS Code does before
 * calling activate()). activate() itself only builds options and starts the server, whose start-up is
 * measured by the cold-start figure; running it needs a real VS Code (see the e2e tier).
 */
import Module from 'node:module';
import * as path from 'node:path';
import { Figure, figure, nowMs, stat } from './stats';

const ROOT = path.resolve(__dirname, '..');

export async function clientFigure(runs: number): Promise<Figure | undefined> {
  const bundle = path.join(ROOT, 'out', 'client', 'extension.js');
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  const samples: number[] = [];
  try {
    loader._load = function (request: string, parent: unknown, isMain: boolean) {
      // A stand-in `vscode`: every export is an empty class, enough for module-level `extends vscode.TreeItem`.
      if (request === 'vscode') return new Proxy({}, { get: () => class {} });
      return original.call(this, request, parent, isMain);
    };
    for (let i = 0; i < runs; i++) {
      delete require.cache[bundle];
      const t0 = nowMs();
      const ext = require(bundle) as { activate?: unknown };
      if (typeof ext.activate !== 'function') throw new Error('the client bundle exports no activate()');
      samples.push(nowMs() - t0);
    }
  } catch (error) {
    console.error(`bench: client load not measured: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    loader._load = original;
  }
  return figure({ name: 'client bundle load (before activate)', unit: 'ms', value: stat(samples), note: 'first sample includes disk reads; activate() then only starts the server (see cold start)' });
}
