/**
 * Extension-host tests (real VS Code via @vscode/test-electron): activation, contributed commands, and hovers
 * through `vscode.executeHoverProvider` on the fixture workspace (test/e2e/workspace, copied by runTest.ts).
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'error-code-insight.error-code-insight';

function workspaceFile(rel: string): vscode.Uri {
  const root = process.env.ECI_VSCODE_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'no workspace folder open');
  return vscode.Uri.file(path.join(root, rel));
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else parts.push((c as { value: string }).value);
    }
  }
  return parts.join('\n');
}

/** Position of the `occurrence`-th `token` in the document (middle of the token). */
function positionOf(doc: vscode.TextDocument, token: string, occurrence = 0): vscode.Position {
  const text = doc.getText();
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) {
    idx = text.indexOf(token, idx + 1);
    assert.ok(idx >= 0, `"${token}" (occurrence ${occurrence}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(idx + Math.floor(token.length / 2));
}

/** Poll the hover providers (the language server may still be starting) until `expect` appears; bounded. */
async function hoverUntil(rel: string, token: string, expect: string, occurrence = 0, timeoutMs = 30_000): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(rel));
  await vscode.window.showTextDocument(doc);
  const pos = positionOf(doc, token, occurrence);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    last = hoverText(hovers);
    if (last.includes(expect)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`hover over "${token}" in ${rel} did not contain "${expect}" within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

describe('Error Code Insight in VS Code', () => {
  it('is installed and activates on a Python file', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found`);
    const doc = await vscode.workspace.openTextDocument(workspaceFile('python/billing_client.py'));
    await vscode.window.showTextDocument(doc);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const contributed = ((ext.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map(
      (c) => c.command,
    );
    assert.ok(contributed.length > 0, 'no contributed commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('hovers 429 in Python with its reason phrase', async () => {
    const text = await hoverUntil('python/billing_client.py', '429', 'Too Many Requests');
    assert.ok(text.includes('429'));
  });

  it('hovers Go http.StatusTooManyRequests as 429', async () => {
    await hoverUntil('go/inventory.go', 'StatusTooManyRequests', '429');
  });

  it('hovers the status of a response line in a .http file', async () => {
    await hoverUntil('api/billing.http', '429', 'Too Many Requests', 1);
  });

  it('hovers 503 in TypeScript', async () => {
    await hoverUntil('web/orders.ts', '503', 'Service Unavailable');
  });
});
