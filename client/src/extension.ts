import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerErrorCodesView } from './errorCodesView';
import { registerOpenExamples } from './examplesCommand';
import { registerScanCommand } from './scanCommand';
import { SERVER_EXEC_ARGV } from '../../server/src/execArgv';
import { SUPPORTED_LANGUAGES } from '../../server/src/service/types';

/** The languages the server analyses (one list, shared with the server); `http` covers .http/.rest files. */
export const LANGUAGES = SUPPORTED_LANGUAGES;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('out', 'server', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6029'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
      { scheme: 'vscode-vfs', language },
    ]),
    synchronize: {
      configurationSection: 'errorCodeInsight',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.errorcodes.json'),
        vscode.workspace.createFileSystemWatcher('**/{openapi,*.openapi}.{yaml,yml,json}'),
        // Source files, for the workspace index of helpers, base classes and retry wrappers (#16).
        vscode.workspace.createFileSystemWatcher('**/*.{py,js,jsx,mjs,cjs,ts,tsx,mts,cts,go,java,cs,kt,kts,php,rb,rs}'),
      ],
    },
    initializationOptions: {
      settings: vscode.workspace.getConfiguration('errorCodeInsight'),
      trusted: vscode.workspace.isTrusted,
    },
    diagnosticCollectionName: 'error-code-insight',
  };
  client = new LanguageClient('errorCodeInsight', 'Error Code Insight', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('errorCodeInsight.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('errorCodeInsight.showOutput', () => client?.outputChannel.show()),
    vscode.commands.registerCommand('errorCodeInsight.openRulesDocs', async () => {
      const doc = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules.md')));
      await vscode.commands.executeCommand('markdown.showPreview', doc);
    }),
    registerOpenExamples(context),
  );
  const codesView = registerErrorCodesView(client);
  context.subscriptions.push(codesView, registerScanCommand(client, () => codesView.refresh()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
