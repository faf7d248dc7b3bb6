import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/**
 * Entry point of `eci-language-server`: the transport (`--stdio`, `--node-ipc`, `--socket=N`) is
 * chosen from the command line by vscode-languageserver. Nothing but protocol goes to stdout.
 */
if (process.argv.includes('--version')) {
  process.stderr.write(`eci-language-server ${VERSION}\n`);
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('Usage: eci-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exit(2);
}

// Any stray console.log would corrupt the stdio protocol stream: send it to stderr instead.
console.log = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);

declare const VERSION: string;
startServer(createConnection(ProposedFeatures.all));
