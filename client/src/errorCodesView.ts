import * as path from 'node:path';
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import {
  type CodeGroup,
  type CodePlace,
  CodesChangedNotification,
  type ParamsOf,
  type ResultOf,
  WorkspaceCodesRequest,
} from '../../server/src/protocol/customMessages';

export const VIEW_ID = 'errorCodeInsight.codes';
const FILTER_CONTEXT = 'errorCodeInsight.codes.onlyUnhandled';

type Node = { type: 'group'; group: CodeGroup } | { type: 'place'; group: CodeGroup; place: CodePlace };

/**
 * The "Error Codes" tree in the Explorer: the workspace's codes grouped by code
 * (`429 Too Many Requests — 7 places, 3 unhandled`), each expanding to its places. Data comes from the
 * server (`errorCodeInsight/workspaceCodes`); `errorCodeInsight/codesChanged` refreshes it.
 */
export class ErrorCodesProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  onlyUnhandled = false;
  view: vscode.TreeView<Node> | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async setOnlyUnhandled(on: boolean): Promise<void> {
    this.onlyUnhandled = on;
    await vscode.commands.executeCommand('setContext', FILTER_CONTEXT, on);
    this.refresh();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return node.type === 'group' ? node.group.places.map((place) => ({ type: 'place' as const, group: node.group, place })) : [];
    if (!this.client.isRunning()) return [];
    const params: ParamsOf<typeof WorkspaceCodesRequest.type> = { onlyUnhandledRetryable: this.onlyUnhandled };
    const result = await this.client.sendRequest<ResultOf<typeof WorkspaceCodesRequest.type>>(WorkspaceCodesRequest.method, params);
    if (this.view) {
      this.view.message = result.scanned
        ? result.groups.length === 0 && this.onlyUnhandled
          ? 'No unhandled retryable codes.'
          : undefined
        : 'Showing open files only. Run "Error Code Insight: Scan Workspace" for the whole workspace.';
      this.view.description = this.onlyUnhandled ? 'unhandled retryable' : undefined;
    }
    return result.groups.map((group) => ({ type: 'group' as const, group }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.type === 'group' ? groupItem(node.group) : placeItem(node.place);
  }
}

function groupItem(g: CodeGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(`${g.code}${g.name ? ` ${g.name}` : ''}`, vscode.TreeItemCollapsibleState.Collapsed);
  const places = `${g.places.length} ${g.places.length === 1 ? 'place' : 'places'}`;
  item.description = `— ${places}${g.unhandled > 0 ? `, ${g.unhandled} unhandled` : ''}`;
  item.id = `${g.kind}:${g.code}`;
  item.contextValue = `errorCode.${g.unhandled > 0 ? 'unhandled' : g.retryConfigured > 0 ? 'retryConfigured' : 'handled'}`;
  item.iconPath = g.unhandled > 0 ? stateIcon('unhandled') : g.retryConfigured > 0 ? stateIcon('retry-configured') : stateIcon('handled');
  const verdict = { yes: 'retryable', conditional: 'retryable under conditions', no: 'not retryable', unknown: 'not in the catalogs' }[g.retryable];
  item.tooltip = `${g.code} ${g.name} (${verdict}): ${places}, ${g.unhandled} unhandled, ${g.retryConfigured} in retry configuration`;
  return item;
}

function placeItem(p: CodePlace): vscode.TreeItem {
  const uri = vscode.Uri.parse(p.uri);
  const item = new vscode.TreeItem(`${path.basename(uri.fsPath)}:${p.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
  item.description = p.lineText;
  item.id = `${p.uri}#${p.range.start.line}:${p.range.start.character}`;
  item.iconPath = stateIcon(p.state);
  item.tooltip = `${vscode.workspace.asRelativePath(uri)}:${p.range.start.line + 1} — ${p.state.replace('-', ' ')} (${p.role})`;
  item.contextValue = `errorCodePlace.${p.state}`;
  const selection = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
  return item;
}

function stateIcon(state: CodePlace['state']): vscode.ThemeIcon {
  if (state === 'unhandled') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (state === 'retry-configured') return new vscode.ThemeIcon('sync', new vscode.ThemeColor('charts.blue'));
  return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
}

/** Creates the view, its title-bar commands and the refresh on `codesChanged`. */
export function registerErrorCodesView(client: LanguageClient): vscode.Disposable & { refresh(): void } {
  const provider = new ErrorCodesProvider(client);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  void vscode.commands.executeCommand('setContext', FILTER_CONTEXT, false);
  const disposables: vscode.Disposable[] = [
    view,
    vscode.commands.registerCommand('errorCodeInsight.codes.showOnlyUnhandled', () => provider.setOnlyUnhandled(true)),
    vscode.commands.registerCommand('errorCodeInsight.codes.showAll', () => provider.setOnlyUnhandled(false)),
    vscode.commands.registerCommand('errorCodeInsight.codes.refresh', () => provider.refresh()),
    client.onNotification(CodesChangedNotification.method, () => provider.refresh()),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) provider.refresh();
    }),
  ];
  return { refresh: () => provider.refresh(), dispose: () => disposables.forEach((d) => d.dispose()) };
}
