import * as vscode from 'vscode';

/**
 * `errorCodeInsight.openExamples` (the "Get started" walkthrough's first step): copies the examples
 * shipped in the extension to its global storage, where they can be edited and quick fixes applied,
 * and opens that folder, in this window when no folder is open, in a new one otherwise.
 */
export function registerOpenExamples(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('errorCodeInsight.openExamples', async () => {
    const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
    const target = vscode.Uri.joinPath(context.globalStorageUri, 'examples');
    try {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(source, target, { overwrite: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`Error Code Insight: cannot copy the examples (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    const forceNewWindow = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow });
  });
}
