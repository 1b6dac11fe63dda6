// Folding ranges, the fold-all-English toggle and the outline's coverage symbols, through VS Code's own commands.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parsePost, postOutline, sectionDetail, type OutlineSection } from '../../src/core';
import { activateExtension, closeAllEditors, openPost, waitFor } from './helpers';

const foldingRangesOf = (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
const symbolsOf = (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);

/** Whether a (0-based) line is on screen, i.e. inside the viewport and not hidden in a fold. */
function shown(editor: vscode.TextEditor, line: number): boolean {
  return editor.visibleRanges.some(r => r.start.line <= line && line <= r.end.line);
}

/**
 * Unfolds everything (VS Code restores a file's folds when it is opened again), puts the cursor on `top` so the
 * editor keeps that part in view, and waits until lines top..until are on screen.
 */
async function onScreen(editor: vscode.TextEditor, top: number, until: number): Promise<void> {
  await vscode.commands.executeCommand('editor.unfoldAll');
  editor.selection = new vscode.Selection(top, 0, top, 0);
  await waitFor(() => {
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    return shown(editor, top) && shown(editor, until);
  }, { message: `lines ${top + 1}-${until + 1} on screen` });
}

describe('folding', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('gives every English block of a real post a Region range and the front matter a range, as the editor merges them', async () => {
    const editor = await openPost('000-ai-circular-economy.md');
    const post = parsePost(editor.document.getText());
    const heading = post.blocks.find(b => b.kind === 'heading')!;
    // Both providers: ours, and the Markdown extension's (which starts later) for the headings.
    const ranges = await waitFor(async () => {
      const r = await foldingRangesOf(editor.document.uri);
      return r && r.some(x => x.start === post.english[0].line) && r.some(x => x.start === heading.line) ? r : undefined;
    }, { timeout: 20000, message: 'folding ranges with the English blocks and the headings' });
    for (const e of post.english) {
      const r = ranges.find(x => x.start === e.line);
      assert.ok(r, `a range starts at the block on line ${e.line + 1}`);
      assert.strictEqual(r.end, e.endLine, `it ends at </details> (line ${e.endLine + 1})`);
      assert.strictEqual(r.kind, vscode.FoldingRangeKind.Region);
    }
    assert.ok(ranges.some(r => r.start === 0 && r.end === 49), 'the front matter folds');
    // The Markdown extension's heading ranges are still there, around the blocks.
    assert.ok(ranges.some(r => r.start === heading.line && r.end > post.english[0].endLine), 'heading sections still fold');
  });

  it('a style-B block folds as one range, blank lines included', async () => {
    const editor = await openPost('-0zpuizDulg.md');
    const post = parsePost(editor.document.getText());
    const b = post.english.find(e => e.style === 'B' && e.endLine - e.line >= 4)!;
    await waitFor(async () => (await foldingRangesOf(editor.document.uri))?.some(r => r.start === b.line && r.end === b.endLine),
      { message: `one range for the style-B block at line ${b.line + 1}` });
  });

  it('Toggle Folding of English Blocks hides the English and shows it again', async function () {
    this.timeout(60000);
    const editor = await openPost('000-ai-circular-economy.md');
    const post = parsePost(editor.document.getText());
    const [first, second] = post.english;
    await onScreen(editor, first.line - 2, first.line + 1);
    // The editor computes its folding model after opening: fold (idempotent) until it has taken effect.
    await waitFor(async () => {
      const r = await vscode.commands.executeCommand<{ folded: boolean; blocks: number }>('bilingual.toggleEnglishFolding', { fold: true });
      assert.deepStrictEqual(r, { folded: true, blocks: post.english.length });
      return !shown(editor, first.line + 1);
    }, { message: 'the first block folded' });
    assert.ok(shown(editor, first.line), 'the <details> line stays visible');
    await waitFor(() => !shown(editor, second.line + 1) && shown(editor, second.line), { message: 'the second block folded too' });
    const zh = post.blocks.find(b => b.kind === 'text' && b.line > first.endLine)!;
    assert.ok(shown(editor, zh.line), 'the Chinese paragraph after the block stays visible');
    // Without arguments the command reads the folded blocks on screen and unfolds them, then folds again.
    const r1 = await vscode.commands.executeCommand<{ folded: boolean }>('bilingual.toggleEnglishFolding');
    assert.strictEqual(r1.folded, false);
    await waitFor(() => shown(editor, first.line + 1) && shown(editor, first.line + 2), { message: 'the first block unfolded' });
    const r2 = await vscode.commands.executeCommand<{ folded: boolean }>('bilingual.toggleEnglishFolding');
    assert.strictEqual(r2.folded, true);
    await waitFor(() => !shown(editor, first.line + 1), { message: 'folded again' });
  });

  it('"Fold All Regions" folds exactly the English blocks (their ranges are of kind Region), headings stay open', async function () {
    this.timeout(60000);
    const editor = await openPost('000-ai-circular-economy.md');
    const post = parsePost(editor.document.getText());
    const first = post.english[0];
    const heading = post.blocks.find(b => b.kind === 'heading')!;
    await waitFor(async () => (await foldingRangesOf(editor.document.uri))?.some(r => r.start === first.line));
    await onScreen(editor, heading.line, first.line + 1);
    await waitFor(async () => {
      await vscode.commands.executeCommand('editor.foldAllMarkerRegions');
      return !shown(editor, first.line + 1);
    }, { message: 'the first English block folded' });
    assert.ok(shown(editor, heading.line) && shown(editor, heading.line + 2), 'the heading and the Chinese paragraph under it stay visible');
    await vscode.commands.executeCommand('editor.unfoldAllMarkerRegions');
    await waitFor(() => shown(editor, first.line + 1), { message: 'unfolded again' });
  });

  it('Toggle Folding in a post without English blocks says so and folds nothing', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const r = await vscode.commands.executeCommand<{ folded: boolean; blocks: number }>('bilingual.toggleEnglishFolding');
    assert.deepStrictEqual(r, { folded: false, blocks: 0 });
    await waitFor(() => editor.visibleRanges.length === 1, { message: 'one unbroken visible range: nothing folded' });
  });
});

