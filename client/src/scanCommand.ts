import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type ParamsOf, type ResultOf, ScanWorkspaceRequest } from '../../server/src/protocol/customMessages';

type ScanParams = ParamsOf<typeof ScanWorkspaceRequest.type>;
type ScanResult = ResultOf<typeof ScanWorkspaceRequest.type>;

/**
 * "Error Code Insight: Scan Workspace": asks the server to analyse every file of the workspace that is
 * not open and publish its diagnostics. The server reports progress (shown by the language client,
 * cancellable) and reads nothing VS Code-specific itself, so `files.exclude` is passed along here.
 */
export function registerScanCommand(client: LanguageClient, onScanned: () => void): vscode.Disposable {
  let running = false;
  return vscode.commands.registerCommand('errorCodeInsight.scanWorkspace', async (): Promise<ScanResult | undefined> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Error Code Insight: open a folder to scan.');
      return undefined;
    }
    if (running) {
      void vscode.window.showInformationMessage('Error Code Insight: a workspace scan is already running.');
      return undefined;
    }
    running = true;
    try {
      const params: ScanParams = { folders: folders.map((f) => f.uri.toString()), filesExclude: filesExclude(folders) };
      const result = await client.sendRequest<ScanResult>(ScanWorkspaceRequest.method, params);
      onScanned();
      const seconds = (result.durationMs / 1000).toFixed(1);
      const summary = `${result.files} files, ${result.analysed} analysed, ${result.withDiagnostics} with problems (${seconds} s)`;
      void vscode.window.setStatusBarMessage(
        result.cancelled ? `Error Code Insight: scan cancelled after ${summary}` : `Error Code Insight: scanned ${summary}`,
        8000,
      );
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(`Error Code Insight: workspace scan failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      running = false;
    }
  });
}

/** The `files.exclude` patterns switched on (plain `true`; `{ when }` conditions are left out) in any folder. */
function filesExclude(folders: readonly vscode.WorkspaceFolder[]): string[] {
  const patterns = new Set<string>();
  for (const folder of folders) {
    const exclude = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
    for (const [pattern, on] of Object.entries(exclude)) if (on === true) patterns.add(pattern);
  }
  return [...patterns];
}
