// The preview in a real VS Code: opens beside real posts, renders every English block, toggles, patches live edits, syncs scrolling both ways, follows the editor.
import * as assert from 'assert';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { parsePost, type Post } from '../../src/core';
import { closeAllEditors, openPost, waitFor } from './helpers';
import { recordHostTiming } from './hostTimings';
import { hook, openPreviewBesidePost, previewCaseTests, probe, rendered } from './shared/preview';

const OTHER = 'LHjUSZnjQFk.md';
const BIG = 'SC2eSujzrUY.md';

/** Back to a clean page: the post as on disk, every block closed, normal mode. */
async function reset(doc: vscode.TextDocument): Promise<void> {
  if (doc.isDirty) {
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await hook({ type: 'setSideBySide', on: false });
  await hook({ type: 'setAllOpen', open: false });
  await waitFor(async () => {
    const s = (await hook())?.state;
    return s && !s.sideBySide && s.openEnglish === 0 && s.version === doc.version && !doc.isDirty;
  }, { message: 'a clean preview' });
}

/** A Chinese paragraph with an English block after it, about `at` of the way through the post. */
function pairedParagraph(post: Post, at: number): { line: number; english: number } {
  const paired = post.english.filter(e => e.pairedWith !== undefined && !e.sectionLevel);
  const e = paired[Math.floor(paired.length * at)];
  return { line: post.blocks[e.pairedWith!].line, english: e.line };
}

/** Prints to the run's log (the in-host runner routes mocha's console there; plain console.log is lost). */
function report(line: string): void { (Mocha.reporters.Base as unknown as { consoleLog: (s: string) => void }).consoleLog(line); }

function topLine(editor: vscode.TextEditor): number { return editor.visibleRanges[0].start.line; }

/** waitFor, and on a timeout the scroll-sync log and both sides' positions in the error. */
async function waitSync<T>(cond: () => T | Promise<T>, what: string, editor: vscode.TextEditor): Promise<NonNullable<T>> {
  try { return await waitFor(cond, { message: what }); } catch (e) {
    const info = await hook();
    throw new Error(`${(e as Error).message}; editor top ${topLine(editor)}, preview top ${info?.state?.topLine} (asked ${info?.state?.scrolledTo}); sync: ${(info?.sync ?? []).join(' | ')}`);
  }
}

describe('preview', function () {
  this.timeout(60000);
  let editor: vscode.TextEditor;
  let post: Post;

  /** The post's editor, shown in its own column (a TextEditor object ends when its tab is hidden). */
  async function postEditor(): Promise<vscode.TextEditor> {
    editor = await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.One, preview: false });
    return editor;
  }

  before(async () => { ({ editor, post } = await openPreviewBesidePost()); });
  afterEach(async () => { await reset(editor.document); });
  after(closeAllEditors);

  // Shared with the web suite (test/web/preview.web.test.ts).
  previewCaseTests(() => ({ editor, post }));

  it('shows an edit live, patching the page: a block the author opened stays open and the view does not move', async () => {
    const doc = editor.document;
    const target = pairedParagraph(post, 0.3);
    // The author opens one English block by clicking its summary.
    await hook({ type: 'test.click', line: target.english, summary: true });
    await waitFor(async () => (await hook())?.state?.openEnglish === 1, { message: 'one block open' });
    assert.deepStrictEqual((await probe('details[data-english][open]')).lines, [target.english]);

    // The reader looks at a place further down; edits above it must not move what they see.
    const seen = pairedParagraph(post, 0.35);
    await hook({ type: 'scrollTo', line: seen.line });
    const top0 = await waitFor(async () => { const t = (await probe('details[data-english][open]')).topLine; return Math.abs(t - seen.line) < 1 ? t + 1 : undefined; },
      { message: `the preview at line ${seen.line}` }) - 1;

    // An edit inside a paragraph above it (same line count).
    const first = pairedParagraph(post, 0.1);
    const marker = '【实时预览测试】';
    const lineEnd = doc.lineAt(first.line).range.end;
    await editor.edit(e => e.insert(lineEnd, marker));
    let info = await rendered(doc, 'the edit to show');
    assert.deepStrictEqual((await probe('p', marker)).lines, [first.line], 'the edited paragraph shows the new text');
    assert.deepStrictEqual((await probe('details[data-english][open]')).lines, [target.english], 'the opened block is still open');
    assert.ok(info.lastPatch && info.lastPatch.inserted <= 2 && info.lastPatch.kept > 100, `patched, not replaced: ${JSON.stringify(info.lastPatch)}`);
    const top1 = (await probe('p', marker)).topLine;
    assert.ok(Math.abs(top1 - top0) < 0.5, `the reader still sees line ${top0} at the top (now ${top1})`);

    // A new paragraph at the top of the body: every line below moves down by two, the block stays open.
    const bodyStart = new vscode.Position(post.bodyLine, 0);
    await editor.edit(e => e.insert(bodyStart, '新增的一段。\n\n'));
    info = await rendered(doc, 'the inserted paragraph to show');
    assert.strictEqual((await probe('p', '新增的一段。')).count, 1);
    const after = await probe('details[data-english][open]');
    assert.deepStrictEqual(after.lines, [target.english + 2], 'still open, at its new line');
    assert.ok(Math.abs(after.topLine - (top0 + 2)) < 0.5, `the same text stays at the top, now at line ${top0 + 2} (${after.topLine})`);
    assert.strictEqual(info.state!.englishBlocks, post.english.length);

    // An edit inside the opened block itself: the new version of the block is open too.
    const inside = doc.lineAt(target.english + 2 + 2).range.end.translate(0, -'</p>'.length);
    await editor.edit(e => e.insert(inside, ' (edited)'));
    await rendered(doc, 'the edit inside the open block to show');
    const open = await probe('details[data-english][open]', '(edited)');
    assert.deepStrictEqual(open.lines, [target.english + 2], 'the edited block is open');

    // Typing is measured, not asserted: the latencies are reported by the run.
    const samples = (await hook())!.latencies;
    assert.ok(samples.length >= 3, `latency samples: ${samples.join(', ')}`);
    const i = (await hook())!;
    report(`      [preview] keystroke -> webview applied: ${samples.join(', ')} ms; host render: ${i.renderTimes.slice(-5).join(', ')} ms; post -> ack: ${i.ackTimes.slice(-5).join(', ')} ms; last patch ${JSON.stringify(i.lastPatch)}`);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await rendered(doc, 'the reverted text to show');
    assert.strictEqual((await probe('p', marker)).count, 0);
  });

  it('keeps up with fast typing: the last keystroke always shows', async () => {
    const doc = editor.document;
    const para = pairedParagraph(post, 0.5);
    for (const ch of '快速输入测试') {
      const end = doc.lineAt(para.line).range.end;
      await editor.edit(e => e.insert(end, ch), { undoStopBefore: false, undoStopAfter: false });
    }
    await rendered(doc, 'the last keystroke to show');
    assert.deepStrictEqual((await probe('p', '快速输入测试')).lines, [para.line]);
    const info = (await hook())!;
    report(`      [preview] typing burst latencies: ${info.latencies.slice(-6).join(', ')} ms; host render ${info.renderTimes.slice(-6).join(', ')} ms; post -> ack ${info.ackTimes.slice(-6).join(', ')} ms (renders so far: ${info.renders})`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await rendered(doc, 'the reverted text to show');
  });

  it('measures keystroke to page update, one keystroke at a time, on the biggest fixture post', async () => {
    const big = await openPost(BIG, { viewColumn: vscode.ViewColumn.One });
    const bigPost = parsePost(big.document.getText());
    let info = await rendered(big.document, `the preview to follow to ${BIG}`);
    assert.strictEqual(info.state!.englishBlocks, bigPost.english.length);
    const para = pairedParagraph(bigPost, 0.5);
    const before = info.latencies.length;
    for (const ch of '一二三四五六七八') {
      await big.edit(e => e.insert(big.document.lineAt(para.line).range.end, ch));
      info = await rendered(big.document, 'the keystroke to show');
    }
    assert.deepStrictEqual((await probe('p', '一二三四五六七八')).lines, [para.line]);
    const lat = info.latencies.slice(before).sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
    report(`      [preview] ${BIG} (${big.document.getText().length} chars, ${bigPost.english.length} blocks): keystroke -> page updated median ${median(lat)} ms ` +
      `(min ${lat[0]}, max ${lat[lat.length - 1]}, n=${lat.length}); host render median ${median(info.renderTimes.slice(-8).sort((a, b) => a - b))} ms; ` +
      `post -> ack median ${median(info.ackTimes.slice(-8).sort((a, b) => a - b))} ms; webview patch ${info.lastPatch?.ms} ms of ${info.lastPatch?.totalMs} ms handling`);
    assert.strictEqual(lat.length, 8, 'one update per keystroke');
    recordHostTiming('keystroke to preview update', lat, `${BIG} (${big.document.getText().length} chars, ${bigPost.english.length} English blocks), 8 keystrokes`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await rendered(big.document, 'the reverted text to show');
    await postEditor();
    await rendered(editor.document, 'the preview back on the post');
  });

  it('scrolling the editor scrolls the preview to the same source line', async () => {
    const para = pairedParagraph(post, 0.5);
    await postEditor();
    editor.revealRange(new vscode.Range(para.line, 0, para.line, 0), vscode.TextEditorRevealType.AtTop);
    // At the top, below the sticky headings the editor may pin there: its first visible line is a few lines up.
    const want = await waitSync(() => { const t = topLine(editor); return t <= para.line && para.line - t <= 6 ? t + 1 : undefined; }, `the editor to scroll to ${para.line}`, editor) - 1;
    const s = await waitSync(async () => {
      const st = (await hook())?.state;
      return st && st.scrolledTo === want && Math.abs(st.topLine - want) <= 1 ? st : undefined;
    }, `the preview to show line ${want} at its top`, editor);
    assert.ok(Math.abs(s.topLine - want) <= 1, `preview top line ${s.topLine}, editor ${want}`);
  });

  it('scrolling the preview scrolls the editor to the same source line', async () => {
    const para = pairedParagraph(post, 0.25);
    await postEditor();
    await hook({ type: 'test.scrollPreview', line: para.line });
    // The line is revealed at the top, below the sticky headings the editor may pin there (up to a few lines).
    const top = await waitSync(() => { const t = topLine(editor); return t <= para.line && para.line - t <= 6 ? t + 0.5 : undefined; },
      `the editor to show line ${para.line} at its top`, editor);
    assert.ok(top - 0.5 <= para.line);
    const sync = (await hook())!.sync;
    const asked = Number(/^preview->editor ([\d.]+)$/.exec(sync[sync.length - 1])?.[1]);
    assert.ok(Math.abs(asked - para.line) < 0.5, `the preview asked for line ${para.line}: ${sync.join(' | ')}`);
  });

  it('a click on a block in the preview reveals its line in the editor', async () => {
    const para = pairedParagraph(post, 0.8);
    await postEditor();
    await hook({ type: 'test.click', line: para.line });
    try { await waitFor(() => editor.selection.active.line === para.line, { message: `the cursor on line ${para.line}` }); } catch (e) {
      const info = await hook();
      throw new Error(`${(e as Error).message}; cursor at ${editor.selection.active.line}; webview errors: ${info?.errors.join(' | ')}`);
    }
    await waitFor(() => editor.visibleRanges.some(r => r.contains(new vscode.Position(para.line, 0))), { message: `line ${para.line} scrolled into view` });
  });

  it('side-by-side mode opens every block next to its paragraph and restores them after', async () => {
    await hook({ type: 'test.clickAction', action: 'side-by-side' });
    let s = await waitFor(async () => { const st = (await hook())?.state; return st?.sideBySide && st.openEnglish === st.englishBlocks ? st : undefined; }, { message: 'side by side' });
    assert.strictEqual(s.englishBlocks, post.english.length);
    await hook({ type: 'test.clickAction', action: 'side-by-side' });
    s = await waitFor(async () => { const st = (await hook())?.state; return st && !st.sideBySide && st.openEnglish === 0 ? st : undefined; }, { message: 'back to normal' });
    assert.strictEqual(s.openEnglish, 0);
  });

  it('follows the active editor to another post', async () => {
    const other = await openPost(OTHER, { viewColumn: editor.viewColumn });
    const otherPost = parsePost(other.document.getText());
    const info = await rendered(other.document, `the preview to follow to ${OTHER}`);
    assert.strictEqual(info.state!.englishBlocks, otherPost.english.length);
    assert.ok(otherPost.english.some(e => e.style === 'B'), `${OTHER} has style-B blocks, rendered as details too`);
    // And back.
    await postEditor();
    const back = await rendered(editor.document, 'the preview to follow back');
    assert.strictEqual(back.state!.englishBlocks, post.english.length);
  });

  it('marks the post\'s problems in place: a missing translation shows where the English should be', async () => {
    await postEditor();
    const doc = editor.document;
    const para = pairedParagraph(post, 0.6);
    const block = post.english.find(e => e.line === para.english)!;
    // Delete the English block under a paragraph: the paragraph loses its translation.
    await editor.edit(e => e.delete(new vscode.Range(block.line, 0, block.endLine + 1, 0)));
    await rendered(doc, 'the deletion to show');
    const missing = await waitFor(async () => { const p = await probe('.bp-missing'); return p.count ? p : undefined; }, { message: 'a missing-translation placeholder' });
    assert.deepStrictEqual(missing.lines, [para.line], 'the placeholder belongs to the paragraph');
    assert.deepStrictEqual((await probe('p[data-problem][data-pair="missing"]')).lines, [para.line], 'the paragraph is flagged');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await rendered(doc, 'the reverted text to show');
    assert.strictEqual((await probe('.bp-missing')).count, 0);
  });

  it('shows remote images only when bilingualPosts.preview.allowRemoteImages is on', async () => {
    await postEditor();
    const doc = editor.document;
    const para = pairedParagraph(post, 0.2);
    await editor.edit(e => e.insert(doc.lineAt(para.line).range.end, ' ![远程图](https://example.invalid/a.png)'));
    await rendered(doc, 'the image edit to show');
    assert.strictEqual((await probe('img')).count, 0, 'no <img> by default');
    assert.strictEqual((await probe('.bp-img-blocked', '远程图')).count, 1, 'a placeholder naming it');
    const config = vscode.workspace.getConfiguration('bilingualPosts.preview');
    const rendersBefore = (await hook())!.renders;
    await config.update('allowRemoteImages', true, vscode.ConfigurationTarget.Workspace);
    try {
      // The page is rebuilt with a CSP that allows https images, and rendered again.
      await waitFor(async () => { const i = await hook(); return i && i.renders > rendersBefore && i.state?.version === doc.version; }, { message: 'a new page' });
      await waitFor(async () => (await probe('img')).count === 1, { message: 'the image kept' });
    } finally {
      await config.update('allowRemoteImages', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(async () => (await probe('img')).count === 0, { message: 'the image gone again' });
  });

  it('comes back with its state after the webview is reloaded (hidden and shown again)', async () => {
    await postEditor();
    const target = pairedParagraph(post, 0.4);
    await hook({ type: 'test.click', line: target.english, summary: true });
    await waitFor(async () => (await hook())?.state?.openEnglish === 1, { message: 'one block open' });
    const rendersBefore = (await hook())!.renders;
    // Showing the post in the preview's group hides the webview, which VS Code then discards.
    const previewGroup = vscode.window.tabGroups.all.find(g => g.tabs.some(t => t.input instanceof vscode.TabInputWebview))!;
    await vscode.window.showTextDocument(editor.document, { viewColumn: previewGroup.viewColumn, preview: false });
    await vscode.commands.executeCommand('workbench.action.previousEditorInGroup');
    const info = await waitFor(async () => {
      const i = await hook();
      return i && i.renders > rendersBefore && i.state?.openEnglish === 1 && i.state.version === editor.document.version ? i : undefined;
    }, { message: 'the reloaded webview restores the open block', timeout: 20000 });
    assert.deepStrictEqual((await probe('details[data-english][open]')).lines, [target.english]);
    assert.strictEqual(info.state!.englishBlocks, post.english.length);
  });
});