describe('outline', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  const flat = (ss: OutlineSection[]): OutlineSection[] => ss.flatMap(s => [s, ...flat(s.children)]);

  it('lists the headings with their coverage, and the paragraphs that need English, beside the Markdown headings', async () => {
    const editor = await openPost('LHjUSZnjQFk.md');
    const doc = editor.document;
    const outline = postOutline(parsePost(doc.getText()), 'auto');
    const all = await waitFor(async () => {
      const s = await symbolsOf(doc.uri);
      return s && s.some(x => /^EN \d+\/\d+$/.test(x.detail)) && s.some(x => x.name.startsWith('#')) ? s : undefined;
    }, { timeout: 20000, message: 'coverage symbols and the Markdown extension\'s "## heading" symbols' });
    const ours = all.filter(s => /^EN \d+\/\d+$/.test(s.detail) || s.name === '(before the first heading)');
    assert.deepStrictEqual(ours.map(s => [s.name, s.detail]), outline.sections.map(s => [s.heading ?? '(before the first heading)', sectionDetail(outline.mode, s)]));
    const needs = ours.flatMap(function walk(s: vscode.DocumentSymbol): vscode.DocumentSymbol[] {
      return [...s.children.filter(c => c.detail === 'needs English'), ...s.children.flatMap(walk)];
    });
    const missing = flat(outline.sections).flatMap(s => s.missing);
    assert.strictEqual(needs.length, missing.length);
    assert.ok(missing.length > 0, 'this real post has untranslated paragraphs');
    assert.deepStrictEqual(needs.map(s => s.range.start.line).sort((a, b) => a - b), missing.map(m => m.line).sort((a, b) => a - b));
    assert.ok(needs.every(s => s.kind === vscode.SymbolKind.Event));
    // VS Code's Markdown headings come alongside (the Outline shows both groups).
    const others = all.filter(s => !ours.includes(s));
    assert.ok(others.length > 0, `the built-in Markdown symbols are there too (${others.length})`);
  });

  it('adds nothing to a Chinese-only post, where the Markdown headings say it all', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const all = await waitFor(async () => { const s = await symbolsOf(editor.document.uri); return s && s.length ? s : undefined; });
    assert.ok(all.every(s => !/^EN /.test(s.detail ?? '')), all.map(s => `${s.name}: ${s.detail}`).join(' | '));
  });
});
