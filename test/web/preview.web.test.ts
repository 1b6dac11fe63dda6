// The preview in VS Code for the Web: the webview (served from another origin, its script and stylesheet loaded
// through asWebviewUri from the extension's HTTP location) renders the post and answers the host. Opening beside the
// post and the toggle are test/integration/shared/preview.ts, as preview.test.ts runs them; the rest is this host's.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Post } from '../../src/core';
import { closeAllEditors, waitFor } from '../integration/helpers';
import { hook, openPreviewBesidePost, POST, previewCaseTests, probe, rendered } from '../integration/shared/preview';

describe('web: preview', function () {
  this.timeout(60000);
  let editor: vscode.TextEditor;
  let post: Post;

  before(async () => { ({ editor, post } = await openPreviewBesidePost()); });
  after(closeAllEditors);

  it('the webview loads its script and says it is ready', async () => {
    const info = await waitFor(async () => { const i = await hook(); return i?.ready ? i : undefined; }, { timeout: 30000, message: 'the preview webview to post "ready"' });
    assert.deepStrictEqual(info.errors, []);
  });

  previewCaseTests(() => ({ editor, post }));

  it('renders the post\'s Chinese paragraphs as text, each at its source line', async () => {
    await rendered(editor.document);
    // A run of Han characters has no Markdown inside, so the rendered paragraph holds it unchanged.
    const paragraphs = post.blocks.flatMap(b => {
      const run = b.kind === 'text' && b.hasChinese && !/^\s*([-*+>|#]|\d+\.)/.test(b.text) ? /[\u4e00-\u9fff]{6,}/.exec(b.text) : null;
      return b.kind === 'text' && run ? [{ line: b.line, run: run[0] }] : [];
    }).slice(0, 10);
    assert.strictEqual(paragraphs.length, 10, `${POST} has ten plain Chinese paragraphs`);
    for (const p of paragraphs) assert.deepStrictEqual((await probe('p', p.run)).lines, [p.line], `"${p.run}" rendered once, at line ${p.line}`);
  });

  it('shows an edit live', async () => {
    const doc = editor.document;
    editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    const marker = '【网页版实时预览】';
    const bodyStart = new vscode.Position(post.bodyLine, 0);
    assert.ok(await editor.edit(e => e.insert(bodyStart, `${marker}\n\n`)));
    await rendered(doc, 'the inserted paragraph to show');
    assert.deepStrictEqual((await probe('p', marker)).lines, [post.bodyLine]);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await rendered(doc, 'the reverted text to show');
    assert.strictEqual((await probe('p', marker)).count, 0);
  });
});
