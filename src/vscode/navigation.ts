// "Go to Next/Previous Missing Translation": moves the cursor between Chinese paragraphs that lack their English.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { nextGap, previousGap, translationPlan } from '../core';
import { linterOf, type Linter } from './diagnostics';
import { isMarkdown, type Services } from './services';

export const NEXT_MISSING_COMMAND = 'bilingual.nextMissingTranslation';
export const PREVIOUS_MISSING_COMMAND = 'bilingual.previousMissingTranslation';

/** Where the command moved the cursor (0-based line), for callers and tests; undefined when it did not move. */
export interface MoveResult { line: number; character: number; index: number; of: number; wrapped: boolean }

function go(services: Services, linter: Linter, forward: boolean): MoveResult | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isMarkdown(editor.document)) return undefined;
  const doc = editor.document;
  // The linter's plan when it is current; otherwise parse now (cached per version), since the cursor is about to move.
  const plan = linter.current(doc)?.plan ?? translationPlan(services.posts.get(doc), services.config.forUri(doc.uri).translationMode);
  if (!plan.missing.length) {
    const why = plan.mode === 'chinese-only' ? 'this post is Chinese-only' : plan.mode === 'off' ? 'translation checks are off' : 'every paragraph has its English';
    vscode.window.setStatusBarMessage(`$(check) No missing translations: ${why}.`, 4000);
    return undefined;
  }
  const offset = doc.offsetAt(editor.selection.active);
  const hit = forward ? nextGap(plan.missing, offset) : previousGap(plan.missing, offset);
  if (!hit) return undefined;
  const pos = doc.positionAt(hit.gap.start);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, doc.positionAt(hit.gap.end)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const where = l10n.t`Missing translation ${hit.index + 1} of ${plan.missing.length}`;
  vscode.window.setStatusBarMessage(hit.wrapped ? l10n.t`${where} (wrapped around)` : where, 3000);
  return { line: pos.line, character: pos.character, index: hit.index, of: plan.missing.length, wrapped: hit.wrapped };
}

export function registerNavigation(services: Services): vscode.Disposable {
  const linter = linterOf(services);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(NEXT_MISSING_COMMAND, () => go(services, linter, true)),
    vscode.commands.registerCommand(PREVIOUS_MISSING_COMMAND, () => go(services, linter, false)),
  );
}
