// The status bar item for the active post: translation coverage and problem count; a click goes to the next gap.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { statusText, summarizePost, type PostSummary } from '../core';
import { linterOf, type LintResult } from './diagnostics';
import { NEXT_MISSING_COMMAND } from './navigation';
import type { Services } from './services';

export const STATUS_ITEM_ID = 'bilingualPosts.coverage';

function tooltip(s: PostSummary, result: LintResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const lines: string[] = [];
  if (s.mode === 'chinese-only') lines.push(l10n.t('**Chinese-only post** (中文): no English blocks, so none are expected.'));
  else if (s.mode === 'off') lines.push(l10n.t('Translation checks are off (`bilingualPosts.translationMode` is "never").'));
  else {
    lines.push(s.mode === 'section' ? l10n.t`**${s.translated} of ${s.total}** sections have their English original.` : l10n.t`**${s.translated} of ${s.total}** Chinese paragraphs have their English original.`);
    if (s.missing) lines.push(l10n.t`${s.missing} missing: click (or Ctrl+F8) to go to the next one.`);
  }
  const parts = [s.errors && (s.errors === 1 ? l10n.t('1 error') : l10n.t`${s.errors} errors`), s.warnings && (s.warnings === 1 ? l10n.t('1 warning') : l10n.t`${s.warnings} warnings`), s.others && l10n.t`${s.others} info`].filter(Boolean);
  lines.push(s.problems ? l10n.t`Problems: ${parts.join(', ')}.` : l10n.t('No problems.'));
  if (result.config.translationMode !== 'auto') lines.push(l10n.t`Translation mode: ${result.config.translationMode}.`);
  md.appendMarkdown(lines.join('\n\n'));
  return md;
}

export function registerStatusBar(services: Services): vscode.Disposable {
  const linter = linterOf(services);
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = l10n.t('Bilingual Posts: Translation Coverage');

  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const result = editor && linter.latest(editor.document.uri);
    if (!editor || !result) { item.hide(); return; }
    const s = summarizePost(result.plan, result.diagnostics);
    const icon = s.errors ? '$(error)' : s.missing ? '$(warning)' : '$(globe)';
    item.text = `${icon} ${statusText(s)}`;
    item.tooltip = tooltip(s, result);
    item.accessibilityInformation = { label: l10n.t`Translation ${statusText(s)}`, role: 'button' };
    item.command = s.missing
      ? { command: NEXT_MISSING_COMMAND, title: l10n.t('Go to Next Missing Translation') }
      : { command: 'workbench.actions.view.problems', title: l10n.t('Show Problems') };
    item.show();
  };

  update();
  return vscode.Disposable.from(item,
    vscode.window.onDidChangeActiveTextEditor(update),
    linter.onDidLint(uri => { if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) update(); }),
  );
}
