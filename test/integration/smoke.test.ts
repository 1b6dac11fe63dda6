// Smoke tests: the extension loads in a real extension host, and the host can run webviews.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openPost, waitFor, waitForActivation, withTimeout } from './helpers';

describe('smoke', () => {
  after(closeAllEditors);

  it('activates when a fixture Markdown post is opened', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    assert.strictEqual(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /硅谷/);
    const ext = await waitForActivation();
    assert.ok(ext.isActive);
  });

  it('bilingual.ping returns "pong"', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('bilingual.ping'), 'pong');
  });

  it('a webview panel runs its script and posts a message back', async () => {
    const panel = vscode.window.createWebviewPanel('bilingualSmoke', 'Smoke 冒烟', vscode.ViewColumn.Beside, { enableScripts: true });
    try {
      const received = new Promise<unknown>((resolve) => panel.webview.onDidReceiveMessage(resolve));
      const nonce = 'smoke' + Date.now();
      panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';">
</head><body><h1 id="t">预览 preview</h1>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  vscode.postMessage({ type: 'ready', text: document.getElementById('t').textContent });
</script></body></html>`;
      const message = await withTimeout(received, 20000, 'message from the webview script');
      assert.deepStrictEqual(message, { type: 'ready', text: '预览 preview' });
    } finally {
      panel.dispose();
    }
    await waitFor(() => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)), {
      message: 'the webview tab to close',
    });
  });
});
