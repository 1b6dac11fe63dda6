// Preview cases run by both in-editor suites (preview.test.ts in the Node host, test/web in the web worker), and the
// test hook helpers they talk to the webview with. No Node modules: the web bundle imports this file too.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parsePost, type Post } from '../../../src/core';
import type { HostMessage } from '../../../src/core/previewProtocol';
import type { PreviewTestInfo } from '../../../src/vscode/preview';
import { activateExtension, openPost, waitFor } from '../helpers';

/** The post both suites preview: seed 003, more than fifty English blocks. */
export const POST = '003-michael-burry.md';

export async function hook(send?: HostMessage): Promise<PreviewTestInfo | undefined> {
  return vscode.commands.executeCommand<PreviewTestInfo | undefined>('bilingual.preview.testHook', send ? { send } : undefined);
}

/** Waits until the webview reports having rendered this version of the document. */
export async function rendered(doc: vscode.TextDocument, message = 'the preview to render the document', timeout = 20000): Promise<PreviewTestInfo> {
  return waitFor(async () => {
    const info = await hook();
    return info?.state && info.state.uri === doc.uri.toString() && info.state.version === doc.version ? info : undefined;
  }, { timeout, message: `${message} (v${doc.version})` });
}

let probes = 0;
/** Asks the webview which elements match, and waits for its answer. */
export async function probe(selector: string, text?: string): Promise<{ count: number; lines: number[]; topLine: number }> {
  const id = ++probes;
  await hook({ type: 'test.probe', id, selector, text });
  return waitFor(async () => { const p = (await hook())?.probe; return p?.id === id ? p : undefined; }, { message: `probe ${selector}` });
}

/** The suites' before hook: POST alone in an editor, parsed, and the preview opened beside it. */
export async function openPreviewBesidePost(): Promise<{ editor: vscode.TextEditor; post: Post }> {
  await activateExtension();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const editor = await openPost(POST);
  const post = parsePost(editor.document.getText());
  assert.ok(post.english.length > 50, `${POST} has ${post.english.length} English blocks`);
  await vscode.commands.executeCommand('bilingual.openPreviewToSide');
  return { editor, post };
}

/**
 * Opening beside the post and the toolbar's toggle; call inside a describe whose before hook ran openPreviewBesidePost.
 * `current` is read when each test runs: the suites replace their editor as tests move it between columns.
 */
export function previewCaseTests(current: () => { editor: vscode.TextEditor; post: Post }): void {
  it('opens beside the post and renders exactly the post\'s English blocks, all closed', async () => {
    const { editor, post } = current();
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

  it('the toolbar\'s toggle opens every English block, and closes them again', async () => {
    const { post } = current();
    await hook({ type: 'test.clickAction', action: 'toggle-all' });
    let s = await waitFor(async () => { const st = (await hook())?.state; return st && st.openEnglish === st.englishBlocks ? st : undefined; }, { message: 'all blocks open' });
    assert.strictEqual(s.openEnglish, post.english.length);
    await hook({ type: 'test.clickAction', action: 'toggle-all' });
    s = await waitFor(async () => { const st = (await hook())?.state; return st && st.openEnglish === 0 ? st : undefined; }, { message: 'all blocks closed' });
    assert.strictEqual(s.englishBlocks, post.english.length);
  });
}
