// Go to Next/Previous Missing Translation and the workspace report, in the real editor on real posts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openPost, waitFor } from './helpers';
import { waitForOurs } from './lintHelpers';

interface MoveResult { line: number; character: number; index: number; of: number; wrapped: boolean }
interface ReportEntry {
  uri: string; path: string; title?: string; coverage: string; total: number; translated: number; missing: number;
  errors: number; warnings: number; problems: number; focus?: { line: number; character: number };
}

const next = () => vscode.commands.executeCommand<MoveResult | undefined>('bilingual.nextMissingTranslation');
const previous = () => vscode.commands.executeCommand<MoveResult | undefined>('bilingual.previousMissingTranslation');

describe('navigation', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('next/previous missing translation move the cursor to each Chinese paragraph without English, and wrap', async () => {
    const editor = await openPost('LHjUSZnjQFk.md');
    const doc = editor.document;
    // Where to go, from what the diagnostics say (independent of the navigation code).
    const lines = (await waitForOurs(doc.uri, ds => ds.filter(d => d.code === 'missing-translation').length === 19))
      .filter(d => d.code === 'missing-translation').map(d => d.range.start.line);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    for (let i = 0; i < lines.length; i++) {
      const r = await next();
      assert.deepStrictEqual([r?.index, r?.wrapped], [i, false]);
      assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [lines[i], 0]);
      assert.ok(editor.selection.isEmpty);
    }
    assert.strictEqual((await next())?.wrapped, true);
    assert.strictEqual(editor.selection.active.line, lines[0]);
    assert.strictEqual((await previous())?.wrapped, true);
    assert.strictEqual(editor.selection.active.line, lines[lines.length - 1]);
    await previous();
    assert.strictEqual(editor.selection.active.line, lines[lines.length - 2]);
    // The target is scrolled into view.
    await waitFor(() => editor.visibleRanges.some(r => r.contains(editor.selection.active)), { message: 'the cursor scrolled into view' });
  });

  it('from the middle of a paragraph, previous goes to the gap before it', async () => {
    const editor = await openPost('LHjUSZnjQFk.md');
    const lines = (await waitForOurs(editor.document.uri, ds => ds.filter(d => d.code === 'missing-translation').length === 19))
      .filter(d => d.code === 'missing-translation').map(d => d.range.start.line);
    editor.selection = new vscode.Selection(lines[3], 10, lines[3], 10);
    await previous();
    assert.strictEqual(editor.selection.active.line, lines[2]);
    await next();
    assert.strictEqual(editor.selection.active.line, lines[3]);
  });

  it('does not move in a complete post or a Chinese-only post', async () => {
    for (const name of ['0kVjjV0U35Y.md', '002-chinese-only.md']) {
      const editor = await openPost(name);
      editor.selection = new vscode.Selection(5, 2, 5, 2);
      assert.strictEqual(await next(), undefined, name);
      assert.strictEqual(await previous(), undefined, name);
      assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [5, 2], name);
    }
  });

  it('contributes the commands with keybindings in Markdown editors', async () => {
    const ext = vscode.extensions.getExtension('bilingual-posts.bilingual-posts')!;
    const pkg = ext.packageJSON as { contributes: { keybindings: { command: string; key: string; when?: string }[] } };
    const keys = pkg.contributes.keybindings.filter(k => k.command.startsWith('bilingual.') && /MissingTranslation$/.test(k.command));
    assert.deepStrictEqual(keys.map(k => [k.command, k.key]).sort(), [['bilingual.nextMissingTranslation', 'ctrl+f8'], ['bilingual.previousMissingTranslation', 'ctrl+shift+f8']]);
    for (const k of keys) assert.match(k.when ?? '', /editorLangId == markdown/);
    const all = await vscode.commands.getCommands(true);
    for (const c of ['bilingual.nextMissingTranslation', 'bilingual.previousMissingTranslation', 'bilingual.fixAll', 'bilingual.showWorkspaceReport']) assert.ok(all.includes(c), c);
  });
});

describe('workspace report', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('lists every post with coverage and problem counts, worst first', async () => {
    const entries = await vscode.commands.executeCommand<ReportEntry[]>('bilingual.showWorkspaceReport');
    const byName = new Map(entries.map(e => [e.path.split('/').pop()!, e]));
    for (const n of ['003-michael-burry.md', '000-ai-circular-economy.md', '001-silicon-valley-101.md', 'LHjUSZnjQFk.md', 'SC2eSujzrUY.md', '0kVjjV0U35Y.md']) assert.ok(byName.has(n), n);
    assert.deepStrictEqual(
      (({ coverage, errors, warnings, missing, problems }) => ({ coverage, errors, warnings, missing, problems }))(byName.get('003-michael-burry.md')!),
      { coverage: 'EN 72/72', errors: 3, warnings: 0, missing: 0, problems: 3 });
    assert.strictEqual(byName.get('001-silicon-valley-101.md')!.coverage, 'Chinese-only');
    assert.strictEqual(byName.get('LHjUSZnjQFk.md')!.coverage, 'EN 264/283');
    assert.strictEqual(byName.get('LHjUSZnjQFk.md')!.missing, 19);
    assert.strictEqual(byName.get('0kVjjV0U35Y.md')!.problems, 0);
    // Errors first, then the least translated.
    const firstClean = entries.findIndex(e => e.errors === 0);
    assert.ok(firstClean > 0 && entries.slice(firstClean).every(e => e.errors === 0), entries.map(e => `${e.path} ${e.errors}`).join(', '));
    const ratio = (e: ReportEntry) => (e.total ? e.translated / e.total : 1);
    for (let i = firstClean + 1; i < entries.length; i++) assert.ok(ratio(entries[i]) >= ratio(entries[i - 1]), entries[i].path);
    assert.strictEqual(entries[entries.length - 1].problems, 0);
  });

  it('opens a post at its worst problem', async () => {
    const entries = await vscode.commands.executeCommand<ReportEntry[]>('bilingual.showWorkspaceReport');
    const e = entries.find(x => x.path.endsWith('LHjUSZnjQFk.md'))!;
    assert.ok(e.focus);
    await vscode.commands.executeCommand('bilingual.openReportItem', e.uri, e.focus.line, e.focus.character);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), e.uri);
    assert.strictEqual(editor.selection.active.line, e.focus.line);
    // The post has errors (malformed blocks) as well as gaps: the report takes the author to the first error.
    const ds = await waitForOurs(editor.document.uri, d => d.length > 0);
    const firstError = ds.find(d => d.severity === vscode.DiagnosticSeverity.Error)!;
    assert.strictEqual(e.focus.line, firstError.range.start.line);
  });

  it('follows edits of an open post', async () => {
    await vscode.commands.executeCommand('bilingual.showWorkspaceReport');
    const editor = await openPost('003-michael-burry.md');
    const doc = editor.document;
    await waitForOurs(doc.uri, d => d.length === 3);
    await vscode.commands.executeCommand('bilingual.fixAll');
    await waitForOurs(doc.uri, d => d.length === 0);
    const entry = async () => (await vscode.commands.executeCommand<ReportEntry[]>('bilingual.showWorkspaceReport')).find(x => x.path.endsWith('003-michael-burry.md'))!;
    await waitFor(async () => (await entry()).problems === 0, { message: 'the report row of 003 to show no problems' });
  });
});
