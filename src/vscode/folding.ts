// Folding: a range per English block and for the front matter, and a command that folds or unfolds all English blocks.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { foldingRanges, type Post } from '../core';
import { isMarkdown, type Services } from './services';

export const TOGGLE_FOLDING_COMMAND = 'bilingual.toggleEnglishFolding';

/** Multi-line English blocks as [first line, last line]: the ones a fold can hide. */
function englishBlocks(post: Post): { line: number; endLine: number }[] {
  return post.english.filter(e => e.endLine > e.line).map(e => ({ line: e.line, endLine: e.endLine }));
}

/**
 * Whether the English blocks in view are folded: a folded block's first line ends a visible range and the range
 * after it starts below the block. Undefined when no block is in view (the editor does not expose fold state).
 */
function foldedInView(editor: vscode.TextEditor, blocks: { line: number; endLine: number }[]): boolean | undefined {
  const ranges = editor.visibleRanges;
  let folded = 0, open = 0;
  for (const b of blocks) {
    const i = ranges.findIndex(r => r.start.line <= b.line && b.line <= r.end.line);
    if (i < 0) continue;
    const r = ranges[i];
    if (b.line < r.end.line) open++;
    else if (i + 1 < ranges.length && ranges[i + 1].start.line > b.endLine) folded++;
  }
  if (open) return false;
  return folded ? true : undefined;
}

export function registerFolding(services: Services): vscode.Disposable {
  /** What the command last did per document, for when no block is in view. */
  const lastFolded = new Map<string, boolean>();
  const provider: vscode.FoldingRangeProvider = {
    provideFoldingRanges(doc) {
      if (!isMarkdown(doc)) return [];
      return foldingRanges(services.posts.get(doc)).map(r =>
        new vscode.FoldingRange(r.start, r.end, r.kind === 'english' ? vscode.FoldingRangeKind.Region : undefined));
    },
  };
  const toggle = async (arg?: unknown): Promise<{ folded: boolean; blocks: number } | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isMarkdown(editor.document)) {
      void vscode.window.showWarningMessage(l10n.t('Bilingual Posts: open a Markdown post in the editor first.'));
      return undefined;
    }
    const key = editor.document.uri.toString();
    const blocks = englishBlocks(services.posts.get(editor.document));
    if (!blocks.length) {
      void vscode.window.showInformationMessage(l10n.t('This post has no multi-line English blocks to fold.'));
      return { folded: false, blocks: 0 };
    }
    // An explicit { fold: true|false } wins; otherwise the blocks in view say what to do, then the last toggle.
    const asked = arg && typeof arg === 'object' && typeof (arg as { fold?: unknown }).fold === 'boolean' ? (arg as { fold: boolean }).fold : undefined;
    const folded = foldedInView(editor, blocks) ?? lastFolded.get(key) ?? false;
    const fold = asked ?? !folded;
    await vscode.commands.executeCommand(fold ? 'editor.fold' : 'editor.unfold', { levels: 1, selectionLines: blocks.map(b => b.line) });
    lastFolded.set(key, fold);
    return { folded: fold, blocks: blocks.length };
  };
  return vscode.Disposable.from(
    vscode.languages.registerFoldingRangeProvider({ language: 'markdown' }, provider),
    vscode.commands.registerCommand(TOGGLE_FOLDING_COMMAND, toggle),
    vscode.workspace.onDidCloseTextDocument(d => lastFolded.delete(d.uri.toString())),
  );
}
