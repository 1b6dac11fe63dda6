// The preview in VS Code for the Web: the webview (served from another origin, its script and stylesheet loaded
// through asWebviewUri from the extension's HTTP location) renders the post and answers the host. The cases and
// expectations are the first ones of test/integration/preview.test.ts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parsePost, type Post } from '../../src/core';
import type { HostMessage } from '../../src/core/previewProtocol';
import type { PreviewTestInfo } from '../../src/vscode/preview';
import { activateExtension, closeAllEditors, openPost, waitFor } from '../integration/helpers';

const POST = '003-michael-burry.md';

async function hook(send?: HostMessage): Promise<PreviewTestInfo | undefined> {
  return vscode.commands.executeCommand<PreviewTestInfo | undefined>('bilingual.preview.testHook', send ? { send } : undefined);
}

/** Waits until the webview reports having rendered this version of the document. */
async function rendered(doc: vscode.TextDocument, message = 'the preview to render the document', timeout = 20000): Promise<PreviewTestInfo> {
  return waitFor(async () => {
    const info = await hook();
    return info?.state && info.state.uri === doc.uri.toString() && info.state.version === doc.version ? info : undefined;
  }, { timeout, message: `${message} (v${doc.version})` });
}

let probes = 0;
/** Asks the webview which elements match, and waits for its answer. */
async function probe(selector: string, text?: string): Promise<{ count: number; lines: number[]; topLine: number }> {
  const id = ++probes;
  await hook({ type: 'test.probe', id, selector, text });
  return waitFor(async () => { const p = (await hook())?.probe; return p?.id === id ? p : undefined; }, { message: `probe ${selector}` });
}

describe('web: preview', function () {
  this.timeout(60000);
  let editor: vscode.TextEditor;
  let post: Post;

  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    editor = await openPost(POST);
    post = parsePost(editor.document.getText());
    assert.ok(post.english.length > 50, `${POST} has ${post.english.length} English blocks`);
    await vscode.commands.executeCommand('bilingual.openPreviewToSide');
  });
  after(closeAllEditors);

  it('the webview loads its script and says it is ready', async () => {
    const info = await waitFor(async () => { const i = await hook(); return i?.ready ? i : undefined; }, { timeout: 30000, message: 'the preview webview to post "ready"' });
    assert.deepStrictEqual(info.errors, []);
  });

  it('opens beside the post and renders exactly the post\'s English blocks, all closed', async () => {
    const info = await rendered(editor.document);
    const s = info.state!;
    assert.strictEqual(s.englishBlocks, post.english.length, 'rendered English blocks = the post\'s');
    assert.strictEqual(s.details, post.english.length, 'no other details elements');
    assert.strictEqual(s.openEnglish, 0);
    assert.deepStrictEqual(info.errors, []);
    const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs.map(t => ({ t, column: g.viewColumn })));
    const web = tabs.find(x => x.t.input instanceof vscode.TabInputWebview && x.t.input.viewType.includes('bilingualPosts.preview'));
    assert.ok(web, 'a preview tab is open');
    assert.notStrictEqual(web.column, editor.viewColumn, 'the preview is beside the editor, not over it');
    assert.match(web.t.label, /003-michael-burry\.md/);
    // The header card and every heading made it too.
    assert.strictEqual((await probe('.bp-card .bp-title')).count, 1);
    assert.strictEqual((await probe('h1, h2, h3, h4, h5, h6', undefined)).count - 1, post.blocks.filter(b => b.kind === 'heading').length);
  });

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

  it('the toolbar\'s toggle opens every English block, and closes them again', async () => {
    await hook({ type: 'test.clickAction', action: 'toggle-all' });
    let s = await waitFor(async () => { const st = (await hook())?.state; return st && st.openEnglish === st.englishBlocks ? st : undefined; }, { message: 'all blocks open' });
    assert.strictEqual(s.openEnglish, post.english.length);
    await hook({ type: 'test.clickAction', action: 'toggle-all' });
    s = await waitFor(async () => { const st = (await hook())?.state; return st && st.openEnglish === 0 ? st : undefined; }, { message: 'all blocks closed' });
    assert.strictEqual(s.englishBlocks, post.english.length);
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
